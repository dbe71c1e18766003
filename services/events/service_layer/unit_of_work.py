"""The events service's unit of work and the ports its handlers use."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Protocol

import asyncpg

from services.events.domain.booths import Booth
from services.events.domain.members import MemberProfile
from services.events.domain.model import Event
from services.events.domain.places import PlacesTaken
from services.events.domain.registration import Registration
from shared.db.unit_of_work import AbstractUnitOfWork, PostgresUnitOfWork

SCHEMA = "events"


class EventRepository(Protocol):
    async def add(self, event: Event) -> None: ...
    async def get(self, event_id: uuid.UUID, *, for_update: bool = False) -> Event | None: ...
    async def save(self, event: Event) -> None: ...


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

    async def places_taken(self, event_id: uuid.UUID) -> PlacesTaken: ...
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


class EventsUnitOfWork(AbstractUnitOfWork):
    producer = "events"
    events: EventRepository
    registrations: RegistrationRepository
    booths: BoothRepository
    members: MemberDirectory


def _attach_repositories(uow: EventsUnitOfWork, conn: asyncpg.Connection) -> None:
    from services.events.adapters.members import PostgresMemberDirectory
    from services.events.adapters.repository import (
        PostgresBoothRepository,
        PostgresEventRepository,
        PostgresRegistrationRepository,
    )

    uow.events = PostgresEventRepository(conn)
    uow.registrations = PostgresRegistrationRepository(conn)
    uow.booths = PostgresBoothRepository(conn)
    uow.members = PostgresMemberDirectory(conn)


class PostgresEventsUnitOfWork(PostgresUnitOfWork, EventsUnitOfWork):
    producer = "events"

    def __init__(
        self, pool: asyncpg.Pool | None = None, *, within: asyncpg.Connection | None = None
    ) -> None:
        super().__init__(pool, SCHEMA, within=within)

    def _attach(self, conn: asyncpg.Connection) -> None:
        _attach_repositories(self, conn)
