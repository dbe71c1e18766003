"""In-memory stand-ins for the events service's unit of work and repositories.

Each unit of work works on a copy of the committed state; `commit` makes the copy the new
committed state and records the events in their public form, as the Postgres unit of work
writes them; leaving without commit throws the copy away."""

from __future__ import annotations

import copy
import itertools
import uuid
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from services.events.adapters.contract_events import to_contract
from services.events.domain.booths import Booth
from services.events.domain.event import Event
from services.events.domain.members import MemberProfile
from services.events.domain.places import EventPlaces, PlacesTaken
from services.events.domain.registration import Registration
from services.events.service_layer.unit_of_work import EventsUnitOfWork
from shared.contracts.events import RegistrationStatus
from shared.contracts.registry import (
    MemberSnapshot,
    MemberStatus,
    MemberStatusChanged,
    ProductRated,
    ProductSnapshot,
    RoleAssigned,
)
from shared.identity.actor import Actor, current_actor
from shared.messaging.envelope import EventEnvelope
from shared.service.unit_of_work import AuditEntry


@dataclass
class FakeState:
    events: dict[uuid.UUID, Event] = field(default_factory=dict)
    registrations: dict[uuid.UUID, Registration] = field(default_factory=dict)
    order: dict[uuid.UUID, int] = field(default_factory=dict)
    members: dict[uuid.UUID, MemberProfile] = field(default_factory=dict)
    statuses: dict[uuid.UUID, MemberStatus] = field(default_factory=dict)
    recorded: list[Any] = field(default_factory=list)
    # (spent in expenses, allocated in grants) of an event's budget.
    budget_held: dict[uuid.UUID, tuple[Decimal, Decimal]] = field(default_factory=dict)
    # When an event's agenda starts and ends.
    session_span: dict[uuid.UUID, tuple[datetime, datetime]] = field(default_factory=dict)


_sequence = itertools.count(1)


class FakeEventRepository:
    def __init__(self, state: FakeState) -> None:
        self._state = state

    async def add(self, event: Event) -> None:
        self._state.events[event.event_id] = copy.deepcopy(event)

    async def get(self, event_id: uuid.UUID) -> Event | None:
        found = self._state.events.get(event_id)
        return copy.deepcopy(found) if found else None

    async def save(self, event: Event) -> None:
        assert event.event_id in self._state.events, "saved before it was added"
        self._state.events[event.event_id] = copy.deepcopy(event)

    async def budget_held(self, event_id: uuid.UUID) -> tuple[Decimal, Decimal]:
        return self._state.budget_held.get(event_id, (Decimal(0), Decimal(0)))

    async def session_span(self, event_id: uuid.UUID) -> tuple[datetime, datetime] | None:
        return self._state.session_span.get(event_id)


class FakePlacesRepository:
    """Records which events were locked; counts the places from the registrations."""

    def __init__(self, state: FakeState, locked: list[uuid.UUID]) -> None:
        self._state = state
        self._locked = locked

    async def locked(self, event_id: uuid.UUID) -> EventPlaces | None:
        self._locked.append(event_id)
        found = self._state.events.get(event_id)
        if found is None:
            return None
        confirmed = [
            r.quota
            for r in self._state.registrations.values()
            if r.event_id == event_id and r.status is RegistrationStatus.CONFIRMED
        ]
        return EventPlaces(copy.deepcopy(found), PlacesTaken.of(confirmed))


class FakeRegistrationRepository:
    def __init__(self, state: FakeState) -> None:
        self._state = state

    def _of_event(self, event_id: uuid.UUID) -> list[Registration]:
        found = [r for r in self._state.registrations.values() if r.event_id == event_id]
        return [
            copy.deepcopy(r)
            for r in sorted(found, key=lambda r: self._state.order[r.registration_id])
        ]

    async def add(self, registration: Registration) -> None:
        self._state.registrations[registration.registration_id] = copy.deepcopy(registration)
        self._state.order[registration.registration_id] = next(_sequence)

    async def get(self, registration_id: uuid.UUID) -> Registration | None:
        found = self._state.registrations.get(registration_id)
        return copy.deepcopy(found) if found else None

    async def save(self, registration: Registration) -> None:
        assert registration.registration_id in self._state.registrations
        self._state.registrations[registration.registration_id] = copy.deepcopy(registration)

    async def open_of_member(
        self, event_id: uuid.UUID, member_id: uuid.UUID
    ) -> Registration | None:
        return next(
            (r for r in self._of_event(event_id) if r.member_id == member_id and r.is_open), None
        )

    async def open_of_event(self, event_id: uuid.UUID) -> list[Registration]:
        return [r for r in self._of_event(event_id) if r.is_open]

    async def waitlisted(self, event_id: uuid.UUID) -> list[Registration]:
        return [r for r in self._of_event(event_id) if r.status is RegistrationStatus.WAITLISTED]

    async def checked_in_count(self, event_id: uuid.UUID) -> int:
        return sum(
            1
            for r in self._of_event(event_id)
            if r.status is RegistrationStatus.CONFIRMED and r.checked_in_at is not None
        )

    async def events_with_open_registrations_of(self, member_id: uuid.UUID) -> list[uuid.UUID]:
        return sorted(
            {
                r.event_id
                for r in self._state.registrations.values()
                if r.member_id == member_id and r.is_open
            }
        )


