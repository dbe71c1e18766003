"""The whole story over the real broker, as a new user would try it: products registered in
the registry become sellable here through Kafka; a terminal created through the API sells
them; retries and batches never double-count; the shift closes with the right cash; last
month's settlement pays each producer exactly its sales minus refunds and commission."""

from __future__ import annotations

import asyncio
import uuid
from collections import defaultdict
from collections.abc import AsyncIterator
from datetime import datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

import httpx
import pytest
from aiokafka import AIOKafkaProducer

from devstack.demo.consignment import load_demo_consignment
from devstack.demo.sales import load_demo_sales
from services import topology
from services.registry.app import create_app as create_registry
from shared.contracts.events import (
    CapacityUnit,
    Eligibility,
    EventKind,
    EventPublished,
    EventStatus,
)
from shared.messaging.dead_letters import DeadLetter, list_dead_letters
from shared.messaging.outbox import envelope_for
from shared.timeutil import BANGKOK, now_bangkok
from tests.conftest import ADMIN_TOKEN, eventually, provision
from tests.integration.registry.conftest import registry_settings
from tests.integration.registry.helpers import list_product, register_active
from tests.integration.sales.conftest import client_of, running_sales
from tests.integration.sales.stocking import approve_and_stock
from tests.integration.sales.tills import Till, assert_problem, count, sale_body
from tests.kafka_probe import KafkaProbe, event_of_type

REGISTRY_MIGRATIONS = topology.REGISTRY.migrations
SALES_MIGRATIONS = topology.SALES.migrations


@pytest.fixture
async def stack(database, servers, topics) -> AsyncIterator[tuple[httpx.AsyncClient, object]]:
    registry_dsn = await provision(database, "registry", REGISTRY_MIGRATIONS)
    sales_dsn = await provision(database, "sales", SALES_MIGRATIONS)
    registry_app = create_registry(registry_settings(registry_dsn, servers))
    async with (
        registry_app.router.lifespan_context(registry_app),
        running_sales(sales_dsn, servers, consume=True) as sales_app,
        httpx.AsyncClient(
            transport=httpx.ASGITransport(app=registry_app),
            base_url="http://registry",
            headers={"Authorization": f"Bearer {ADMIN_TOKEN}"},
        ) as registry,
    ):
        yield registry, sales_app


async def _publish_showcase(bootstrap: str, event_id: uuid.UUID) -> None:
    # Under way: a booth sells only on its event's days.
    start = now_bangkok() - timedelta(days=1)
    _, envelope = envelope_for(
        "events",
        str(event_id),
        EventPublished(
            event_id=event_id,
            version=1,
            kind=EventKind.SHOWCASE,
            status=EventStatus.PUBLISHED,
            title_th="2 ทศวรรษ OTOP ภาคใต้",
            host_province_code="90",
            venue_th="ศูนย์ประชุมนานาชาติฉลองสิริราชสมบัติ หาดใหญ่",
            starts_at=start,
            ends_at=start + timedelta(days=5),
            registration_opens_at=start - timedelta(days=30),
            registration_closes_at=start - timedelta(days=2),
            capacity=120,
            capacity_unit=CapacityUnit.BOOTHS,
            eligibility=Eligibility(),
        ),
    )
    await _send(
        bootstrap, "events.showcases.v1", str(event_id), envelope.model_dump_json().encode()
    )


async def _send(bootstrap: str, topic: str, key: str, value: bytes) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, enable_idempotence=False, acks="all")
    await producer.start()
    try:
        await producer.send_and_wait(topic, value, key=key.encode())
    finally:
        await producer.stop()


