"""Consignment settlements to the satang; reports whose totals add up."""

from __future__ import annotations

import asyncio
import random
import uuid
from collections import defaultdict
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from shared.service.runtime import runtime_of
from shared.timeutil import BANGKOK, now_bangkok
from tests.integration.sales.tills import (
    Till,
    assert_problem,
    count,
    list_product,
    register_terminal,
    sale_body,
)

COMMISSION = Decimal("0.15")


def last_month() -> tuple[date, date]:
    first_of_this = now_bangkok().date().replace(day=1)
    end = first_of_this - timedelta(days=1)
    return end.replace(day=1), end


def at(day: date, hour: int = 11) -> datetime:
    return datetime.combine(day, time(hour, 30), tzinfo=BANGKOK)


def commission_of(net: Decimal) -> Decimal:
    return (net * COMMISSION).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


async def _catalogue(sales_app) -> dict[str, tuple[str, uuid.UUID]]:
    producers = [uuid.uuid4() for _ in range(3)]
    prices = {
        "SK-M1": ("85.50", producers[0]),
        "SK-M2": ("19.99", producers[0]),
        "SK-M3": ("1250.00", producers[1]),
        "SK-M4": ("333.33", producers[1]),
        "SK-M5": ("7.25", producers[2]),
        "SK-M6": ("149.00", producers[2]),
    }
    for sku, (price, producer) in prices.items():
        await list_product(sales_app, sku, price, producer)
    return prices


def _random_sale(rng: random.Random, prices, day: date) -> dict:
    skus = rng.sample(sorted(prices), rng.randint(1, 4))
    lines = [(sku, rng.randint(1, 7), prices[sku][0]) for sku in skus]
    subtotal = sum(Decimal(p) * q for _, q, p in lines)
    discount = Decimal(rng.randint(0, int(subtotal * 20))) / 100  # up to 20 %
    total = subtotal - discount
    payments = [("cash", str(total + rng.choice([0, 0, 5, 100])))]
    if rng.random() < 0.4 and total > 1:
        card = (total / 2).quantize(Decimal("0.01"))
        payments = [("card", str(card)), ("cash", str(total - card))]
    return sale_body(
        lines, payments, discount=str(discount), occurred_at=at(day, rng.randint(8, 17))
    )


async def test_a_months_settlement_pays_each_producer_sales_minus_refunds_minus_commission(
    sales_app, staff
):
    rng = random.Random(20261121)
    prices = await _catalogue(sales_app)
    start, end = last_month()
    days = [start + timedelta(days=i) for i in range((end - start).days + 1)]
    sales = [_random_sale(rng, prices, rng.choice(days)) for _ in range(150)]
    expected: dict[str, Decimal] = defaultdict(Decimal)
    async with Till(sales_app, await register_terminal(staff)) as till:
        results = (await till.batch(sales)).json()["results"]
        assert {r["status"] for r in results} == {201}, [r["problem"] for r in results][:3]
        receipts = [r["sale"] for r in results]
        for receipt in receipts:
            for line in receipt["lines"]:
                expected[line["producer_id"]] += Decimal(line["net_amount"])
        for receipt in rng.sample(receipts, 25):
            line = rng.choice(receipt["lines"])
            response = await till.refund(
                receipt["sale_id"], [(line["line_no"], rng.randint(1, line["quantity"]))]
            )
            assert response.status_code == 201, response.text
            for refunded in response.json()["lines"]:
                expected[refunded["producer_id"]] -= Decimal(refunded["amount"])
        run = await staff.post(
            "/v1/settlements",
            json={"period_start": start.isoformat(), "period_end": end.isoformat()},
        )
        assert run.status_code == 200, run.text
        issued = {s["producer_id"]: s for s in run.json()["issued"]}
        assert set(issued) == set(expected)
        for producer, net in expected.items():
            s = issued[producer]
            assert Decimal(s["net_sales"]) == net
            assert Decimal(s["gross_sales"]) - Decimal(s["refunds"]) == net
            assert s["commission_percent"] == "15.00"
            assert Decimal(s["commission"]) == commission_of(net)
            assert Decimal(s["net_payout"]) == net - commission_of(net)
            assert s["corrects"] is None
        assert sum(s["sale_count"] for s in issued.values()) >= len(sales)
        published = "SELECT count(*) FROM outbox WHERE event_type = 'settlement.issued'"
        assert await count(sales_app, published) == 3

        # Issued once: running the period again pays nothing twice.
        again = await staff.post(
            "/v1/settlements",
            json={"period_start": start.isoformat(), "period_end": end.isoformat()},
        )
        assert again.json() == {"issued": []}

        # A backlog sale and a refund that arrive late go into a correction.
        late = sale_body([("SK-M3", 2, "1250.00")], [("card", "2500.00")], occurred_at=at(end))
        assert (await till.batch([late])).json()["results"][0]["status"] == 201
        refunded = await till.refund(receipts[0]["sale_id"], [(1, 1)])
        correction_run = await staff.post(
            "/v1/settlements",
            json={"period_start": start.isoformat(), "period_end": end.isoformat()},
        )
    corrections = correction_run.json()["issued"]
    m3_producer = str(prices["SK-M3"][1])
    by_producer = {c["producer_id"]: c for c in corrections}
    assert by_producer[m3_producer]["corrects"] == issued[m3_producer]["settlement_id"]
    refund_producer = receipts[0]["lines"][0]["producer_id"]
    late_refund = Decimal(refunded.json()["total"]) if refunded.status_code == 201 else 0
    for producer, correction in by_producer.items():
        assert correction["corrects"] == issued[producer]["settlement_id"]
        new_sales = Decimal("2500.00") if producer == m3_producer else Decimal(0)
        taken = late_refund if producer == refund_producer else Decimal(0)
        assert Decimal(correction["gross_sales"]) == new_sales
        assert Decimal(correction["refunds"]) == taken
    listed = (await staff.get("/v1/settlements", params={"producer_id": m3_producer})).json()
    assert len(listed["items"]) == 2
    # Every sale line and refund line of the period was paid out exactly once.
    assert (
        await count(sales_app, "SELECT count(*) FROM sale_lines WHERE settlement_id IS NULL") == 0
    )
    unpaid = "SELECT count(*) FROM refund_lines WHERE settlement_id IS NULL"
    assert await count(sales_app, unpaid) == 0


