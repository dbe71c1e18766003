"""The public contract of `notifications.deliveries.v1` (shared/contracts/notifications): how
each of the domain's delivery events is published. The units of work call `to_contract` at the
outbox boundary."""

from __future__ import annotations

from functools import singledispatch

from pydantic import BaseModel

from services.notifications.domain import events
from shared.contracts import notifications as contract


@singledispatch
def to_contract(event: object) -> BaseModel:
    raise TypeError(f"{type(event).__name__} is not an event notifications publishes")


@to_contract.register
def _sent(event: events.DeliverySent) -> contract.DeliverySent:
    return contract.DeliverySent(
        delivery_id=event.delivery_id,
        kind=event.kind,
        member_id=event.member_id,
        channel=event.channel,
        language=event.language,
        source_event_id=event.source_event_id,
        source_event_type=event.source_event_type,
        attempts=max(event.attempts, 1),
        sent_at=event.sent_at,
    )


@to_contract.register
def _failed(event: events.DeliveryFailed) -> contract.DeliveryFailed:
    return contract.DeliveryFailed(
        delivery_id=event.delivery_id,
        kind=event.kind,
        member_id=event.member_id,
        # Given up before any channel was tried (a partner copy whose subscription ended).
        channel=event.channel or contract.Channel.WEBHOOK,
        language=event.language,
        source_event_id=event.source_event_id,
        source_event_type=event.source_event_type,
        attempts=max(event.attempts, 1),
        reason=event.reason or "not delivered",
        failed_at=event.failed_at,
    )
