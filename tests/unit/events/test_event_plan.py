"""The event aggregate: plans that make sense, publishing, changes, cancelling, closing."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest

from services.events.domain.registration import Registration
from shared.contracts.events import (
    CancellationReason,
    CapacityUnit,
    EventKind,
    EventStatus,
    Quota,
)
from shared.contracts.registry import DevelopmentSegment
from shared.errors import Conflict, InvalidInput, InvalidTransition
from tests.unit.events.conftest import NOW, event_details, new_event


def test_a_new_event_is_a_draft_counting_in_its_kinds_unit() -> None:
    assert new_event().status is EventStatus.DRAFT
    assert new_event().capacity_unit is CapacityUnit.BOOTHS
    assert new_event(kind=EventKind.TRAINING).capacity_unit is CapacityUnit.SEATS
    assert new_event(kind=EventKind.DEVELOPMENT_PROJECT).capacity_unit is CapacityUnit.PLACES


def test_an_event_ending_before_it_starts_is_refused() -> None:
    details = event_details()
    with pytest.raises(InvalidInput, match="ends before it starts"):
        new_event(ends_at=details["starts_at"] - timedelta(minutes=1))


def test_registration_must_close_after_it_opens_and_by_the_end() -> None:
    details = event_details()
    with pytest.raises(InvalidInput, match="after registration_opens_at"):
        new_event(registration_closes_at=details["registration_opens_at"])
    with pytest.raises(InvalidInput, match="by the end"):
        new_event(registration_closes_at=details["ends_at"] + timedelta(hours=1))


def test_quotas_may_not_reserve_more_than_the_capacity() -> None:
    quotas = [
        Quota(label="D", places=2, segments=[DevelopmentSegment.D]),
        Quota(label="กรรมการ", places=2),
    ]
    with pytest.raises(InvalidInput, match="more than the capacity of 3"):
        new_event(capacity=3, quotas=quotas)
    assert new_event(capacity=4, quotas=quotas).general_places == 0


def test_a_showcase_counted_in_seats_is_refused() -> None:
    with pytest.raises(InvalidInput, match="booths"):
        new_event(capacity_unit=CapacityUnit.SEATS)


def test_publishing_flags_holidays_and_only_a_draft_publishes() -> None:
    event = new_event()
    published = event.publish(NOW)
    assert (published.event.version, published.event.status) == (2, EventStatus.PUBLISHED)
    with pytest.raises(InvalidTransition):
        event.publish(NOW)


def test_an_event_on_fathers_day_is_flagged() -> None:
    start = event_details()["starts_at"].replace(month=12, day=5)
    event = new_event(
        starts_at=start,
        ends_at=start + timedelta(hours=8),
        registration_closes_at=start - timedelta(days=1),
    )
    [holiday] = event.public_holidays
    assert holiday.day.isoformat() == "2026-12-05"
    assert "วันพ่อแห่งชาติ" in holiday.name


def test_an_event_ending_at_midnight_is_not_flagged_for_the_next_day() -> None:
    start = event_details()["starts_at"].replace(month=12, day=4)  # the eve of Father's Day
    event = new_event(
        starts_at=start,
        ends_at=start.replace(day=5, hour=0),
        registration_closes_at=start - timedelta(days=1),
    )
    assert event.public_holidays == []
    a_minute_later = new_event(
        starts_at=start,
        ends_at=start.replace(day=5, hour=0, minute=1),
        registration_closes_at=start - timedelta(days=1),
    )
    assert [h.day.isoformat() for h in a_minute_later.public_holidays] == ["2026-12-05"]


def test_a_change_that_breaks_the_plan_leaves_the_event_as_it_was() -> None:
    event = new_event()
    before = (event.starts_at, event.version)
    with pytest.raises(InvalidInput):
        event.update({"starts_at": event.ends_at + timedelta(days=1)})
    assert (event.starts_at, event.version) == before


def test_a_published_events_change_is_told_with_the_fields_changed() -> None:
    event = new_event()
    event.publish(NOW)
    assert event.update({"title_th": event.title_th}) is None
    change = event.update({"title_th": "มหกรรม OTOP", "capacity": 10})
    assert change is not None
    assert change.changed_fields == ("capacity", "title_th")
    assert change.event.version == 3


def test_capacity_cannot_drop_below_the_confirmed() -> None:
    event = new_event(capacity=5)
    with pytest.raises(Conflict, match="capacity cannot go below"):
        event.check_room_for(6, {})


def test_cancelling_a_draft_tells_nobody_and_a_published_event_lists_registrations() -> None:
    draft = new_event()
    assert draft.cancel(None, NOW, []) is None
    event = new_event()
    event.publish(NOW)
    registration = Registration.apply(event.event_id, uuid.uuid4(), NOW)
    affected = [registration.cancel(CancellationReason.EVENT_CANCELLED, event.summary(), NOW)]
    cancelled = event.cancel("ฝนตกหนัก", NOW, affected)
    assert cancelled is not None and cancelled.registrations == tuple(affected)
    with pytest.raises(InvalidTransition, match="already cancelled"):
        event.cancel(None, NOW, [])


def test_closing_counts_no_shows_and_waits_for_the_end() -> None:
    event = new_event()
    event.publish(NOW)
    with pytest.raises(InvalidTransition, match="ends at"):
        event.close(NOW, confirmed=3, attended=1)
    closed = event.close(event.ends_at, confirmed=3, attended=1)
    assert (closed.confirmed, closed.attended, closed.no_shows) == (3, 1, 2)


def test_registrations_are_taken_only_in_the_window_of_a_published_event() -> None:
    event = new_event()
    with pytest.raises(InvalidTransition, match="not published"):
        event.check_open_for_registration(NOW)
    event.publish(NOW)
    event.check_open_for_registration(NOW)
    with pytest.raises(InvalidTransition, match="closed at"):
        event.check_open_for_registration(event.registration_closes_at)
    with pytest.raises(InvalidTransition, match="opens at"):
        event.check_open_for_registration(event.registration_opens_at - timedelta(seconds=1))
