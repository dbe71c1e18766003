"""What the events service's routes take besides their bodies: the command bus, a read
connection, the answers read back after a command, and the query parameters they share."""

from __future__ import annotations

import re
import uuid
from datetime import date
from typing import Annotated, Any

import asyncpg
from fastapi import Depends, Query
from pydantic import BeforeValidator

from services.events.adapters import views
from services.events.entrypoints.schemas import EventOut, RegistrationDetailOut, RegistrationOut
from shared.errors import NotFound
from shared.http.dependencies import command_bus, read_connection, runtime
from shared.messaging.bus import CommandBus
from shared.service.runtime import Runtime

Bus = Annotated[CommandBus[Any], Depends(command_bus)]
Db = Annotated[asyncpg.Connection, Depends(read_connection)]

ProvinceCode = Annotated[str | None, Query(pattern=r"^[0-9]{2}$", description="DOPA, 2 digits")]
Limit = Annotated[int, Query(ge=1, le=200)]
# Lists that used to come whole: a larger page by default.
PageSize = Annotated[int, Query(ge=1, le=500, description="Rows a page, at most 500")]
Cursor = Annotated[str | None, Query(max_length=500, description="The previous page's next_cursor")]


def _written_as_a_day(value: object) -> object:
    """A day as YYYY-MM-DD; a bare number would otherwise be read as seconds since 1970."""
    if isinstance(value, str) and not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        raise ValueError("a day is written YYYY-MM-DD, e.g. 2027-01-15")
    return value


Day = Annotated[date, BeforeValidator(_written_as_a_day)]


async def event_out(conn: asyncpg.Connection, event_id: uuid.UUID) -> EventOut:
    event = await views.get_event(conn, event_id)
    if event is None:
        raise NotFound(f"there is no event {event_id}")
    return EventOut.of(event, await views.registration_counts(conn, event_id))


async def registration_out(conn: asyncpg.Connection, registration_id: uuid.UUID) -> RegistrationOut:
    row = await views.get_registration(conn, registration_id)
    if row is None:
        raise NotFound(f"there is no registration {registration_id}")
    return RegistrationOut.of(row)


async def registration_detail(
    conn: asyncpg.Connection, registration_id: uuid.UUID
) -> RegistrationDetailOut:
    """The registration with the member's name and its event."""
    row = await views.get_registration(conn, registration_id)
    if row is None:
        raise NotFound(f"there is no registration {registration_id}")
    event = await views.get_event(conn, row.registration.event_id)
    if event is None:
        raise NotFound(f"there is no event {row.registration.event_id}")
    return RegistrationDetailOut.with_event(row, event)


class Answers:
    """The event or registration a command changed, read once the command's own transaction
    has ended (the connection is taken then, so a request never holds two at once)."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def event(self, event_id: uuid.UUID) -> EventOut:
        async with self._pool.acquire() as conn:
            return await event_out(conn, event_id)

    async def registration(self, registration_id: uuid.UUID) -> RegistrationOut:
        async with self._pool.acquire() as conn:
            return await registration_out(conn, registration_id)

    async def registration_detail(self, registration_id: uuid.UUID) -> RegistrationDetailOut:
        async with self._pool.acquire() as conn:
            return await registration_detail(conn, registration_id)


async def answers(rt: Annotated[Runtime, Depends(runtime)]) -> Answers:
    return Answers(rt.pool)


Answer = Annotated[Answers, Depends(answers)]
