"""Postgres repository of a training's participants who are not members, its agenda,
attendance, certificates and expenses (asyncpg, plain SQL)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal

import asyncpg

from services.events.adapters.rows import registration_values
from services.events.domain.agenda import Attendee, Session
from services.events.domain.registration import Registration
from shared.money import to_satang
from shared.timeutil import BANGKOK

INSERT_PARTICIPANT_REGISTRATION = """
INSERT INTO registrations (
    registration_id, event_id, member_id, status, quota, version, applied_at, confirmed_at,
    cancelled_at, cancel_reason, checked_in_at, participant_kind)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
"""
INSERT_PARTICIPANT = """
INSERT INTO registration_participants (
    registration_id, name_th, name_en, position_th, province_code, district_code, organisation)
VALUES ($1, $2, $3, $4, $5, $6, $7)
"""
CANCEL_PARTICIPANT = """
UPDATE registrations SET status = $2, version = $3, cancelled_at = $4, cancel_reason = $5
WHERE registration_id = $1 AND member_id IS NULL
"""
SAME_PARTICIPANT_OPEN = """
SELECT 1 FROM registrations r JOIN registration_participants p USING (registration_id)
WHERE r.event_id = $1 AND r.status <> 'cancelled' AND p.name_th = $2
  AND p.province_code = $3 AND p.district_code IS NOT DISTINCT FROM $4
