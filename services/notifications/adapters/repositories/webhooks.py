"""Partner webhook subscriptions."""

from __future__ import annotations

import uuid

import asyncpg

from services.notifications.domain.kinds import Kind
from services.notifications.domain.webhooks import Subscription, WebhookTarget
from shared.contracts.notifications import NotificationKind

ADD_SUBSCRIPTION = """
INSERT INTO webhook_subscriptions (subscription_id, url, kinds, secret, description)
VALUES ($1, $2, $3, $4, $5)
RETURNING subscription_id, url, kinds, description, active, created_at
"""

# Held to the transaction's end, so two registrations at once cannot both pass the limit.
LOCK_REGISTRATIONS = "SELECT pg_advisory_xact_lock(hashtext('notifications.webhooks.register'))"

COUNT_ACTIVE = "SELECT count(*) FROM webhook_subscriptions WHERE active"

DEACTIVATE = """
UPDATE webhook_subscriptions SET active = false WHERE subscription_id = $1 AND active
"""

SUBSCRIBED_TO_KIND = """
SELECT subscription_id FROM webhook_subscriptions
WHERE active AND $1 = ANY(kinds) ORDER BY created_at
"""

TARGET = "SELECT url, secret, active FROM webhook_subscriptions WHERE subscription_id = $1"


class PostgresWebhookRepository:
    def __init__(self, conn: asyncpg.Connection) -> None:
        self._conn = conn

    async def add(
        self,
        subscription_id: uuid.UUID,
        url: str,
        kinds: list[NotificationKind],
        secret: str,
        description: str | None,
    ) -> Subscription:
        row = await self._conn.fetchrow(
            ADD_SUBSCRIPTION, subscription_id, url, [k.value for k in kinds], secret, description
        )
        return Subscription(**dict(row))

    async def count_active(self) -> int:
        """Active subscriptions, holding the registration lock to the transaction's end."""
        await self._conn.execute(LOCK_REGISTRATIONS)
        active: int = await self._conn.fetchval(COUNT_ACTIVE)
        return active

    async def deactivate(self, subscription_id: uuid.UUID) -> bool:
        """False when there is no active subscription of that id (unknown or removed)."""
        result = await self._conn.execute(DEACTIVATE, subscription_id)
        return not result.endswith(" 0")

    async def subscribed_to(self, kind: Kind) -> list[uuid.UUID]:
        rows = await self._conn.fetch(SUBSCRIBED_TO_KIND, kind.value)
        return [r["subscription_id"] for r in rows]

    async def target(self, subscription_id: uuid.UUID) -> WebhookTarget | None:
        row = await self._conn.fetchrow(TARGET, subscription_id)
        return None if row is None else WebhookTarget(row["url"], row["secret"], row["active"])
