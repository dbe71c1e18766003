"""The events service's unit of work and the ports its handlers use (implemented in
`services.events.adapters`)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Protocol

from services.events.domain.booths import Booth
from services.events.domain.event import Event
from services.events.domain.members import MemberProfile
from services.events.domain.places import EventPlaces
from services.events.domain.registration import Registration
from shared.contracts.registry import (
    MemberSnapshot,
    MemberStatus,
    MemberStatusChanged,
    ProductRated,
    ProductSnapshot,
    RoleAssigned,
)
from shared.service.unit_of_work import AbstractUnitOfWork


class EventRepository(Protocol):
    async def add(self, event: Event) -> None: ...
    async def get(self, event_id: uuid.UUID) -> Event | None:
        """The event as it is now, not locked: to read, never to decide about places."""
        ...

    async def save(self, event: Event) -> None: ...
    async def budget_held(self, event_id: uuid.UUID) -> tuple[Decimal, Decimal]:
        """What the budget already holds: (spent in expenses, allocated in grants)."""
        ...

    async def session_span(self, event_id: uuid.UUID) -> tuple[datetime, datetime] | None:
        """When the event's agenda starts and ends (None: no session planned)."""
        ...


class PlacesRepository(Protocol):
    async def locked(self, event_id: uuid.UUID) -> EventPlaces | None:
        """The event with its places taken, the event locked until the unit of work ends:
        every change of an event and every seat decision starts here."""
        ...


class RegistrationRepository(Protocol):
    async def add(self, registration: Registration) -> None: ...
    async def get(self, registration_id: uuid.UUID) -> Registration | None: ...
    async def save(self, registration: Registration) -> None: ...
    async def open_of_member(
        self, event_id: uuid.UUID, member_id: uuid.UUID
    ) -> Registration | None: ...
    async def open_of_event(self, event_id: uuid.UUID) -> list[Registration]:
        """Pending, confirmed and waitlisted registrations in order of application."""
        ...

    async def waitlisted(self, event_id: uuid.UUID) -> list[Registration]:
        """In waitlist order: first applied, first promoted."""
        ...

    async def checked_in_count(self, event_id: uuid.UUID) -> int: ...
    async def events_with_open_registrations_of(self, member_id: uuid.UUID) -> list[uuid.UUID]: ...


class BoothRepository(Protocol):
    async def taken(self, event_id: uuid.UUID) -> set[Booth]: ...
    async def assign(self, registration: Registration) -> None:
        """Store the registration's booth (replacing any booth it had)."""
        ...

    async def release(self, registration_id: uuid.UUID) -> None: ...


class MemberDirectory(Protocol):
    async def profile(self, member_id: uuid.UUID, on: date) -> MemberProfile | None:
        """The member as the registry last described it, roles held on the given day."""
        ...

    async def hold(self, member_id: uuid.UUID) -> None:
        """Keep the member's status from changing until the unit of work ends (a status
        change being applied is waited for, so what is read next is its outcome)."""
        ...


class RegistryCopy(Protocol):
    """The copy of the registry's members, products and roles kept from its events: a newer
    version replaces what it carries, an older one only fills what is still unknown."""

    async def record_member(self, member: MemberSnapshot) -> None: ...
    async def record_erasure(self, member_id: uuid.UUID, erased_at: datetime) -> None:
        """The member's personal data was erased: no older snapshot fills its names again."""
        ...

    async def record_status(self, change: MemberStatusChanged) -> None: ...
    async def status_of(self, member_id: uuid.UUID) -> MemberStatus | None:
        """The member's status as last told by the registry; None while unknown."""
        ...

    async def record_role(self, role: RoleAssigned) -> None: ...
    async def record_product(self, product: ProductSnapshot) -> None: ...
    async def record_rating(self, rating: ProductRated) -> None: ...


class EventsUnitOfWork(AbstractUnitOfWork):
    producer = "events"
    events: EventRepository
    places: PlacesRepository
    registrations: RegistrationRepository
    booths: BoothRepository
    members: MemberDirectory
    registry: RegistryCopy
