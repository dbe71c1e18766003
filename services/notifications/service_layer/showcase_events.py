"""events.showcases.v1: schedule each published event's reminder; tell the registered
members of a cancelled event. (Development projects' and trainings' notices: project_events.)"""

from __future__ import annotations

from services.notifications.domain.reminders import (
    ScheduledReminder,
    remind_at,
    state_when_scheduled,
)
from services.notifications.service_layer.notify import (
    Clock,
    NotificationRequest,
    event_context,
    notify,
)
from services.notifications.service_layer.unit_of_work import NotificationsUnitOfWork
from shared.contracts.events import (
    EventCancelled,
    EventPublished,
    EventSnapshot,
    EventStatus,
    EventUpdated,
)
from shared.contracts.notifications import NotificationKind
from shared.messaging.bus import EventHandlers, EventMetadata
from shared.timeutil import now_bangkok


async def on_event_scheduled(
    data: EventSnapshot,
    metadata: EventMetadata,
    uow: NotificationsUnitOfWork,
    clock: Clock = now_bangkok,
) -> None:
    """Published or updated: (re)schedule the reminder the day before; a cancelled or
    closed event has none. Its titles are kept for the notices that name it."""
    async with uow:
        await uow.names.keep_event(data.event_id, data.version, event_context(data))
        if data.status in (EventStatus.CANCELLED, EventStatus.CLOSED):
            await uow.reminders.drop(data.event_id, data.version)
        elif data.status is EventStatus.PUBLISHED:
            current = await uow.reminders.get_for_update(data.event_id)
            await uow.reminders.schedule(
                ScheduledReminder(
                    event_id=data.event_id,
                    version=data.version,
                    event=event_context(data),
                    starts_at=data.starts_at,
                    remind_at=remind_at(data.starts_at, clock()),
                    state=state_when_scheduled(current, data.starts_at),
                )
            )
        await uow.commit()


async def on_event_cancelled(
    data: EventCancelled,
    metadata: EventMetadata,
    uow: NotificationsUnitOfWork,
    clock: Clock = now_bangkok,
) -> None:
    context = {
        "event": data.model_dump(
            mode="json",
            include={"event_id", "kind", "title_th", "title_en", "starts_at", "ends_at"},
        ),
        "reason": data.reason,
    }
    async with uow:
        await uow.reminders.drop(data.event_id, data.version)
        for affected in data.registrations:
            await notify(
                uow,
                NotificationRequest(
                    NotificationKind.EVENT_CANCELLED,
                    affected.member_id,
                    metadata,
                    context,
                    data.event_id,
                ),
                clock,
            )
        await uow.commit()


HANDLERS: EventHandlers = {
    EventPublished: on_event_scheduled,
    EventUpdated: on_event_scheduled,
    EventCancelled: on_event_cancelled,
}
