"""Benchmark of the events service's registration path under contention, printing figures.

    .venv/bin/python scripts/bench_events.py [--members 400] [--capacity 100] [--events 4]

Starts an embedded PostgreSQL and broker (or uses TEST_DATABASE_URL and
TEST_KAFKA_BOOTSTRAP_SERVERS), feeds the read model with active members through the real
consumer, then measures:
  1. applications over HTTP (in-process ASGI client, real database), all members applying
     at once to a few events whose row lock serialises every seat decision: requests/s and
     latency percentiles, and that no event holds more confirmed than its capacity;
  2. the read model's intake: registry events processed per second by the idempotent
     consumer (inbox + upsert in one transaction).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx
from bench_setup import TOKEN, pct, prepare
from fastapi import FastAPI

from services import topology
from services.events.app import DEFINITION
from shared.contracts.registry import MemberStatus
from shared.contracts.topics import REGISTRY_MEMBERS, REGISTRY_PRODUCTS
from shared.http.app import build_app
from shared.logging import configure_logging
from shared.messaging.consumer import IdempotentConsumer
from shared.messaging.publisher import KafkaMessagePublisher
from shared.messaging.topics import all_topic_names, ensure_topics
from shared.service.runtime import runtime_of
from shared.settings import KafkaSettings, ServiceSettings
from shared.timeutil import now_bangkok
from tests.infrastructure import real_servers
from tests.integration.events.registry_feed import listed, message, registered, status_changed


def start_consumers(app: FastAPI) -> None:
    """The consumers the full app would subscribe, built on the started app's pool and fed
    here directly (no Kafka subscription)."""
    runtime = runtime_of(app)
    dlq = KafkaMessagePublisher(runtime.broker)
    for topic, handlers in DEFINITION.handlers.items():
        runtime.consumers[topic.name] = IdempotentConsumer(
            topology.EVENTS.group(topic),
            runtime.pool,
            dlq,
            handlers,
            runtime.unit_of_work_within,
        )


async def run(dsn: str, bootstrap: str, members: int, capacity: int, events: int) -> None:
    settings = ServiceSettings(
        database_url=dsn,
        admin_token=TOKEN,
        kafka=KafkaSettings(bootstrap_servers=bootstrap),
        db_pool_max_size=20,
        log_level="WARNING",
    )
    configure_logging("WARNING", "console", service="events")
    app = build_app(DEFINITION.without_consumers(), settings)
    async with app.router.lifespan_context(app):
        start_consumers(app)
        consumer = runtime_of(app).consumers[REGISTRY_MEMBERS.name]
        products = runtime_of(app).consumers[REGISTRY_PRODUCTS.name]
        member_ids = [uuid.uuid4() for _ in range(members)]
        started = time.perf_counter()
        for member_id in member_ids:
            await consumer.handle(message(member_id, registered(member_id)))
            await consumer.handle(
                message(
                    member_id,
                    status_changed(member_id, MemberStatus.ACTIVE, 2, MemberStatus.PENDING),
                )
            )
            product = listed(member_id)
            await products.handle(message(product.product_id, product))
        intake = time.perf_counter() - started
        print(
            f"read model intake: {3 * members} registry events in {intake:.2f}s "
            f"= {3 * members / intake:.0f} events/s"
        )

        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport,
            base_url="http://events",
            headers={"Authorization": f"Bearer {TOKEN}"},
            timeout=60,
        ) as client:
            start = (now_bangkok() + timedelta(days=30)).replace(microsecond=0)
            event_ids = []
            for i in range(events):
                body = {
                    "kind": "fair" if i % 2 else "training",
                    "title_th": f"งานทดสอบ {i}",
                    "host_province_code": "90",
                    "venue_th": "ศูนย์ OTOP สงขลา",
                    "starts_at": start.isoformat(),
                    "ends_at": (start + timedelta(days=1)).isoformat(),
                    "registration_opens_at": (now_bangkok() - timedelta(hours=1)).isoformat(),
                    "registration_closes_at": (start - timedelta(days=1)).isoformat(),
                    "capacity": capacity,
                }
                created = (await client.post("/v1/events", json=body)).json()
                await client.post(f"/v1/events/{created['event_id']}/publish")
                event_ids.append(created["event_id"])

            latencies: list[float] = []

            async def apply(event_id: str, member_id: uuid.UUID) -> None:
                t0 = time.perf_counter()
                response = await client.post(
                    f"/v1/events/{event_id}/registrations", json={"member_id": str(member_id)}
                )
                latencies.append(time.perf_counter() - t0)
                assert response.status_code == 201, response.text

            began = time.perf_counter()
            await asyncio.gather(
                *(apply(event_id, member_id) for event_id in event_ids for member_id in member_ids)
            )
            took = time.perf_counter() - began
            total = len(latencies)
            p50, p95, p99 = (pct(latencies, q) * 1000 for q in (0.5, 0.95, 0.99))
            print(
                f"applications: {total} to {events} events of {capacity} places at once in "
                f"{took:.2f}s = {total / took:.0f}/s; latency p50 {p50:.0f} ms, "
                f"p95 {p95:.0f} ms, p99 {p99:.0f} ms"
            )
            for event_id in event_ids:
                counts = (await client.get(f"/v1/events/{event_id}")).json()["registrations"]
                assert counts["confirmed"] == min(capacity, members), counts
                assert counts["waitlisted"] == max(0, members - capacity), counts
            print(
                f"every event: {min(capacity, members)} confirmed, "
                f"{max(0, members - capacity)} waitlisted — never more than its capacity"
            )


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=400)
    parser.add_argument("--capacity", type=int, default=100)
    parser.add_argument("--events", type=int, default=4)
    args = parser.parse_args()
    with real_servers() as servers:
        await ensure_topics(servers.bootstrap_servers, all_topic_names())
        dsn = await prepare(servers.admin_dsn, "events", topology.EVENTS.migrations)
        await run(dsn, servers.bootstrap_servers, args.members, args.capacity, args.events)


if __name__ == "__main__":
    asyncio.run(main())
