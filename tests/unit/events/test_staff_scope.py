"""Who may change what: the calendar is managed in the host province (provincial officer,
network committee), registrations there too (and by district officers of that province);
auditors and shop managers read only; administrators and the system act anywhere. A refused
change changes nothing; an allowed one is in the audit trail under the staff member's id."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from services.events.domain.event import Event
from services.events.service_layer import commands, event_handlers
from services.events.service_layer import registration_handlers as handlers
from shared.contracts.events import EventStatus, RegistrationStatus
from shared.errors import Forbidden
from shared.identity.actor import Actor, ActorKind, acting_as
from shared.identity.roles import Grant, Role
from tests.unit.events.conftest import clock, event_details, member
from tests.unit.events.fakes import FakeEventsUnitOfWork


def staff(*grants: tuple[Role, str | None]) -> Actor:
    return Actor(
        ActorKind.STAFF,
        str(uuid.uuid4()),
        tuple(Grant(role=role, area=area) for role, area in grants),
    )


OFFICER_90 = staff((Role.PROVINCIAL_OFFICER, "90"))
OFFICER_40 = staff((Role.PROVINCIAL_OFFICER, "40"))
COMMITTEE_90 = staff((Role.NETWORK_COMMITTEE, "90"))
COMMITTEE_40 = staff((Role.NETWORK_COMMITTEE, "40"))
DISTRICT_9001 = staff((Role.DISTRICT_OFFICER, "9001"))
DISTRICT_4001 = staff((Role.DISTRICT_OFFICER, "4001"))
AUDITOR = staff((Role.AUDITOR, None))
SHOP_MANAGER = staff((Role.SHOP_MANAGER, "centre"))
ADMINISTRATOR = staff((Role.ADMINISTRATOR, None))

EVENT_MANAGERS = [OFFICER_90, COMMITTEE_90, ADMINISTRATOR]
NOT_EVENT_MANAGERS = [OFFICER_40, COMMITTEE_40, DISTRICT_9001, AUDITOR, SHOP_MANAGER]
REGISTRARS = [OFFICER_90, COMMITTEE_90, DISTRICT_9001, ADMINISTRATOR]
NOT_REGISTRARS = [OFFICER_40, COMMITTEE_40, DISTRICT_4001, AUDITOR, SHOP_MANAGER]


def _name(actor: Actor) -> str:
    return "+".join(f"{g.role.value}:{g.area}" for g in actor.grants)


def _plan(**overrides: Any) -> commands.PlanEvent:
    return commands.PlanEvent(
        details=commands.EventDetails.model_validate(event_details(**overrides))
    )


def _audited(uow: FakeEventsUnitOfWork, actor: Actor) -> list[tuple[str, str]]:
    return [(e.action, e.aggregate_id) for who, e in uow.audited if who == actor]


async def _draft(uow: FakeEventsUnitOfWork) -> Event:
    return await event_handlers.plan_event(_plan(), uow)


@pytest.mark.parametrize("actor", EVENT_MANAGERS, ids=_name)
async def test_an_event_is_planned_by_who_manages_events_in_its_host_province(
    uow: FakeEventsUnitOfWork, actor: Actor
) -> None:
    with acting_as(actor):
        event = await event_handlers.plan_event(_plan(host_province_code="90"), uow)
    assert event.event_id in uow.state.events
    assert _audited(uow, actor) == [("event.planned", str(event.event_id))]


@pytest.mark.parametrize("actor", NOT_EVENT_MANAGERS, ids=_name)
async def test_planning_in_a_province_the_actor_does_not_manage_is_refused_and_stores_nothing(
    uow: FakeEventsUnitOfWork, actor: Actor
) -> None:
    with acting_as(actor), pytest.raises(Forbidden) as refused:
        await event_handlers.plan_event(_plan(host_province_code="90"), uow)
    assert "ไม่มีสิทธิ์จัดการกิจกรรม" in refused.value.detail
    assert "area 90" in refused.value.detail
    assert uow.state.events == {} and uow.commits == 0 and uow.audited == []


async def test_the_system_plans_anywhere_and_leaves_no_audit_row(uow: FakeEventsUnitOfWork) -> None:
    event = await event_handlers.plan_event(_plan(host_province_code="49"), uow)
    assert event.event_id in uow.state.events
    assert uow.audited == []


@pytest.mark.parametrize("actor", NOT_EVENT_MANAGERS, ids=_name)
async def test_publishing_cancelling_and_changing_outside_the_stored_province_change_nothing(
    uow: FakeEventsUnitOfWork, actor: Actor
) -> None:
    event = await _draft(uow)
    attempts = [
        event_handlers.publish_event(commands.PublishEvent(event_id=event.event_id), uow, clock),
        event_handlers.cancel_event(commands.CancelEvent(event_id=event.event_id), uow, clock),
        event_handlers.update_event(
            commands.UpdateEvent(
                event_id=event.event_id, changes=commands.EventChanges(capacity=10)
            ),
            uow,
            clock,
        ),
        event_handlers.close_event(commands.CloseEvent(event_id=event.event_id), uow, clock),
    ]
    with acting_as(actor):
        for attempt in attempts:
            with pytest.raises(Forbidden):
                await attempt
    stored = uow.state.events[event.event_id]
    assert (stored.status, stored.capacity, stored.version) == (EventStatus.DRAFT, 3, 1)
    assert uow.audited == []


@pytest.mark.parametrize("actor", EVENT_MANAGERS, ids=_name)
async def test_the_host_provinces_managers_change_publish_and_cancel_with_an_audit_row_each(
    uow: FakeEventsUnitOfWork, actor: Actor
) -> None:
    event = await _draft(uow)
    event_id = event.event_id
    with acting_as(actor):
        await event_handlers.update_event(
            commands.UpdateEvent(event_id=event_id, changes=commands.EventChanges(capacity=10)),
            uow,
            clock,
        )
        await event_handlers.publish_event(commands.PublishEvent(event_id=event_id), uow, clock)
        await event_handlers.cancel_event(commands.CancelEvent(event_id=event_id), uow, clock)
    assert uow.state.events[event_id].status is EventStatus.CANCELLED
    assert _audited(uow, actor) == [
        ("event.updated", str(event_id)),
        ("event.published", str(event_id)),
        ("event.cancelled", str(event_id)),
    ]


async def test_moving_an_event_to_another_province_needs_the_right_in_both(
    uow: FakeEventsUnitOfWork,
) -> None:
    event = await _draft(uow)
    move = commands.UpdateEvent(
        event_id=event.event_id, changes=commands.EventChanges(host_province_code="40")
    )
    with acting_as(OFFICER_90), pytest.raises(Forbidden, match="area 40"):
        await event_handlers.update_event(move, uow, clock)
    assert uow.state.events[event.event_id].host_province_code == "90"
    both = staff((Role.PROVINCIAL_OFFICER, "90"), (Role.NETWORK_COMMITTEE, "40"))
    with acting_as(both):
        await event_handlers.update_event(move, uow, clock)
    assert uow.state.events[event.event_id].host_province_code == "40"


def _register(event_id: uuid.UUID, member_id: uuid.UUID) -> commands.RegisterForEvent:
    return commands.RegisterForEvent(event_id=event_id, member_id=member_id)


@pytest.mark.parametrize("actor", REGISTRARS, ids=_name)
async def test_members_are_registered_by_who_manages_registrations_in_the_host_province(
    uow: FakeEventsUnitOfWork, published, join, actor: Actor
) -> None:  # type: ignore[no-untyped-def]
    event = await published()
    with acting_as(actor):
        registration = await handlers.register_for_event(
            _register(event.event_id, join(member()).member_id), uow, clock
        )
    assert uow.state.registrations[registration.registration_id].status is (
        RegistrationStatus.CONFIRMED
    )
    assert ("registration.confirmed", str(registration.registration_id)) in _audited(uow, actor)


@pytest.mark.parametrize("actor", NOT_REGISTRARS, ids=_name)
async def test_registering_for_an_event_of_another_province_is_refused(
    uow: FakeEventsUnitOfWork, published, join, actor: Actor
) -> None:  # type: ignore[no-untyped-def]
    event = await published()
    with acting_as(actor), pytest.raises(Forbidden, match="ไม่มีสิทธิ์จัดการการลงทะเบียน"):
        await handlers.register_for_event(
            _register(event.event_id, join(member()).member_id), uow, clock
        )
    assert uow.state.registrations == {} and uow.audited == []


async def test_a_district_officer_registers_members_in_its_province_but_plans_no_event(
    uow: FakeEventsUnitOfWork, published, join
) -> None:  # type: ignore[no-untyped-def]
    event = await published(requires_approval=True)
    with acting_as(DISTRICT_9001):
        registration = await handlers.register_for_event(
            _register(event.event_id, join(member()).member_id), uow, clock
        )
        with pytest.raises(Forbidden):
            await event_handlers.plan_event(_plan(), uow)
    # Awaiting approval publishes nothing: the application is in the audit trail itself.
    assert registration.status is RegistrationStatus.PENDING_APPROVAL
    assert _audited(uow, DISTRICT_9001) == [
        ("registration.applied", str(registration.registration_id))
    ]


async def _pending(uow: FakeEventsUnitOfWork, published, join) -> uuid.UUID:  # type: ignore[no-untyped-def]
    event = await published(requires_approval=True)
    registration = await handlers.register_for_event(
        _register(event.event_id, join(member()).member_id), uow, clock
    )
    return registration.registration_id


@pytest.mark.parametrize("actor", NOT_REGISTRARS, ids=_name)
async def test_approving_declining_cancelling_and_checking_in_elsewhere_change_nothing(
    uow: FakeEventsUnitOfWork, published, join, actor: Actor
) -> None:  # type: ignore[no-untyped-def]
    registration_id = await _pending(uow, published, join)
    attempts = [
        handlers.approve_registration(
            commands.ApproveRegistration(registration_id=registration_id), uow, clock
        ),
        handlers.reject_registration(
            commands.RejectRegistration(registration_id=registration_id), uow, clock
        ),
        handlers.cancel_registration(
            commands.CancelRegistration(registration_id=registration_id), uow, clock
        ),
        handlers.check_in(commands.CheckIn(registration_id=registration_id), uow, clock),
    ]
    with acting_as(actor):
        for attempt in attempts:
            with pytest.raises(Forbidden):
                await attempt
    stored = uow.state.registrations[registration_id]
    assert (stored.status, stored.version) == (RegistrationStatus.PENDING_APPROVAL, 1)
    assert uow.audited == []


@pytest.mark.parametrize("actor", REGISTRARS, ids=_name)
async def test_the_host_provinces_registrars_approve_and_check_in(
    uow: FakeEventsUnitOfWork, published, join, actor: Actor
) -> None:  # type: ignore[no-untyped-def]
    registration_id = await _pending(uow, published, join)
    with acting_as(actor):
        await handlers.approve_registration(
            commands.ApproveRegistration(registration_id=registration_id), uow, clock
        )
        await handlers.check_in(commands.CheckIn(registration_id=registration_id), uow, clock)
    stored = uow.state.registrations[registration_id]
    assert stored.status is RegistrationStatus.CONFIRMED and stored.checked_in_at is not None
    actions = [action for action, _ in _audited(uow, actor)]
    assert actions[0] == "registration.confirmed" and actions[-1] == "registration.checked_in"


async def test_a_booth_is_placed_by_an_event_manager_not_by_a_district_officer(
    uow: FakeEventsUnitOfWork, published, join
) -> None:  # type: ignore[no-untyped-def]
    event = await published()
    registration = await handlers.register_for_event(
        _register(event.event_id, join(member()).member_id), uow, clock
    )
    move = commands.AssignBooth(
        registration_id=registration.registration_id,
        booth=commands.BoothChoice(zone="B", booth_number=7),
    )
    with acting_as(DISTRICT_9001), pytest.raises(Forbidden, match="ไม่มีสิทธิ์จัดการกิจกรรม"):
        await handlers.assign_booth(move, uow, clock)
    assert uow.state.registrations[registration.registration_id].booth.number == 1  # type: ignore[union-attr]
    with acting_as(COMMITTEE_90):
        await handlers.assign_booth(move, uow, clock)
    assert uow.state.registrations[registration.registration_id].booth.number == 7  # type: ignore[union-attr]
