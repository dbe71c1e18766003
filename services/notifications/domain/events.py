"""What happened to a delivery, in the notifications domain's words: it reached a member's
channel, or it could not be delivered. `adapters.contract_events` says how each is published."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from services.notifications.domain.kinds import Kind
from shared.contracts.notifications import Channel


@dataclass(frozen=True)
class DeliverySent:
    """A channel took the message."""

    delivery_id: uuid.UUID
    kind: Kind
    member_id: uuid.UUID | None
    channel: Channel
    language: str
    source_event_id: uuid.UUID
    source_event_type: str
    attempts: int
    sent_at: datetime


@dataclass(frozen=True)
class DeliveryFailed:
    """The delivery was given up; `channel` is the last one tried (None when no channel was
    tried, e.g. a partner copy whose subscription ended)."""

    delivery_id: uuid.UUID
    kind: Kind
    member_id: uuid.UUID | None
    channel: Channel | None
    language: str
    source_event_id: uuid.UUID
    source_event_type: str
    attempts: int
    reason: str
    failed_at: datetime


DeliveryEvent = DeliverySent | DeliveryFailed
