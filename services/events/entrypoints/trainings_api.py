"""Staff routes of trainings and workshops: participants who are not members, quota use per
district, the agenda and attendance per session, certificates, expenses against the budget."""

from __future__ import annotations

import uuid
from typing import Annotated

import asyncpg
from fastapi import APIRouter, Depends, Response

from services.events.adapters import training_views, views
from services.events.domain.agenda import due_certificates, sessions_needed
from services.events.domain.event import Event
from services.events.entrypoints.dependencies import Answer, Bus, Db
from services.events.entrypoints.schemas import RegistrationOut
from services.events.entrypoints.training_schemas import (
    AgendaOut,
    AttendanceRecorded,
    CertificatesOut,
    ExpensesOut,
    QuotaUseOut,
    SessionOut,
)
from services.events.service_layer import training_commands as commands
from shared.errors import NotFound
from shared.http.auth import require_staff
from shared.http.dependencies import runtime
from shared.service.runtime import Runtime


async def _pool(rt: Annotated[Runtime, Depends(runtime)]) -> asyncpg.Pool:
    return rt.pool


# A connection taken once the command's own transaction has ended (never two at once).
After = Annotated[asyncpg.Pool, Depends(_pool)]

router = APIRouter(prefix="/v1", dependencies=[Depends(require_staff)], tags=["trainings"])


async def _event(conn: asyncpg.Connection, event_id: uuid.UUID) -> Event:
    event = await views.get_event(conn, event_id)
    if event is None:
        raise NotFound(f"there is no event {event_id}")
    return event


@router.post("/events/{event_id}/participants", status_code=201, response_model=RegistrationOut)
async def register_participant(
    event_id: uuid.UUID,
    body: commands.ParticipantDetails,
    bus: Bus,
    answer: Answer,
    response: Response,
) -> RegistrationOut:
    """Register someone who is not a member (an official, a network office holder) for a
    training or workshop: confirmed into a quota place open to that kind of participant (in
    the participant's district for a per-district quota), else a general place; 409 when
    none is free."""
    registration = await bus.handle(
        commands.RegisterParticipant(event_id=event_id, participant=body)
    )
    response.headers["Location"] = f"/v1/registrations/{registration.registration_id}"
    return await answer.registration(registration.registration_id)


@router.post(
    "/events/{event_id}/participants/{registration_id}/cancel", response_model=RegistrationOut
)
async def cancel_participant(
    event_id: uuid.UUID, registration_id: uuid.UUID, bus: Bus, answer: Answer
) -> RegistrationOut:
    await bus.handle(commands.CancelParticipant(event_id=event_id, registration_id=registration_id))
    return await answer.registration(registration_id)


@router.get("/events/{event_id}/quota-use", response_model=QuotaUseOut)
async def quota_use(event_id: uuid.UUID, conn: Db) -> QuotaUseOut:
    """Places of each quota and how many are taken (per district for a per-district quota)."""
    event = await _event(conn, event_id)
    counts = await views.registration_counts(conn, event_id)
    counted = await training_views.quota_places(conn, event_id)
    return QuotaUseOut.of(event, counted, counts["confirmed"])


@router.get("/events/{event_id}/sessions", response_model=AgendaOut)
async def agenda(event_id: uuid.UUID, conn: Db) -> AgendaOut:
    """The agenda in time order, with who attended each session."""
    await _event(conn, event_id)
    rows = await training_views.sessions(conn, event_id)
    attended = await training_views.attendance_of_event(conn, event_id)
    rule = await training_views.certificate_rule(conn, event_id)
    return AgendaOut(
        event_id=event_id,
        certificate_min_sessions=rule,
        sessions_needed=sessions_needed(rule, len(rows)),
        items=[SessionOut.of(r, attended.get(r.session.session_id)) for r in rows],
    )


async def _session_out(
    conn: asyncpg.Connection, event_id: uuid.UUID, session_id: uuid.UUID
) -> SessionOut:
    for row in await training_views.sessions(conn, event_id):
        if row.session.session_id == session_id:
            return SessionOut.of(row)
    raise NotFound(f"there is no session {session_id}")


@router.post("/events/{event_id}/sessions", status_code=201, response_model=SessionOut)
async def plan_session(
    event_id: uuid.UUID, body: commands.SessionDetails, bus: Bus, pool: After
) -> SessionOut:
    session = await bus.handle(commands.PlanSession(event_id=event_id, details=body))
    async with pool.acquire() as conn:
        return await _session_out(conn, event_id, session.session_id)