"""
SESSION_COLUMNS = "session_id, event_id, title_th, title_en, starts_at, ends_at, speakers, room"
INSERT_SESSION = f"""
INSERT INTO event_sessions ({SESSION_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
"""
UPDATE_SESSION = """
UPDATE event_sessions SET title_th = $3, title_en = $4, starts_at = $5, ends_at = $6,
    speakers = $7, room = $8
WHERE session_id = $1 AND event_id = $2
"""
SELECT_SESSION = f"SELECT {SESSION_COLUMNS} FROM event_sessions WHERE session_id = $1"
DELETE_SESSION = "DELETE FROM event_sessions WHERE session_id = $1"
SESSION_ATTENDED = "SELECT 1 FROM session_attendance WHERE session_id = $1 LIMIT 1"
CONFIRMED_OF_EVENT = """
SELECT registration_id FROM registrations
WHERE event_id = $1 AND status = 'confirmed' AND registration_id = ANY($2::uuid[])
"""
RECORD_ATTENDANCE = """
INSERT INTO session_attendance (session_id, registration_id, recorded_at)
SELECT $1, unnest($2::uuid[]), $3
ON CONFLICT (session_id, registration_id) DO NOTHING
RETURNING registration_id
"""
SET_CERTIFICATE_RULE = "UPDATE events SET certificate_min_sessions = $2 WHERE event_id = $1"
ISSUE_CERTIFICATE = """
INSERT INTO certificates (registration_id, event_id, number, issued_at)
VALUES ($1, $2, $3, $4)
ON CONFLICT (registration_id) DO NOTHING
RETURNING registration_id
"""
INSERT_EXPENSE = """
INSERT INTO event_expenses (
    expense_id, event_id, item_th, amount_satang, spent_on, recorded_by, recorded_at)
VALUES ($1, $2, $3, $4, $5, $6, $7)
"""


def session_from_row(row: asyncpg.Record) -> Session:
    return Session(
        session_id=row["session_id"],
        event_id=row["event_id"],
        title_th=row["title_th"],
        title_en=row["title_en"],
        starts_at=row["starts_at"].astimezone(BANGKOK),
        ends_at=row["ends_at"].astimezone(BANGKOK),
        speakers=list(row["speakers"]),
        room=row["room"],
    )


def _session_values(s: Session) -> list[object]:
    return [
        s.session_id,
        s.event_id,
        s.title_th,
        s.title_en,
        s.starts_at,
        s.ends_at,
        s.speakers,
        s.room,
    ]


class PostgresTrainingRepository:
    def __init__(self, conn: asyncpg.Connection) -> None:
        self._conn = conn

    async def add_participant(self, registration: Registration) -> None:
        p = registration.participant
        assert p is not None
        await self._conn.execute(
            INSERT_PARTICIPANT_REGISTRATION, *registration_values(registration), p.kind.value
        )
        await self._conn.execute(
            INSERT_PARTICIPANT,
            registration.registration_id,
            p.name_th,
            p.name_en,
            p.position_th,
            p.province_code,
            p.district_code,
            p.organisation,
        )

    async def participant_registered(
        self, event_id: uuid.UUID, name_th: str, province_code: str, district_code: str | None
    ) -> bool:
        row = await self._conn.fetchrow(
            SAME_PARTICIPANT_OPEN, event_id, name_th, province_code, district_code
        )
        return row is not None

    async def save_cancelled_participant(self, registration: Registration) -> None:
        await self._conn.execute(
            CANCEL_PARTICIPANT,
            registration.registration_id,
            registration.status.value,
            registration.version,
            registration.cancelled_at,
            registration.cancel_reason.value if registration.cancel_reason else None,
        )

    async def add_session(self, session: Session) -> None:
        await self._conn.execute(INSERT_SESSION, *_session_values(session))

    async def save_session(self, session: Session) -> None:
        await self._conn.execute(UPDATE_SESSION, *_session_values(session))

    async def session(self, session_id: uuid.UUID) -> Session | None:
        row = await self._conn.fetchrow(SELECT_SESSION, session_id)
        return session_from_row(row) if row else None

    async def session_attended(self, session_id: uuid.UUID) -> bool:
        return await self._conn.fetchrow(SESSION_ATTENDED, session_id) is not None

    async def delete_session(self, session_id: uuid.UUID) -> None:
        await self._conn.execute(DELETE_SESSION, session_id)

    async def confirmed_of_event(
        self, event_id: uuid.UUID, registration_ids: list[uuid.UUID]
    ) -> set[uuid.UUID]:
        rows = await self._conn.fetch(CONFIRMED_OF_EVENT, event_id, registration_ids)
        return {r["registration_id"] for r in rows}

    async def record_attendance(
        self, session_id: uuid.UUID, registration_ids: list[uuid.UUID], now: datetime
    ) -> list[uuid.UUID]:
        """Those newly recorded (attendance already recorded stays as it was)."""
        rows = await self._conn.fetch(RECORD_ATTENDANCE, session_id, registration_ids, now)
        return [r["registration_id"] for r in rows]

    async def set_certificate_rule(self, event_id: uuid.UUID, min_sessions: int | None) -> None:
        await self._conn.execute(SET_CERTIFICATE_RULE, event_id, min_sessions)

    async def issue_certificate(
        self, event_id: uuid.UUID, registration_id: uuid.UUID, number: str, now: datetime
    ) -> bool:
        """Whether the certificate was issued now (False: it had been already)."""
        row = await self._conn.fetchrow(ISSUE_CERTIFICATE, registration_id, event_id, number, now)
        return row is not None

    async def certificate_facts(
        self, event_id: uuid.UUID
    ) -> tuple[int, int | None, list[Attendee]]:
        """The agenda's sessions, the certificate rule, and who attended."""
        from services.events.adapters import training_views

        sessions = await training_views.sessions(self._conn, event_id)
        rule = await training_views.certificate_rule(self._conn, event_id)
        return len(sessions), rule, await training_views.attendees(self._conn, event_id)

    async def add_expense(
        self,
        expense_id: uuid.UUID,
        event_id: uuid.UUID,
        item_th: str,
        amount: Decimal,
        spent_on: date,
        recorded_by: str,
        now: datetime,
    ) -> None:
        await self._conn.execute(
            INSERT_EXPENSE,
            expense_id,
            event_id,
            item_th,
            to_satang(amount),
            spent_on,
            recorded_by,
            now,
        )
