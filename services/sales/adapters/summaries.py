"""Daily summaries: which producer days changed, their figures and published revisions."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import asyncpg

# One staff run at a time (the job's runs share the work through SKIP LOCKED instead).
SERIALISE_SUMMARIES = "SELECT pg_advisory_xact_lock(hashtext('sales.summaries'), 0)"
DUE = """
SELECT producer_id, business_day FROM summary_due WHERE business_day < $1
ORDER BY business_day, producer_id LIMIT $2
FOR UPDATE SKIP LOCKED
"""
# A staff run holds the day's marks (waiting for a job run that holds some) before it reads.
LOCK_DUE_OF_DAY = """
SELECT producer_id FROM summary_due WHERE business_day = $1
ORDER BY producer_id
FOR UPDATE
"""
PRODUCERS_OF_DAY = """
SELECT l.producer_id FROM sale_lines l JOIN sales s USING (sale_id) WHERE s.business_day = $1
UNION
SELECT rl.producer_id FROM refund_lines rl JOIN refunds r USING (refund_id)
WHERE r.sale_business_day = $1
UNION
SELECT producer_id FROM daily_summaries WHERE business_day = $1
"""
SOLD = """
SELECT l.product_id, l.sku, sum(l.quantity)::bigint AS quantity,
       sum(l.net_satang)::bigint AS net, array_agg(DISTINCT l.sale_id) AS sale_ids
FROM sale_lines l JOIN sales s USING (sale_id)
WHERE l.producer_id = $1 AND s.business_day = $2 AND s.voided_at IS NULL
GROUP BY l.product_id, l.sku
"""
REFUNDED = """
SELECT rl.product_id, rl.sku, sum(rl.quantity)::bigint AS quantity,
       sum(rl.amount_satang)::bigint AS amount
FROM refund_lines rl JOIN refunds r USING (refund_id)
WHERE rl.producer_id = $1 AND r.sale_business_day = $2
GROUP BY rl.product_id, rl.sku
"""
LATEST = """
SELECT revision, figures FROM daily_summaries
WHERE producer_id = $1 AND business_day = $2 ORDER BY revision DESC LIMIT 1
"""
INSERT_SUMMARY = """
INSERT INTO daily_summaries (producer_id, business_day, revision, figures, generated_at)
VALUES ($1, $2, $3, $4, $5)
ON CONFLICT DO NOTHING
"""
DONE = "DELETE FROM summary_due WHERE producer_id = $1 AND business_day = $2"


class PostgresSummaryRepository:
    def __init__(self, conn: asyncpg.Connection) -> None:
        self._conn = conn

    async def serialise(self) -> None:
        await self._conn.execute(SERIALISE_SUMMARIES)

    async def due(self, before: date, limit: int) -> list[tuple[uuid.UUID, date]]:
        rows = await self._conn.fetch(DUE, before, limit)
        return [(r["producer_id"], r["business_day"]) for r in rows]

    async def lock_due_of(self, day: date) -> set[uuid.UUID]:
        """The producers marked due on `day`, their marks held until this commits."""
        return {r["producer_id"] for r in await self._conn.fetch(LOCK_DUE_OF_DAY, day)}

    async def producers_of(self, day: date) -> list[uuid.UUID]:
        return sorted(r["producer_id"] for r in await self._conn.fetch(PRODUCERS_OF_DAY, day))

    async def sold(self, producer_id: uuid.UUID, day: date) -> list[asyncpg.Record]:
        return list(await self._conn.fetch(SOLD, producer_id, day))

    async def refunded(self, producer_id: uuid.UUID, day: date) -> list[asyncpg.Record]:
        return list(await self._conn.fetch(REFUNDED, producer_id, day))

    async def latest(self, producer_id: uuid.UUID, day: date) -> tuple[int, Any] | None:
        row = await self._conn.fetchrow(LATEST, producer_id, day)
        return (row["revision"], row["figures"]) if row else None

    async def add(
        self, producer_id: uuid.UUID, day: date, revision: int, figures: Any, at: Any
    ) -> bool:
        result = await self._conn.execute(INSERT_SUMMARY, producer_id, day, revision, figures, at)
        return bool(result.endswith(" 1"))

    async def done(self, producer_id: uuid.UUID, day: date) -> None:
        await self._conn.execute(DONE, producer_id, day)
