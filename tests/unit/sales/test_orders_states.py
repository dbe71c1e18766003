"""The online order's states, the changes each allows, its number, shipping fees, limits."""

from __future__ import annotations

from datetime import datetime

import pytest

from services.sales.domain.orders import (
    OrderStateConflict,
    allowed_next,
    be_year_of,
    cancellable,
    check_transition,
    is_paid,
    order_number,
)
from services.sales.domain.orders_fees import (
    DEFAULT_SHIPPING,
    MAX_UNPAID_PER_CONTACT,
    OrderLimitReached,
    ShippingTable,
    check_order_size,
    check_unpaid,
)
from shared.contracts.orders import Fulfilment, OrderState
from shared.timeutil import BANGKOK

S = OrderState
ALLOWED = {
    (S.PLACED, S.PAID),
    (S.PLACED, S.CANCELLED),
    (S.PLACED, S.EXPIRED),
    (S.PAID, S.PACKED),
    (S.PAID, S.CANCELLED),
    (S.PACKED, S.PICKED_UP),
    (S.PACKED, S.SHIPPED),
    (S.PACKED, S.CANCELLED),
    (S.PICKED_UP, S.COMPLETED),
    (S.SHIPPED, S.COMPLETED),
}


@pytest.mark.parametrize("current", list(S))
@pytest.mark.parametrize("wanted", list(S))
def test_only_the_documented_changes_of_state_are_allowed(current, wanted):
    if (current, wanted) in ALLOWED:
        check_transition(current, wanted)
    else:
        with pytest.raises(OrderStateConflict) as refused:
            check_transition(current, wanted)
        assert refused.value.extra["state"] == current.value
        assert refused.value.slug == "order-state"


def test_a_pickup_order_is_handed_over_and_never_shipped():
    check_transition(S.PACKED, S.PICKED_UP, Fulfilment.PICKUP)
    with pytest.raises(OrderStateConflict):
        check_transition(S.PACKED, S.SHIPPED, Fulfilment.PICKUP)
    assert allowed_next(S.PACKED, Fulfilment.PICKUP) != allowed_next(S.PACKED, Fulfilment.POST)
    assert S.SHIPPED not in allowed_next(S.PACKED, Fulfilment.PICKUP)


def test_a_post_order_is_shipped_and_never_handed_over():
    check_transition(S.PACKED, S.SHIPPED, Fulfilment.POST)
    with pytest.raises(OrderStateConflict):
        check_transition(S.PACKED, S.PICKED_UP, Fulfilment.POST)


def test_staff_are_never_offered_expiry_which_only_the_clock_does():
    assert S.EXPIRED not in allowed_next(S.PLACED, Fulfilment.POST)


def test_an_order_is_cancellable_until_it_leaves_the_shop():
    assert [s for s in S if cancellable(s)] == [S.PLACED, S.PAID, S.PACKED]


def test_paid_orders_are_those_that_became_sales():
    assert {s for s in S if is_paid(s)} == {S.PAID, S.PACKED, S.PICKED_UP, S.SHIPPED, S.COMPLETED}


def test_order_numbers_run_per_buddhist_era_year():
    assert be_year_of(datetime(2026, 11, 30, 9, 0, tzinfo=BANGKOK)) == 2569
    assert order_number(2569, 1) == "OL-2569-000001"
    assert order_number(2569, 123456) == "OL-2569-123456"
    with pytest.raises(ValueError):
        order_number(2569, 0)


def test_pickup_is_free():
    assert DEFAULT_SHIPPING.fee(Fulfilment.PICKUP, 5, 10_000) == 0


def test_post_costs_the_first_item_and_each_further_item():
    assert DEFAULT_SHIPPING.fee(Fulfilment.POST, 1, 10_000) == 5_000
    assert DEFAULT_SHIPPING.fee(Fulfilment.POST, 3, 10_000) == 7_000


def test_post_is_free_from_the_threshold_of_goods():
    assert DEFAULT_SHIPPING.fee(Fulfilment.POST, 4, 149_999) == 8_000
    assert DEFAULT_SHIPPING.fee(Fulfilment.POST, 4, 150_000) == 0


def test_a_table_without_a_threshold_always_charges():
    table = ShippingTable(first_item=4_000, each_further=0, free_from=None)
    assert table.fee(Fulfilment.POST, 9, 10**9) == 4_000


def test_more_than_ten_units_on_a_line_reaches_the_limit():
    check_order_size([10, 1])
    with pytest.raises(OrderLimitReached) as refused:
        check_order_size([11])
    assert refused.value.extra["limit"] == "units_per_line"


def test_more_than_twenty_lines_reaches_the_limit():
    check_order_size([1] * 20)
    with pytest.raises(OrderLimitReached) as refused:
        check_order_size([1] * 21)
    assert refused.value.extra["limit"] == "lines"


def test_a_contact_with_three_unpaid_orders_cannot_place_a_fourth():
    check_unpaid(MAX_UNPAID_PER_CONTACT - 1)
    with pytest.raises(OrderLimitReached):
        check_unpaid(MAX_UNPAID_PER_CONTACT)
