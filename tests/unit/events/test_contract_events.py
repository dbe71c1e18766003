"""Each domain event of the events service maps to the public contract model its topic
carries, every field as the consumers read it."""

from __future__ import annotations

import typing
import uuid
from datetime import date, timedelta
from decimal import Decimal

import pytest

from services.events.adapters.contract_events import to_contract
from services.events.domain import events
from services.events.domain.booths import Booth
from services.events.domain.event import Event
from services.events.domain.places import Place
from services.events.domain.registration import Registration
from shared.contracts import events as contract
from shared.contracts.events import (
    CancellationReason,
    CapacityUnit,
    Eligibility,
    EventKind,
    EventStatus,
    Quota,
    RegistrationStatus,
)
from shared.contracts.registry import DevelopmentSegment
from tests.unit.events.conftest import NOW, new_event

EVENT_ID = uuid.UUID(int=1)
MEMBER_ID = uuid.UUID(int=2)
REGISTRATION_ID = uuid.UUID(int=3)
STARTS = NOW.replace(month=12, day=4)
QUOTA = Quota(label="กลุ่ม D", places=1, segments=[DevelopmentSegment.D])
FATHERS_DAY = contract.PublicHoliday(
    day=date(2026, 12, 5),
    name=(
        "วันคล้ายวันเฉลิมพระชนมพรรษาพระบาทสมเด็จพระบรมชนกาธิเบศร มหาภูมิพลอดุลยเดชมหาราช "
        "บรมนาถบพิตร; วันชาติ; วันพ่อแห่งชาติ"
    ),
)


def _event() -> Event:
    event = new_event(
        title_en="OTOP South",
        description_th="งานแสดงสินค้า",
        venue_en="PSU Convention Centre",
        starts_at=STARTS,
        ends_at=STARTS + timedelta(days=2),
        registration_closes_at=STARTS - timedelta(days=1),
        capacity=5,
        budget=Decimal("125000.50"),
        eligibility=Eligibility(province_codes=["90", "91"]),
        quotas=[QUOTA],
    )
    event.event_id = EVENT_ID
    return event


def _state(event: Event, version: int, title_th: str, capacity: int) -> dict[str, object]:
    """The event's state as its lifecycle messages carried it, spelled out field by field."""
    return {
        "event_id": EVENT_ID,
        "version": version,
        "kind": EventKind.SHOWCASE,
        "status": EventStatus.PUBLISHED,
        "title_th": title_th,
        "title_en": "OTOP South",
        "description_th": "งานแสดงสินค้า",
        "description_en": None,
        "host_province_code": "90",
        "venue_th": event.venue_th,
        "venue_en": "PSU Convention Centre",
        "starts_at": STARTS,
        "ends_at": STARTS + timedelta(days=2),
        "registration_opens_at": event.registration_opens_at,
        "registration_closes_at": STARTS - timedelta(days=1),
        "capacity": capacity,
        "capacity_unit": CapacityUnit.BOOTHS,
        "budget": Decimal("125000.50"),
        "eligibility": Eligibility(province_codes=["90", "91"]),
        "quotas": [QUOTA],
        "requires_approval": False,
        "public_holidays": [FATHERS_DAY],
    }


def _summary(event: Event) -> contract.EventSummary:
    return contract.EventSummary(
        event_id=EVENT_ID,
        kind=EventKind.SHOWCASE,
        title_th=event.title_th,
        title_en="OTOP South",
        host_province_code="90",
        venue_th=event.venue_th,
        venue_en="PSU Convention Centre",
        starts_at=STARTS,
        ends_at=STARTS + timedelta(days=2),
    )


def _registration() -> Registration:
    registration = Registration.apply(EVENT_ID, MEMBER_ID, NOW)
    registration.registration_id = REGISTRATION_ID
    return registration


def _change(event: Event, version: int, minutes: int = 0) -> dict[str, object]:
    return {
        "registration_id": REGISTRATION_ID,
        "event_id": EVENT_ID,
        "member_id": MEMBER_ID,
        "version": version,
        "event": _summary(event),
        "occurred_at": NOW + timedelta(minutes=minutes),
    }


def _same(published: object, expected: contract.BaseModel) -> None:
    """The same contract model with the same data, down to the JSON consumers read."""
    assert type(published) is type(expected)
    assert published == expected
    assert published.model_dump_json() == expected.model_dump_json()  # type: ignore[attr-defined]


def test_a_published_event_carries_its_whole_state_with_its_holidays() -> None:
    event = _event()
    published = to_contract(event.publish(NOW))
    _same(published, contract.EventPublished(**_state(event, 2, event.title_th, 5)))


def test_a_change_carries_the_state_after_it_and_the_fields_changed() -> None:
    event = _event()
    event.publish(NOW)
    change = event.update({"title_th": "มหกรรม OTOP", "capacity": 6})
    assert change is not None
    event.update({"capacity": 7})  # a later change is not in the message of this one
    _same(
        to_contract(change),
        contract.EventUpdated(
            **_state(event, 3, "มหกรรม OTOP", 6), changed_fields=["capacity", "title_th"]
        ),
    )


