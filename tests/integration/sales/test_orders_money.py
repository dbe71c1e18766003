"""A paid online order is one sale of channel online, counted once in the daily summary and
the settlement however often its payment is confirmed; a cancelled paid order is refunded."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from decimal import Decimal

from services.sales.service_layer.commands import IssueSettlements, SettlePeriod
from services.sales.service_layer.handlers.settlements import issue_settlements
from services.sales.service_layer.handlers.summaries import summarise_due
from shared.service.runtime import runtime_of
from shared.timeutil import now_bangkok
from tests.integration.sales.orders_calls import customer, events_of, order_body, place, reserved
from tests.integration.sales.tills import count, list_product


def _tomorrow():
    return now_bangkok() + timedelta(days=1)


async def test_a_paid_order_counts_once_in_the_summary_and_settlement_under_raced_confirmations(
    sales_app, staff, producer
):
    chips = await list_product(sales_app, "SK-PAY1", "45.00", producer, stock=10)
    tea = await list_product(sales_app, "SK-PAY2", "120.00", producer, stock=10)
    async with customer(sales_app) as client:
        placed = await place(
            client,
            order_body([(chips.product_id, 2), (tea.product_id, 1)], fulfilment="post"),
        )
    assert (placed["subtotal"], placed["total"]) == ("210.00", "280.00")
    path = f"/v1/shop/orders/{placed['order_id']}/payment"
    answers = await asyncio.gather(*(staff.post(path, json={"amount": "280.00"}) for _ in range(4)))
    assert {a.status_code for a in answers} == {200}, [a.text for a in answers]
    assert len({a.json()["sale_id"] for a in answers}) == 1
    sale_id = answers[0].json()["sale_id"]
    assert await count(sales_app, "SELECT count(*) FROM sales WHERE sale_id = $1", sale_id) == 1
    [recorded] = await events_of(sales_app, "sale.recorded", sale_id)
    data = recorded["data"]
    assert data["channel"] == "online" and data["location"] == "shop"
    assert data["terminal_id"] is None and data["total"] == "210.00"
    assert [p["method"] for p in data["payments"]] == ["promptpay"]
    assert len(await events_of(sales_app, "order.paid", placed["order_id"])) == 1
    assert await reserved(sales_app, chips.product_id) == (8, 0)
    assert await reserved(sales_app, tea.product_id) == (9, 0)
    moved = "SELECT coalesce(sum(quantity), 0) FROM stock_movements WHERE sale_id = $1"
    assert await count(sales_app, moved, sale_id) == -3

    pool = runtime_of(sales_app).pool
    summaries = await summarise_due(runtime_of(sales_app).unit_of_work(), clock=_tomorrow)
    [mine] = [s for s in summaries if s.producer_id == producer]
    assert (mine.sale_count, mine.items_sold, mine.gross) == (1, 3, 21_000)
    today = now_bangkok().date()
    run = SettlePeriod(
        period=IssueSettlements(period_start=today, period_end=today),
        commission_percent=Decimal("15.00"),
    )
    issued = await issue_settlements(run, runtime_of(sales_app).unit_of_work(), clock=_tomorrow)
    [statement] = [s.statement for s in issued if s.producer_id == producer]
    assert (statement.sale_count, statement.gross, statement.net) == (1, 21_000, 21_000)
    # Confirmed again after all that: nothing more is recorded, nothing more is due.
    again = await staff.post(path, json={"amount": "280.00"})
    assert again.status_code == 200
    assert await count(sales_app, "SELECT count(*) FROM sales WHERE sale_id = $1", sale_id) == 1
    async with pool.acquire() as conn:
        due = await conn.fetchval(
            "SELECT count(*) FROM summary_due WHERE producer_id = $1", producer
        )
    assert due == 0


async def test_cancelling_a_paid_order_refunds_its_sale_and_restocks_its_units(
    sales_app, staff, producer
):
    chips = await list_product(sales_app, "SK-PAY3", "45.00", producer, stock=5)
    async with customer(sales_app) as client:
        placed = await place(client, order_body([(chips.product_id, 2)]))
    order = f"/v1/shop/orders/{placed['order_id']}"
    paid = await staff.post(f"{order}/payment", json={"amount": "90.00"})
    assert paid.status_code == 200, paid.text
    sale_id = paid.json()["sale_id"]
    assert await reserved(sales_app, chips.product_id) == (3, 0)
    cancelled = await staff.post(f"{order}/cancel", json={"reason": "ลูกค้าขอยกเลิก"})
    assert cancelled.status_code == 200, cancelled.text
    assert cancelled.json()["state"] == "cancelled" and cancelled.json()["refund_id"]
    assert await reserved(sales_app, chips.product_id) == (5, 0)
    [refunded] = await events_of(sales_app, "sale.refunded", sale_id)
    assert refunded["data"]["total"] == "90.00" and refunded["data"]["method"] == "promptpay"
    [event] = await events_of(sales_app, "order.cancelled", placed["order_id"])
    assert event["data"]["refunded"] is True
    summaries = await summarise_due(runtime_of(sales_app).unit_of_work(), clock=_tomorrow)
    [mine] = [s for s in summaries if s.producer_id == producer]
    assert (mine.gross, mine.refunds, mine.net) == (9_000, 9_000, 0)
