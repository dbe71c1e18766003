"""Settlements over random sales, refunds, late uploads and overlapping periods: every sale
line and refund line in a settled period is paid exactly once, and every statement's
figures are the sum of the lines it paid, to the satang."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shared.service.runtime import runtime_of
from shared.timeutil import BANGKOK, now_bangkok
from tests.integration.sales.tills import Till, list_product, register_terminal, sale_body

WINDOW = 40  # days back from yesterday in which sales and periods fall

sale_plans = st.lists(
    st.tuples(
        st.integers(0, WINDOW - 1),  # days before yesterday
        st.lists(st.tuples(st.integers(0, 3), st.integers(1, 5)), min_size=1, max_size=3),
        st.integers(0, 30),  # discount, percent of the subtotal
        st.booleans(),  # refund one unit of its first line later
    ),
    min_size=1,
    max_size=12,
)
periods = st.lists(
    st.tuples(st.integers(0, WINDOW - 1), st.integers(0, WINDOW - 1)), min_size=1, max_size=3
)
prices = st.lists(st.integers(1, 200_000), min_size=4, max_size=4)


def _day(back: int) -> date:
    return now_bangkok().date() - timedelta(days=1 + back)


def _sale(plan, skus: list[tuple[str, int]]) -> dict:  # type: ignore[no-untyped-def]
    back, picks, discount_percent, _ = plan
    lines = [(skus[i][0], q, str(Decimal(skus[i][1]) / 100)) for i, q in picks]
    subtotal = sum(skus[i][1] * q for i, q in picks)
    discount = subtotal * discount_percent // 100
    total = subtotal - discount
    return sale_body(
        lines,
        [("cash", str(Decimal(total + 100) / 100))],
        discount=str(Decimal(discount) / 100),
        occurred_at=datetime.combine(_day(back), time(12), tzinfo=BANGKOK),
    )


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(early=sale_plans, late=sale_plans, runs=periods, cents=prices)
async def test_every_line_of_a_settled_period_is_paid_exactly_once(
    sales_app, staff, early, late, runs, cents
):
    producers = [uuid.uuid4(), uuid.uuid4()]
    tag = uuid.uuid4().hex[:8]
    skus = [(f"SK-P{tag}-{i}", price) for i, price in enumerate(cents)]
    for i, (sku, price) in enumerate(skus):
        await list_product(sales_app, sku, str(Decimal(price) / 100), producers[i % 2])
    bodies = [
        {"period_start": str(min(_day(a), _day(b))), "period_end": str(max(_day(a), _day(b)))}
        for a, b in runs
    ]
    async with Till(sales_app, await register_terminal(staff)) as till:

        async def upload(plans) -> None:  # type: ignore[no-untyped-def]
            sales = [_sale(p, skus) for p in plans]
            assert (await till.batch(sales)).json()["recorded"] == len(sales)
            for plan, sale in zip(plans, sales, strict=True):
                if plan[3]:
                    refunded = await till.refund(sale["sale_id"], [(1, 1)])
                    assert refunded.status_code == 201, refunded.text

        await upload(early)
        for body in bodies:
            assert (await staff.post("/v1/settlements", json=body)).status_code == 200
        await upload(late)  # late uploads and refunds: corrections, never paid twice
        for body in bodies + bodies:
            assert (await staff.post("/v1/settlements", json=body)).status_code == 200

    settled_days = {
        date.fromordinal(d)
        for b in bodies
        for d in range(
            date.fromisoformat(b["period_start"]).toordinal(),
            date.fromisoformat(b["period_end"]).toordinal() + 1,
        )
    }
    async with runtime_of(sales_app).pool.acquire() as conn:
        lines = await conn.fetch(
            "SELECT l.net_satang, l.settlement_id, s.business_day FROM sale_lines l "
            "JOIN sales s USING (sale_id) WHERE l.producer_id = ANY($1::uuid[])",
            producers,
        )
        refund_lines = await conn.fetch(
            "SELECT rl.amount_satang, rl.settlement_id, r.sale_business_day FROM refund_lines rl "
            "JOIN refunds r USING (refund_id) WHERE rl.producer_id = ANY($1::uuid[])",
            producers,
        )
        statements = await conn.fetch(
            "SELECT * FROM settlements WHERE producer_id = ANY($1::uuid[])", producers
        )
    for row in lines:
        assert (row["settlement_id"] is not None) == (row["business_day"] in settled_days)
    for row in refund_lines:
        assert (row["settlement_id"] is not None) == (row["sale_business_day"] in settled_days)
    for s in statements:
        paid = [r["net_satang"] for r in lines if r["settlement_id"] == s["settlement_id"]]
        taken = [
            r["amount_satang"] for r in refund_lines if r["settlement_id"] == s["settlement_id"]
        ]
        assert s["gross_satang"] == sum(paid) and s["refunds_satang"] == sum(taken)
        commission = Decimal(s["net_satang"]) * Decimal("0.15")
        assert s["commission_satang"] == int(commission.quantize(Decimal(1), ROUND_HALF_UP))
        assert s["payout_satang"] == s["net_satang"] - s["commission_satang"]
    assert sum(s["gross_satang"] for s in statements) == sum(
        r["net_satang"] for r in lines if r["business_day"] in settled_days
    )
