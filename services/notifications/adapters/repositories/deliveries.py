"""Delivery jobs: queued by the consumers, claimed and settled by the delivery worker."""

from __future__ import annotations

import uuid
from datetime import datetime

import asyncpg

from services.notifications.domain.delivery import Delivery, DeliveryState
from shared.contracts.notifications import Channel, NotificationKind

DELIVERY_COLUMNS = """delivery_id, kind, member_id, subscription_id, source_event_id,
    source_event_type, context, state, attempts, channel, channel_failures, failed_channels,
    language, last_error, next_attempt_at, sent_at, failed_at, lease_until, order_id,
    to_channel"""

# Nothing when this (source event, member | order's channel, kind[, subscription]) was
# queued before.
ENQUEUE = """
INSERT INTO deliveries (delivery_id, kind, member_id, subscription_id, source_event_id,
    source_event_type, event_id, context, critical, next_attempt_at, order_id, to_channel)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11, $12)
ON CONFLICT (source_event_id, member_id, kind, subscription_id, order_id, to_channel)
DO NOTHING
"""

# Due jobs, and jobs whose sender's lease ran out, taken for this worker.
CLAIM_DUE = f"""
UPDATE deliveries SET state = 'sending', lease_until = $2
WHERE delivery_id IN (
    SELECT delivery_id FROM deliveries
    WHERE (state = 'queued' AND next_attempt_at <= $1)
       OR (state = 'sending' AND lease_until < $1)
    ORDER BY next_attempt_at
    LIMIT $3
    FOR UPDATE SKIP LOCKED
)
RETURNING {DELIVERY_COLUMNS}
"""

# Only while this worker still holds the job (its lease was not taken over).
SAVE_OUTCOME = """
UPDATE deliveries SET state = $2, attempts = $3, channel = $4,
    channel_failures = $5, failed_channels = $6, language = $7, last_error = $8,
    next_attempt_at = $9, sent_at = $10, failed_at = $11, lease_until = NULL
WHERE delivery_id = $1 AND state = 'sending' AND lease_until = $12
"""

RECORD_ATTEMPT = """
INSERT INTO delivery_attempts (delivery_id, attempt, channel, outcome, error)
VALUES ($1, $2, $3, $4, $5)
"""


def _delivery(row: asyncpg.Record) -> Delivery:
    return Delivery(
        delivery_id=row["delivery_id"],
        kind=NotificationKind(row["kind"]),
        member_id=row["member_id"],
        subscription_id=row["subscription_id"],
        source_event_id=row["source_event_id"],
        source_event_type=row["source_event_type"],
        context=dict(row["context"]),
        state=DeliveryState(row["state"]),
        attempts=row["attempts"],
        channel=Channel(row["channel"]) if row["channel"] else None,
        channel_failures=row["channel_failures"],
        failed_channels=[Channel(c) for c in row["failed_channels"]],
        language=row["language"],
        last_error=row["last_error"],
        next_attempt_at=row["next_attempt_at"],
        sent_at=row["sent_at"],
        failed_at=row["failed_at"],
        lease_until=row["lease_until"],
        order_id=row["order_id"],
        to_channel=Channel(row["to_channel"]) if row["to_channel"] else None,
    )


class PostgresDeliveryRepository:
    def __init__(self, conn: asyncpg.Connection) -> None:
        self._conn = conn

    async def enqueue(
        self,
        delivery: Delivery,
        *,
        event_id: uuid.UUID | None,
        critical: bool,
        send_at: datetime,
    ) -> bool:
        """Queue the delivery; False when this (source event, member or order's channel,
        kind[, subscription]) was queued before."""
        result = await self._conn.execute(
            ENQUEUE,
            delivery.delivery_id,
            delivery.kind.value,
            delivery.member_id,
            delivery.subscription_id,
            delivery.source_event_id,
            delivery.source_event_type,
            event_id,
            delivery.context,
            critical,
            send_at,
            delivery.order_id,
            delivery.to_channel.value if delivery.to_channel else None,
        )
        return not result.endswith(" 0")

    async def claim_due(self, now: datetime, lease_until: datetime, limit: int) -> list[Delivery]:
        """Take due jobs (and jobs whose sender's lease ran out) for this worker."""
        rows = await self._conn.fetch(
            CLAIM_DUE,
            now,
            lease_until,
            limit,
        )
        return [_delivery(r) for r in rows]

    async def save(self, delivery: Delivery) -> bool:
        """Store the outcome of an attempt, if this worker still holds the job (its lease
        was not taken over by another worker after running out)."""
        result = await self._conn.execute(
            SAVE_OUTCOME,
            delivery.delivery_id,
            delivery.state.value,
            delivery.attempts,
            delivery.channel.value if delivery.channel else None,
            delivery.channel_failures,
            [c.value for c in delivery.failed_channels],
            delivery.language,
            delivery.last_error,
            delivery.next_attempt_at,
            delivery.sent_at,
            delivery.failed_at,
            delivery.lease_until,
        )
        return not result.endswith(" 0")

    async def record_attempt(
        self,
        delivery_id: uuid.UUID,
        attempt: int,
        channel: Channel | None,
        outcome: str,
        error: str | None,
    ) -> None:
        await self._conn.execute(
            RECORD_ATTEMPT,
            delivery_id,
            attempt,
            channel.value if channel else None,
            outcome,
            error,
        )
