"""The reminder the day before an event: a durable schedule in Postgres.

Due reminders are claimed with FOR UPDATE SKIP LOCKED, and every confirmed member's
notification is queued in the same transaction that marks the reminder sent, so a restart
neither loses nor repeats one. The source of a reminder is derived from the event and its
start, so a rescheduled event reminds again and a repeated run does not.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from services.notifications.domain.reminders import ReminderState, is_too_late
from services.notifications.service_layer.notify import NotificationRequest, notify
from services.notifications.service_layer.unit_of_work import NotificationsUnitOfWork
from shared.contracts.notifications import NotificationKind
from shared.timeutil import now_bangkok

REMINDER_NAMESPACE = uuid.UUID("5b0f3c39-8d0e-4f8e-9a55-0d6f1c7a2e11")
REMINDER_SOURCE_TYPE = "event.reminder_due"


@dataclass(frozen=True)
class ReminderDue:
    """The cause of an event's reminders: one per event and start."""

    event_id: uuid.UUID
    event_type: str = REMINDER_SOURCE_TYPE


def reminder_source(event_id: uuid.UUID, starts_at: datetime) -> ReminderDue:
    key = f"{event_id}:{starts_at.isoformat()}"
    return ReminderDue(uuid.uuid5(REMINDER_NAMESPACE, key))


async def send_due_reminders(
    uow: NotificationsUnitOfWork,
    clock: Callable[[], datetime] = now_bangkok,
    limit: int = 20,
) -> int:
    """Queue every due reminder's notifications; returns how many reminders were handled."""
    now = clock()
    async with uow:
        due = await uow.reminders.claim_due(now, limit)
        for reminder in due:
            if is_too_late(reminder.starts_at, now):
                await uow.reminders.mark(reminder.event_id, ReminderState.MISSED)
                continue
            source = reminder_source(reminder.event_id, reminder.starts_at)
            context = {"event": dict(reminder.event)}
            for member_id in await uow.registrations.confirmed_members(reminder.event_id):
                await notify(
                    uow,
                    NotificationRequest(
                        NotificationKind.EVENT_REMINDER,
                        member_id,
                        source,
                        context,
                        reminder.event_id,
                    ),
                    clock,
                )
            await uow.reminders.mark(reminder.event_id, ReminderState.SENT)
        await uow.commit()
    return len(due)
