"""Queue a notice for the customer of an online order: one delivery per channel the
customer gave, sent at once. The context holds what the message says of the order, never
the customer's contact (the delivery worker reads it from the order's record when sending).
"""

from __future__ import annotations

import uuid
from typing import Any

from services.notifications.domain.customers import OrderFacts
from services.notifications.domain.delivery import Delivery
from services.notifications.service_layer.notify import Cause, Clock
from services.notifications.service_layer.unit_of_work import NotificationsUnitOfWork
from shared.contracts.notifications import NotificationKind
from shared.logging import get_logger

log = get_logger(__name__)


async def tell_customer(
    uow: NotificationsUnitOfWork,
    order: OrderFacts,
    kind: NotificationKind,
    source: Cause,
    context: dict[str, Any],
    clock: Clock,
) -> int:
    """How many deliveries were queued (none when this event was told before). Runs inside
    the caller's open unit of work."""
    now = clock()
    if not order.channels:
        log.warning("the order's customer gave no channel", order_id=str(order.order_id))
        return 0
    queued = 0
    for channel in order.channels:
        delivery = Delivery(
            delivery_id=uuid.uuid4(),
            kind=kind,
            member_id=None,
            subscription_id=None,
            source_event_id=source.event_id,
            source_event_type=source.event_type,
            context={"number": order.number, "fulfilment": order.fulfilment, **context},
            order_id=order.order_id,
            to_channel=channel,
        )
        if await uow.deliveries.enqueue(delivery, event_id=None, critical=False, send_at=now):
            queued += 1
    return queued
