"""Recording sales over HTTP: attribution, exactly-once by sale_id, bad input refused."""

from __future__ import annotations

import asyncio
import random
import uuid
from datetime import datetime, timedelta

from shared.contracts.registry import ProductStatus
from shared.timeutil import now_bangkok
from tests.integration.sales.tills import (
    Till,
    assert_problem,
    count,
    list_product,
    publish_event,
    register_terminal,
    sale_body,
)


async def _shop_till(sales_app, staff) -> Till:
    till = Till(sales_app, await register_terminal(staff))
    await till.open_shift()
    return till


async def test_a_sale_is_recorded_and_each_line_attributed_to_its_producer(
    sales_app, staff, producer
):
    other = uuid.uuid4()
    fish = await list_product(sales_app, "SK-FISH", "85.50", producer)
    silk = await list_product(sales_app, "SK-SILK", "1250.00", other)
    async with await _shop_till(sales_app, staff) as till:
        body = sale_body(
            [("SK-FISH", 3, "85.50"), ("SK-SILK", 1, "1250.00")],
            [("card", "1000.00"), ("cash", "600.00")],
            discount="100.00",
        )
        response = await till.sell(body)
    assert response.status_code == 201, response.text
    sale = response.json()
    assert sale["subtotal"] == "1506.50"
    assert sale["total"] == "1406.50"
    assert sale["change_given"] == "193.50"
    assert sale["location"] == "shop" and sale["event_id"] is None
    assert sale["shift_id"] is not None
    assert [line["producer_id"] for line in sale["lines"]] == [str(producer), str(other)]
    assert [line["product_id"] for line in sale["lines"]] == [
        str(fish.product_id),
        str(silk.product_id),
    ]
    # 100 baht shared 256.50 : 1250 → 17.03 + 82.97 (largest remainder), nets sum to the total.
    assert [line["discount"] for line in sale["lines"]] == ["17.03", "82.97"]
    assert [line["net_amount"] for line in sale["lines"]] == ["239.47", "1167.03"]
    events = await count(
        sales_app,
        "SELECT count(*) FROM outbox WHERE event_type = 'sale.recorded' AND message_key = $1",
        body["sale_id"],
    )
    assert events == 1


async def test_a_retried_sale_is_counted_once(sales_app, staff):
    await list_product(sales_app, "SK-RETRY", "40.00")
    async with await _shop_till(sales_app, staff) as till:
        body = sale_body([("SK-RETRY", 2, "40.00")], [("cash", "100.00")])
        first = await till.sell(body)
        again = await till.sell(body)
        # The same sale with amounts written differently is still the same sale.
        same = dict(body, discount="0")
        third = await till.sell(same)
    assert first.status_code == 201
    assert again.status_code == 200 and third.status_code == 200
    assert again.json() == first.json() == third.json()
    assert await count(sales_app, "SELECT count(*) FROM sales") == 1
    assert await count(sales_app, "SELECT count(*) FROM outbox") == 1


async def test_a_reused_sale_id_with_a_different_body_is_a_conflict(sales_app, staff):
    await list_product(sales_app, "SK-ONE", "40.00")
    async with await _shop_till(sales_app, staff) as till:
        body = sale_body([("SK-ONE", 1, "40.00")], [("cash", "40.00")])
        assert (await till.sell(body)).status_code == 201
        changed = dict(body, lines=[{"sku": "SK-ONE", "quantity": 2, "unit_price": "40.00"}])
        changed["payments"] = [{"method": "cash", "amount": "80.00"}]
        response = await till.sell(changed)
    assert_problem(response, 409, "different body")
    assert await count(sales_app, "SELECT sum(quantity) FROM sale_lines") == 1


async def test_racing_retries_of_one_sale_record_it_exactly_once(sales_app, staff):
    await list_product(sales_app, "SK-RACE", "10.00")
    async with await _shop_till(sales_app, staff) as till:
        body = sale_body([("SK-RACE", 1, "10.00")], [("cash", "10.00")])
        responses = await asyncio.gather(*(till.sell(body) for _ in range(12)))
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [200] * 11 + [201], [r.text for r in responses if r.status_code >= 300]
    assert all(r.json() == responses[0].json() for r in responses)
    assert await count(sales_app, "SELECT count(*) FROM sales") == 1
    assert await count(sales_app, "SELECT count(*) FROM sale_lines") == 1
    assert await count(sales_app, "SELECT count(*) FROM outbox") == 1


