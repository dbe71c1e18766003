"""The customers of online orders, kept from order.placed until their erasure."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal

import asyncpg

from services.notifications.domain.customers import CustomerContact, OrderFacts, Retention
from shared.contracts.notifications import Channel

# Nothing when the order is already known (a replayed order.placed keeps the first).
KEEP = """
INSERT INTO order_contacts (order_id, number, fulfilment, total, state, name, email, phone,
    line_id, channels, placed_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
ON CONFLICT (order_id) DO NOTHING
"""

FACTS = """
SELECT order_id, number, fulfilment, total, channels, ended_at IS NOT NULL AS ended
FROM order_contacts WHERE order_id = $1
"""

# The state the order moved to; its first end is when it ended.
MOVE = """
UPDATE order_contacts SET state = $2, ended_at = COALESCE(ended_at, $3)
WHERE order_id = $1
"""

CONTACT = """
SELECT name, email, phone, line_id FROM order_contacts
WHERE order_id = $1 AND erased_at IS NULL
"""

# Orders that ended before $2, or were placed before $3 (their end never came).
ERASE_DUE = """
UPDATE order_contacts SET name = NULL, email = NULL, phone = NULL, line_id = NULL,
    erased_at = $1
WHERE order_id IN (
    SELECT order_id FROM order_contacts
    WHERE erased_at IS NULL AND (ended_at < $2 OR placed_at < $3)
    LIMIT $4
    FOR UPDATE SKIP LOCKED
)
"""


class PostgresOrderContactRepository:
    def __init__(self, conn: asyncpg.Connection) -> None:
        self._conn = conn

    async def keep(
        self,
        facts: OrderFacts,
        state: str,
        contact: CustomerContact,
        placed_at: datetime,
    ) -> bool:
        """Keep the order's customer; False when the order was known already."""
        result = await self._conn.execute(
            KEEP,
            facts.order_id,
            facts.number,
            facts.fulfilment,
            Decimal(facts.total),
            state,
            contact.name,
            contact.email,
            contact.phone,
            contact.line_id,
            [c.value for c in facts.channels],
            placed_at,
        )
        return not result.endswith(" 0")

    async def facts(self, order_id: uuid.UUID) -> OrderFacts | None:
        row = await self._conn.fetchrow(FACTS, order_id)
        if row is None:
            return None
        return OrderFacts(
            order_id=row["order_id"],
            number=row["number"],
            fulfilment=row["fulfilment"],
            total=str(row["total"]),
            channels=tuple(Channel(c) for c in row["channels"]),
            ended=row["ended"],
        )

    async def move(self, order_id: uuid.UUID, state: str, ended_at: datetime | None) -> None:
        await self._conn.execute(MOVE, order_id, state, ended_at)

    async def contact(self, order_id: uuid.UUID) -> CustomerContact | None:
        """The customer's contact; None when the order is unknown or its contact erased."""
        row = await self._conn.fetchrow(CONTACT, order_id)
        if row is None:
            return None
        return CustomerContact(row["name"], row["email"], row["phone"], row["line_id"])

    async def erase_due(self, now: datetime, retention: Retention, limit: int) -> int:
        """Erase the contacts whose time is up; how many were erased."""
        ended_before, placed_before = retention.cutoffs(now)
        result = await self._conn.execute(ERASE_DUE, now, ended_before, placed_before, limit)
        return int(result.split()[-1])
