"""The reminder the day before an event: a durable schedule in Postgres.

Due reminders are claimed with FOR UPDATE SKIP LOCKED, and every confirmed member's
notification is queued in the same transaction that marks the reminder sent, so a restart
neither loses nor repeats one. The source of a reminder is derived from the event and its
start, so a rescheduled event reminds again and a repeated run does not.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime

from services.notifications.service_layer.notify import NotificationRequest, SourceEvent, notify
from services.notifications.service_layer.unit_of_work import NotificationsUnitOfWork
from shared.contracts.notifications import NotificationKind
from shared.timeutil import BANGKOK, now_bangkok

REMINDER_NAMESPACE = uuid.UUID("5b0f3c39-8d0e-4f8e-9a55-0d6f1c7a2e11")
REMINDER_SOURCE_TYPE = "event.reminder_due"


def reminder_source(event_id: uuid.UUID, starts_at: datetime) -> SourceEvent:
    key = f"{event_id}:{starts_at.isoformat()}"
    return SourceEvent(uuid.uuid5(REMINDER_NAMESPACE, key), REMINDER_SOURCE_TYPE)


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
            event_id: uuid.UUID = reminder["event_id"]
            # "Tomorrow" is only true before the event's own day (Bangkok): an event
            # published on its day, or a service down the whole day before, has no reminder.
            starts_on = reminder["starts_at"].astimezone(BANGKOK).date()
            if starts_on <= now.astimezone(BANGKOK).date():
                await uow.reminders.mark(event_id, "missed")
                continue
            source = reminder_source(event_id, reminder["starts_at"])
            context = {"event": dict(reminder["event"])}
            for member_id in await uow.registrations.confirmed_members(event_id):
                await notify(
                    uow,
                    NotificationRequest(
                        NotificationKind.EVENT_REMINDER, member_id, source, context, event_id
                    ),
                    clock,
                )
            await uow.reminders.mark(event_id, "sent")
        await uow.commit()
    return len(due)
