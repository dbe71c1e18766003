"""The events service's staff API: parse, call a handler or a view, return."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response
from pydantic import BeforeValidator

from services.events.adapters import views
from services.events.adapters.members import member_profile
from services.events.adapters.personal_data import personal_data
from services.events.entrypoints.schemas import (
    AttendanceOut,
    EventOut,
    EventPageOut,
    MemberProfileOut,
    NoShowsOut,
    RegistrationList,
    RegistrationOut,
)
from services.events.service_layer import commands, event_handlers, registration_handlers
from services.events.service_layer.unit_of_work import EventsUnitOfWork
from services.privacy.document import PersonalDataHeld
from shared.contracts.events import EventKind, EventStatus, RegistrationStatus
from shared.errors import InvalidTransition, NotFound
from shared.http.auth import require_admin
from shared.timeutil import BANGKOK, business_day, now_bangkok

router = APIRouter(prefix="/v1", dependencies=[Depends(require_admin)])

ProvinceCode = Annotated[str | None, Query(pattern=r"^[0-9]{2}$", description="DOPA, 2 digits")]


def _written_as_a_day(value: object) -> object:
    """A day as YYYY-MM-DD; a bare number would otherwise be read as seconds since 1970."""
    if isinstance(value, str) and not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        raise ValueError("a day is written YYYY-MM-DD, e.g. 2027-01-15")
    return value


Day = Annotated[date, BeforeValidator(_written_as_a_day)]
Limit = Annotated[int, Query(ge=1, le=200)]
# Lists that used to come whole: a larger page by default.
PageSize = Annotated[int, Query(ge=1, le=500, description="Rows a page, at most 500")]
Cursor = Annotated[str | None, Query(max_length=500, description="The previous page's next_cursor")]


def unit_of_work(request: Request) -> EventsUnitOfWork:
    factory: Callable[[], EventsUnitOfWork] = request.app.state.uow_factory
    return factory()


UoW = Annotated[EventsUnitOfWork, Depends(unit_of_work)]


async def _event_out(request: Request, event_id: uuid.UUID) -> EventOut:
    async with request.app.state.pool.acquire() as conn:
        event = await views.get_event(conn, event_id)
        if event is None:
            raise NotFound(f"there is no event {event_id}")
        counts = await views.registration_counts(conn, event_id)
    return EventOut.of(event, counts)


async def _registration_out(request: Request, registration_id: uuid.UUID) -> RegistrationOut:
    async with request.app.state.pool.acquire() as conn:
        row = await views.get_registration(conn, registration_id)
    if row is None:
        raise NotFound(f"there is no registration {registration_id}")
    return RegistrationOut.of(row)


# --- events -------------------------------------------------------------------------------


@router.post("/events", status_code=201, response_model=EventOut, tags=["events"])
async def plan_event(
    body: commands.EventDetails, uow: UoW, request: Request, response: Response
) -> EventOut:
    event = await event_handlers.plan_event(commands.PlanEvent(details=body), uow)
    response.headers["Location"] = f"/v1/events/{event.event_id}"
    return await _event_out(request, event.event_id)


@router.get("/events", response_model=EventPageOut, tags=["events"])
async def list_events(
    request: Request,
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
    async with request.app.state.pool.acquire() as conn:
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


@router.get("/events/{event_id}", response_model=EventOut, tags=["events"])
async def get_event(event_id: uuid.UUID, request: Request) -> EventOut:
    return await _event_out(request, event_id)


@router.patch("/events/{event_id}", response_model=EventOut, tags=["events"])
async def update_event(
    event_id: uuid.UUID, body: commands.EventChanges, uow: UoW, request: Request
) -> EventOut:
    await event_handlers.update_event(commands.UpdateEvent(event_id=event_id, changes=body), uow)
    return await _event_out(request, event_id)


@router.post("/events/{event_id}/publish", response_model=EventOut, tags=["events"])
async def publish_event(event_id: uuid.UUID, uow: UoW, request: Request) -> EventOut:
    await event_handlers.publish_event(commands.PublishEvent(event_id=event_id), uow)
    return await _event_out(request, event_id)


@router.post("/events/{event_id}/cancel", response_model=EventOut, tags=["events"])
async def cancel_event(
    event_id: uuid.UUID, uow: UoW, request: Request, body: commands.CancellationNote | None = None
) -> EventOut:
    reason = body.reason if body else None
    await event_handlers.cancel_event(commands.CancelEvent(event_id=event_id, reason=reason), uow)
    return await _event_out(request, event_id)


@router.post("/events/{event_id}/close", response_model=EventOut, tags=["events"])
async def close_event(event_id: uuid.UUID, uow: UoW, request: Request) -> EventOut:
    await event_handlers.close_event(commands.CloseEvent(event_id=event_id), uow)
    return await _event_out(request, event_id)


# --- registrations ------------------------------------------------------------------------


@router.post(
    "/events/{event_id}/registrations",
    status_code=201,
    response_model=RegistrationOut,
    tags=["registrations"],
)
async def register_for_event(
    event_id: uuid.UUID,
    body: commands.Application,
    uow: UoW,
    request: Request,
    response: Response,
) -> RegistrationOut:
    registration = await registration_handlers.register_for_event(
        commands.RegisterForEvent(event_id=event_id, member_id=body.member_id), uow
    )
    response.headers["Location"] = f"/v1/registrations/{registration.registration_id}"
    return await _registration_out(request, registration.registration_id)


@router.get(
    "/events/{event_id}/registrations", response_model=RegistrationList, tags=["registrations"]
)
async def list_registrations(
    event_id: uuid.UUID,
    request: Request,
    status: RegistrationStatus | None = None,
    checked_in: bool | None = None,
    cursor: Cursor = None,
    limit: PageSize = 100,
) -> RegistrationList:
    """The event's registrations, a page at a time in the order applied (the waitlist's
    order); give `next_cursor` as `cursor` for the next page (null: the last)."""
    async with request.app.state.pool.acquire() as conn:
        if await views.get_event(conn, event_id) is None:
            raise NotFound(f"there is no event {event_id}")
        page = await views.list_registrations(
            conn, event_id, status=status, checked_in=checked_in, cursor=cursor, limit=limit
        )
    return RegistrationList(
        items=[RegistrationOut.of(r) for r in page.items], next_cursor=page.next_cursor
    )


@router.get(
    "/registrations/{registration_id}", response_model=RegistrationOut, tags=["registrations"]
)
async def get_registration(registration_id: uuid.UUID, request: Request) -> RegistrationOut:
    return await _registration_out(request, registration_id)


@router.post(
    "/registrations/{registration_id}/cancel",
    response_model=RegistrationOut,
    tags=["registrations"],
)
async def cancel_registration(
    registration_id: uuid.UUID,
    uow: UoW,
    request: Request,
    body: commands.Withdrawal | None = None,
) -> RegistrationOut:
    reason = (body or commands.Withdrawal()).reason
    await registration_handlers.cancel_registration(
        commands.CancelRegistration(registration_id=registration_id, reason=reason), uow
    )
    return await _registration_out(request, registration_id)


@router.post(
    "/registrations/{registration_id}/approve",
    response_model=RegistrationOut,
    tags=["registrations"],
)
async def approve_registration(
    registration_id: uuid.UUID, uow: UoW, request: Request
) -> RegistrationOut:
    await registration_handlers.approve_registration(
        commands.ApproveRegistration(registration_id=registration_id), uow
    )
    return await _registration_out(request, registration_id)


@router.post(
    "/registrations/{registration_id}/reject",
    response_model=RegistrationOut,
    tags=["registrations"],
)
async def reject_registration(
    registration_id: uuid.UUID, uow: UoW, request: Request
) -> RegistrationOut:
    await registration_handlers.reject_registration(
        commands.RejectRegistration(registration_id=registration_id), uow
    )
    return await _registration_out(request, registration_id)


@router.put(
    "/registrations/{registration_id}/booth", response_model=RegistrationOut, tags=["booths"]
)
async def assign_booth(
    registration_id: uuid.UUID, body: commands.BoothChoice, uow: UoW, request: Request
) -> RegistrationOut:
    await registration_handlers.assign_booth(
        commands.AssignBooth(registration_id=registration_id, booth=body), uow
    )
    return await _registration_out(request, registration_id)


@router.post(
    "/registrations/{registration_id}/check-in",
    response_model=RegistrationOut,
    tags=["attendance"],
)
async def check_in(registration_id: uuid.UUID, uow: UoW, request: Request) -> RegistrationOut:
    await registration_handlers.check_in(commands.CheckIn(registration_id=registration_id), uow)
    return await _registration_out(request, registration_id)


# --- attendance ---------------------------------------------------------------------------


@router.get("/events/{event_id}/attendance", response_model=AttendanceOut, tags=["attendance"])
async def attendance(
    event_id: uuid.UUID, request: Request, cursor: Cursor = None, limit: PageSize = 100
) -> AttendanceOut:
    """The counts over the whole event, and the confirmed registrations that checked in, a
    page at a time in the order applied; give `next_cursor` as `cursor` for the next page."""
    async with request.app.state.pool.acquire() as conn:
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
    event_id: uuid.UUID, request: Request, cursor: Cursor = None, limit: PageSize = 100
) -> NoShowsOut:
    """Confirmed registrations that never checked in (once the event is closed), a page at a
    time in the order applied; give `next_cursor` as `cursor` for the next page."""
    async with request.app.state.pool.acquire() as conn:
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


# --- the read model of members ------------------------------------------------------------


@router.get("/members/{member_id}", response_model=MemberProfileOut, tags=["members"])
async def get_member(member_id: uuid.UUID, request: Request) -> MemberProfileOut:
    """The member as known here from the registry's events (eligibility, segments, stars)."""
    async with request.app.state.pool.acquire() as conn:
        profile = await member_profile(conn, member_id, business_day(now_bangkok()))
    if profile is None:
        raise NotFound(f"member {member_id} is not known to the events service (yet)")
    return MemberProfileOut.of(profile)


@router.get(
    "/members/{member_id}/personal-data",
    response_model=PersonalDataHeld,
    tags=["personal data (PDPA)"],
)
async def member_personal_data(member_id: uuid.UUID, request: Request) -> PersonalDataHeld:
    """Everything the events service holds about the member (the right to see, PDPA): its
    copy of the registry's member, products and roles, and the member's registrations."""
    async with request.app.state.pool.acquire() as conn:
        held = await personal_data(conn, member_id)
    return PersonalDataHeld(
        service="events", member_id=member_id, exported_at=now_bangkok(), sections=held
    )
