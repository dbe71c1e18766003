"""A delivery of a product never stocked before, racing a till's sale of it: the two take
turns over the product's stock row (made when the shop approved the product), so the sale
takes its units from the lot the delivery brought and the lots add up to what is on hand."""

from __future__ import annotations

import asyncio
import uuid
from datetime import date, timedelta
from typing import Any

import asyncpg
import httpx
from fastapi import FastAPI

from shared.service.runtime import runtime_of
from shared.timeutil import now_bangkok
from tests.integration.sales.tills import Till, count, list_product, register_terminal, sale_body

WAITING = """
SELECT count(*) FROM pg_stat_activity
WHERE datname = current_database() AND wait_event_type = 'Lock'
"""
# The lot code the delivery brings, taken first by an open transaction of the test's own, so
# the delivery stops (its stock row made and held, its lot not yet in) until the test lets go.
LOT_FIRST = """
INSERT INTO stock_lots (lot_id, product_id, producer_id, lot_code, received_at)
VALUES ($1, $2, $3, $4, now())
"""


async def _waiting_for_locks(app: FastAPI, at_least: int) -> None:
    """Bounded polling until `at_least` statements wait for a lock."""
    for _ in range(300):
        if await count(app, WAITING) >= at_least:
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"fewer than {at_least} statements ever waited for a lock")


def _delivery(pid: uuid.UUID, producer: uuid.UUID, lot_code: str) -> dict[str, Any]:
    return {
        "note_id": str(uuid.uuid4()),
        "producer_id": str(producer),
        "delivered_by": "นางสมศรี ใจดี",
        "lines": [
            {
                "product_id": str(pid),
                "quantity": 5,
                "lot_code": lot_code,
                "best_before": str(date.today() + timedelta(days=90)),
            }
        ],
    }


async def test_a_sale_racing_the_first_delivery_of_a_product_takes_its_units_from_the_lot(
    sales_app: FastAPI, staff: httpx.AsyncClient, producer: uuid.UUID
) -> None:
    product = await list_product(sales_app, "SK-RACE-1", "40.00", producer, stock=None)
    pid = product.product_id
    proposed = await staff.post("/v1/shop/assortment", json={"product_id": str(pid)})
    assert proposed.status_code == 201, proposed.text
    approved = await staff.post(f"/v1/shop/assortment/{pid}/approve", json={})
    assert approved.status_code == 200, approved.text
    pool = runtime_of(sales_app).pool
    async with Till(sales_app, await register_terminal(staff)) as till:
        blocker: asyncpg.Connection = await pool.acquire()
        try:
            held = blocker.transaction()
            await held.start()
            await blocker.execute(LOT_FIRST, uuid.uuid4(), pid, producer, "L-RACE")
            intake = asyncio.create_task(
                staff.post("/v1/shop/consignments", json=_delivery(pid, producer, "L-RACE"))
            )
            await _waiting_for_locks(sales_app, 1)
            # A sale made an hour ago, uploaded now: accepted whatever the stock says.
            sale = sale_body(
                [("SK-RACE-1", 2, "40.00")],
                [("cash", "80.00")],
                occurred_at=now_bangkok() - timedelta(hours=1),
            )
            selling = asyncio.create_task(till.batch([sale]))
            await _waiting_for_locks(sales_app, 2)
            await held.rollback()
        finally:
            await pool.release(blocker)
        delivered, sold = await asyncio.gather(intake, selling)
    assert delivered.status_code == 201, delivered.text
    assert sold.status_code == 200 and sold.json()["recorded"] == 1, sold.text

    lot_of_sale = await count(
        sales_app,
        "SELECT count(*) FROM stock_movements WHERE product_id = $1 AND kind = 'sale' "
        "AND lot_id = (SELECT lot_id FROM stock_lots WHERE product_id = $1 AND lot_code = $2)",
        pid,
        "L-RACE",
    )
    assert lot_of_sale == 1, "the sale took its units from no lot while the lot held them"
    on_hand = await count(sales_app, "SELECT on_hand FROM stock_on_hand WHERE product_id = $1", pid)
    in_lots = await count(
        sales_app, "SELECT sum(on_hand)::int FROM stock_lots WHERE product_id = $1", pid
    )
    assert on_hand == in_lots == 3
    flagged = await count(
        sales_app, "SELECT needs_count::int FROM stock_on_hand WHERE product_id = $1", pid
    )
    assert flagged == 0, "a sale the delivery covered is not flagged for a count"
    checked = await staff.get("/v1/shop/stock/check")
    assert checked.status_code == 200 and checked.json()["ok"], checked.text
