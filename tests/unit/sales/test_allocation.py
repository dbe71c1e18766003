"""Exact satang arithmetic: discount shares, unit shares of a line, commission rounding."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from services.sales.domain.allocation import largest_remainder, percent_of, unit_share

weights = st.lists(st.integers(min_value=0, max_value=10_000_000), min_size=1, max_size=30)


@given(weights, st.data())
def test_discount_shares_sum_exactly_and_never_exceed_their_line(ws, data):
    total = sum(ws)
    amount = data.draw(st.integers(min_value=0, max_value=total))
    shares = largest_remainder(amount, ws)
    assert sum(shares) == amount
    assert all(0 <= s <= w for s, w in zip(shares, ws, strict=True))
    # Each share is within one satang of its exact proportional value.
    if total:
        assert all(abs(s * total - amount * w) < total for s, w in zip(shares, ws, strict=True))


def test_leftover_satang_go_to_the_largest_remainders_first_line_on_a_tie():
    assert largest_remainder(100, [1, 1, 1]) == [34, 33, 33]
    assert largest_remainder(10, [300, 700]) == [3, 7]
    assert largest_remainder(2, [1, 2, 2]) == [0, 1, 1]


def test_a_discount_over_nothing_is_refused():
    with pytest.raises(ValueError):
        largest_remainder(5, [0, 0])


@given(
    st.integers(min_value=0, max_value=10_000_000),
    st.integers(min_value=1, max_value=50),
    st.data(),
)
def test_refunding_every_unit_in_any_steps_returns_exactly_the_line_net(net, quantity, data):
    taken, refunded = 0, 0
    while taken < quantity:
        count = data.draw(st.integers(min_value=1, max_value=quantity - taken))
        refunded += unit_share(net, quantity, taken, count)
        taken += count
    assert refunded == net


def test_the_last_unit_takes_the_remainder():
    assert unit_share(1000, 3, 0, 1) == 333
    assert unit_share(1000, 3, 1, 1) == 333
    assert unit_share(1000, 3, 2, 1) == 334


def test_more_units_than_are_left_cannot_be_valued():
    with pytest.raises(ValueError):
        unit_share(1000, 3, 2, 2)


def test_commission_rounds_half_up_to_the_satang():
    assert percent_of(1050, Decimal("15")) == 158  # 157.5 → 158
    assert percent_of(1030, Decimal("15")) == 155  # 154.5 → 155
    assert percent_of(1010, Decimal("15")) == 152  # 151.5 → 152
    assert percent_of(1003, Decimal("15")) == 150  # 150.45 → 150
    assert percent_of(-1050, Decimal("15")) == -158  # a negative net: away from zero
    assert percent_of(12345, Decimal("12.50")) == 1543  # 1543.125
