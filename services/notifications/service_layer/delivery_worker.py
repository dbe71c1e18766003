"""The delivery worker: claims due jobs, sends them on the member's channels, records the
outcome and publishes `delivery.sent` / `delivery.failed` through the outbox.

Claiming commits the job as `sending` with a lease (FOR UPDATE SKIP LOCKED, so replicas
share the work); the send happens outside any transaction; the outcome is stored in a second
transaction. A worker that dies mid-send leaves a job whose lease runs out, and another
worker retries it.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from services.notifications.domain.backoff import Backoff
from services.notifications.domain.contacts import MemberContact
from services.notifications.domain.customers import CUSTOMER_LANGUAGE
from services.notifications.domain.delivery import Delivery, DeliveryState, SendFailure
from services.notifications.domain.preferences import Preferences
from services.notifications.service_layer.channels import (
    ChannelClient,
    ChannelError,
    Outgoing,
    Renderer,
    WebhookSender,
)
from services.notifications.service_layer.unit_of_work import NotificationsUnitOfWork
from shared.contracts.notifications import Channel
from shared.logging import get_logger
from shared.timeutil import now_bangkok

log = get_logger(__name__)

# The member's contact comes on another topic and may be late (a replay, a slow registry):
# wait longer for it than for a failing channel (with the default backoff, about an hour).
CONTACT_WAIT_ATTEMPTS = 12


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int
    backoff: Backoff
    lease: timedelta


class DeliveryWorker:
    def __init__(
        self,
        uow_factory: Callable[[], NotificationsUnitOfWork],
        channels: Mapping[Channel, ChannelClient],
        webhooks: WebhookSender,
        renderer: Renderer,
        policy: RetryPolicy,
        *,
        batch_size: int = 20,
        clock: Callable[[], datetime] = now_bangkok,
    ) -> None:
        self._uow = uow_factory
        self._channels = dict(channels)
        self._webhooks = webhooks
        self._renderer = renderer
        self._policy = policy
        self._batch_size = batch_size
        self._clock = clock

    async def run_once(self) -> int:
        """Send what is due; returns how many jobs were worked on."""
        now = self._clock()
        async with self._uow() as uow:
            claimed = await uow.deliveries.claim_due(
                now, now + self._policy.lease, self._batch_size
            )
            await uow.commit()
        # Side by side, so a batch of slow channels stays well within its lease.
        await asyncio.gather(*(self._work_on(delivery) for delivery in claimed))
        return len(claimed)

    async def _work_on(self, delivery: Delivery) -> None:
        outcome = "retry"
        if delivery.is_webhook_copy:
            outcome = await self._send_copy(delivery)
            await self._finish(delivery, outcome)
            return
        if delivery.is_for_customer:
            outcome = await self._send_to_customer(delivery)
            await self._finish(delivery, outcome)
            return
        async with self._uow() as uow:
            assert delivery.member_id is not None
            contact = await uow.contacts.get(delivery.member_id)
            preferences = await uow.preferences.get(delivery.member_id) or Preferences()
        # Quiet hours hold at send time too: a retry, a late contact or a busy queue can
        # bring a message queued in the evening into the member's night.
        now = self._clock()
        opens = preferences.send_at(delivery.kind, now)
        if opens > now:
            delivery.hold_until(opens)
            await self._hold(delivery)
            return
        if delivery.channel is None:
            delivery.channel = preferences.channels[0]  # named in the log until one is tried
        if contact is None:
            delivery.wait_for_contact(
                self._clock(),
                self._policy.backoff,
                max(self._policy.max_attempts, CONTACT_WAIT_ATTEMPTS),
            )
            await self._finish(
                delivery, "failed" if delivery.state is DeliveryState.FAILED else "retry"
            )
            return
        delivery.contact_found()
        language = preferences.language or contact.preferred_language
        usable = [c for c in preferences.channels if c in self._channels and contact.address(c)]
        # Channels that fail for good hand over to the next one at once; a transient
        # failure leaves the job queued for its backoff.
        while True:
            channel = delivery.next_channel(usable)
            if channel is None:
                reason = delivery.last_error or "the member has no usable channel"
                if delivery.failed_channels:
                    reason = f"every channel failed; last: {reason}"
                delivery.give_up(reason, self._clock())
                outcome = "failed"
                break
            delivery.start_attempt(channel, language)
            outcome = await self._send_to_member(delivery, contact, channel, language)
            if outcome != "channel_failed":
                break
            await self._record(delivery, outcome)
        await self._finish(delivery, outcome)

    async def _send_to_member(
        self, delivery: Delivery, contact: MemberContact, channel: Channel, language: str
    ) -> str:
        try:
            context = {**delivery.context, "member_name": contact.name(language)}
            message = self._renderer.render(delivery.kind, language, context)
        except Exception as exc:
            delivery.give_up(
                f"the message could not be rendered: {type(exc).__name__}", self._clock()
            )
            return "failed"
        delivery.language = message.language
        address = contact.address(channel)
        assert address is not None
        try:
            await self._channels[channel].send(
                Outgoing(address, message, str(delivery.delivery_id))
            )
        except ChannelError as exc:
            return self._failed(delivery, SendFailure(exc.reason, exc.permanent))
        delivery.succeeded(self._clock())
        return "sent"

    async def _send_to_customer(self, delivery: Delivery) -> str:
        """The order's customer on the delivery's one channel (no fallback: each channel
        the customer gave has a delivery of its own)."""
        assert delivery.order_id is not None and delivery.to_channel is not None
        async with self._uow() as uow:
            contact = await uow.order_contacts.contact(delivery.order_id)
        channel = delivery.channel = delivery.to_channel
        address = contact.address(channel) if contact else None
        if address is None or channel not in self._channels:
            delivery.give_up(
                "the customer's contact was erased"
                if contact is None
                else f"the {channel.value} channel is not available",
                self._clock(),
            )
            return "failed"
        delivery.start_attempt(channel, CUSTOMER_LANGUAGE)
        try:
            context = {**delivery.context, "customer_name": contact.name if contact else None}
            message = self._renderer.render(delivery.kind, CUSTOMER_LANGUAGE, context)
        except Exception as exc:
            delivery.give_up(
                f"the message could not be rendered: {type(exc).__name__}", self._clock()
            )
            return "failed"
        try:
            await self._channels[channel].send(
                Outgoing(address, message, str(delivery.delivery_id))
            )
        except ChannelError as exc:
            if self._failed(delivery, SendFailure(exc.reason, exc.permanent)) == "retry":
                return "retry"
            delivery.give_up(exc.reason, self._clock())
            return "failed"
        delivery.succeeded(self._clock())
        return "sent"

    async def _send_copy(self, delivery: Delivery) -> str:
        assert delivery.subscription_id is not None
        async with self._uow() as uow:
            target = await uow.webhooks.target(delivery.subscription_id)
        if target is None or not target.active:
            delivery.give_up("the webhook subscription is no longer active", self._clock())
            return "failed"
        delivery.start_attempt(Channel.WEBHOOK, delivery.language)
        body = json.dumps(
            {
                "delivery_id": str(delivery.delivery_id),
                "kind": delivery.kind.value,
                "member_id": str(delivery.member_id) if delivery.member_id else None,
                "source_event_id": str(delivery.source_event_id),
                "source_event_type": delivery.source_event_type,
                "data": delivery.context,
            },
            ensure_ascii=False,
            separators=(",", ":"),
        ).encode()
        try:
            await self._webhooks.send(target.url, target.secret, body, str(delivery.delivery_id))
        except ChannelError as exc:
            outcome = self._failed(delivery, SendFailure(exc.reason, exc.permanent))
            if outcome == "channel_failed":
                delivery.give_up(exc.reason, self._clock())
                return "failed"
            return outcome
        delivery.succeeded(self._clock())
        return "sent"

    def _failed(self, delivery: Delivery, failure: SendFailure) -> str:
        before = list(delivery.failed_channels)
        delivery.attempt_failed(
            failure, self._clock(), self._policy.backoff, self._policy.max_attempts
        )
        log.warning(
            "delivery attempt failed",
            delivery_id=str(delivery.delivery_id),
            channel=delivery.channel.value if delivery.channel else None,
            reason=failure.reason,
            permanent=failure.permanent,
        )
        return "channel_failed" if delivery.failed_channels != before else "retry"

    async def _record(self, delivery: Delivery, outcome: str) -> None:
        async with self._uow() as uow:
            await uow.deliveries.record_attempt(
                delivery.delivery_id,
                delivery.attempts,
                delivery.channel,
                outcome,
                delivery.last_error if outcome != "sent" else None,
            )
            await uow.commit()

    async def _hold(self, delivery: Delivery) -> None:
        async with self._uow() as uow:
            if await uow.deliveries.save(delivery):
                await uow.commit()
        log.info(
            "delivery held for quiet hours",
            delivery_id=str(delivery.delivery_id),
            kind=delivery.kind.value,
        )

    async def _finish(self, delivery: Delivery, outcome: str) -> None:
        async with self._uow() as uow:
            if not await uow.deliveries.save(delivery):
                log.warning(
                    "delivery was taken over by another worker",
                    delivery_id=str(delivery.delivery_id),
                )
                return
            await uow.deliveries.record_attempt(
                delivery.delivery_id,
                delivery.attempts,
                delivery.channel,
                outcome,
                delivery.last_error if outcome != "sent" else None,
            )
            for event in delivery.collect_events():
                uow.publish(delivery.delivery_id, event)
            await uow.commit()
        log.info(
            "delivery attempt recorded",
            delivery_id=str(delivery.delivery_id),
            kind=delivery.kind.value,
            state=delivery.state.value,
            outcome=outcome,
            attempts=delivery.attempts,
        )
