"""A booth terminal sells only while its showcase event runs, judged by when a sale happened."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

import pytest

from services.sales.domain.booth_window import OutsideEventDays, ShowcaseEvent, check_booth_sale
from shared.timeutil import BANGKOK

SKEW = timedelta(minutes=5)
EVENT = uuid.uuid4()
# A three-day showcase, 21–23 November 2026, 09:00–18:00 each day in Bangkok.
STARTS = datetime(2026, 11, 21, 9, 0, tzinfo=BANGKOK)
ENDS = datetime(2026, 11, 23, 18, 0, tzinfo=BANGKOK)


def showcase(status: str = "published", ended_at: datetime | None = None) -> ShowcaseEvent:
    return ShowcaseEvent(EVENT, status, STARTS, ENDS, ended_at)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=BANGKOK)


@pytest.mark.parametrize(
    "moment",
    [at(21, 0, 0), at(21, 7, 30), at(22, 12), at(23, 23, 59), at(20, 23, 56), at(24, 0, 4)],
)
def test_a_booth_sells_on_every_business_day_of_its_event(moment):
    showcase().check_sale(moment, SKEW)


def test_a_booth_does_not_sell_before_its_event_begins():
    with pytest.raises(OutsideEventDays, match="ยังไม่เริ่ม") as refused:
        showcase().check_sale(at(20, 23, 50), SKEW)
    assert (
        "has not begun" in refused.value.detail
        and "2026-11-21 – 2026-11-23" in refused.value.detail
    )
    with pytest.raises(OutsideEventDays):
        showcase().check_sale(datetime(2026, 8, 1, 10, 0, tzinfo=BANGKOK), SKEW)


def test_a_booth_does_not_sell_after_its_last_day():
    with pytest.raises(OutsideEventDays, match="is over"):
        showcase().check_sale(at(24, 0, 10), SKEW)


def test_a_sale_made_during_the_event_is_accepted_after_it_closed():
    closed = showcase("closed", ended_at=at(23, 19))
    closed.check_sale(at(23, 17, 45), SKEW)
    with pytest.raises(OutsideEventDays, match="closed"):
        closed.check_sale(at(23, 19, 30), SKEW)


def test_a_cancelled_event_refuses_sales_made_after_the_cancellation():
    cancelled_early = showcase("cancelled", ended_at=at(1, 10))
    with pytest.raises(OutsideEventDays, match="ถูกยกเลิก"):
        cancelled_early.check_sale(at(21, 10), SKEW)
    cancelled_midway = showcase("cancelled", ended_at=at(22, 12))
    cancelled_midway.check_sale(at(21, 15), SKEW)
    with pytest.raises(OutsideEventDays, match="cancelled"):
        cancelled_midway.check_sale(at(22, 13), SKEW)


def test_an_event_not_published_or_not_known_has_no_booth_sales():
    with pytest.raises(OutsideEventDays, match="draft"):
        showcase("draft").check_sale(at(22, 10), SKEW)
    with pytest.raises(OutsideEventDays, match="not known"):
        check_booth_sale(None, EVENT, at(22, 10), SKEW)


def test_an_event_without_known_dates_is_judged_by_its_status_alone():
    ShowcaseEvent(EVENT, "published").check_sale(at(1, 10), SKEW)
    with pytest.raises(OutsideEventDays):
        ShowcaseEvent(EVENT, "cancelled").check_sale(at(1, 10), SKEW)
