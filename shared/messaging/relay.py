"""The outbox relay: publishes pending outbox rows to Kafka in per-aggregate order.

Rows are claimed with `FOR UPDATE SKIP LOCKED` under a transaction-scoped advisory lock, so
only one relay of a service publishes at a time (order per aggregate holds even with several
replicas) and a row committed late is never skipped. It runs on the platform's background
loop, wakes on LISTEN/NOTIFY and polls as a fallback. Published rows are kept for the
retention period so an operator can republish.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
from datetime import datetime, timedelta

import asyncpg

from shared.logging import get_logger
from shared.messaging.outbox import notify_channel
from shared.messaging.publisher import MessagePublisher, PublishFailed
from shared.metrics import (
    OUTBOX_OLDEST_PENDING,
    OUTBOX_PENDING,
    OUTBOX_PUBLISH_FAILURES,
    OUTBOX_PUBLISHED,
)
from shared.service.background import BackgroundLoop

log = get_logger(__name__)

CLAIM_PENDING = """
SELECT id, event_id, event_type, topic, message_key, envelope, correlation_id, actor_id
FROM outbox
WHERE state = 'pending'
ORDER BY id
LIMIT $1
FOR UPDATE SKIP LOCKED
"""
MARK_PUBLISHED = """
UPDATE outbox SET state = 'published', published_at = now(), attempts = attempts + 1,
                  last_error = NULL
WHERE id = ANY($1::bigint[])
"""
MARK_FAILED = "UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE id = $1"
PENDING_SUMMARY = """
SELECT count(*) AS pending,
       coalesce(extract(epoch FROM now() - min(created_at)), 0) AS oldest_seconds
FROM outbox WHERE state = 'pending'
"""
PURGE_PUBLISHED = """
DELETE FROM outbox WHERE state = 'published' AND published_at < now() - $1::interval
"""
REPUBLISH = """
UPDATE outbox SET state = 'pending', published_at = NULL
WHERE state = 'published' AND created_at >= $1
  AND ($2::timestamptz IS NULL OR created_at < $2)
  AND ($3::text IS NULL OR topic = $3)
