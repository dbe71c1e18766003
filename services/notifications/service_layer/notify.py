"""Queue a notification for a member: respect opt-outs and quiet hours, add partner copies.

Only queues: the delivery worker sends. Exactly one delivery per (source event, member,
kind) is guaranteed by the table's unique constraint.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from services.notifications.domain.delivery import Delivery
from services.notifications.domain.kinds import Kind
from services.notifications.domain.preferences import Preferences, is_critical
from services.notifications.service_layer.unit_of_work import NotificationsUnitOfWork
from shared.contracts import events
from shared.logging import get_logger
from shared.timeutil import now_bangkok

log = get_logger(__name__)

Clock = Callable[[], datetime]


class Cause(Protocol):
    """What causes a notification (a consumed event's metadata, a reminder that fell due):
    its id and type go into the delivery log."""

    @property
    def event_id(self) -> uuid.UUID: ...
    @property
    def event_type(self) -> str: ...


@dataclass(frozen=True)
class NotificationRequest:
    kind: Kind
    member_id: uuid.UUID
    source: Cause
    context: dict[str, Any]
    event_id: uuid.UUID | None = None  # the showcase event it is about, if any


def event_context(summary: events.EventSummary | events.EventSnapshot) -> dict[str, Any]:
    """What messages about a showcase event say of it."""
    return summary.model_dump(
        mode="json",
        include={
            "event_id",
            "kind",
            "title_th",
            "title_en",
            "venue_th",
            "venue_en",
            "host_province_code",
            "starts_at",
            "ends_at",
        },
    )


async def notify(
    uow: NotificationsUnitOfWork, request: NotificationRequest, clock: Clock = now_bangkok
) -> bool:
    """Queue the member's delivery (and partner copies); False when the member opted out
    or it was queued before. Runs inside the caller's open unit of work."""
    now = clock()
    preferences = await uow.preferences.get(request.member_id) or Preferences()
    queued = False
    if preferences.wants(request.kind):
        delivery = Delivery(
            delivery_id=uuid.uuid4(),
            kind=request.kind,
            member_id=request.member_id,
            subscription_id=None,
            source_event_id=request.source.event_id,
            source_event_type=request.source.event_type,
            context=request.context,
        )
        queued = await uow.deliveries.enqueue(
            delivery,
            event_id=request.event_id,
            critical=is_critical(request.kind),
            send_at=preferences.send_at(request.kind, now),
        )
    else:
        log.info("member opted out of this kind", kind=request.kind.value)
    for subscription_id in await uow.webhooks.subscribed_to(request.kind):
        copy = Delivery(
            delivery_id=uuid.uuid4(),
            kind=request.kind,
            member_id=request.member_id,
            subscription_id=subscription_id,
            source_event_id=request.source.event_id,
            source_event_type=request.source.event_type,
            context=request.context,
        )
        await uow.deliveries.enqueue(
            copy, event_id=request.event_id, critical=is_critical(request.kind), send_at=now
        )
    return queued