async def test_a_period_is_settled_only_once_it_is_over(staff):
    today = now_bangkok().date()
    response = await staff.post(
        "/v1/settlements",
        json={"period_start": (today - timedelta(days=3)).isoformat(), "period_end": str(today)},
    )
    assert_problem(response, 422, "once it is over")
    backwards = await staff.post(
        "/v1/settlements", json={"period_start": "2026-10-31", "period_end": "2026-10-01"}
    )
    assert_problem(backwards, 422, "after")


async def test_revenue_reports_add_up_to_sales_minus_refunds(sales_app, staff):
    prices = await _catalogue(sales_app)
    today = now_bangkok().date()
    async with Till(sales_app, await register_terminal(staff)) as till:
        await till.open_shift()
        kept = await till.sell(
            sale_body([("SK-M1", 2, "85.50"), ("SK-M3", 1, "1250.00")], [("cash", "1500.00")])
        )
        voided = await till.sell(sale_body([("SK-M5", 4, "7.25")], [("cash", "29.00")]))
        await till.client.post(f"/v1/sales/{voided.json()['sale_id']}/void", json={})
        yesterday = sale_body(
            [("SK-M6", 1, "149.00")],
            [("promptpay", "149.00")],
            occurred_at=at(today - timedelta(days=1)),
        )
        await till.batch([yesterday])
        await till.refund(kept.json()["sale_id"], [(1, 1)])
    reports = {}
    for by in ("producer", "product", "event", "day"):
        response = await staff.get(
            "/v1/reports/revenue",
            params={"by": by, "from": str(today - timedelta(days=1)), "to": str(today)},
        )
        assert response.status_code == 200, response.text
        reports[by] = response.json()
    expected_net = Decimal("171.00") + Decimal("1250.00") + Decimal("149.00") - Decimal("85.50")
    for by, report in reports.items():
        assert Decimal(report["total_net_sales"]) == expected_net, by
        assert sum(Decimal(r["net_sales"]) for r in report["rows"]) == expected_net, by
        assert report["total_refunds"] == "85.50"
    by_producer = {r["key"]: r for r in reports["producer"]["rows"]}
    assert by_producer[str(prices["SK-M5"][1])]["net_sales"] == "149.00"  # the void: nothing
    assert by_producer[str(prices["SK-M1"][1])]["net_sales"] == "85.50"
    assert [r["key"] for r in reports["event"]["rows"]] == [None]
    assert [r["key"] for r in reports["day"]["rows"]] == [
        str(today - timedelta(days=1)),
        str(today),
    ]
    product_rows = {r["sku"]: r for r in reports["product"]["rows"]}
    assert product_rows["SK-M1"]["quantity_sold"] == 2
    assert product_rows["SK-M1"]["quantity_refunded"] == 1
    assert "SK-M5" not in product_rows


async def test_settlement_runs_racing_pay_each_line_once(sales_app, staff):
    start, end = last_month()
    rng = random.Random(5)
    prices = await _catalogue(sales_app)
    sales = [_random_sale(rng, prices, start + timedelta(days=i % 20)) for i in range(30)]
    async with Till(sales_app, await register_terminal(staff)) as till:
        assert (await till.batch(sales)).json()["recorded"] == 30
    period = {"period_start": start.isoformat(), "period_end": end.isoformat()}
    runs = await asyncio.gather(*(staff.post("/v1/settlements", json=period) for _ in range(4)))
    issued = [s for run in runs for s in run.json()["issued"]]
    assert len(issued) == 3
    assert len({s["producer_id"] for s in issued}) == 3
    gross = sum(Decimal(s["gross_sales"]) for s in issued)
    async with runtime_of(sales_app).pool.acquire() as conn:
        stored = await conn.fetchval("SELECT sum(net_satang) FROM sale_lines")
    assert gross == Decimal(stored) / 100