def test_a_cancelled_event_lists_each_registration_cancelled_with_it() -> None:
    event = _event()
    event.publish(NOW)
    registration = _registration()
    registration.waitlist(1, event.summary(), NOW, is_new=True)
    withdrawn = registration.cancel(CancellationReason.EVENT_CANCELLED, event.summary(), NOW)
    cancelled = event.cancel("ฝนตกหนัก", NOW + timedelta(hours=1), [withdrawn])
    assert cancelled is not None
    _same(
        to_contract(cancelled),
        contract.EventCancelled(
            event_id=EVENT_ID,
            version=3,
            kind=EventKind.SHOWCASE,
            title_th=event.title_th,
            title_en="OTOP South",
            starts_at=STARTS,
            ends_at=STARTS + timedelta(days=2),
            reason="ฝนตกหนัก",
            cancelled_at=NOW + timedelta(hours=1),
            registrations=[
                contract.AffectedRegistration(
                    registration_id=REGISTRATION_ID,
                    member_id=MEMBER_ID,
                    previous_status=RegistrationStatus.WAITLISTED,
                )
            ],
        ),
    )


def test_a_closed_event_counts_its_no_shows() -> None:
    event = _event()
    event.publish(NOW)
    closed = event.close(event.ends_at, confirmed=4, attended=1)
    _same(
        to_contract(closed),
        contract.EventClosed(
            event_id=EVENT_ID,
            version=3,
            closed_at=STARTS + timedelta(days=2),
            confirmed=4,
            attended=1,
            no_shows=3,
        ),
    )


def test_a_confirmation_names_its_quota_and_the_booth_follows_at_the_next_version() -> None:
    event = _event()
    registration = _registration()
    confirmed = registration.confirm(Place("กลุ่ม D"), event.summary(), NOW, is_new=True)
    assigned = registration.assign_booth(
        Booth("A", 3), "automatic", event.summary(), NOW + timedelta(minutes=1)
    )
    assert assigned is not None
    _same(
        to_contract(confirmed),
        contract.RegistrationConfirmed(**_change(event, 1), quota="กลุ่ม D"),
    )
    _same(
        to_contract(assigned),
        contract.BoothAssigned(
            **_change(event, 2, minutes=1), zone="A", booth_number=3, assigned_by="automatic"
        ),
    )


def test_a_waitlisted_registration_has_its_position_and_a_promoted_one_its_quota() -> None:
    event = _event()
    registration = _registration()
    waitlisted = registration.waitlist(2, event.summary(), NOW, is_new=True)
    promoted = registration.promote(Place(None), event.summary(), NOW + timedelta(minutes=3))
    _same(to_contract(waitlisted), contract.RegistrationWaitlisted(**_change(event, 1), position=2))
    _same(
        to_contract(promoted),
        contract.RegistrationPromoted(**_change(event, 2, minutes=3), quota=None),
    )


def test_a_cancelled_registration_says_what_it_was_and_why() -> None:
    event = _event()
    registration = _registration()
    registration.confirm(Place(None), event.summary(), NOW, is_new=True)
    cancelled = registration.cancel(
        CancellationReason.MEMBER_CANCELLED, event.summary(), NOW + timedelta(minutes=5)
    )
    _same(
        to_contract(cancelled),
        contract.RegistrationCancelled(
            **_change(event, 2, minutes=5),
            previous_status=RegistrationStatus.CONFIRMED,
            reason=CancellationReason.MEMBER_CANCELLED,
        ),
    )


def test_a_check_in_is_told_at_the_moment_of_arrival() -> None:
    event = _event()
    registration = _registration()
    registration.confirm(Place(None), event.summary(), NOW, is_new=True)
    checked_in = registration.check_in(event.summary(), NOW + timedelta(minutes=7))
    assert checked_in is not None
    _same(
        to_contract(checked_in),
        contract.RegistrationCheckedIn(
            **_change(event, 2, minutes=7), checked_in_at=NOW + timedelta(minutes=7)
        ),
    )


def _public_form(domain_event: type) -> type:
    return typing.get_type_hints(to_contract.dispatch(domain_event))["return"]


def test_each_event_type_the_service_publishes_is_the_form_of_one_domain_event() -> None:
    domain_events = typing.get_args(events.DomainEvent)
    forms = [_public_form(domain_event) for domain_event in domain_events]
    assert sorted(form.__name__ for form in forms) == sorted(
        declared.data.__name__ for declared in contract.EVENT_TYPES
    )
    assert set(forms) == {declared.data for declared in contract.EVENT_TYPES}


def test_anything_else_has_no_public_form() -> None:
    with pytest.raises(TypeError, match="no public contract model"):
        to_contract(_event().summary())
    with pytest.raises(TypeError, match="no public contract model"):
        to_contract(_summary(_event()))
