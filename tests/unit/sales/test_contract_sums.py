"""A producer's day or settlement period can sum past the largest single amount."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from decimal import Decimal

from shared.contracts.sales import DailySummary, SettlementIssued

BIG = "25000000.00"  # two and a half times the largest single amount


def test_a_daily_summary_carries_a_day_that_sums_past_the_largest_amount():
    summary = DailySummary(
        producer_id=uuid.uuid4(),
        business_day=date(2026, 11, 21),
        sale_count=3,
        items_sold=3,
        gross_sales=BIG,
        refunds="0.00",
        net_sales=BIG,
        products=[],
        generated_at=datetime(2026, 11, 22, tzinfo=UTC),
    )
    assert summary.gross_sales == Decimal(BIG)


def test_a_settlement_carries_a_period_that_sums_past_the_largest_amount():
    settlement = SettlementIssued(
        settlement_id=uuid.uuid4(),
        producer_id=uuid.uuid4(),
        period_start=date(2026, 11, 1),
        period_end=date(2026, 11, 30),
        sale_count=3,
        gross_sales=BIG,
        refunds="1.00",
        net_sales="24999999.00",
        commission_percent=Decimal("15.00"),
        commission="3749999.85",
        net_payout="21249999.15",
        issued_at=datetime(2026, 12, 1, tzinfo=UTC),
    )
    assert settlement.model_dump(mode="json")["gross_sales"] == BIG
