"""The embedded broker keeps nothing across a restart. The services notice by themselves:
their topics come back with the catalogue's partition count, the relay publishes again, the
consumers carry on, /readyz says what is wrong meanwhile, and the operator's republish fills
the topics again without any event being applied twice. No service is restarted."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

import asyncpg
import httpx

from devstack.servers.broker import EmbeddedBroker
from devstack.servers.ports import free_port
from services import topology
from shared.messaging.relay import mark_for_republish
from shared.messaging.topics import partition_counts
from tests.brokers import embedded_only
from tests.conftest import ADMIN_TOKEN, TEST_PARTITIONS, Database, eventually, provision
from tests.e2e.conftest import ServiceProcess
from tests.integration.registry.payloads import member_payload

EVENTS_MIGRATIONS = topology.EVENTS.migrations
REGISTRY_MIGRATIONS = topology.REGISTRY.migrations

STAFF = {"Authorization": f"Bearer {ADMIN_TOKEN}"}


async def _register(registry: httpx.AsyncClient) -> str:
    response = await registry.post("/v1/members", json=member_payload(), headers=STAFF)
    assert response.status_code == 201, response.text
    return str(response.json()["member_id"])


async def _known_to_events(events: httpx.AsyncClient, member_id: str) -> bool:
    return (await events.get(f"/v1/members/{member_id}", headers=STAFF)).status_code == 200


async def _ready(client: httpx.AsyncClient) -> bool:
    return (await client.get("/readyz")).status_code == 200


@embedded_only("the embedded broker keeps nothing across a restart; Apache Kafka keeps its data")
async def test_services_recover_by_themselves_when_the_embedded_broker_restarts_empty(
    database: Database, processes, tmp_path: Path
):
    broker = EmbeddedBroker(tmp_path / "broker.log", port=free_port())
    bootstrap = await asyncio.to_thread(broker.start)
    try:
        common = {
            "ADMIN_TOKEN": ADMIN_TOKEN,
            "KAFKA_BOOTSTRAP_SERVERS": bootstrap,
            "KAFKA_TOPIC_PARTITIONS": str(TEST_PARTITIONS),
            "OUTBOX_POLL_INTERVAL_SECONDS": "0.2",
        }
        registry_dsn = await provision(database, "registry", REGISTRY_MIGRATIONS)
        events_dsn = await provision(database, "events", EVENTS_MIGRATIONS)
        registry = ServiceProcess(
            "services.registry.app:create_app",
            common | {"DATABASE_URL": registry_dsn},
            tmp_path / "registry.log",
        )
        events = ServiceProcess(
            "services.events.app:create_app",
            common | {"DATABASE_URL": events_dsn},
            tmp_path / "events.log",
        )
        processes += [registry, events]
        await asyncio.gather(
            asyncio.to_thread(registry.wait_ready), asyncio.to_thread(events.wait_ready)
        )
        async with (
            httpx.AsyncClient(base_url=registry.url, timeout=10) as registry_api,
            httpx.AsyncClient(base_url=events.url, timeout=10) as events_api,
        ):
            before = await _register(registry_api)
            await eventually(lambda: _known_to_events(events_api, before), timeout=30)

            await asyncio.to_thread(broker.stop)
            await asyncio.to_thread(broker.start)

            after = await _register(registry_api)
            await eventually(lambda: _known_to_events(events_api, after), timeout=60)
            # The dead-letter topic is the consumer's: its guard creates it on its next round.
            wanted = {"registry.members.v1", "registry.members.v1.dlq", "registry.products.v1"}
            await eventually(lambda: _topics_present(bootstrap, wanted), timeout=30)
            counts = await partition_counts(bootstrap)
            assert {counts[name] for name in wanted} == {TEST_PARTITIONS}
            await eventually(lambda: _ready(registry_api), timeout=60)
            await eventually(lambda: _ready(events_api), timeout=60)

            # The operator republishes what the broker lost; events has applied it already.
            conn = await asyncpg.connect(registry_dsn)
            try:
                queued = await mark_for_republish(
                    conn, "registry", datetime(2000, 1, 1, tzinfo=UTC)
                )
            finally:
                await conn.close()
            assert queued >= 2
            await eventually(lambda: _duplicates_ignored(events_api, queued), timeout=60)
            assert await _each_event_applied_once(events_dsn, registry_dsn)
            assert await _known_to_events(events_api, before)
            assert await _ready(events_api)
    finally:
        await asyncio.to_thread(broker.stop)


async def _topics_present(bootstrap: str, names: set[str]) -> bool:
    return names <= set(await partition_counts(bootstrap))


async def _duplicates_ignored(events: httpx.AsyncClient, at_least: int) -> bool:
    metrics = (await events.get("/metrics")).text
    duplicates = sum(
        float(line.rsplit(" ", 1)[1])
        for line in metrics.splitlines()
        if line.startswith("otop_events_consumed_total{") and 'outcome="duplicate"' in line
    )
    return duplicates >= at_least


async def _each_event_applied_once(events_dsn: str, registry_dsn: str) -> bool:
    registry = await asyncpg.connect(registry_dsn)
    events = await asyncpg.connect(events_dsn)
    try:
        ids = [r["event_id"] for r in await registry.fetch("SELECT event_id FROM outbox")]
        recorded = await events.fetch(
            "SELECT event_id, count(*) AS n FROM inbox WHERE event_id = ANY($1::uuid[]) "
            "GROUP BY event_id",
            ids,
        )
        return len(recorded) == len(ids) and all(r["n"] == 1 for r in recorded)
    finally:
        await registry.close()
        await events.close()
