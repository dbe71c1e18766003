"""Staff routes of registrations: apply for an event, list, read, cancel, approve, reject."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends, Response

from services.events.adapters import views
from services.events.entrypoints.dependencies import (
    Answer,
    Bus,
    Cursor,
    Db,
    PageSize,
    registration_detail,
)
from services.events.entrypoints.schemas import (
    RegistrationDetailOut,
    RegistrationList,
    RegistrationOut,
)
from services.events.service_layer import commands
from shared.contracts.events import RegistrationStatus
from shared.errors import NotFound
from shared.http.auth import require_staff

router = APIRouter(prefix="/v1", dependencies=[Depends(require_staff)], tags=["registrations"])


@router.post("/events/{event_id}/registrations", status_code=201, response_model=RegistrationOut)
async def register_for_event(
    event_id: uuid.UUID, body: commands.Application, bus: Bus, answer: Answer, response: Response
) -> RegistrationOut:
    registration = await bus.handle(
        commands.RegisterForEvent(event_id=event_id, member_id=body.member_id)
    )
    response.headers["Location"] = f"/v1/registrations/{registration.registration_id}"
    return await answer.registration(registration.registration_id)


@router.get("/events/{event_id}/registrations", response_model=RegistrationList)
async def list_registrations(
    event_id: uuid.UUID,
    conn: Db,
    status: RegistrationStatus | None = None,
    checked_in: bool | None = None,
    cursor: Cursor = None,
    limit: PageSize = 100,
) -> RegistrationList:
    """The event's registrations, a page at a time in the order applied (the waitlist's
    order); give `next_cursor` as `cursor` for the next page (null: the last)."""
    if await views.get_event(conn, event_id) is None:
        raise NotFound(f"there is no event {event_id}")
    page = await views.list_registrations(
        conn, event_id, status=status, checked_in=checked_in, cursor=cursor, limit=limit
    )
    return RegistrationList(
        items=[RegistrationOut.of(r) for r in page.items], next_cursor=page.next_cursor
    )


@router.get("/registrations/{registration_id}", response_model=RegistrationDetailOut)
async def get_registration(registration_id: uuid.UUID, conn: Db) -> RegistrationDetailOut:
    """One registration with the member's name and its event (what the door shows when the
    registration's code is scanned or typed)."""
    return await registration_detail(conn, registration_id)


@router.post("/registrations/{registration_id}/cancel", response_model=RegistrationOut)
async def cancel_registration(
    registration_id: uuid.UUID,
    bus: Bus,
    answer: Answer,
    body: commands.Withdrawal | None = None,
) -> RegistrationOut:
    reason = (body or commands.Withdrawal()).reason
    await bus.handle(commands.CancelRegistration(registration_id=registration_id, reason=reason))
    return await answer.registration(registration_id)


@router.post("/registrations/{registration_id}/approve", response_model=RegistrationOut)
async def approve_registration(
    registration_id: uuid.UUID, bus: Bus, answer: Answer
) -> RegistrationOut:
    await bus.handle(commands.ApproveRegistration(registration_id=registration_id))
    return await answer.registration(registration_id)


@router.post("/registrations/{registration_id}/reject", response_model=RegistrationOut)
async def reject_registration(
    registration_id: uuid.UUID, bus: Bus, answer: Answer
) -> RegistrationOut:
    await bus.handle(commands.RejectRegistration(registration_id=registration_id))
    return await answer.registration(registration_id)
