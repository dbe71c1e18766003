"""The services' outboxes, read and re-queued through one database connection.

The DSN is the administrator's (it reaches every service's schema) or a service's own role
(then only that service's outbox is readable; the others report the refusal).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

import asyncpg

from shared.db.pool import connect
from shared.messaging.relay import mark_for_republish

STATUS = """
SELECT count(*) FILTER (WHERE state = 'pending') AS pending,
       count(*) FILTER (WHERE state = 'published') AS published,
       min(created_at) FILTER (WHERE state = 'pending') AS oldest_pending,
       extract(epoch FROM now() - min(created_at) FILTER (WHERE state = 'pending'))
           AS oldest_pending_age_seconds,
       max(published_at) AS last_published
FROM outbox
"""
PENDING = "SELECT count(*) FROM outbox WHERE state = 'pending'"


@dataclass(frozen=True)
class OutboxStatus:
    service: str
    pending: int | None = None
    published: int | None = None
    oldest_pending: datetime | None = None
    oldest_pending_age_seconds: float | None = None
    last_published: datetime | None = None
    error: str | None = None

    def as_dict(self) -> dict[str, object]:
        return {
            "service": self.service,
            "pending": self.pending,
            "published": self.published,
            "oldest_pending": self.oldest_pending.isoformat() if self.oldest_pending else None,
            "oldest_pending_age_seconds": self.oldest_pending_age_seconds,
            "last_published": self.last_published.isoformat() if self.last_published else None,
            **({"error": self.error} if self.error else {}),
        }


def _problem(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}".strip().rstrip(":")


async def _in_schema(conn: asyncpg.Connection, schema: str) -> None:
    await conn.execute(f'SET search_path TO "{schema}"')


async def outbox_status(dsn: str, services: Iterable[str]) -> list[OutboxStatus]:
    names = list(services)
    try:
        conn = await connect(dsn)
    except Exception as exc:
        return [OutboxStatus(name, error=f"unreachable: {_problem(exc)}") for name in names]
    statuses = []
    try:
        for name in names:
            try:
                await _in_schema(conn, name)
                row = await conn.fetchrow(STATUS)
            except asyncpg.PostgresError as exc:
                statuses.append(OutboxStatus(name, error=_problem(exc)))
                continue
            age = row["oldest_pending_age_seconds"]
            statuses.append(
                OutboxStatus(
                    name,
                    pending=int(row["pending"]),
                    published=int(row["published"]),
                    oldest_pending=row["oldest_pending"],
                    oldest_pending_age_seconds=round(float(age), 3) if age is not None else None,
                    last_published=row["last_published"],
                )
            )
    finally:
        await conn.close()
    return statuses


@dataclass(frozen=True)
class Requeued:
    """What republishing did for one service."""

    service: str
    rows: int = 0
    missing: bool = False  # the database has no outbox for this service
    error: str | None = None


async def republish(
    dsn: str,
    services: Iterable[str],
    since: datetime,
    until: datetime | None = None,
    topic: str | None = None,
) -> list[Requeued]:
    """Put each service's published rows of [since, until) (of `topic`, if given) back to
    pending; its running relay sends them again."""
    done: list[Requeued] = []
    conn = await connect(dsn)
    try:
        for name in services:
            await _in_schema(conn, name)
            try:
                rows = await mark_for_republish(conn, name, since, until, topic)
            except asyncpg.UndefinedTableError:
                done.append(Requeued(name, missing=True))
            except asyncpg.PostgresError as exc:
                done.append(Requeued(name, error=_problem(exc)))
            else:
                done.append(Requeued(name, rows))
    finally:
        await conn.close()
    return done


async def pending_rows(dsn: str, services: Iterable[str]) -> dict[str, int]:
    conn = await connect(dsn)
    try:
        pending = {}
        for name in services:
            await _in_schema(conn, name)
            pending[name] = int(await conn.fetchval(PENDING))
        return pending
    finally:
        await conn.close()


async def wait_until_published(
    dsn: str,
    services: Iterable[str],
    *,
    patience: float,
    on_progress: Callable[[dict[str, int]], None],
    interval: float = 0.5,
) -> bool:
    """Poll the services' pending rows until none is left (True) or `patience` seconds pass."""
    names = list(services)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + patience
    while True:
        pending = await pending_rows(dsn, names)
        on_progress(pending)
        if not any(pending.values()):
            return True
        if loop.time() >= deadline:
            return False
        await asyncio.sleep(interval)