"""


# After a wake-up, wait this long so commits arriving together share one batch.
COALESCE_SECONDS = 0.005
# A failing broker is tried again at most this long after the last try.
MAX_BACKOFF_SECONDS = 5.0


def _worth_logging(failures_in_a_row: int) -> bool:
    """A failure that repeats is logged the 1st, 2nd, 4th, 8th… time, with its count."""
    return failures_in_a_row.bit_count() == 1


def relay_lock_key(schema: str) -> int:
    value = int.from_bytes(hashlib.sha256(f"outbox-relay:{schema}".encode()).digest()[:8], "big")
    return value - (1 << 64) if value >= 1 << 63 else value


def message_headers(row: asyncpg.Record) -> dict[str, str]:
    headers = {
        "content-type": "application/json",
        "event_id": str(row["event_id"]),
        "event_type": row["event_type"],
        "correlation_id": str(row["correlation_id"]),
    }
    if row["actor_id"] is not None:
        # Whose change the event records: an account id or "admin-token", never a name.
        headers["actor_id"] = row["actor_id"]
    return headers


class OutboxRelay:
    def __init__(
        self,
        pool: asyncpg.Pool,
        publisher: MessagePublisher,
        *,
        schema: str,
        dsn: str,
        batch_size: int = 500,
        poll_interval: float = 1.0,
        retention: timedelta = timedelta(days=7),
    ) -> None:
        self._pool = pool
        self._publisher = publisher
        self._schema = schema
        self._dsn = dsn
        self._batch_size = batch_size
        self._poll_interval = poll_interval
        self._retention = retention
        self._loop: BackgroundLoop | None = None
        self._listener: asyncpg.Connection | None = None
        self._last_gauge = 0.0
        self._last_purge = datetime.min
        self._lock_key = relay_lock_key(schema)
        self.last_failure: str | None = None
        self.failures_in_a_row = 0
        self.pending = 0
        self.oldest_pending_seconds = 0.0

    async def drain_once(self) -> int:
        """Publish one batch. Returns how many rows were published."""
        async with self._pool.acquire() as conn, conn.transaction():
            if not await conn.fetchval("SELECT pg_try_advisory_xact_lock($1)", self._lock_key):
                return self._nothing_to_do()  # another relay of this service publishes
            rows = await conn.fetch(CLAIM_PENDING, self._batch_size)
            if not rows:
                return self._nothing_to_do()
            messages = [
                (
                    row["topic"],
                    row["message_key"].encode(),
                    json.dumps(row["envelope"], ensure_ascii=False).encode(),
                    message_headers(row),
                )
                for row in rows
            ]
            result = await self._publisher.publish_ordered(messages)
            confirmed = result.confirmed
            if confirmed:
                await conn.execute(MARK_PUBLISHED, [row["id"] for row in rows[:confirmed]])
                OUTBOX_PUBLISHED.labels(self._schema).inc(confirmed)
            if confirmed < len(rows):
                failed = rows[confirmed]
                self.last_failure = result.error or "the broker did not confirm"
                self.failures_in_a_row += 1
                await conn.execute(MARK_FAILED, failed["id"], self.last_failure)
                OUTBOX_PUBLISH_FAILURES.labels(self._schema).inc()
                if _worth_logging(self.failures_in_a_row):
                    log.warning(
                        "outbox publish failed; will retry",
                        event_id=str(failed["event_id"]),
                        topic=failed["topic"],
                        published=confirmed,
                        error=self.last_failure,
                        failures_in_a_row=self.failures_in_a_row,
                    )
            else:
                if self.failures_in_a_row:
                    log.info("outbox publishing again", after_failures=self.failures_in_a_row)
                self.last_failure = None
                self.failures_in_a_row = 0
            return confirmed

    def _nothing_to_do(self) -> int:
        self.last_failure = None
        self.failures_in_a_row = 0
        return 0

    async def drain(self) -> int:
        """Publish until nothing is pending (or the broker stops confirming)."""
        total = 0
        while True:
            published = await self.drain_once()
            total += published
            if published < self._batch_size or self.last_failure:
                return total

    async def purge_expired(self) -> int:
        async with self._pool.acquire() as conn:
            status = await conn.execute(PURGE_PUBLISHED, self._retention)
        return int(status.split()[-1])

    async def pending_count(self) -> int:
        async with self._pool.acquire() as conn:
            row = await conn.fetchrow(PENDING_SUMMARY)
        self.pending = int(row["pending"])
        self.oldest_pending_seconds = float(row["oldest_seconds"])
        OUTBOX_PENDING.labels(self._schema).set(self.pending)
        OUTBOX_OLDEST_PENDING.labels(self._schema).set(self.oldest_pending_seconds)
        return self.pending

    @property
    def running(self) -> bool:
        return self._loop is not None and self._loop.running

    def start(self) -> None:
        self._loop = BackgroundLoop(
            f"outbox-relay-{self._schema}",
            self.cycle,
            self._poll_interval,
            max_backoff_seconds=MAX_BACKOFF_SECONDS,
            # Back off from a failing broker even while new rows keep notifying.
            wake_cuts_backoff=False,
            coalesce_seconds=COALESCE_SECONDS,
        )
        self._loop.start()
        log.info("outbox relay started", schema=self._schema)

    async def stop(self) -> None:
        if self._loop is not None:
            await self._loop.stop()
        if self._listener is not None and not self._listener.is_closed():
            await self._listener.close()
        self._listener = None
        log.info("outbox relay stopped", schema=self._schema)

    async def cycle(self) -> int:
        """One round of the relay's loop: LISTEN (again) if needed, publish what is pending,
        refresh the gauges, purge rows past retention. Raises when publishing failed, so the
        loop backs off."""
        if self._listener is None or self._listener.is_closed():
            self._listener = await self._listen()
        try:
            published = await self.drain()
            loop = asyncio.get_running_loop()
            if loop.time() - self._last_gauge > 1.0:
                await self.pending_count()
                self._last_gauge = loop.time()
            if published:
                log.debug("outbox published", count=published)
            if (datetime.now() - self._last_purge) > timedelta(minutes=10):
                purged = await self.purge_expired()
                self._last_purge = datetime.now()
                if purged:
                    log.info("outbox rows past retention removed", count=purged)
        except Exception as exc:
            self.failures_in_a_row += 1
            self.last_failure = f"{type(exc).__name__}: {exc}"
            raise
        if self.last_failure is not None:
            raise PublishFailed(self.last_failure)
        return published

    def _wake(self) -> None:
        if self._loop is not None:
            self._loop.wake()

    async def _listen(self) -> asyncpg.Connection | None:
        conn: asyncpg.Connection | None = None
        try:
            conn = await asyncpg.connect(self._dsn)
            await conn.add_listener(notify_channel(self._schema), lambda *_: self._wake())
            return conn
        except Exception as exc:
            log.warning("outbox relay cannot LISTEN; polling only", error=str(exc))
            if conn is not None:
                conn.terminate()
            return None


async def mark_for_republish(
    conn: asyncpg.Connection,
    schema: str,
    since: datetime,
    until: datetime | None = None,
    topic: str | None = None,
) -> int:
    """Put published rows created in [since, until) back to pending; the relay sends them
    again (same event ids, so idempotent consumers ignore what they already processed)."""
    if since.tzinfo is None or (until is not None and until.tzinfo is None):
        raise ValueError("republish times must be timezone-aware")
    async with conn.transaction():
        status = await conn.execute(REPUBLISH, since, until, topic)
        await conn.execute("SELECT pg_notify($1, '')", notify_channel(schema))
    return int(status.split()[-1])
