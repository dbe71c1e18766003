"""A registry process killed between commit and publish loses no event."""

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path

import asyncpg
import httpx

from services import topology
from tests.conftest import ADMIN_TOKEN, Database, eventually, provision
from tests.e2e.conftest import ServiceProcess
from tests.infrastructure import Servers
from tests.integration.registry.payloads import member_payload
from tests.kafka_probe import KafkaProbe, event_of_type

MIGRATIONS = topology.REGISTRY.migrations

FACTORY = "services.registry.app:create_app"


async def test_member_committed_before_a_crash_is_published_after_restart(
    database: Database, servers: Servers, topics, processes, tmp_path: Path
):
    dsn = await provision(database, "registry", MIGRATIONS)
    env = {
        "DATABASE_URL": dsn,
        "ADMIN_TOKEN": ADMIN_TOKEN,
        "KAFKA_BOOTSTRAP_SERVERS": servers.bootstrap_servers,
        "OUTBOX_POLL_INTERVAL_SECONDS": "0.2",
    }
    # This process commits but never publishes: it stands for one that dies right after
    # the commit, before its relay got to the row.
    first = ServiceProcess(FACTORY, env | {"OUTBOX_RELAY": "false"}, tmp_path / "first.log")
    processes.append(first)
    await asyncio.to_thread(first.wait_ready)

    correlation_id = str(uuid.uuid4())
    async with KafkaProbe(servers.bootstrap_servers, ["registry.members.v1"]) as probe:
        async with httpx.AsyncClient(base_url=first.url, timeout=10) as client:
            response = await client.post(
                "/v1/members",
                json=member_payload(),
                headers={
                    "Authorization": f"Bearer {ADMIN_TOKEN}",
                    "X-Correlation-ID": correlation_id,
                },
            )
        assert response.status_code == 201, response.text
        member_id = response.json()["member_id"]
        assert await _outbox_states(dsn) == ["pending"]
        first.kill()

        second = ServiceProcess(FACTORY, env, tmp_path / "second.log")
        processes.append(second)
        await asyncio.to_thread(second.wait_ready)
        [message] = await probe.wait_for(event_of_type("member.registered", member_id))
        await probe.settle(1.0)

    event = message.json()
    assert message.key == member_id
    assert event["correlation_id"] == correlation_id
    assert event["data"]["name_th"] == member_payload()["name_th"]
    assert len([r for r in probe.received if r.key == member_id]) == 1
    assert await eventually(lambda: _all_published(dsn))


async def _outbox_states(dsn: str) -> list[str]:
    conn = await asyncpg.connect(dsn)
    try:
        return [r["state"] for r in await conn.fetch("SELECT state FROM outbox ORDER BY id")]
    finally:
        await conn.close()


async def _all_published(dsn: str) -> bool:
    return await _outbox_states(dsn) == ["published"]
