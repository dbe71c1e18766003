"""The registry's events over the in-memory unit of work: the copy records what they say, and
a member leaving the network keeps no open registration."""

from __future__ import annotations

import uuid

from services.events.service_layer import commands
from services.events.service_layer import registration_handlers as handlers
from services.events.service_layer.registry_events import (
    MEMBER_HANDLERS,
    PRODUCT_HANDLERS,
    on_member_status_changed,
)
from shared.contracts.events import CancellationReason, EventKind, RegistrationStatus
from shared.contracts.registry import (
    MemberStatus,
    MemberStatusChanged,
    ProductRated,
    RoleAssigned,
)
from shared.messaging.bus import EventMetadata
from tests.unit.events.conftest import NOW, clock, member
from tests.unit.events.fakes import FakeEventsUnitOfWork


def _metadata(event_type: str) -> EventMetadata:
    return EventMetadata(
        event_id=uuid.uuid4(),
        event_type=event_type,
        event_version=1,
        occurred_at=NOW,
        producer="registry",
        aggregate_id="x",
        correlation_id=uuid.uuid4(),
        causation_id=None,
        topic="registry.members.v1",
    )


def _status(member_id: uuid.UUID, status: MemberStatus) -> MemberStatusChanged:
    return MemberStatusChanged(
        member_id=member_id, version=3, previous_status=MemberStatus.ACTIVE, status=status
    )


async def test_a_suspension_withdraws_the_members_place_and_promotes_the_waitlist(
    uow: FakeEventsUnitOfWork,
    published,
    join,  # type: ignore[no-untyped-def]
) -> None:
    event = await published(capacity=1, kind=EventKind.TRAINING)
    leaving, waiting = join(member()), join(member())
    regs = [
        await handlers.register_for_event(
            commands.RegisterForEvent(event_id=event.event_id, member_id=m.member_id), uow, clock
        )
        for m in (leaving, waiting)
    ]
    assert MEMBER_HANDLERS[MemberStatusChanged] is on_member_status_changed
    suspended = _status(leaving.member_id, MemberStatus.SUSPENDED)
    await on_member_status_changed(suspended, _metadata("member.status_changed"), uow, clock)
    first, second = (uow.state.registrations[r.registration_id] for r in regs)
    assert (first.status, first.cancel_reason) == (
        RegistrationStatus.CANCELLED,
        CancellationReason.MEMBER_SUSPENDED,
    )
    assert second.status is RegistrationStatus.CONFIRMED
    assert [e.data.registration_id for e in uow.events_of_type("registration.promoted")] == [
        second.registration_id
    ]


async def test_a_status_that_is_not_leaving_withdraws_nothing(
    uow: FakeEventsUnitOfWork,
    published,
    join,  # type: ignore[no-untyped-def]
) -> None:
    event = await published(capacity=1, kind=EventKind.TRAINING)
    staying = join(member())
    registration = await handlers.register_for_event(
        commands.RegisterForEvent(event_id=event.event_id, member_id=staying.member_id), uow, clock
    )
    active = _status(staying.member_id, MemberStatus.ACTIVE)
    await on_member_status_changed(active, _metadata("member.status_changed"), uow, clock)
    kept = uow.state.registrations[registration.registration_id]
    assert kept.status is RegistrationStatus.CONFIRMED
    assert uow.events_of_type("registration.cancelled") == []


async def test_roles_and_ratings_go_to_the_copy(uow: FakeEventsUnitOfWork) -> None:
    member_id = uuid.uuid4()
    role = RoleAssigned(
        assignment_id=uuid.uuid4(),
        member_id=member_id,
        person_name="สมชาย รักถิ่น",
        role="committee_member",  # type: ignore[arg-type]
        province_code="90",
        term_start="2025-01-01",  # type: ignore[arg-type]
        term_end="2030-01-01",  # type: ignore[arg-type]
    )
    rating = ProductRated(
        product_id=uuid.uuid4(),
        member_id=member_id,
        version=2,
        sku="SKU-1",
        round_year=2024,
        stars=5,
        current_stars=5,
        rated_on="2024-08-15",  # type: ignore[arg-type]
    )
    await MEMBER_HANDLERS[RoleAssigned](role, _metadata("role.assigned"), uow)
    await PRODUCT_HANDLERS[ProductRated](rating, _metadata("product.rated"), uow)
    assert uow.state.recorded == [("role", role), ("rating", rating)]
    assert uow.commits == 2
