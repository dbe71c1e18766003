"""Registration handlers over the in-memory unit of work: every seat decision locks the
event; places, waitlist, promotion with the freed booth, approval, withdrawal."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest

from services.events.service_layer import commands, event_handlers
from services.events.service_layer import registration_handlers as handlers
from shared.contracts.events import EventKind, Quota, RegistrationStatus
from shared.contracts.registry import DevelopmentSegment
from shared.errors import Conflict, InvalidInput
from tests.unit.events.conftest import clock, member
from tests.unit.events.fakes import FakeEventsUnitOfWork


async def _apply(uow: FakeEventsUnitOfWork, event_id: uuid.UUID, member_id: uuid.UUID):  # type: ignore[no-untyped-def]
    return await handlers.register_for_event(
        commands.RegisterForEvent(event_id=event_id, member_id=member_id), uow, clock
    )


async def test_applying_locks_the_event_and_confirms_with_a_booth(
    uow: FakeEventsUnitOfWork,
    published,
    join,  # type: ignore[no-untyped-def]
) -> None:
    event = await published()
    exhibitor = join(member())
    uow.locked.clear()
    registration = await _apply(uow, event.event_id, exhibitor.member_id)
    assert uow.locked == [event.event_id]
    assert registration.status is RegistrationStatus.CONFIRMED
    assert [e.data.version for e in uow.events_of_type("registration.confirmed")] == [1]
    [booth] = uow.events_of_type("booth.assigned")
    assert (booth.data.zone, booth.data.booth_number, booth.data.version) == ("A", 1, 2)
    assert booth.aggregate_id == str(registration.registration_id)


async def test_beyond_capacity_members_are_waitlisted_in_order(
    uow: FakeEventsUnitOfWork,
    published,
    join,  # type: ignore[no-untyped-def]
) -> None:
    event = await published(capacity=1, kind=EventKind.TRAINING)
    regs = [await _apply(uow, event.event_id, join(member()).member_id) for _ in range(3)]
    assert [r.status for r in regs] == [
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.WAITLISTED,
        RegistrationStatus.WAITLISTED,
    ]
    assert [e.data.position for e in uow.events_of_type("registration.waitlisted")] == [1, 2]


async def test_a_cancellation_promotes_the_next_member_into_the_freed_booth(
    uow: FakeEventsUnitOfWork,
    published,
    join,  # type: ignore[no-untyped-def]
) -> None:
    event = await published(capacity=2)
    regs = [await _apply(uow, event.event_id, join(member()).member_id) for _ in range(4)]
    await handlers.cancel_registration(
        commands.CancelRegistration(registration_id=regs[0].registration_id), uow, clock
    )
    [promoted] = uow.events_of_type("registration.promoted")
    assert promoted.data.registration_id == regs[2].registration_id
    last_booth = uow.events_of_type("booth.assigned")[-1].data
    assert (last_booth.registration_id, last_booth.zone, last_booth.booth_number) == (
        regs[2].registration_id,
        "A",
        1,
    )
    assert uow.state.registrations[regs[3].registration_id].status is RegistrationStatus.WAITLISTED


async def test_a_place_freed_after_the_event_ended_promotes_nobody(
    uow: FakeEventsUnitOfWork,
    published,
    join,  # type: ignore[no-untyped-def]
) -> None:
    event = await published(capacity=1)
    holder = await _apply(uow, event.event_id, join(member()).member_id)
    waiting = await _apply(uow, event.event_id, join(member()).member_id)
    await handlers.cancel_registration(
        commands.CancelRegistration(registration_id=holder.registration_id),
        uow,
        lambda: event.ends_at + timedelta(hours=1),
    )
    assert uow.events_of_type("registration.cancelled")
    assert uow.events_of_type("registration.promoted") == []
    assert uow.state.registrations[waiting.registration_id].status is RegistrationStatus.WAITLISTED


async def test_a_freed_quota_place_skips_waiting_members_who_do_not_match(
    uow: FakeEventsUnitOfWork,
    published,
    join,  # type: ignore[no-untyped-def]
) -> None:
    event = await published(
        kind=EventKind.DEVELOPMENT_PROJECT,
        capacity=1,
        quotas=[Quota(label="D", places=1, segments=[DevelopmentSegment.D])],
    )
    d_first = await _apply(
        uow, event.event_id, join(member(segment=DevelopmentSegment.D)).member_id
    )
    other = await _apply(uow, event.event_id, join(member()).member_id)
    d_next = await _apply(uow, event.event_id, join(member(segment=DevelopmentSegment.D)).member_id)
    assert other.status is RegistrationStatus.WAITLISTED
    await handlers.cancel_registration(
        commands.CancelRegistration(registration_id=d_first.registration_id), uow, clock
    )
    assert uow.state.registrations[d_next.registration_id].status is RegistrationStatus.CONFIRMED
    assert uow.state.registrations[other.registration_id].status is RegistrationStatus.WAITLISTED


async def test_unknown_and_duplicate_applications_are_refused_and_nothing_is_stored(
    uow: FakeEventsUnitOfWork,
    published,
    join,  # type: ignore[no-untyped-def]
) -> None:
    event = await published()
    with pytest.raises(InvalidInput, match="not known"):
        await _apply(uow, event.event_id, uuid.uuid4())
    applicant = join(member())
    await _apply(uow, event.event_id, applicant.member_id)
    with pytest.raises(Conflict, match="already registered"):
        await _apply(uow, event.event_id, applicant.member_id)
    assert len(uow.state.registrations) == 1


async def test_a_withdrawn_member_leaves_every_event_and_the_waitlist_moves_up(
    uow: FakeEventsUnitOfWork,
    published,
    join,  # type: ignore[no-untyped-def]
) -> None:
    first, second = await published(capacity=1), await published(capacity=1)
    leaving, waiting = join(member()), join(member())
    for event in (first, second):
        await _apply(uow, event.event_id, leaving.member_id)
        await _apply(uow, event.event_id, waiting.member_id)
    cancelled = await handlers.withdraw_member_registrations(
        commands.WithdrawMemberRegistrations(member_id=leaving.member_id), uow, clock
    )
    assert cancelled == 2
    reasons = {e.data.reason for e in uow.events_of_type("registration.cancelled")}
    assert reasons == {"member_suspended"}
    assert len(uow.events_of_type("registration.promoted")) == 2


async def test_a_member_suspended_after_an_event_ended_keeps_its_attendance_there(
    uow: FakeEventsUnitOfWork,
    published,
    join,  # type: ignore[no-untyped-def]
) -> None:
    event = await published(capacity=1)
    leaving, waiting = join(member()), join(member())
    attended = await _apply(uow, event.event_id, leaving.member_id)
    await _apply(uow, event.event_id, waiting.member_id)
    await handlers.check_in(commands.CheckIn(registration_id=attended.registration_id), uow, clock)
    after_the_end = event.ends_at + timedelta(hours=1)
    cancelled = await handlers.withdraw_member_registrations(
        commands.WithdrawMemberRegistrations(member_id=leaving.member_id),
        uow,
        lambda: after_the_end,
    )
    assert cancelled == 0
    assert uow.events_of_type("registration.cancelled") == []
    assert uow.events_of_type("registration.promoted") == []


async def test_cancelling_the_event_cancels_every_open_registration(
    uow: FakeEventsUnitOfWork,
    published,
    join,  # type: ignore[no-untyped-def]
) -> None:
    event = await published(capacity=1)
    for _ in range(2):
        await _apply(uow, event.event_id, join(member()).member_id)
    await event_handlers.cancel_event(
        commands.CancelEvent(event_id=event.event_id, reason="น้ำท่วม"), uow, clock
    )
    [cancelled] = uow.events_of_type("event.cancelled")
    assert len(cancelled.data.registrations) == 2
    assert all(not r.is_open for r in uow.state.registrations.values())
    assert all(r.booth is None for r in uow.state.registrations.values())
