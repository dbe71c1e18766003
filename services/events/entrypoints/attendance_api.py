"""Staff routes at the event itself: booths for exhibitors, check-in, attendance, no-shows."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from services.events.adapters import views
from services.events.entrypoints.dependencies import Answer, Bus, Cursor, Db, PageSize
from services.events.entrypoints.schemas import (
    AttendanceOut,
    NoShowsOut,
    RegistrationDetailOut,
    RegistrationOut,
)
from services.events.service_layer import commands
from shared.contracts.events import EventStatus, RegistrationStatus
from shared.errors import InvalidTransition, NotFound
from shared.http.auth import require_staff

router = APIRouter(prefix="/v1", dependencies=[Depends(require_staff)])


@router.put(
    "/registrations/{registration_id}/booth", response_model=RegistrationOut, tags=["booths"]
)
async def assign_booth(
    registration_id: uuid.UUID, body: commands.BoothChoice, bus: Bus, answer: Answer
) -> RegistrationOut:
    await bus.handle(commands.AssignBooth(registration_id=registration_id, booth=body))
    return await answer.registration(registration_id)


@router.post(
    "/registrations/{registration_id}/check-in",
    response_model=RegistrationDetailOut,
    tags=["attendance"],
)
async def check_in(
    registration_id: uuid.UUID,
    bus: Bus,
    answer: Answer,
    event_id: Annotated[
        uuid.UUID | None,
        Query(description="The event at whose door the code was scanned: another's is refused"),
    ] = None,
) -> RegistrationDetailOut:
    """Record the member's arrival (by the registration's code, scanned or typed at the
    door). Checking in again answers 200 with the first arrival's time; a registration that
    is not confirmed is refused (409)."""
    await bus.handle(commands.CheckIn(registration_id=registration_id, event_id=event_id))
    return await answer.registration_detail(registration_id)


@router.get("/events/{event_id}/attendance", response_model=AttendanceOut, tags=["attendance"])
async def attendance(
    event_id: uuid.UUID, conn: Db, cursor: Cursor = None, limit: PageSize = 100
) -> AttendanceOut:
    """The counts over the whole event, and the confirmed registrations that checked in, a
    page at a time in the order applied; give `next_cursor` as `cursor` for the next page."""
    event = await views.get_event(conn, event_id)
    if event is None:
        raise NotFound(f"there is no event {event_id}")
    counts = await views.registration_counts(conn, event_id)
    page = await views.list_registrations(
        conn,
        event_id,
        status=RegistrationStatus.CONFIRMED,
        checked_in=True,
        cursor=cursor,
        limit=limit,
    )
    confirmed, checked_in = counts["confirmed"], counts["checked_in"]
    closed = event.status is EventStatus.CLOSED
    attended = [RegistrationOut.of(r) for r in page.items]
    return AttendanceOut(
        event_id=event_id,
        status=event.status,
        confirmed=confirmed,
        checked_in=checked_in,
        not_checked_in=confirmed - checked_in,
        no_shows=confirmed - checked_in if closed else None,
        items=attended,
        next_cursor=page.next_cursor,
        attended=attended,
    )


@router.get("/events/{event_id}/no-shows", response_model=NoShowsOut, tags=["attendance"])
async def no_shows(
    event_id: uuid.UUID, conn: Db, cursor: Cursor = None, limit: PageSize = 100
) -> NoShowsOut:
    """Confirmed registrations that never checked in (once the event is closed), a page at a
    time in the order applied; give `next_cursor` as `cursor` for the next page."""
    event = await views.get_event(conn, event_id)
    if event is None:
        raise NotFound(f"there is no event {event_id}")
    if event.status is not EventStatus.CLOSED:
        raise InvalidTransition(
            f"no-shows are known once the event is closed; this one is {event.status.value}"
        )
    page = await views.list_registrations(
        conn,
        event_id,
        status=RegistrationStatus.CONFIRMED,
        checked_in=False,
        cursor=cursor,
        limit=limit,
    )
    missing = [RegistrationOut.of(r) for r in page.items]
    return NoShowsOut(
        event_id=event_id, items=missing, next_cursor=page.next_cursor, no_shows=missing
    )
