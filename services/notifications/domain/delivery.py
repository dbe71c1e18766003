"""A delivery: one notification of one kind, caused by one event, to one member (or a copy
to one partner webhook). A durable job: queued → sending → sent | failed.

A delivery to the customer of an online order names the order (`order_id`) instead of a
member and the one channel it goes on (`to_channel`): a customer is told on each channel
they gave, one delivery per channel, with no fallback between them.

The worker picks the member's channels in order of preference; a transient failure is
retried on the same channel with backoff, up to a bound; a permanent one (or running out
of retries) moves on to the next channel; when no channel is left the delivery has failed.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from services.notifications.domain.backoff import Backoff
from services.notifications.domain.events import DeliveryEvent, DeliveryFailed, DeliverySent
from services.notifications.domain.kinds import Kind
from shared.contracts.notifications import Channel

CONTACT_UNKNOWN = "the member's contact details are not known"


class DeliveryState(StrEnum):
    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"


@dataclass(frozen=True)
class SendFailure:
    """Why a channel did not take the message; `permanent` means retrying cannot help."""

    reason: str
    permanent: bool


@dataclass
class Delivery:
    delivery_id: uuid.UUID
    kind: Kind
    member_id: uuid.UUID | None
    subscription_id: uuid.UUID | None
    source_event_id: uuid.UUID
    source_event_type: str
    context: dict[str, Any]
    state: DeliveryState = DeliveryState.QUEUED
    attempts: int = 0
    channel: Channel | None = None
    channel_failures: int = 0
    failed_channels: list[Channel] = field(default_factory=list)
    language: str = "th"
    last_error: str | None = None
    next_attempt_at: datetime | None = None
    sent_at: datetime | None = None
    failed_at: datetime | None = None
    # The online order whose customer is told, and the channel it goes on.
    order_id: uuid.UUID | None = None
    to_channel: Channel | None = None
    # Until when this worker holds the job (set when claimed).
    lease_until: datetime | None = None
    # What happened to it since it was loaded, not yet published.
    events: list[DeliveryEvent] = field(default_factory=list, compare=False, repr=False)

    @property
    def is_webhook_copy(self) -> bool:
        return self.subscription_id is not None

    @property
    def is_for_customer(self) -> bool:
        return self.order_id is not None

    def next_channel(self, available: list[Channel]) -> Channel | None:
        """The first of the member's usable channels that has not failed for good."""
        for channel in available:
            if channel not in self.failed_channels:
                return channel
        return None

    def contact_found(self) -> None:
        """The contact has arrived: waiting for it does not count against any channel."""
        if self.last_error == CONTACT_UNKNOWN:
            self.channel_failures = 0
            self.last_error = None

    def start_attempt(self, channel: Channel, language: str) -> None:
        if self.channel != channel:
            self.channel_failures = 0
        self.channel = channel
        self.language = language
        self.attempts += 1

    def succeeded(self, now: datetime) -> None:
        assert self.channel is not None, "a delivery is sent on the channel it was tried on"
        self.state = DeliveryState.SENT
        self.sent_at = now
        self.last_error = None
        self.next_attempt_at = None
        self.events.append(
            DeliverySent(
                delivery_id=self.delivery_id,
                kind=self.kind,
                member_id=self.member_id,
                channel=self.channel,
                language=self.language,
                source_event_id=self.source_event_id,
                source_event_type=self.source_event_type,
                attempts=self.attempts,
                sent_at=now,
            )
        )

    def attempt_failed(
        self, failure: SendFailure, now: datetime, backoff: Backoff, max_attempts: int
    ) -> None:
        """Retry the channel later, or give it up and try the next one at once."""
        self.last_error = failure.reason[:1000]
        self.channel_failures += 1
        if failure.permanent or self.channel_failures >= max_attempts:
            if self.channel is not None and self.channel not in self.failed_channels:
                self.failed_channels.append(self.channel)
            self.channel_failures = 0
            self.state = DeliveryState.QUEUED
            self.next_attempt_at = now
            return
        self.state = DeliveryState.QUEUED
        self.next_attempt_at = now + timedelta(seconds=backoff.delay(self.channel_failures))

    def hold_until(self, moment: datetime) -> None:
        """Not now (the member's quiet hours): wait, without counting an attempt."""
        self.state = DeliveryState.QUEUED
        self.next_attempt_at = moment

    def give_up(self, reason: str, now: datetime) -> None:
        self.state = DeliveryState.FAILED
        self.last_error = reason[:1000]
        self.failed_at = now
        self.next_attempt_at = None
        self.events.append(
            DeliveryFailed(
                delivery_id=self.delivery_id,
                kind=self.kind,
                member_id=self.member_id,
                channel=self.channel,
                language=self.language,
                source_event_id=self.source_event_id,
                source_event_type=self.source_event_type,
                attempts=self.attempts,
                reason=self.last_error,
                failed_at=now,
            )
        )

    def collect_events(self) -> list[DeliveryEvent]:
        """The events raised since the last collection (each is handed out once)."""
        events, self.events = self.events, []
        return events

    def wait_for_contact(
        self, now: datetime, backoff: Backoff, max_attempts: int, reason: str = CONTACT_UNKNOWN
    ) -> None:
        """The member's contact is not known yet (its event may still be on its way)."""
        self.attempts += 1
        self.channel_failures += 1
        if self.channel_failures >= max_attempts:
            self.give_up(reason, now)
            return
        self.last_error = reason
        self.state = DeliveryState.QUEUED
        self.next_attempt_at = now + timedelta(seconds=backoff.delay(self.channel_failures))
