"""The terminal's catalogue over the real broker: a member and its product registered on the
registry's topics reach the sales service, the catalogue names the producer (names only),
an erasure blanks the names, and a numbered sale carries its receipt number on
sales.transactions.v1."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

from aiokafka import AIOKafkaProducer
from pydantic import BaseModel

from shared.contracts.registry import (
    ERASED_TEXT,
    Contact,
    MemberErased,
    MemberRegistered,
    MemberStatus,
    MemberType,
    ProductCategory,
    ProductListed,
    ProductStatus,
    SiteAddress,
)
from shared.messaging.outbox import envelope_for
from shared.timeutil import BANGKOK
from tests.conftest import ADMIN_TOKEN, eventually
from tests.integration.sales.conftest import client_of, running_sales
from tests.integration.sales.stocking import approve_and_stock
from tests.integration.sales.tills import Till, count, sale_body
from tests.kafka_probe import KafkaProbe, event_of_type

REGISTERED_AT = datetime(2026, 1, 5, 10, 0, tzinfo=BANGKOK)


def _member(member_id: uuid.UUID, version: int, erased: bool = False) -> BaseModel:
    fields: dict[str, Any] = {
        "member_id": member_id,
        "version": version,
        "member_type": MemberType.SINGLE_OWNER,
        "name_th": ERASED_TEXT if erased else "นางคำปุ่น ศรีใส",
        "name_en": None if erased else "Khampun Srisai",
        "community_enterprise": False,
        "status": MemberStatus.ACTIVE,
        "contact": Contact(
            name=ERASED_TEXT if erased else "คำปุ่น ศรีใส",
            phone=None if erased else "0812345678",
        ),
        "site": SiteAddress(
            address_line="" if erased else "12 หมู่ 4",
            subdistrict_code="400101",
            district_code="4001",
            province_code="40",
            postal_code="40000",
            subdistrict_name_th="ในเมือง",
            district_name_th="เมืองขอนแก่น",
            province_name_th="ขอนแก่น",
        ),
        "registered_at": REGISTERED_AT,
    }
    if erased:
        return MemberErased(**fields, erased_at=REGISTERED_AT)
    return MemberRegistered(**fields)


def _product(member_id: uuid.UUID) -> ProductListed:
    return ProductListed(
        product_id=uuid.uuid4(),
        member_id=member_id,
        version=1,
        sku=f"SK-KP-{uuid.uuid4().hex[:6]}",
        name_th="ผ้าไหมมัดหมี่",
        name_en="Mudmee silk",
        category=ProductCategory.TEXTILES_AND_CLOTHING,
        unit="ผืน",
        price=Decimal("1250.00"),
        certifications=[],
        status=ProductStatus.LISTED,
        province_code="40",
    )


async def _send(bootstrap: str, aggregate_id: uuid.UUID, data: BaseModel) -> uuid.UUID:
    """Publish the event as the registry would; its event id."""
    topic, envelope = envelope_for("registry", str(aggregate_id), data)
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, enable_idempotence=False, acks="all")
    await producer.start()
    try:
        await producer.send_and_wait(
            topic, envelope.model_dump_json().encode(), key=str(aggregate_id).encode()
        )
    finally:
        await producer.stop()
    return envelope.event_id


async def test_the_catalogue_names_producers_from_the_registrys_member_events(
    sales_dsn, servers, topics
):
    member_id = uuid.uuid4()
    product = _product(member_id)
    bootstrap = servers.bootstrap_servers
    async with running_sales(sales_dsn, servers, consume=True) as app:
        async with client_of(app, ADMIN_TOKEN) as staff:
            registered = await staff.post(
                "/v1/terminals", json={"name": "หน้าร้าน 1", "location": "shop", "code": "KK01"}
            )
        async with Till(app, registered.json()) as till:
            # The shop sells it (approved and delivered): its terminal lists it once it is known.
            await approve_and_stock(app, product.product_id, member_id, 10)
            await _send(bootstrap, member_id, _member(member_id, 1))
            await _send(bootstrap, product.product_id, product)

            async def named_product() -> dict[str, Any] | None:
                listed = (await till.client.get("/v1/terminal/catalogue")).json()
                found = [p for p in listed["products"] if p["sku"] == product.sku]
                return found[0] if found and found[0]["producer"]["name_th"] else None

            item = await eventually(named_product, timeout=90)
            # The producer's district is known.
            district = await count(
                app, "SELECT count(*) FROM producers WHERE district_code IS NOT NULL"
            )
            assert district == 1
            assert item["producer"] == {
                "member_id": str(member_id),
                "name_th": "นางคำปุ่น ศรีใส",
                "name_en": "Khampun Srisai",
            }
            assert (item["name_th"], item["name_en"], item["category"], item["unit"]) == (
                "ผ้าไหมมัดหมี่",
                "Mudmee silk",
                "textiles_and_clothing",
                "ผืน",
            )
            assert item["price"] == "1250.00" and item["product_id"] == str(product.product_id)
            assert item["available"] == 10
            assert "phone" not in str(item) and "0812345678" not in str(item)
            listed = (await till.client.get("/v1/terminal/catalogue")).json()
            assert {"code": "textiles_and_clothing", "name_th": "ผ้า เครื่องแต่งกาย"}.items() <= (
                listed["categories"][0].items()
            )
            assert listed["as_of"].endswith("+07:00")

            await till.open_shift()
            async with KafkaProbe(bootstrap, ["sales.transactions.v1"]) as probe:
                body = sale_body(
                    [(product.sku, 1, "1250.00")], [("cash", "1300.00")], receipt_no="KK01-000001"
                )
                sold = await till.sell(body)
                assert sold.status_code == 201, sold.text
                [message] = await probe.wait_for(event_of_type("sale.recorded", body["sale_id"]))
            assert message.json()["data"]["receipt_no"] == "KK01-000001"

            # The member's personal data is erased: the names go, and an older snapshot
            # delivered again afterwards does not bring them back.
            await _send(bootstrap, member_id, _member(member_id, 2, erased=True))
            late = await _send(bootstrap, member_id, _member(member_id, 1))

            async def handled() -> bool:
                done = await count(app, "SELECT count(*) FROM inbox WHERE event_id = $1", late)
                return done == 1

            await eventually(handled, timeout=60)
            listed = (await till.client.get("/v1/terminal/catalogue")).json()
            [found] = [p for p in listed["products"] if p["sku"] == product.sku]
            assert found["producer"]["name_th"] == ERASED_TEXT
            assert found["producer"]["name_en"] is None
