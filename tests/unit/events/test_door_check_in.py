"""Check-in at the door, by the registration's code: once only, confirmed registrations only,
at the door of the registration's own event; closing the event fixes the attendance."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

import pytest

from services.events.domain.participants import Participant
from services.events.domain.places import Place
from services.events.domain.registration import Registration
from services.events.service_layer import commands, event_handlers
from services.events.service_layer import registration_handlers as handlers
from shared.contracts.events import EventKind, EventStatus, ParticipantKind
from shared.errors import Conflict, Forbidden, InvalidTransition
from shared.identity.actor import Actor, ActorKind, acting_as
from shared.identity.roles import Grant, Role
from tests.unit.events.conftest import NOW, clock, member
from tests.unit.events.fakes import FakeEventsUnitOfWork

COMMITTEE_90 = Actor(
    ActorKind.STAFF, str(uuid.uuid4()), (Grant(role=Role.NETWORK_COMMITTEE, area="90"),)
)
OFFICER_40 = Actor(
    ActorKind.STAFF, str(uuid.uuid4()), (Grant(role=Role.PROVINCIAL_OFFICER, area="40"),)
)


def _later() -> datetime:
    return NOW + timedelta(minutes=5)


async def test_checking_in_twice_keeps_the_first_arrival_and_tells_it_once(
    uow: FakeEventsUnitOfWork, published, join
) -> None:  # type: ignore[no-untyped-def]
    event = await published()
    registration = await handlers.register_for_event(
        commands.RegisterForEvent(event_id=event.event_id, member_id=join(member()).member_id),
        uow,
        clock,
    )
    check_in = commands.CheckIn(registration_id=registration.registration_id)
    with acting_as(COMMITTEE_90):
        first = await handlers.check_in(check_in, uow, clock)
        again = await handlers.check_in(check_in, uow, _later)
    assert first.checked_in_at == again.checked_in_at == NOW
    assert len(uow.events_of_type("registration.checked_in")) == 1


async def test_a_waitlisted_registration_cannot_check_in_and_is_told_why_in_thai_first(
    uow: FakeEventsUnitOfWork, published, join
) -> None:  # type: ignore[no-untyped-def]
    event = await published(capacity=1, kind=EventKind.TRAINING)
    regs = [
        await handlers.register_for_event(
            commands.RegisterForEvent(event_id=event.event_id, member_id=join(member()).member_id),
            uow,
            clock,
        )
        for _ in range(2)
    ]
    with acting_as(COMMITTEE_90), pytest.raises(InvalidTransition) as refused:
        await handlers.check_in(commands.CheckIn(registration_id=regs[1].registration_id), uow)
    assert refused.value.detail.startswith("เช็คอินไม่ได้")
    assert "อยู่ในรายชื่อสำรอง" in refused.value.detail and "waitlisted" in refused.value.detail
    assert uow.state.registrations[regs[1].registration_id].checked_in_at is None


async def test_a_code_scanned_at_the_door_of_another_event_is_refused(
    uow: FakeEventsUnitOfWork, published, join
) -> None:  # type: ignore[no-untyped-def]
    event = await published()
    other = await published(title_th="อบรมการออกแบบบรรจุภัณฑ์", kind=EventKind.TRAINING)
    registration = await handlers.register_for_event(
        commands.RegisterForEvent(event_id=event.event_id, member_id=join(member()).member_id),
        uow,
        clock,
    )
    wrong_door = commands.CheckIn(
        registration_id=registration.registration_id, event_id=other.event_id
    )
    with acting_as(COMMITTEE_90), pytest.raises(Conflict, match="another event"):
        await handlers.check_in(wrong_door, uow, clock)
    assert uow.state.registrations[registration.registration_id].checked_in_at is None
    right_door = commands.CheckIn(
        registration_id=registration.registration_id, event_id=event.event_id
    )
    with acting_as(COMMITTEE_90):
        await handlers.check_in(right_door, uow, clock)
    assert uow.state.registrations[registration.registration_id].checked_in_at == NOW


async def test_closing_the_attendance_is_for_the_host_provinces_event_managers(
    uow: FakeEventsUnitOfWork, published
) -> None:  # type: ignore[no-untyped-def]
    event = await published()

    def after_the_end() -> datetime:
        return event.ends_at + timedelta(hours=1)

    close = commands.CloseEvent(event_id=event.event_id)
    with acting_as(OFFICER_40), pytest.raises(Forbidden):
        await event_handlers.close_event(close, uow, after_the_end)
    assert uow.state.events[event.event_id].status is EventStatus.PUBLISHED
    with acting_as(COMMITTEE_90):
        await event_handlers.close_event(close, uow, after_the_end)
    assert uow.state.events[event.event_id].status is EventStatus.CLOSED
    assert [(who, e.action) for who, e in uow.audited] == [(COMMITTEE_90, "event.closed")]


def test_an_officials_registration_is_sent_to_attendance_per_session_not_the_door() -> None:
    official = Participant(
        kind=ParticipantKind.OFFICIAL,
        name_th="นายสมชาย ตั้งใจ",
        position_th="พัฒนาการอำเภอ",
        province_code="90",
        district_code="9001",
    )
    registration = Registration.of_participant(uuid.uuid4(), official, Place(None), NOW)
    with pytest.raises(InvalidTransition) as refused:
        registration.check_checks_in_at_door()
    assert refused.value.detail.startswith("เจ้าหน้าที่และผู้ดำรงตำแหน่งในเครือข่ายไม่เช็คอิน")
    assert "recorded per session" in refused.value.detail
    assert refused.value.extra["participant_kind"] == "official"
