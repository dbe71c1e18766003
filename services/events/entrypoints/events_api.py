"""Staff routes of the calendar: plan, list, read, change, publish, cancel and close events."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from services.events.adapters import views
from services.events.entrypoints.dependencies import (
    Answer,
    Bus,
    Cursor,
    Day,
    Db,
    Limit,
    ProvinceCode,
    event_out,
)
from services.events.entrypoints.schemas import EventOut, EventPageOut
from services.events.service_layer import commands
from shared.contracts.events import EventKind, EventStatus
from shared.http.auth import require_staff
from shared.timeutil import BANGKOK

router = APIRouter(prefix="/v1", dependencies=[Depends(require_staff)], tags=["events"])


@router.post("/events", status_code=201, response_model=EventOut)
async def plan_event(
    body: commands.EventDetails, bus: Bus, answer: Answer, response: Response
) -> EventOut:
    event = await bus.handle(commands.PlanEvent(details=body))
    response.headers["Location"] = f"/v1/events/{event.event_id}"
    return await answer.event(event.event_id)


@router.get("/events", response_model=EventPageOut)
async def list_events(
    conn: Db,
    from_: Annotated[
        Day | None, Query(alias="from", description="First day (Asia/Bangkok)")
    ] = None,
    to: Annotated[Day | None, Query(description="Last day (Asia/Bangkok), inclusive")] = None,
    province: ProvinceCode = None,
    kind: EventKind | None = None,
    status: EventStatus | None = None,
    cursor: Cursor = None,
    limit: Limit = 50,
) -> EventPageOut:
    starting = datetime.combine(from_, time(), BANGKOK) if from_ else None
    # The last day of the calendar has no next day: nothing ends the range then.
    until = (
        datetime.combine(to + timedelta(days=1), time(), BANGKOK) if to and to < date.max else None
    )
    page = await views.list_events(
        conn,
        starting_from=starting,
        until=until,
        province=province,
        kind=kind,
        status=status,
        cursor=cursor,
        limit=limit,
    )
    return EventPageOut(items=[EventOut.of(e) for e in page.items], next_cursor=page.next_cursor)


@router.get("/events/{event_id}", response_model=EventOut)
async def get_event(event_id: uuid.UUID, conn: Db) -> EventOut:
    return await event_out(conn, event_id)


@router.patch("/events/{event_id}", response_model=EventOut)
async def update_event(
    event_id: uuid.UUID, body: commands.EventChanges, bus: Bus, answer: Answer
) -> EventOut:
    await bus.handle(commands.UpdateEvent(event_id=event_id, changes=body))
    return await answer.event(event_id)


@router.post("/events/{event_id}/publish", response_model=EventOut)
async def publish_event(event_id: uuid.UUID, bus: Bus, answer: Answer) -> EventOut:
    await bus.handle(commands.PublishEvent(event_id=event_id))
    return await answer.event(event_id)


@router.post("/events/{event_id}/cancel", response_model=EventOut)
async def cancel_event(
    event_id: uuid.UUID, bus: Bus, answer: Answer, body: commands.CancellationNote | None = None
) -> EventOut:
    reason = body.reason if body else None
    await bus.handle(commands.CancelEvent(event_id=event_id, reason=reason))
    return await answer.event(event_id)


@router.post("/events/{event_id}/close", response_model=EventOut)
async def close_event(event_id: uuid.UUID, bus: Bus, answer: Answer) -> EventOut:
    await bus.handle(commands.CloseEvent(event_id=event_id))
    return await answer.event(event_id)
