"""Benchmark of the registry's write path and the outbox relay, printing its figures.

    .venv/bin/python scripts/bench_outbox.py [--members 2000] [--concurrency 20]

Starts an embedded PostgreSQL and broker (or uses TEST_DATABASE_URL and
TEST_KAFKA_BOOTSTRAP_SERVERS), then measures:
  1. member registrations over HTTP (in-process ASGI client, real database): requests/s
     and latency percentiles;
  2. commit-to-Kafka latency: from the 201 answer to the event being readable on
     registry.members.v1 with an ordinary consumer;
  3. relay throughput: a backlog of outbox rows drained to the broker, events/s.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx
from aiokafka import AIOKafkaConsumer
from bench_setup import TOKEN, pct, prepare
from faststream.kafka import KafkaBroker

from services import topology
from services.registry.app import create_app
from shared.contracts.registry import MemberStatus, MemberStatusChanged
from shared.db.pool import create_pool
from shared.logging import configure_logging
from shared.messaging.envelope import envelope_for
from shared.messaging.outbox import write_to_outbox
from shared.messaging.publisher import KafkaMessagePublisher
from shared.messaging.relay import OutboxRelay
from shared.messaging.topics import all_topic_names, ensure_topics
from shared.settings import KafkaSettings, ServiceSettings
from tests.infrastructure import real_servers
from tests.integration.registry.payloads import member_payload


async def registrations(dsn: str, bootstrap: str, members: int, concurrency: int) -> None:
    settings = ServiceSettings(
        database_url=dsn,
        admin_token=TOKEN,
        kafka=KafkaSettings(bootstrap_servers=bootstrap),
        outbox_poll_interval_seconds=0.5,
        log_level="WARNING",
    )
    app = create_app(settings)
    consumer = AIOKafkaConsumer(
        "registry.members.v1",
        bootstrap_servers=bootstrap,
        group_id=None,
        auto_offset_reset="latest",
        fetch_max_wait_ms=20,
    )
    await consumer.start()
    await consumer.seek_to_end()
    answered: dict[str, float] = {}
    seen: dict[str, float] = {}

    async def watch() -> None:
        while len(seen) < members:
            batch = await consumer.getmany(timeout_ms=100)
            now = time.perf_counter()
            for records in batch.values():
                for r in records:
                    seen.setdefault(r.key.decode(), now)

    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport,
            base_url="http://registry",
            headers={"Authorization": f"Bearer {TOKEN}"},
        ) as client:
            watcher = asyncio.create_task(watch())
            latencies: list[float] = []
            queue = list(range(members))

            async def worker() -> None:
                while queue:
                    queue.pop()
                    started = time.perf_counter()
                    response = await client.post("/v1/members", json=member_payload())
                    done = time.perf_counter()
                    assert response.status_code == 201, response.text
                    latencies.append(done - started)
                    answered[response.json()["member_id"]] = done

            started = time.perf_counter()
            await asyncio.gather(*(worker() for _ in range(concurrency)))
            elapsed = time.perf_counter() - started
            await asyncio.wait_for(watcher, 120)
            loaded_lag = [seen[k] - answered[k] for k in answered if k in seen]
            # At rest: one registration at a time, each read back before the next.
            quiet_lag: list[float] = []
            for _ in range(50):
                response = await client.post("/v1/members", json=member_payload())
                answered_at = time.perf_counter()
                key = response.json()["member_id"]
                while key not in seen:
                    batch = await consumer.getmany(timeout_ms=100)
                    now = time.perf_counter()
                    for records in batch.values():
                        for r in records:
                            seen.setdefault(r.key.decode(), now)
                quiet_lag.append(seen[key] - answered_at)
    await consumer.stop()
    print(
        f"registrations: {members} over HTTP, concurrency {concurrency}: "
        f"{members / elapsed:,.0f} req/s; latency p50 {pct(latencies, 0.5) * 1000:.1f} ms, "
        f"p95 {pct(latencies, 0.95) * 1000:.1f} ms, p99 {pct(latencies, 0.99) * 1000:.1f} ms"
    )
    for label, lag in (("under that load", loaded_lag), ("one at a time", quiet_lag)):
        print(
            f"commit to Kafka, {label}: {len(lag)} events; p50 {pct(lag, 0.5) * 1000:.0f} ms, "
            f"p95 {pct(lag, 0.95) * 1000:.0f} ms, max {max(lag) * 1000:.0f} ms"
        )


async def relay_throughput(dsn: str, bootstrap: str, rows: int) -> None:
    pool = await create_pool(dsn, schema="registry", max_size=4)
    member_ids = [uuid.uuid4() for _ in range(200)]
    async with pool.acquire() as conn:
        for start in range(0, rows, 1000):
            items = [
                envelope_for(
                    "registry",
                    str(member_ids[i % 200]),
                    MemberStatusChanged(
                        member_id=member_ids[i % 200],
                        version=i + 1,
                        previous_status=MemberStatus.ACTIVE,
                        status=MemberStatus.SUSPENDED,
                    ),
                )
                for i in range(start, min(rows, start + 1000))
            ]
            async with conn.transaction():
                await write_to_outbox(conn, "registry", items)
    broker = KafkaBroker(bootstrap, acks="all", enable_idempotence=False, logger=None)
    await broker.start()
    relay = OutboxRelay(
        pool, KafkaMessagePublisher(broker), schema="registry", dsn=dsn, batch_size=500
    )
    started = time.perf_counter()
    published = await relay.drain()
    elapsed = time.perf_counter() - started
    await broker.stop()
    await pool.close()
    print(
        f"relay: {published} outbox rows published in {elapsed:.2f} s: "
        f"{published / elapsed:,.0f} events/s (batches of 500, acks=all)"
    )


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--relay-rows", type=int, default=20000)
    args = parser.parse_args()
    configure_logging("WARNING", "console")
    with real_servers() as servers:
        await ensure_topics(servers.bootstrap_servers, all_topic_names())
        print(f"servers: {servers.kind}")
        await registrations(
            await prepare(servers.admin_dsn, "registry", topology.REGISTRY.migrations),
            servers.bootstrap_servers,
            args.members,
            args.concurrency,
        )
        await relay_throughput(
            await prepare(servers.admin_dsn, "registry", topology.REGISTRY.migrations),
            servers.bootstrap_servers,
            args.relay_rows,
        )


if __name__ == "__main__":
    asyncio.run(main())
