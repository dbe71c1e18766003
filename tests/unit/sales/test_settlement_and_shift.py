"""Statements and shift cash in whole satang."""

from __future__ import annotations

import uuid
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from services.sales.domain.allocation import percent_of
from services.sales.domain.settlement import statement
from services.sales.domain.shifts import ShiftTakings, count_cash, net_of_change
from shared.contracts.sales import PaymentMethod

nets = st.lists(st.integers(min_value=0, max_value=5_000_000), max_size=60)
percents = st.decimals(min_value=0, max_value=100, places=2)


@given(nets, st.lists(st.integers(min_value=0, max_value=100_000), max_size=10), percents)
def test_a_statement_pays_net_sales_minus_commission_exactly(sold, refunds, percent):
    sale_ids = [uuid.uuid4() for _ in sold]
    s = statement(uuid.uuid4(), list(zip(sale_ids, sold, strict=True)), refunds, percent)
    assert s.gross == sum(sold)
    assert s.refunds == sum(refunds)
    assert s.net == sum(sold) - sum(refunds)
    assert s.payout + s.commission == s.net
    exact = Decimal(s.net) * percent / 100
    assert abs(Decimal(s.commission) - exact) <= Decimal("0.5")
    assert s.commission == percent_of(s.net, percent)
    assert s.sale_count == len(set(sale_ids))


def test_lines_of_one_sale_count_as_one_sale():
    sale = uuid.uuid4()
    s = statement(uuid.uuid4(), [(sale, 100), (sale, 200)], [], Decimal("10"))
    assert s.sale_count == 1
    assert (s.gross, s.commission, s.payout) == (300, 30, 270)


def test_expected_cash_is_float_plus_cash_minus_change_minus_cash_refunds():
    takings = ShiftTakings(
        opening_float=200000,
        cash_tendered=150000,
        change_given=3550,
        sales_by_method={PaymentMethod.CASH: 146450, PaymentMethod.CARD: 90000},
        refunds_by_method={PaymentMethod.CASH: 8550, PaymentMethod.CARD: 1000},
    )
    assert takings.expected_cash == 200000 + 150000 - 3550 - 8550
    count = count_cash(takings, 337000)
    assert count.variance == 337000 - takings.expected_cash == -900


def test_cash_sales_are_kept_net_of_the_change_given():
    tendered = {PaymentMethod.CASH: 50000, PaymentMethod.PROMPTPAY: 12000}
    assert net_of_change(tendered, 7000) == {
        PaymentMethod.CASH: 43000,
        PaymentMethod.PROMPTPAY: 12000,
    }
    assert net_of_change({PaymentMethod.PROMPTPAY: 12000}, 0) == {PaymentMethod.PROMPTPAY: 12000}
