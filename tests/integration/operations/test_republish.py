"""Republishing from the outboxes of every service, or one, with real relays running."""

from __future__ import annotations

import json
import uuid
from collections import Counter
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest

from services.operations.outbox import outbox_status, republish, wait_until_published
from services.operations.tail import TailOptions, tail
from services.topology import service
from shared.db.pool import create_pool
from shared.messaging.relay import OutboxRelay
from shared.messaging.topics import ensure_topics
from tests.cli import run_cli
from tests.conftest import provision
from tests.integration.operations.conftest import store_outbox_rows

SERVICES = ("registry", "events")


@pytest.fixture
async def two_services(database, publisher, servers, scratch_topic) -> AsyncIterator[dict]:
    """Registry and events provisioned in one database, each with four events for a topic
    of its own, published by its running relay."""
    since = datetime.now(UTC) - timedelta(seconds=1)
    topics = {"registry": scratch_topic, "events": f"{scratch_topic}.events"}
    await ensure_topics(servers.bootstrap_servers, [topics["events"]], partitions=3)
    relays, pools = [], []
    for name in SERVICES:
        dsn = await provision(database, name, service(name).migrations)
        pool = await create_pool(dsn, schema=name, min_size=1, max_size=3)
        async with pool.acquire() as conn:
            await store_outbox_rows(conn, topics[name], f"{name}-{uuid.uuid4()}", 4)
        relay = OutboxRelay(pool, publisher, schema=name, dsn=dsn, poll_interval=0.2)
        relay.start()
        relays.append(relay)
        pools.append(pool)
    assert await wait_until_published(
        database.admin_dsn, SERVICES, patience=30, on_progress=lambda _: None
    )
    yield {"dsn": database.admin_dsn, "since": since, "topics": topics}
    for relay in relays:
        await relay.stop()
    for pool in pools:
        await pool.close()


async def times_each_event_was_published(bootstrap: str, topic: str) -> Counter[str]:
    lines: list[str] = []
    await tail(bootstrap, topic, TailOptions(), lines.append)
    return Counter(json.loads(line)["event_id"] for line in lines)


async def test_republish_every_service_sends_each_stored_event_again(servers, two_services):
    progress: list[int] = []

    done = await republish(two_services["dsn"], SERVICES, two_services["since"])
    published = await wait_until_published(
        two_services["dsn"],
        SERVICES,
        patience=30,
        on_progress=lambda pending: progress.append(sum(pending.values())),
    )

    assert [(r.service, r.rows, r.error) for r in done] == [
        ("registry", 4, None),
        ("events", 4, None),
    ]
    assert published
    assert progress[-1] == 0
    for topic in two_services["topics"].values():
        counts = await times_each_event_was_published(servers.bootstrap_servers, topic)
        assert len(counts) == 4
        assert set(counts.values()) == {2}


async def test_republish_stops_at_until_and_keeps_to_the_topic_given(two_services):
    dsn, since = two_services["dsn"], two_services["since"]

    before = await republish(dsn, SERVICES, since, until=since)
    other = await republish(dsn, SERVICES, since, topic="no.such.topic.v1")
    statuses = await outbox_status(dsn, SERVICES)

    assert [r.rows for r in before + other] == [0, 0, 0, 0]
    assert [s.pending for s in statuses] == [0, 0]


async def test_otop_outbox_republish_all_waits_until_the_relays_sent_them(servers, two_services):
    env = {"DATABASE_URL": two_services["dsn"]}
    since = two_services["since"].isoformat()

    result = await run_cli(["outbox", "republish", "--all", "--since", since, "--wait"], env)

    assert result.exit_code == 0, result.output
    assert "registry: 4 event(s) queued for republishing" in result.stdout
    assert "events: 4 event(s) queued for republishing" in result.stdout
    # Every service was asked; this database has no outbox for the others.
    assert "sales: no outbox in this database" in result.stderr
    assert "8 event(s) published again" in result.stdout


async def test_otop_outbox_republish_one_service_and_topic(servers, two_services):
    env = {"DATABASE_URL": two_services["dsn"]}
    topic = two_services["topics"]["events"]
    since = two_services["since"].isoformat()

    result = await run_cli(
        ["outbox", "republish", "events", "--since", since, "--topic", topic, "--wait"], env
    )

    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "events: 4 event(s) queued for republishing"
    counts = await times_each_event_was_published(servers.bootstrap_servers, topic)
    assert set(counts.values()) == {2}
    registry = await times_each_event_was_published(
        servers.bootstrap_servers, two_services["topics"]["registry"]
    )
    assert set(registry.values()) == {1}


async def test_otop_outbox_status_lists_every_service(two_services):
    result = await run_cli(["outbox", "status"], {"DATABASE_URL": two_services["dsn"]})

    assert result.exit_code == 0, result.output
    rows = {r["service"]: r for r in map(json.loads, result.stdout.splitlines())}
    assert set(rows) == {"registry", "events", "sales", "notifications"}
    assert (rows["registry"]["pending"], rows["registry"]["published"]) == (0, 4)
    assert "error" in rows["sales"]  # not provisioned in this database
