"""Handlers of a training's agenda: sessions with speakers, attendance per session (recorded
once a session has started, for confirmed registrations only; recording again changes
nothing), the certificate rule, and certificates issued to those who attended enough.

Staff may manage the event (agenda, certificate rule) or its registrations (attendance,
certificates) in the event's host province."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

from services.events.domain.agenda import DueCertificate, Session, due_certificates
from services.events.domain.event import Event
from services.events.domain.participants import check_takes_participants
from services.events.service_layer import training_commands as commands
from services.events.service_layer.placement import locked_places
from services.events.service_layer.training_ports import TrainingsUnitOfWork
from shared.contracts import trainings as contract
from shared.contracts.events import EventStatus
from shared.errors import Conflict, InvalidInput, InvalidTransition, NotFound
from shared.identity.actor import authorize
from shared.identity.roles import Action
from shared.timeutil import now_bangkok

Clock = Callable[[], datetime]


async def _event(uow: TrainingsUnitOfWork, event_id: uuid.UUID, action: Action) -> Event:
    """The event locked until the unit of work ends, the actor allowed `action` there."""
    places = await locked_places(uow, event_id)
    authorize(action, places.event.host_province_code)
    return places.event


def _session(event: Event, session_id: uuid.UUID, details: commands.SessionDetails) -> Session:
    session = Session(
        session_id=session_id,
        event_id=event.event_id,
        title_th=details.title_th,
        title_en=details.title_en,
        starts_at=details.starts_at,
        ends_at=details.ends_at,
        speakers=list(details.speakers),
        room=details.room,
    )
    session.check_within(event.starts_at, event.ends_at)
    return session


async def _existing_session(
    uow: TrainingsUnitOfWork, event: Event, session_id: uuid.UUID
) -> Session:
    found = await uow.trainings.session(session_id)
    if found is None or found.event_id != event.event_id:
        raise NotFound(
            f"ไม่พบหัวข้อนี้ในกำหนดการของงาน / there is no session {session_id} in this event's agenda"
        )
    return found


def _check_agenda_open(event: Event) -> None:
    if event.status in (EventStatus.CANCELLED, EventStatus.CLOSED):
        raise InvalidTransition(
            f"งานอยู่ในสถานะ {event.status.value} เปลี่ยนกำหนดการไม่ได้ / the event is "
            f"{event.status.value}: its agenda cannot change"
        )


async def plan_session(cmd: commands.PlanSession, uow: TrainingsUnitOfWork) -> Session:
    async with uow:
        event = await _event(uow, cmd.event_id, Action.MANAGE_EVENTS)
        _check_agenda_open(event)
        session = _session(event, uuid.uuid4(), cmd.details)
        await uow.trainings.add_session(session)
        uow.audit("session.planned", "event", event.event_id)
        await uow.commit()
    return session


async def change_session(cmd: commands.ChangeSession, uow: TrainingsUnitOfWork) -> Session:
    async with uow:
        event = await _event(uow, cmd.event_id, Action.MANAGE_EVENTS)
        _check_agenda_open(event)
        await _existing_session(uow, event, cmd.session_id)
        session = _session(event, cmd.session_id, cmd.details)
        await uow.trainings.save_session(session)
        uow.audit("session.changed", "event", event.event_id)
        await uow.commit()
    return session


async def remove_session(cmd: commands.RemoveSession, uow: TrainingsUnitOfWork) -> None:
    async with uow:
        event = await _event(uow, cmd.event_id, Action.MANAGE_EVENTS)
        _check_agenda_open(event)
        await _existing_session(uow, event, cmd.session_id)
        if await uow.trainings.session_attended(cmd.session_id):
            raise Conflict(
                "หัวข้อนี้มีผู้เข้าร่วมบันทึกไว้แล้ว / attendance was recorded for this session: "
                "it cannot be removed"
            )
        await uow.trainings.delete_session(cmd.session_id)
        uow.audit("session.removed", "event", event.event_id)
        await uow.commit()


async def record_attendance(
    cmd: commands.RecordAttendance, uow: TrainingsUnitOfWork, clock: Clock = now_bangkok
) -> list[uuid.UUID]:
    """Those newly recorded; attendance recorded again changes nothing."""
    now = clock()
    wanted = list(dict.fromkeys(cmd.registration_ids))
    async with uow:
        event = await _event(uow, cmd.event_id, Action.MANAGE_REGISTRATIONS)
        if event.status is not EventStatus.PUBLISHED:
            raise InvalidTransition(
                f"งานอยู่ในสถานะ {event.status.value} บันทึกการเข้าร่วมไม่ได้แล้ว / the event is "
                f"{event.status.value}: attendance can no longer be recorded"
            )
        session = await _existing_session(uow, event, cmd.session_id)
        session.check_attendance_time(now)
        confirmed = await uow.trainings.confirmed_of_event(event.event_id, wanted)
        unknown = [str(r) for r in wanted if r not in confirmed]
        if unknown:
            raise InvalidInput(
                "บันทึกได้เฉพาะผู้ลงทะเบียนที่ได้รับการยืนยันของงานนี้ / only confirmed "
                f"registrations of this event attend its sessions; not: {', '.join(unknown)}",
                registration_ids=unknown,
            )
        recorded = await uow.trainings.record_attendance(session.session_id, wanted, now)
        for registration_id in recorded:
            uow.publish(
                registration_id,
                contract.SessionAttended(
                    registration_id=registration_id,
                    event_id=event.event_id,
                    session_id=session.session_id,
                    session_title_th=session.title_th,
                    occurred_at=now,
                ),
            )
        await uow.commit()
    return recorded


async def set_certificate_rule(cmd: commands.SetCertificateRule, uow: TrainingsUnitOfWork) -> None:
    async with uow:
        event = await _event(uow, cmd.event_id, Action.MANAGE_EVENTS)
        check_takes_participants(event.kind)
        await uow.trainings.set_certificate_rule(event.event_id, cmd.certificate_min_sessions)
        uow.audit("certificate_rule.set", "event", event.event_id)
        await uow.commit()


async def issue_certificates(
    cmd: commands.IssueCertificates, uow: TrainingsUnitOfWork, clock: Clock = now_bangkok
) -> list[DueCertificate]:
    """Issue the certificates due and not issued yet; the ones issued now."""
    now = clock()
    async with uow:
        event = await _event(uow, cmd.event_id, Action.MANAGE_REGISTRATIONS)
        check_takes_participants(event.kind)
        sessions, rule, attendees = await uow.trainings.certificate_facts(event.event_id)
        issued = [
            due
            for due in due_certificates(attendees, sessions, rule, event.starts_at)
            if await uow.trainings.issue_certificate(
                event.event_id, due.attendee.registration_id, due.number, now
            )
        ]
        if issued:
            uow.publish(
                event.event_id,
                contract.CertificatesIssued(
                    event_id=event.event_id,
                    certificates=[
                        contract.IssuedCertificate(
                            registration_id=d.attendee.registration_id,
                            number=d.number,
                            sessions_attended=d.attendee.sessions,
                        )
                        for d in issued
                    ],
                    issued_at=now,
                ),
            )
        await uow.commit()
    return issued


COMMANDS: dict[type[Any], Callable[..., Any]] = {
    commands.PlanSession: plan_session,
    commands.ChangeSession: change_session,
    commands.RemoveSession: remove_session,
    commands.RecordAttendance: record_attendance,
    commands.SetCertificateRule: set_certificate_rule,
    commands.IssueCertificates: issue_certificates,
}
