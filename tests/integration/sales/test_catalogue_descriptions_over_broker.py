"""A product's description travels from the registry's product snapshots on the real broker
to the shop's public catalogue: Thai in `description`, English kept beside it."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

from aiokafka import AIOKafkaProducer
from pydantic import BaseModel

from shared.contracts.registry import (
    ProductCategory,
    ProductListed,
    ProductStatus,
    ProductUpdated,
)
from shared.messaging.outbox import envelope_for
from shared.service.runtime import runtime_of
from tests.conftest import eventually
from tests.integration.sales.conftest import client_of, running_sales
from tests.integration.sales.stocking import approve_and_stock

STORY_TH = "ผ้าไหมมัดหมี่ทอมือลายโบราณของแม่คำปุ่น ย้อมสีธรรมชาติจากเปลือกไม้\nทอผืนละสามสัปดาห์"
STORY_EN = "Hand-woven mudmee silk in an old pattern, dyed with bark."


def _listed(product_id: uuid.UUID, member_id: uuid.UUID, **described: Any) -> dict[str, Any]:
    return {
        "product_id": product_id,
        "member_id": member_id,
        "sku": f"SK-DS-{product_id.hex[:6]}",
        "name_th": "ผ้าไหมมัดหมี่",
        "name_en": "Mudmee silk",
        "category": ProductCategory.TEXTILES_AND_CLOTHING,
        "unit": "ผืน",
        "price": Decimal("1250.00"),
        "certifications": [],
        "status": ProductStatus.LISTED,
        "province_code": "40",
        **described,
    }


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


async def test_the_public_catalogue_shows_the_description_a_product_event_brought(
    sales_dsn, servers, topics
):
    member_id, product_id = uuid.uuid4(), uuid.uuid4()
    bootstrap = servers.bootstrap_servers
    async with running_sales(sales_dsn, servers, consume=True) as app:
        await approve_and_stock(app, product_id, member_id, 5)
        await _send(
            bootstrap,
            product_id,
            ProductListed(**_listed(product_id, member_id, version=1, description_th=STORY_TH)),
        )
        async with client_of(app) as public:

            async def described(text: str, english: str | None) -> dict[str, Any] | None:
                page = (await public.get("/v1/public/shop/catalogue")).json()
                found = [p for p in page["items"] if p["product_id"] == str(product_id)]
                if not found or found[0]["description"] != text:
                    return None
                async with runtime_of(app).pool.acquire() as conn:
                    kept = await conn.fetchval(
                        "SELECT description_en FROM catalogue_products WHERE product_id = $1",
                        product_id,
                    )
                return found[0] if kept == english else None

            item = await eventually(lambda: described(STORY_TH, None), timeout=90)
            assert item["name_th"] == "ผ้าไหมมัดหมี่" and item["available"] is True

            # The producer adds the English story, then an older snapshot comes again late.
            await _send(
                bootstrap,
                product_id,
                ProductUpdated(
                    **_listed(
                        product_id,
                        member_id,
                        version=2,
                        description_th=STORY_TH,
                        description_en=STORY_EN,
                    ),
                    changed_fields=["description_en"],
                ),
            )
            await eventually(lambda: described(STORY_TH, STORY_EN), timeout=60)
            late = await _send(
                bootstrap,
                product_id,
                ProductListed(**_listed(product_id, member_id, version=1, description_th="เก่า")),
            )

            async def handled() -> bool:
                async with runtime_of(app).pool.acquire() as conn:
                    found = await conn.fetchval("SELECT 1 FROM inbox WHERE event_id = $1", late)
                return found == 1

            await eventually(handled, timeout=60)
            one = await public.get(f"/v1/public/shop/products/{product_id}")

    assert one.status_code == 200, one.text
    assert one.json()["description"] == STORY_TH
