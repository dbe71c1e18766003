"""One sales digest per producer and business day, whatever revisions follow."""

from __future__ import annotations

import uuid
from datetime import date

import asyncpg

# True when the row is new: the first summary of the producer's day.
RECORD_DIGEST = """
INSERT INTO daily_digests AS d (producer_id, business_day, revision, source_event_id,
    latest_revision)
VALUES ($1, $2, $3, $4, $3)
ON CONFLICT (producer_id, business_day) DO UPDATE SET
    latest_revision = GREATEST(d.latest_revision, EXCLUDED.latest_revision)
RETURNING (xmax = 0)
"""


class PostgresDigestRepository:
    def __init__(self, conn: asyncpg.Connection) -> None:
        self._conn = conn

    async def record(
        self, producer_id: uuid.UUID, business_day: date, revision: int, source_event_id: uuid.UUID
    ) -> bool:
        """True when this is the first summary of the producer's day (the one to send)."""
        inserted = await self._conn.fetchval(
            RECORD_DIGEST, producer_id, business_day, revision, source_event_id
        )
        return bool(inserted)