async def test_bad_sales_are_refused_clearly_and_store_nothing(sales_app, staff):
    await list_product(sales_app, "SK-OK", "85.50")
    await list_product(sales_app, "SK-GONE", "20.00", status=ProductStatus.DELISTED)
    cases = [
        (sale_body([("SK-NOPE", 1, "85.50")], [("cash", "85.50")]), 422, "not a product"),
        (sale_body([("SK-GONE", 1, "20.00")], [("cash", "20.00")]), 422, "delisted"),
        (sale_body([("SK-OK", 1, "80.00")], [("cash", "85.50")]), 422, "listed price"),
        (sale_body([("SK-OK", 2, "85.50")], [("cash", "100.00")]), 422, "do not cover"),
        (sale_body([("SK-OK", 1, "85.50")], [("card", "90.00")]), 422, "only cash"),
        (sale_body([("SK-OK", -1, "85.50")], [("cash", "85.50")]), 422, "quantity"),
        (sale_body([("SK-OK", 1, "85.505")], [("cash", "85.50")]), 422, "2 decimals"),
        (sale_body([("SK-OK", 1, "85.50")], [("cash", "85.50")], discount="-1"), 422, ""),
        (
            sale_body(
                [("SK-OK", 1, "85.50")],
                [("cash", "85.50")],
                occurred_at=now_bangkok() + timedelta(hours=1),
            ),
            422,
            "future",
        ),
        (
            dict(
                sale_body([("SK-OK", 1, "85.50")], [("cash", "85.50")]),
                occurred_at=datetime(2026, 11, 21, 10, 0).isoformat(),
            ),
            422,
            "timezone",
        ),
        (
            sale_body([("SK-OK", 1, "85.50")], [("cash", "85.50")], event_id=str(uuid.uuid4())),
            403,
            "shop terminal",
        ),
        (
            dict(
                sale_body([("SK-OK", 1, "85.50")], [("cash", "85.50")]),
                payments=[{"method": "cash", "amount": 85.5}],
            ),
            422,
            "decimal string",
        ),
    ]
    async with await _shop_till(sales_app, staff) as till:
        for body, status, fragment in cases:
            assert_problem(await till.sell(body), status, fragment)
    assert await count(sales_app, "SELECT count(*) FROM sales") == 0
    assert await count(sales_app, "SELECT count(*) FROM outbox") == 0


async def test_a_booth_terminal_sells_for_its_event_and_not_for_another(sales_app, staff):
    event_id, other_event = uuid.uuid4(), uuid.uuid4()
    await publish_event(sales_app, event_id)
    await publish_event(sales_app, other_event)
    await list_product(sales_app, "SK-BOOTH", "150.00")
    async with Till(sales_app, await register_terminal(staff, "booth", event_id)) as till:
        await till.open_shift()
        own = await till.sell(sale_body([("SK-BOOTH", 1, "150.00")], [("promptpay", "150.00")]))
        named = await till.sell(
            sale_body([("SK-BOOTH", 1, "150.00")], [("cash", "150.00")], event_id=str(event_id))
        )
        foreign = await till.sell(
            sale_body([("SK-BOOTH", 1, "150.00")], [("cash", "150.00")], event_id=str(other_event))
        )
    assert own.status_code == 201 and own.json()["event_id"] == str(event_id)
    assert own.json()["location"] == "booth"
    assert named.status_code == 201
    assert_problem(foreign, 403, str(other_event))
    assert await count(sales_app, "SELECT count(*) FROM sales") == 2


async def test_a_live_sale_needs_an_open_shift(sales_app, staff):
    await list_product(sales_app, "SK-NOSHIFT", "10.00")
    async with Till(sales_app, await register_terminal(staff)) as till:
        response = await till.sell(sale_body([("SK-NOSHIFT", 1, "10.00")], [("cash", "10.00")]))
    assert_problem(response, 409, "open a shift")
    assert await count(sales_app, "SELECT count(*) FROM sales") == 0


async def test_promptpay_qr_payload_for_an_amount(sales_app, staff):
    async with Till(sales_app, await register_terminal(staff)) as till:
        response = await till.client.post("/v1/promptpay/qr", json={"amount": "4.22"})
        bad = await till.client.post("/v1/promptpay/qr", json={"amount": "4.225"})
        too_large = await till.client.post("/v1/promptpay/qr", json={"amount": "10000000000"})
    assert response.status_code == 200, response.text
    payload = response.json()["payload"]
    assert payload.startswith("000201010212")
    assert "0016A000000677010111" in payload and "5303764" in payload and "54044.22" in payload
    assert_problem(bad, 422)
    assert_problem(too_large, 422, "largest amount the platform takes")


async def test_the_openapi_document_describes_terminal_and_staff_routes(staff):
    spec = (await staff.get("/openapi.json")).json()
    assert {"/v1/sales", "/v1/sales/batch", "/v1/settlements", "/v1/terminals"} <= set(
        spec["paths"]
    )
    assert "TerminalKey" in spec["components"]["securitySchemes"]
    recorded = spec["paths"]["/v1/sales"]["post"]["responses"]["201"]
    assert "SaleRecorded" in str(recorded)


async def test_concurrent_sales_of_the_same_producers_in_any_line_order_are_all_recorded(
    sales_app, staff
):
    producers = [uuid.uuid4() for _ in range(8)]
    for n, producer_id in enumerate(producers):
        await list_product(sales_app, f"SK-MIX-{n}", "10.00", producer_id)
    rng = random.Random(7)
    bodies = []
    for _ in range(60):
        chosen = rng.sample(range(8), rng.randint(2, 8))
        lines = [(f"SK-MIX-{n}", 1, "10.00") for n in chosen]
        bodies.append(sale_body(lines, [("cash", f"{10 * len(chosen)}.00")]))
    async with await _shop_till(sales_app, staff) as till:
        answers = await asyncio.gather(*(till.sell(body) for body in bodies))
    assert [a.status_code for a in answers] == [201] * 60, [
        a.text for a in answers if a.status_code != 201
    ]
    assert await count(sales_app, "SELECT count(*) FROM sales") == 60
