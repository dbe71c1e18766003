"""Offline backlogs: per-sale results, no partial storage, no double counting."""

from __future__ import annotations

import asyncio
import uuid
from datetime import timedelta

from shared.timeutil import now_bangkok
from tests.integration.sales.tills import (
    Till,
    count,
    list_product,
    register_terminal,
    sale_body,
)


async def test_a_batch_with_one_bad_sale_records_the_others(sales_app, staff):
    await list_product(sales_app, "SK-B1", "25.00")
    yesterday = now_bangkok() - timedelta(days=1)
    good = [
        sale_body([("SK-B1", i + 1, "25.00")], [("cash", "500.00")], occurred_at=yesterday)
        for i in range(5)
    ]
    bad_price = sale_body([("SK-B1", 1, "20.00")], [("cash", "20.00")], occurred_at=yesterday)
    bad_shape = dict(good[0], sale_id=str(uuid.uuid4()), lines=[{"sku": "SK-B1", "quantity": 0}])
    sales = [*good[:2], bad_price, *good[2:], bad_shape]
    async with Till(sales_app, await register_terminal(staff)) as till:
        response = await till.batch(sales)
        assert response.status_code == 200, response.text
        body = response.json()
        assert (body["recorded"], body["replayed"], body["refused"]) == (5, 0, 2)
        results = body["results"]
        assert [r["status"] for r in results] == [201, 201, 422, 201, 201, 201, 422]
        assert [r["sale_id"] for r in results] == [s["sale_id"] for s in sales]
        assert "listed price" in results[2]["problem"]["detail"]
        assert results[6]["problem"]["status"] == 422 and results[6]["problem"]["errors"]
        assert all(r["sale"]["shift_id"] is None for r in results if r["status"] == 201)
        # The whole backlog sent again: nothing new, the bad ones still refused.
        again = (await till.batch(sales)).json()
    assert [r["status"] for r in again["results"]] == [200, 200, 422, 200, 200, 200, 422]
    assert await count(sales_app, "SELECT count(*) FROM sales") == 5
    assert await count(sales_app, "SELECT sum(quantity) FROM sale_lines") == 1 + 2 + 3 + 4 + 5
    assert await count(sales_app, "SELECT count(*) FROM outbox") == 5


async def test_a_sale_twice_in_one_batch_counts_once(sales_app, staff):
    await list_product(sales_app, "SK-B2", "10.00")
    sale = sale_body([("SK-B2", 1, "10.00")], [("cash", "10.00")])
    changed = dict(sale, payments=[{"method": "cash", "amount": "20.00"}])
    async with Till(sales_app, await register_terminal(staff)) as till:
        body = (await till.batch([sale, sale, changed])).json()
    assert [r["status"] for r in body["results"]] == [201, 200, 409]
    assert await count(sales_app, "SELECT count(*) FROM sales") == 1


async def test_overlapping_batches_racing_never_double_count(sales_app, staff):
    await list_product(sales_app, "SK-B3", "12.00")
    sales = [sale_body([("SK-B3", 1, "12.00")], [("cash", "12.00")]) for _ in range(60)]
    async with Till(sales_app, await register_terminal(staff)) as till:
        responses = await asyncio.gather(
            till.batch(sales[:40]), till.batch(sales[20:]), till.batch(list(reversed(sales)))
        )
    assert all(r.status_code == 200 for r in responses), [r.text for r in responses]
    statuses = [r["status"] for resp in responses for r in resp.json()["results"]]
    assert statuses.count(201) == 60
    assert set(statuses) <= {200, 201}
    assert await count(sales_app, "SELECT count(*) FROM sales") == 60
    assert await count(sales_app, "SELECT count(*) FROM outbox") == 60


async def test_a_backlog_sale_from_before_the_open_shift_stays_out_of_its_cash(sales_app, staff):
    await list_product(sales_app, "SK-B4", "30.00")
    async with Till(sales_app, await register_terminal(staff)) as till:
        earlier = sale_body(
            [("SK-B4", 1, "30.00")],
            [("cash", "30.00")],
            occurred_at=now_bangkok() - timedelta(hours=3),
        )
        shift = await till.open_shift("100.00")
        during = sale_body([("SK-B4", 2, "30.00")], [("cash", "60.00")])
        results = (await till.batch([earlier, during])).json()["results"]
        report = (await till.client.get("/v1/shifts/current")).json()
    assert results[0]["sale"]["shift_id"] is None
    assert results[1]["sale"]["shift_id"] == shift["shift_id"]
    assert report["expected_cash"] == "160.00"


async def test_a_batch_of_more_than_a_thousand_sales_is_refused(sales_app, staff):
    sale = sale_body([("SK-X", 1, "1.00")], [("cash", "1.00")])
    async with Till(sales_app, await register_terminal(staff)) as till:
        response = await till.batch([sale] * 1001)
    assert response.status_code == 422
    assert await count(sales_app, "SELECT count(*) FROM sales") == 0


async def test_an_entry_that_is_not_a_sale_is_refused_alone(sales_app, staff):
    await list_product(sales_app, "SK-B5", "10.00")
    sale = sale_body([("SK-B5", 1, "10.00")], [("cash", "10.00")])
    async with Till(sales_app, await register_terminal(staff)) as till:
        body = (await till.batch(["not a sale", sale])).json()
    assert [r["status"] for r in body["results"]] == [422, 201]
    assert body["results"][0]["sale_id"] is None
    assert await count(sales_app, "SELECT count(*) FROM sales") == 1


async def test_a_sale_refused_in_a_batch_does_not_block_its_corrected_entry(sales_app, staff):
    await list_product(sales_app, "SK-B9", "30.00")
    wrong = sale_body([("SK-B9", 1, "25.00")], [("cash", "25.00")])
    corrected = dict(wrong, lines=[{"sku": "SK-B9", "quantity": 1, "unit_price": "30.00"}])
    corrected["payments"] = [{"method": "cash", "amount": "30.00"}]
    async with Till(sales_app, await register_terminal(staff)) as till:
        body = (await till.batch([wrong, corrected, wrong, corrected])).json()
    assert [r["status"] for r in body["results"]] == [422, 201, 409, 200]
    assert await count(sales_app, "SELECT count(*) FROM sales") == 1
    assert await count(sales_app, "SELECT sum(total_satang) FROM sales") == 3000
