"""Response bodies of the notifications API."""

from __future__ import annotations

import uuid
from datetime import datetime, time

from pydantic import BaseModel

from services.notifications.domain.preferences import Preferences
from shared.contracts.notifications import Channel, NotificationKind


class QuietHoursOut(BaseModel):
    start: time
    end: time
    timezone: str = "Asia/Bangkok"


class PreferencesOut(BaseModel):
    member_id: uuid.UUID
    language: str | None
    effective_language: str
    channels: list[Channel]
    opt_outs: list[NotificationKind]
    quiet_hours: QuietHoursOut | None

    @classmethod
    def of(cls, member_id: uuid.UUID, prefs: Preferences, language: str) -> PreferencesOut:
        quiet = prefs.quiet_hours
        return cls(
            member_id=member_id,
            language=prefs.language,
            effective_language=language,
            channels=list(prefs.channels),
            opt_outs=sorted(prefs.opt_outs),
            quiet_hours=QuietHoursOut(start=quiet.start, end=quiet.end) if quiet else None,
        )


class WebhookOut(BaseModel):
    subscription_id: uuid.UUID
    url: str
    kinds: list[NotificationKind]
    description: str | None
    active: bool
    created_at: datetime


class WebhookCreated(WebhookOut):
    secret: str  # shown once: sign-verification key of this subscription


class WebhookList(BaseModel):
    items: list[WebhookOut]
    next_cursor: str | None = None  # give it as `cursor` for the next page


class AttemptOut(BaseModel):
    attempt: int
    channel: Channel | None
    outcome: str
    error: str | None
    attempted_at: datetime


class DeliveryOut(BaseModel):
    delivery_id: uuid.UUID
    kind: str  # a kind of the deliveries contract, or a shop notice's kind
    member_id: uuid.UUID | None
    subscription_id: uuid.UUID | None
    event_id: uuid.UUID | None
    order_id: uuid.UUID | None = None  # the online order whose customer is told
    source_event_id: uuid.UUID
    source_event_type: str
    state: str
    channel: Channel | None
    language: str
    attempts: int
    failed_channels: list[Channel]
    last_error: str | None
    next_attempt_at: datetime | None
    created_at: datetime
    sent_at: datetime | None
    failed_at: datetime | None


class DeliveryDetail(DeliveryOut):
    attempt_log: list[AttemptOut]


class DeliveryList(BaseModel):
    items: list[DeliveryOut]
    next_cursor: str | None = None  # give it as `cursor` for the next page
