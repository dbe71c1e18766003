"""Benchmark of the notifications service's queue and delivery worker, printing its figures.

    .venv/bin/python scripts/bench_notifications.py [--deliveries 2000] [--workers 2]

Starts an embedded PostgreSQL (or uses TEST_DATABASE_URL; the broker is not needed), a local
HTTP endpoint standing in for the LINE Messaging API and the SMTP mail catcher, then
measures:
  1. enqueueing: registration confirmations turned into queued deliveries, per second;
  2. sending: the queue drained to the LINE endpoint by N workers side by side, per second,
     and the time from queueing to sent (percentiles);
  3. fallback: the same with LINE failing for good, so every message goes by e-mail.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import asyncpg
from bench_setup import TOKEN, pct, prepare

from devstack.servers.mail_catcher import MailCatcher
from devstack.servers.ports import free_port
from services import topology
from services.notifications.adapters.unit_of_work import PostgresNotificationsUnitOfWork
from services.notifications.service_layer import member_events, registration_events
from services.notifications.settings import NotificationSettings
from shared.db.pool import create_pool
from shared.logging import configure_logging
from tests.infrastructure import real_servers
from tests.integration.notifications.helpers import delivery_worker
from tests.integration.notifications.peers import HttpPeer
from tests.unit.notifications import samples


async def enqueue(pool: asyncpg.Pool, count: int, fail_line: HttpPeer | None) -> float:
    members = []
    for _ in range(count):
        member = samples.member(uuid.uuid4(), line_id=f"U{uuid.uuid4().hex}")
        await member_events.on_member_snapshot(
            member,
            samples.metadata("member.registered"),
            PostgresNotificationsUnitOfWork(pool),
        )
        members.append(member)
        if fail_line is not None and member.contact.line_id:
            fail_line.fail_for[member.contact.line_id] = 400
    started = time.perf_counter()
    semaphore = asyncio.Semaphore(8)

    async def one(member_id: uuid.UUID) -> None:
        async with semaphore:
            await registration_events.on_registration_changed(
                samples.confirmed(member_id),
                samples.metadata("registration.confirmed"),
                PostgresNotificationsUnitOfWork(pool),
            )

    await asyncio.gather(*(one(m.member_id) for m in members))
    return count / (time.perf_counter() - started)


async def drain(pool: asyncpg.Pool, settings: NotificationSettings, workers: int) -> float:
    started = time.perf_counter()

    async def run_worker() -> None:
        async with delivery_worker(pool, settings, batch_size=settings.delivery_batch_size) as w:
            while True:
                if await w.run_once() == 0:
                    left = await pool.fetchval(
                        "SELECT count(*) FROM deliveries WHERE state <> 'sent' "
                        "AND state <> 'failed'"
                    )
                    if left == 0:
                        return
                    await asyncio.sleep(0.01)

    await asyncio.gather(*(run_worker() for _ in range(workers)))
    return time.perf_counter() - started


async def latencies(pool: asyncpg.Pool) -> list[float]:
    rows = await pool.fetch(
        "SELECT extract(epoch FROM sent_at - created_at) AS s FROM deliveries WHERE state = 'sent'"
    )
    return [float(r["s"]) for r in rows]


async def round_of(admin_dsn: str, count: int, workers: int, fallback: bool) -> None:
    line = await HttpPeer().start()
    mail = MailCatcher(smtp_port=free_port())
    await mail.start()
    dsn = await prepare(admin_dsn, "notifications", topology.NOTIFICATIONS.migrations)
    pool = await create_pool(dsn, schema="notifications", max_size=20)
    settings = NotificationSettings(
        database_url=dsn,
        admin_token=TOKEN,
        smtp_host="127.0.0.1",
        smtp_port=mail.smtp_port,
        line_api_base_url=line.url,
        line_channel_access_token="bench-line-token",
        delivery_batch_size=50,
    )
    try:
        rate = await enqueue(pool, count, line if fallback else None)
        seconds = await drain(pool, settings, workers)
        lat = await latencies(pool)
        how = "LINE refuses, e-mail" if fallback else "LINE"
        print(f"  enqueue                 {rate:8.0f} deliveries/s")
        print(
            f"  send ({how:<20}) {count / seconds:8.0f} deliveries/s with {workers} worker(s) "
            f"({len(line.requests)} LINE requests, {len(mail.messages)} mails)"
        )
        print(
            f"  queued→sent             p50 {pct(lat, 0.5):.2f}s  p95 {pct(lat, 0.95):.2f}s  "
            f"max {max(lat):.2f}s (includes the drain of the whole backlog)"
        )
    finally:
        await pool.close()
        await line.stop()
        await mail.stop()


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--deliveries", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    configure_logging("ERROR", "console", service="bench")
    with real_servers() as servers:
        print(f"servers: {servers.kind}; {args.deliveries} deliveries")
        print("LINE accepts everything:")
        await round_of(servers.admin_dsn, args.deliveries, args.workers, fallback=False)
        print("LINE refuses every member (fallback to e-mail):")
        await round_of(servers.admin_dsn, args.deliveries // 2, args.workers, fallback=True)


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(main())
