"""A budget covers what its expenses spent and its grants hold; an event's dates hold its
agenda."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

import pytest

from services.events.domain.agenda import check_agenda_within, check_budget_covers
from shared.errors import Conflict
from shared.timeutil import BANGKOK


def test_a_budget_equal_to_what_was_spent_is_allowed() -> None:
    check_budget_covers(Decimal("600.50"), Decimal("600.50"), Decimal(0))


def test_a_budget_one_satang_below_the_expenses_is_refused_in_thai_first() -> None:
    with pytest.raises(Conflict) as refused:
        check_budget_covers(Decimal("600.49"), Decimal("600.50"), Decimal(0))
    assert refused.value.detail.startswith("ลดงบประมาณต่ำกว่าที่ใช้ไปแล้ว 600.50 บาท")


def test_removing_the_budget_of_an_event_with_grants_is_refused() -> None:
    with pytest.raises(Conflict, match="grants"):
        check_budget_covers(None, Decimal(0), Decimal("50000.00"))


def test_an_event_that_spent_nothing_may_drop_its_budget() -> None:
    check_budget_covers(None, Decimal(0), Decimal(0))


def test_new_dates_must_hold_every_session_of_the_agenda() -> None:
    day = datetime(2027, 3, 15, 9, tzinfo=BANGKOK)
    span = (day, day + timedelta(days=1, hours=8))
    check_agenda_within(span, day, day + timedelta(days=1, hours=8))
    check_agenda_within(None, day, day + timedelta(hours=1))
    with pytest.raises(Conflict, match="move or remove"):
        check_agenda_within(span, day, day + timedelta(hours=8))