@router.put("/events/{event_id}/sessions/{session_id}", response_model=SessionOut)
async def change_session(
    event_id: uuid.UUID, session_id: uuid.UUID, body: commands.SessionDetails, bus: Bus, pool: After
) -> SessionOut:
    await bus.handle(commands.ChangeSession(event_id=event_id, session_id=session_id, details=body))
    async with pool.acquire() as conn:
        return await _session_out(conn, event_id, session_id)


@router.delete("/events/{event_id}/sessions/{session_id}", status_code=204)
async def remove_session(event_id: uuid.UUID, session_id: uuid.UUID, bus: Bus) -> Response:
    """Remove a session no attendance was recorded for."""
    await bus.handle(commands.RemoveSession(event_id=event_id, session_id=session_id))
    return Response(status_code=204)


@router.post(
    "/events/{event_id}/sessions/{session_id}/attendance", response_model=AttendanceRecorded
)
async def record_attendance(
    event_id: uuid.UUID,
    session_id: uuid.UUID,
    body: commands.Attendance,
    bus: Bus,
    pool: After,
) -> AttendanceRecorded:
    """Record that these confirmed registrations attended the session (once it has
    started); recording one again changes nothing."""
    recorded = await bus.handle(
        commands.RecordAttendance(
            event_id=event_id, session_id=session_id, registration_ids=body.registration_ids
        )
    )
    async with pool.acquire() as conn:
        attended = await training_views.attendance_of_event(conn, event_id)
    return AttendanceRecorded(
        session_id=session_id, recorded=recorded, attended=len(attended.get(session_id, ()))
    )


@router.put("/events/{event_id}/certificate-rule", response_model=AgendaOut)
async def set_certificate_rule(
    event_id: uuid.UUID, body: commands.CertificateRule, bus: Bus, pool: After
) -> AgendaOut:
    """How many attended sessions a certificate needs (null: every session)."""
    await bus.handle(
        commands.SetCertificateRule(
            event_id=event_id, certificate_min_sessions=body.certificate_min_sessions
        )
    )
    async with pool.acquire() as conn:
        return await agenda(event_id, conn)


async def _certificates(conn: asyncpg.Connection, event_id: uuid.UUID) -> CertificatesOut:
    event = await _event(conn, event_id)
    sessions = len(await training_views.sessions(conn, event_id))
    rule = await training_views.certificate_rule(conn, event_id)
    attendees = await training_views.attendees(conn, event_id)
    due = due_certificates(attendees, sessions, rule, event.starts_at)
    return CertificatesOut.of(event, sessions, rule, due)


@router.get("/events/{event_id}/certificates", response_model=CertificatesOut)
async def certificates(event_id: uuid.UUID, conn: Db) -> CertificatesOut:
    """The certificates of attendance due: only to those who attended enough sessions, each
    with its number (`<B.E. year>-NNN`)."""
    return await _certificates(conn, event_id)


@router.post("/events/{event_id}/certificates/issue", response_model=CertificatesOut)
async def issue_certificates(event_id: uuid.UUID, bus: Bus, pool: After) -> CertificatesOut:
    """Issue the certificates due (announced once on the events topic); answers them all."""
    await bus.handle(commands.IssueCertificates(event_id=event_id))
    async with pool.acquire() as conn:
        return await _certificates(conn, event_id)


@router.post("/events/{event_id}/expenses", status_code=201, response_model=ExpensesOut)
async def record_expense(
    event_id: uuid.UUID, body: commands.ExpenseDetails, bus: Bus, pool: After
) -> ExpensesOut:
    """Pay an expense from the event's budget; 409 beyond what remains of it."""
    await bus.handle(commands.RecordExpense(event_id=event_id, expense=body))
    async with pool.acquire() as conn:
        return await expenses(event_id, conn)


@router.get("/events/{event_id}/expenses", response_model=ExpensesOut)
async def expenses(event_id: uuid.UUID, conn: Db) -> ExpensesOut:
    """The event's expenses, spent against its budget."""
    event = await _event(conn, event_id)
    allocated = await training_views.allocated(conn, event_id)
    return ExpensesOut.of(event, await training_views.expenses(conn, event_id), allocated)
