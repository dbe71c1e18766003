"""Times and amounts at the edges of what the wire format allows are refused alone, with a
problem document, never with a failure of the whole request."""

from __future__ import annotations

from datetime import timedelta

import pytest

from shared.timeutil import now_bangkok
from tests.integration.sales.tills import (
    Till,
    assert_problem,
    count,
    list_product,
    register_terminal,
    sale_body,
)

OUT_OF_RANGE_TIMES = [
    "0001-01-01T00:00:00+14:00",  # before the first representable UTC instant
    "9999-12-31T23:00:00-12:00",  # after the last one
    "0001-01-01T07:00:00+00:00",  # representable, but no sale was made then
    "1999-12-31T23:59:59+00:00",
]


@pytest.mark.parametrize("occurred_at", OUT_OF_RANGE_TIMES)
async def test_a_sale_timestamped_outside_any_plausible_time_is_refused(
    sales_app, staff, occurred_at
):
    await list_product(sales_app, "SK-T1", "40.00")
    sale = sale_body([("SK-T1", 1, "40.00")], [("cash", "40.00")])
    sale["occurred_at"] = occurred_at
    good = sale_body(
        [("SK-T1", 1, "40.00")], [("cash", "40.00")], occurred_at=now_bangkok() - timedelta(days=1)
    )
    async with Till(sales_app, await register_terminal(staff)) as till:
        await till.open_shift()
        assert_problem(await till.sell(sale), 422, "occurred_at")
        response = await till.batch([good, sale])
    assert response.status_code == 200, response.text
    assert [r["status"] for r in response.json()["results"]] == [201, 422]
    assert await count(sales_app, "SELECT count(*) FROM sales") == 1


async def test_cash_beyond_what_a_sale_can_take_is_refused_alone(sales_app, staff):
    await list_product(sales_app, "SK-T2", "3.50")
    huge = sale_body([("SK-T2", 1, "3.50")], [("cash", "10000000.00")] * 10)
    good = sale_body([("SK-T2", 2, "3.50")], [("cash", "10.00")])
    async with Till(sales_app, await register_terminal(staff)) as till:
        await till.open_shift()
        assert_problem(await till.sell(huge), 422, "more than one sale can take")
        response = await till.batch([good, dict(huge)])
    assert response.status_code == 200, response.text
    assert [r["status"] for r in response.json()["results"]] == [201, 422]
    assert await count(sales_app, "SELECT count(*) FROM sales") == 1
    assert await count(sales_app, "SELECT count(*) FROM outbox") == 1


async def test_a_sku_with_a_nul_character_is_refused_alone_in_a_batch(sales_app, staff):
    await list_product(sales_app, "SK-T3", "5.00")
    good = sale_body([("SK-T3", 1, "5.00")], [("cash", "5.00")])
    bad = sale_body([("SK-T3\u0000", 1, "5.00")], [("cash", "5.00")])
    async with Till(sales_app, await register_terminal(staff)) as till:
        await till.open_shift()
        assert_problem(await till.sell(bad), 422)
        response = await till.batch([good, bad])
    assert response.status_code == 200, response.text
    assert [r["status"] for r in response.json()["results"]] == [201, 422]
    assert await count(sales_app, "SELECT count(*) FROM sales") == 1