class FakeBoothRepository:
    """Booths live on the registrations; a booth given twice fails like the unique index."""

    def __init__(self, state: FakeState) -> None:
        self._state = state

    async def taken(self, event_id: uuid.UUID) -> set[Booth]:
        return {
            r.booth
            for r in self._state.registrations.values()
            if r.event_id == event_id and r.booth is not None
        }

    async def assign(self, registration: Registration) -> None:
        assert registration.booth is not None
        holders = [
            r
            for r in self._state.registrations.values()
            if r.event_id == registration.event_id
            and r.booth == registration.booth
            and r.registration_id != registration.registration_id
        ]
        assert not holders, f"booth {registration.booth} given twice"
        self._state.registrations[registration.registration_id].booth = registration.booth

    async def release(self, registration_id: uuid.UUID) -> None:
        self._state.registrations[registration_id].booth = None


class FakeMemberDirectory:
    def __init__(self, state: FakeState) -> None:
        self._state = state

    async def profile(self, member_id: uuid.UUID, on: date) -> MemberProfile | None:
        return self._state.members.get(member_id)

    async def hold(self, member_id: uuid.UUID) -> None:
        """Nothing runs alongside a fake: there is nothing to wait for."""


class FakeRegistryCopy:
    """Keeps what the registry's events said, each with the kind it was recorded as; a
    status also changes the member's profile, as the read model's row does."""

    def __init__(self, state: FakeState) -> None:
        self._state = state

    async def record_member(self, member: MemberSnapshot) -> None:
        self._state.recorded.append(("member", member))
        await self._status(member.member_id, member.status)

    async def record_erasure(self, member_id: uuid.UUID, erased_at: datetime) -> None:
        self._state.recorded.append(("erased", member_id, erased_at))

    async def record_status(self, change: MemberStatusChanged) -> None:
        self._state.recorded.append(("status", change))
        await self._status(change.member_id, change.status)

    async def status_of(self, member_id: uuid.UUID) -> MemberStatus | None:
        return self._state.statuses.get(member_id)

    async def record_role(self, role: RoleAssigned) -> None:
        self._state.recorded.append(("role", role))

    async def record_product(self, product: ProductSnapshot) -> None:
        self._state.recorded.append(("product", product))

    async def record_rating(self, rating: ProductRated) -> None:
        self._state.recorded.append(("rating", rating))

    async def _status(self, member_id: uuid.UUID, status: MemberStatus) -> None:
        self._state.statuses[member_id] = status
        profile = self._state.members.get(member_id)
        if profile is not None:
            self._state.members[member_id] = replace(profile, status=status)


class FakeEventsUnitOfWork(EventsUnitOfWork):
    contract_of = staticmethod(to_contract)

    def __init__(self, state: FakeState | None = None) -> None:
        super().__init__()
        self.state = state if state is not None else FakeState()
        self._working: FakeState | None = None
        self.locked: list[uuid.UUID] = []
        self.commits = 0
        # What the audit trail got at each commit, with the actor, as the Postgres one writes.
        self.audited: list[tuple[Actor, AuditEntry]] = []

    async def _begin(self) -> None:
        self._working = copy.deepcopy(self.state)
        self.events = FakeEventRepository(self._working)
        self.places = FakePlacesRepository(self._working, self.locked)
        self.registrations = FakeRegistrationRepository(self._working)
        self.booths = FakeBoothRepository(self._working)
        self.members = FakeMemberDirectory(self._working)
        self.registry = FakeRegistryCopy(self._working)

    async def _commit(self, envelopes: list[tuple[str, EventEnvelope[Any]]]) -> None:
        assert self._working is not None
        self.state = self._working
        self._working = None
        self.commits += 1
        actor = current_actor()
        self.audited.extend((actor, entry) for entry in self._audit_entries(envelopes))

    async def _end(self) -> None:
        self._working = None

    def events_of_type(self, event_type: str) -> list[EventEnvelope[Any]]:
        return [env for _, env in self.committed_events if env.event_type == event_type]