async def test_terminal_sells_registry_products_once_and_a_month_settles_exactly(stack, servers):
    registry, sales_app = stack
    # A message that is not an event goes to the dead-letter topic; the consumer moves on.
    garbage_key = f"garbage-{uuid.uuid4()}"
    await _send(servers.bootstrap_servers, "registry.products.v1", garbage_key, b"{not json")
    # The registry lists products of two producers; the sales service learns them from Kafka.
    fish_maker = await register_active(registry)
    silk_maker = await register_active(registry, name_th="กลุ่มทอผ้าไหมบ้านหนองบัว")
    fish = await list_product(registry, fish_maker["member_id"], sku="SK-DW-FISH", price="85.50")
    silk = await list_product(
        registry,
        silk_maker["member_id"],
        sku="SK-DW-SILK",
        price="1250.00",
        name_th="ผ้าไหมมัดหมี่",
        category="textiles_and_clothing",
    )
    gone = await list_product(registry, silk_maker["member_id"], sku="SK-DW-GONE", price="10.00")
    delisted = await registry.post(f"/v1/products/{gone['product_id']}/delist", json={})
    assert delisted.status_code == 200, delisted.text

    async def catalogue_caught_up() -> bool:
        listed = await count(
            sales_app,
            "SELECT count(*) FROM catalogue_products WHERE product_id = ANY($1::uuid[]) "
            "AND status = 'listed'",
            [uuid.UUID(p["product_id"]) for p in (fish, silk)],
        )
        gone_delisted = await count(
            sales_app,
            "SELECT count(*) FROM catalogue_products WHERE product_id = ANY($1::uuid[]) "
            "AND status = 'delisted'",
            [uuid.UUID(gone["product_id"])],
        )
        return (listed, gone_delisted) == (2, 1)

    await eventually(catalogue_caught_up, timeout=90)
    # The shop's committee approved the fish crackers and the silk, delivered on consignment.
    for product in (fish, silk):
        await approve_and_stock(
            sales_app, uuid.UUID(product["product_id"]), uuid.UUID(product["member_id"]), 50
        )

    async def garbage_dead_lettered() -> list[DeadLetter]:
        letters = await list_dead_letters(servers.bootstrap_servers, "registry.products.v1")
        return [
            letter
            for letter in letters
            if letter.key == garbage_key and letter.consumer == "sales.registry-products"
        ]

    [letter] = await eventually(garbage_dead_lettered, timeout=30)
    assert "not an event envelope" in letter.error
    event_id = uuid.uuid4()
    await _publish_showcase(servers.bootstrap_servers, event_id)

    async with (
        client_of(sales_app, ADMIN_TOKEN) as staff,
        KafkaProbe(servers.bootstrap_servers, ["sales.transactions.v1"]) as probe,
    ):
        made = await staff.post("/v1/terminals", json={"name": "หน้าร้าน 1", "location": "shop"})
        assert made.status_code == 201, made.text
        async with Till(sales_app, made.json()) as till:
            shift = await till.open_shift("2000.00")
            live = sale_body(
                [("SK-DW-FISH", 3, "85.50"), ("SK-DW-SILK", 1, "1250.00")],
                [("cash", "1500.00")],
                discount="6.50",
            )
            # Sent, lost on the way back, sent again twice at once: one sale.
            responses = await asyncio.gather(*(till.sell(live) for _ in range(3)))
            assert sorted(r.status_code for r in responses) == [200, 200, 201]
            card = sale_body([("SK-DW-SILK", 2, "1250.00")], [("card", "2500.00")])
            assert (await till.sell(card)).status_code == 201
            refused = await till.sell(sale_body([("SK-DW-GONE", 1, "10.00")], [("cash", "10")]))
            assert_problem(refused, 422, "delisted")
            refund = await till.refund(live["sale_id"], [(1, 1)], method="cash")
            assert refund.status_code == 201
            # Last month's backlog, uploaded twice (the first answer was lost).
            start = now_bangkok().date().replace(day=1) - timedelta(days=1)
            start = start.replace(day=1)
            backlog = [
                sale_body(
                    [("SK-DW-FISH", 1 + i % 4, "85.50"), ("SK-DW-SILK", 1, "1250.00")],
                    [("cash", "2000.00")],
                    discount=f"{i}.{i % 10}{i % 7}",
                    occurred_at=datetime.combine(
                        start + timedelta(days=i), time(10 + i % 8), tzinfo=BANGKOK
                    ),
                )
                for i in range(25)
            ]
            first = (await till.batch(backlog)).json()
            second = (await till.batch(backlog)).json()
            assert (first["recorded"], second["replayed"]) == (25, 25)
            receipts = [r["sale"] for r in first["results"]]
            late_refund = await till.refund(receipts[3]["sale_id"], [(2, 1)], method="card")
            assert late_refund.status_code == 201
            closed = await till.client.post(
                f"/v1/shifts/{shift['shift_id']}/close", json={"counted_cash": "2150.00"}
            )
        report = closed.json()
        live_total = Decimal(responses[0].json()["total"])
        cash_refund = Decimal(refund.json()["total"])
        expected_cash = Decimal("2000.00") + live_total - cash_refund
        assert Decimal(report["expected_cash"]) == expected_cash
        assert Decimal(report["variance"]) == Decimal("2150.00") - expected_cash
        assert report["sales_by_method"]["card"] == "2500.00"

        # Every sale is on the topic exactly once.
        recorded = await probe.wait_for(event_of_type("sale.recorded"), count=27, timeout=30)
        await probe.settle(1.0)
        keys = [
            r.key
            for r in probe.received
            if r.json()["event_type"] == "sale.recorded"
            and r.json()["data"]["terminal_id"] == made.json()["terminal_id"]
        ]
        assert len(keys) == len(set(keys)) == len(recorded) == 27

        period_end = now_bangkok().date().replace(day=1) - timedelta(days=1)
        run = await staff.post(
            "/v1/settlements",
            json={"period_start": str(start), "period_end": str(period_end)},
        )
        assert run.status_code == 200, run.text
        owed: dict[str, Decimal] = defaultdict(Decimal)
        for receipt in receipts:
            for line in receipt["lines"]:
                owed[line["producer_id"]] += Decimal(line["net_amount"])
        for line in late_refund.json()["lines"]:
            owed[line["producer_id"]] -= Decimal(line["amount"])
        statements = {s["producer_id"]: s for s in run.json()["issued"]}
        assert set(statements) == {fish_maker["member_id"], silk_maker["member_id"]}
        for producer, net in owed.items():
            commission = (net * Decimal("0.15")).quantize(Decimal("0.01"), ROUND_HALF_UP)
            assert Decimal(statements[producer]["net_sales"]) == net
            assert Decimal(statements[producer]["net_payout"]) == net - commission
            assert statements[producer]["sale_count"] == 25
        assert fish["product_id"] != silk["product_id"]

        # The showcase event arrived through Kafka: a booth terminal sells for it.
        async def event_known() -> bool:
            known = "SELECT count(*) FROM showcase_events WHERE event_id = $1"
            return await count(sales_app, known, event_id) == 1

        await eventually(event_known, timeout=60)
        booth = await staff.post(
            "/v1/terminals",
            json={"name": "บูธ A12", "location": "booth", "event_id": str(event_id)},
        )
        assert booth.status_code == 201, booth.text
        async with Till(sales_app, booth.json()) as booth_till:
            await booth_till.open_shift("500.00")
            sold = await booth_till.sell(
                sale_body([("SK-DW-FISH", 1, "85.50")], [("promptpay", "85.50")])
            )
        assert sold.status_code == 201 and sold.json()["event_id"] == str(event_id)


