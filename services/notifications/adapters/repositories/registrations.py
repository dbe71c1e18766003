"""Registrations kept from events.registrations.v1 (who is confirmed for an event) and the
durable schedule of the reminders the day before each event."""

from __future__ import annotations

import uuid
from datetime import datetime

import asyncpg

from services.notifications.domain.reminders import (
    DueReminder,
    Reminder,
    ReminderState,
    ScheduledReminder,
)
from shared.db.versioned import versioned_upsert

CONFIRMED_MEMBERS = """
SELECT DISTINCT member_id FROM registrations
WHERE event_id = $1 AND status = 'confirmed' ORDER BY member_id
"""

MEMBER_OF = "SELECT member_id FROM registrations WHERE registration_id = $1"

REMINDER_FOR_UPDATE = """
SELECT event_id, starts_at, state FROM event_reminders WHERE event_id = $1 FOR UPDATE
"""

# A cancelled event has no reminder, whatever version arrives later.
DROP_REMINDER = """
INSERT INTO event_reminders AS r (event_id, version, event, starts_at, remind_at, state)
VALUES ($1, $2, '{}'::jsonb, now(), now(), 'dropped')
ON CONFLICT (event_id) DO UPDATE SET
    state = 'dropped', version = GREATEST(r.version, EXCLUDED.version), updated_at = now()
"""

CLAIM_DUE_REMINDERS = """
SELECT event_id, event, starts_at FROM event_reminders
WHERE state = 'pending' AND remind_at <= $1
ORDER BY remind_at LIMIT $2
FOR UPDATE SKIP LOCKED
"""

MARK_REMINDER = "UPDATE event_reminders SET state = $2, updated_at = now() WHERE event_id = $1"


class PostgresRegistrationRepository:
    def __init__(self, conn: asyncpg.Connection) -> None:
        self._conn = conn

    async def apply(
        self,
        registration_id: uuid.UUID,
        event_id: uuid.UUID,
        member_id: uuid.UUID,
        status: str,
        version: int,
    ) -> bool:
        """Record the registration's status unless a newer one is already here."""
        return await versioned_upsert(
            self._conn,
            "registrations",
            key={"registration_id": registration_id},
            version=version,
            values={"event_id": event_id, "member_id": member_id, "status": status},
            touch=None,
        )

    async def confirmed_members(self, event_id: uuid.UUID) -> list[uuid.UUID]:
        rows = await self._conn.fetch(CONFIRMED_MEMBERS, event_id)
        return [r["member_id"] for r in rows]

    async def member_of(self, registration_id: uuid.UUID) -> uuid.UUID | None:
        """The member a registration is of; None for a participant who is not a member."""
        found: uuid.UUID | None = await self._conn.fetchval(MEMBER_OF, registration_id)
        return found


class PostgresReminderRepository:
    def __init__(self, conn: asyncpg.Connection) -> None:
        self._conn = conn

    async def get_for_update(self, event_id: uuid.UUID) -> Reminder | None:
        row = await self._conn.fetchrow(REMINDER_FOR_UPDATE, event_id)
        if row is None:
            return None
        return Reminder(row["event_id"], row["starts_at"], ReminderState(row["state"]))

    async def schedule(self, reminder: ScheduledReminder) -> bool:
        """(Re)schedule the reminder unless a newer version of the event is already here."""
        return await versioned_upsert(
            self._conn,
            "event_reminders",
            key={"event_id": reminder.event_id},
            version=reminder.version,
            values={
                "event": reminder.event,
                "starts_at": reminder.starts_at,
                "remind_at": reminder.remind_at,
                "state": reminder.state.value,
            },
        )

    async def drop(self, event_id: uuid.UUID, version: int) -> None:
        await self._conn.execute(DROP_REMINDER, event_id, version)

    async def claim_due(self, now: datetime, limit: int) -> list[DueReminder]:
        rows = await self._conn.fetch(CLAIM_DUE_REMINDERS, now, limit)
        return [DueReminder(r["event_id"], dict(r["event"]), r["starts_at"]) for r in rows]

    async def mark(self, event_id: uuid.UUID, state: ReminderState) -> None:
        await self._conn.execute(MARK_REMINDER, event_id, state.value)
