"""events.registrations.v1: keep who is confirmed for each event (for its reminder) and
tell members what became of their registration and booth."""

from __future__ import annotations

from typing import Any

from services.notifications.service_layer.notify import (
    Clock,
    NotificationRequest,
    event_context,
    notify,
)
from services.notifications.service_layer.unit_of_work import NotificationsUnitOfWork
from shared.contracts.events import (
    BoothAssigned,
    CancellationReason,
    RegistrationCancelled,
    RegistrationChange,
    RegistrationConfirmed,
    RegistrationPromoted,
    RegistrationWaitlisted,
)
from shared.contracts.notifications import NotificationKind as Kind
from shared.messaging.bus import EventHandlers, EventMetadata
from shared.timeutil import now_bangkok

# The notification of each change and the registration's status after it.
_REGISTRATION_KINDS: dict[type[RegistrationChange], tuple[Kind, str]] = {
    RegistrationConfirmed: (Kind.REGISTRATION_CONFIRMED, "confirmed"),
    RegistrationWaitlisted: (Kind.REGISTRATION_WAITLISTED, "waitlisted"),
    RegistrationPromoted: (Kind.REGISTRATION_PROMOTED, "confirmed"),
    RegistrationCancelled: (Kind.REGISTRATION_CANCELLED, "cancelled"),
}


async def on_registration_changed(
    data: RegistrationChange,
    metadata: EventMetadata,
    uow: NotificationsUnitOfWork,
    clock: Clock = now_bangkok,
) -> None:
    kind, status = _REGISTRATION_KINDS[type(data)]
    context: dict[str, Any] = {"event": event_context(data.event)}
    if isinstance(data, RegistrationWaitlisted):
        context["position"] = data.position
    if isinstance(data, RegistrationConfirmed | RegistrationPromoted):
        context["quota"] = data.quota
    if isinstance(data, RegistrationCancelled):
        context["reason"] = data.reason.value
        context["previous_status"] = data.previous_status.value
    async with uow:
        await uow.registrations.apply(
            data.registration_id, data.event_id, data.member_id, status, data.version
        )
        # A cancelled event tells its members once, through event.cancelled.
        skip = (
            isinstance(data, RegistrationCancelled)
            and data.reason is CancellationReason.EVENT_CANCELLED
        )
        if not skip:
            await notify(
                uow,
                NotificationRequest(kind, data.member_id, metadata, context, data.event_id),
                clock,
            )
        await uow.commit()


async def on_booth_assigned(
    data: BoothAssigned,
    metadata: EventMetadata,
    uow: NotificationsUnitOfWork,
    clock: Clock = now_bangkok,
) -> None:
    context = {
        "event": event_context(data.event),
        "zone": data.zone,
        "booth_number": data.booth_number,
    }
    async with uow:
        await notify(
            uow,
            NotificationRequest(
                Kind.BOOTH_ASSIGNED, data.member_id, metadata, context, data.event_id
            ),
            clock,
        )
        await uow.commit()


HANDLERS: EventHandlers = {
    RegistrationConfirmed: on_registration_changed,
    RegistrationWaitlisted: on_registration_changed,
    RegistrationPromoted: on_registration_changed,
    RegistrationCancelled: on_registration_changed,
    BoothAssigned: on_booth_assigned,
}