async def test_demo_data_sells_registry_products_once(stack):
    registry, sales_app = stack
    maker = await register_active(registry)
    for i, price in enumerate(["85.50", "120.00", "45.00"]):
        await list_product(registry, maker["member_id"], sku=f"SK-DEMO-{i}", price=price)
    async with httpx.AsyncClient(
        mounts={
            "http://registry": registry._transport,
            "http://sales": httpx.ASGITransport(app=sales_app),
        }
    ) as client:
        stocked = await load_demo_consignment(
            client, "http://registry", "http://sales", ADMIN_TOKEN
        )
        assert stocked["approved products"] == 3 and stocked["units"] > 0
        loaded = await load_demo_sales(client, "http://registry", "http://sales", ADMIN_TOKEN)
        again = await load_demo_sales(client, "http://registry", "http://sales", ADMIN_TOKEN)
    assert loaded == {"terminals": 1, "sales": 48, "shifts": 1}
    assert again == {"terminals": 0, "sales": 0, "shifts": 0}
    assert await count(sales_app, "SELECT count(*) FROM sales") == 48
    async with sales_app.state.runtime.pool.acquire() as conn:
        report = await conn.fetchval("SELECT report FROM shifts WHERE closed_at IS NOT NULL")
    assert report["variance"] == "0.00"
    assert report["sale_count"] == 8
