"""Read-side queries of trainings: the agenda, quota use per district, who is due a
certificate, expenses against the budget."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

import asyncpg

from services.events.adapters.trainings import SESSION_COLUMNS, session_from_row
from services.events.domain.agenda import Attendee, Session
from shared.money import from_satang
from shared.timeutil import BANGKOK

SESSIONS = f"""
SELECT {SESSION_COLUMNS},
       (SELECT count(*) FROM session_attendance a WHERE a.session_id = s.session_id) AS attended
FROM event_sessions s WHERE event_id = $1 ORDER BY starts_at, session_id
"""
ATTENDANCE_OF_EVENT = """
SELECT a.session_id, a.registration_id FROM session_attendance a
JOIN event_sessions s USING (session_id) WHERE s.event_id = $1
"""
CERTIFICATE_RULE = "SELECT certificate_min_sessions FROM events WHERE event_id = $1"
QUOTA_PLACES = "SELECT label, places, confirmed FROM quota_places WHERE event_id = $1"
ATTENDEES = """
WITH ordered AS (
    SELECT r.registration_id, r.member_id, r.participant_kind, r.status,
           row_number() OVER (ORDER BY r.applied_order) AS order_in_event
    FROM registrations r WHERE r.event_id = $1
), attended AS (
    SELECT a.registration_id, count(*) AS sessions,
           array_agg(DISTINCT (s.starts_at AT TIME ZONE 'Asia/Bangkok')::date) AS days
    FROM session_attendance a JOIN event_sessions s USING (session_id)
    WHERE s.event_id = $1 GROUP BY a.registration_id
)
SELECT o.registration_id, o.member_id, o.participant_kind, o.order_in_event,
       a.sessions, a.days, m.name_th AS member_name_th, m.name_en AS member_name_en,
       p.name_th, p.name_en, p.position_th, p.organisation, p.district_code,
       c.number AS issued_number, c.issued_at
FROM ordered o JOIN attended a USING (registration_id)
LEFT JOIN members m ON m.member_id = o.member_id
LEFT JOIN registration_participants p ON p.registration_id = o.registration_id
LEFT JOIN certificates c ON c.registration_id = o.registration_id
WHERE o.status = 'confirmed'
ORDER BY o.order_in_event
"""
ALLOCATED = "SELECT coalesce(sum(amount_satang), 0) FROM project_grants WHERE event_id = $1"
EXPENSES = """
SELECT expense_id, item_th, amount_satang, spent_on, recorded_by, recorded_at
FROM event_expenses WHERE event_id = $1 ORDER BY spent_on, recorded_at, expense_id
"""


@dataclass(frozen=True)
class SessionRow:
    session: Session
    attended: int


async def sessions(conn: asyncpg.Connection, event_id: uuid.UUID) -> list[SessionRow]:
    return [
        SessionRow(session_from_row(r), int(r["attended"]))
        for r in await conn.fetch(SESSIONS, event_id)
    ]


async def attendance_of_event(
    conn: asyncpg.Connection, event_id: uuid.UUID
) -> dict[uuid.UUID, set[uuid.UUID]]:
    """The registrations who attended each session."""
    attended: dict[uuid.UUID, set[uuid.UUID]] = {}
    for r in await conn.fetch(ATTENDANCE_OF_EVENT, event_id):
        attended.setdefault(r["session_id"], set()).add(r["registration_id"])
    return attended


async def certificate_rule(conn: asyncpg.Connection, event_id: uuid.UUID) -> int | None:
    return await conn.fetchval(CERTIFICATE_RULE, event_id)


async def quota_places(conn: asyncpg.Connection, event_id: uuid.UUID) -> dict[str, tuple[int, int]]:
    """Places and confirmed places per place label (a per-district quota: per district)."""
    return {
        r["label"]: (r["places"], r["confirmed"]) for r in await conn.fetch(QUOTA_PLACES, event_id)
    }


async def attendees(conn: asyncpg.Connection, event_id: uuid.UUID) -> list[Attendee]:
    """Confirmed registrations that attended at least one session, in the event's order."""
    found = []
    for r in await conn.fetch(ATTENDEES, event_id):
        member = r["member_id"] is not None
        found.append(
            Attendee(
                registration_id=r["registration_id"],
                member_id=r["member_id"],
                participant_kind=r["participant_kind"],
                order_in_event=int(r["order_in_event"]),
                sessions=int(r["sessions"]),
                days=sorted(r["days"]),
                name_th=r["member_name_th"] if member else r["name_th"],
                name_en=r["member_name_en"] if member else r["name_en"],
                position_th=None if member else r["position_th"],
                organisation=None if member else r["organisation"],
                district_code=r["district_code"],
                issued_number=r["issued_number"],
                issued_at=r["issued_at"].astimezone(BANGKOK) if r["issued_at"] else None,
            )
        )
    return found


@dataclass(frozen=True)
class Expense:
    expense_id: uuid.UUID
    item_th: str
    amount: Decimal
    spent_on: date
    recorded_by: str
    recorded_at: datetime


async def expenses(conn: asyncpg.Connection, event_id: uuid.UUID) -> list[Expense]:
    return [
        Expense(
            expense_id=r["expense_id"],
            item_th=r["item_th"],
            amount=from_satang(r["amount_satang"]),
            spent_on=r["spent_on"],
            recorded_by=r["recorded_by"],
            recorded_at=r["recorded_at"].astimezone(BANGKOK),
        )
        for r in await conn.fetch(EXPENSES, event_id)
    ]


async def allocated(conn: asyncpg.Connection, event_id: uuid.UUID) -> Decimal:
    """What a development project's grants hold of the event's budget."""
    return from_satang(int(await conn.fetchval(ALLOCATED, event_id)))
