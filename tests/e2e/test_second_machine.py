"""What a second machine brings, on Apache Kafka: two processes of one service share a
consumer group and its partitions, and two relays of one service share an outbox.

- Two events-service processes consume `registry.members.v1` in one group; one is killed
  with SIGKILL while a stream of member events is being consumed. Its partitions move to
  the survivor and every event takes effect exactly once in the read model.
- Two registry processes on one database both run the outbox relay while staff change
  several members and products through both: each outbox row reaches its topic once, and
  each aggregate's events keep their order.
"""

from __future__ import annotations

import asyncio
import json
import re
import uuid
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import asyncpg
import httpx
from aiokafka import AIOKafkaProducer

from services import topology
from shared.contracts.catalogue import REGISTRY_MEMBERS, REGISTRY_PRODUCTS
from shared.contracts.registry import MemberStatus, MemberUpdated
from shared.messaging.outbox import envelope_for
from tests.brokers import kafka_only
from tests.conftest import ADMIN_TOKEN, TEST_PARTITIONS, Database, eventually, provision
from tests.e2e.conftest import ServiceProcess
from tests.e2e.consumer_groups import group_assignment, wait_for_members
from tests.infrastructure import Servers
from tests.integration.events.registry_feed import registered, status_changed
from tests.integration.registry.payloads import member_payload, product_payload
from tests.kafka_probe import KafkaProbe, Received

EVENTS_MIGRATIONS = topology.EVENTS.migrations
REGISTRY_MIGRATIONS = topology.REGISTRY.migrations
MEMBERS_GROUP = topology.EVENTS.group(REGISTRY_MEMBERS)

pytestmark = kafka_only(
    "the embedded broker answers a JoinGroup only after half the session timeout and keeps "
    "no data across a restart; a second machine runs against the production engine"
)

STAFF = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
STREAM_MEMBERS = 80  # three events each
STREAM_EVENTS_PER_SECOND = 120


def _env(servers: Servers, dsn: str) -> dict[str, str]:
    return {
        "DATABASE_URL": dsn,
        "ADMIN_TOKEN": ADMIN_TOKEN,
        "KAFKA_BOOTSTRAP_SERVERS": servers.bootstrap_servers,
        "OUTBOX_POLL_INTERVAL_SECONDS": "0.2",
        "PYTHONUNBUFFERED": "1",  # every log line is on disk when the process is killed
    }


# -- two consumers in one group --------------------------------------------------------


def _member_stream(members: list[uuid.UUID]) -> list[tuple[uuid.UUID, bytes]]:
    """Each member registered, activated and renamed (versions 1-3), members interleaved."""
    rounds: list[list[Any]] = [
        [registered(m) for m in members],
        [status_changed(m, MemberStatus.ACTIVE, 2, MemberStatus.PENDING) for m in members],
        [
            MemberUpdated(
                **registered(m, status=MemberStatus.ACTIVE, version=3).model_dump()
                | {"name_en": f"Member {i}", "changed_fields": ["name_en"]}
            )
            for i, m in enumerate(members)
        ],
    ]
    stream = []
    for events in rounds:
        for data in events:
            topic, envelope = envelope_for("registry", str(data.member_id), data)
            assert topic == REGISTRY_MEMBERS.name
            stream.append((envelope.event_id, envelope.model_dump_json().encode()))
    return stream


async def _publish_paced(bootstrap: str, stream: list[tuple[uuid.UUID, bytes]]) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all")
    await producer.start()
    try:
        loop = asyncio.get_running_loop()
        started = loop.time()
        for index, (_, value) in enumerate(stream):
            body = json.loads(value)
            await producer.send_and_wait(
                REGISTRY_MEMBERS.name, value, key=body["aggregate_id"].encode()
            )
            # A steady rate, so consumers are mid-stream whenever the kill comes.
            ahead = started + (index + 1) / STREAM_EVENTS_PER_SECOND - loop.time()
            if ahead > 0:
                await asyncio.sleep(ahead)
    finally:
        await producer.stop()


def _processed(log: Path, event_ids: set[str]) -> list[dict[str, Any]]:
    """The consumer's 'event processed' lines for `event_ids` (handler effects committed)."""
    lines = []
    for line in log.read_text(errors="replace").splitlines():
        if '"event processed"' not in line:
            continue
        entry = json.loads(line)
        if entry.get("event_id") in event_ids:
            lines.append(entry)
    return lines


async def _inbox_ids(dsn: str) -> list[str]:
    conn = await asyncpg.connect(dsn)
    try:
        rows = await conn.fetch(
            "SELECT event_id FROM inbox WHERE consumer = $1 AND topic = $2",
            MEMBERS_GROUP,
            REGISTRY_MEMBERS.name,
        )
    finally:
        await conn.close()
    return [str(r["event_id"]) for r in rows]


async def test_a_killed_consumer_hands_its_partitions_to_the_other_and_nothing_is_lost_or_doubled(
    database: Database, servers: Servers, topics, processes, tmp_path: Path
):
    dsn = await provision(database, "events", EVENTS_MIGRATIONS)
    logs = [tmp_path / "events-a.log", tmp_path / "events-b.log"]
    first, second = (
        ServiceProcess("services.events.app:create_app", _env(servers, dsn), log) for log in logs
    )
    processes.extend([first, second])
    await asyncio.gather(asyncio.to_thread(first.wait_ready), asyncio.to_thread(second.wait_ready))
    await wait_for_members(
        servers.bootstrap_servers, MEMBERS_GROUP, REGISTRY_MEMBERS.name, 2, TEST_PARTITIONS
    )

    members = [uuid.uuid4() for _ in range(STREAM_MEMBERS)]
    stream = _member_stream(members)
    ours = {str(event_id) for event_id, _ in stream}
    publishing = asyncio.create_task(_publish_paced(servers.bootstrap_servers, stream))

    # Both are consuming the stream: now one machine dies.
    await eventually(lambda: _both_processed(logs, ours), timeout=30, interval=0.05)
    first.kill()
    assert not publishing.done(), "the stream ended before the kill; nothing was tested"
    victim_partitions = {e["partition"] for e in _processed(logs[0], ours)}
    await publishing

    async def all_in_inbox() -> bool:
        return ours <= set(await _inbox_ids(dsn))

    await eventually(all_in_inbox, timeout=90, interval=0.5)

    # The survivor holds every partition now, including those the killed process had.
    [survivor_partitions] = (
        await group_assignment(servers.bootstrap_servers, MEMBERS_GROUP, REGISTRY_MEMBERS.name)
    ).values()
    assert survivor_partitions == frozenset(range(TEST_PARTITIONS))
    taken_over = {e["partition"] for e in _processed(logs[1], ours)}
    assert victim_partitions <= taken_over

    # Nothing lost, nothing doubled: each event took effect in exactly one transaction.
    inbox = Counter(i for i in await _inbox_ids(dsn) if i in ours)
    assert set(inbox) == ours and set(inbox.values()) == {1}
    effects = Counter(e["event_id"] for log in logs for e in _processed(log, ours))
    assert {event_id for event_id, n in effects.items() if n > 1} == set()

    conn = await asyncpg.connect(dsn)
    try:
        rows = await conn.fetch(
            "SELECT member_id, version, status, name_en FROM members "
            "WHERE member_id = ANY($1::uuid[])",
            members,
        )
    finally:
        await conn.close()
    assert len(rows) == len(members)
    names = {m: f"Member {i}" for i, m in enumerate(members)}
    for row in rows:
        assert (row["version"], row["status"], row["name_en"]) == (
            3,
            "active",
            names[row["member_id"]],
        )


async def _both_processed(logs: list[Path], ours: set[str]) -> bool:
    return all(len(_processed(log, ours)) >= 20 for log in logs)


# -- two relays on one outbox ----------------------------------------------------------


async def _ok(response: httpx.Response, status: int = 200) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    return body


async def _change_a_member_many_times(clients: list[httpx.AsyncClient], index: int) -> None:
    """Register, activate, rename five times, list a product and reprice it three times,
    alternating between the two processes at every step."""
    steps = iter(range(100))

    def client() -> httpx.AsyncClient:
        return clients[next(steps) % len(clients)]

    member = await _ok(await client().post("/v1/members", json=member_payload()), 201)
    member_id = member["member_id"]
    await _ok(await client().post(f"/v1/members/{member_id}/status", json={"status": "active"}))
    for round_ in range(5):
        await _ok(
            await client().patch(
                f"/v1/members/{member_id}", json={"name_en": f"Producer {index} v{round_}"}
            )
        )
    product = product_payload(sku=f"SKU-{uuid.uuid4().hex[:10]}")
    listed = await _ok(await client().post(f"/v1/members/{member_id}/products", json=product), 201)
    for round_ in range(3):
        await _ok(
            await client().patch(
                f"/v1/products/{listed['product_id']}", json={"price": f"{90 + round_}.25"}
            )
        )


async def _outbox(dsn: str) -> list[asyncpg.Record]:
    conn = await asyncpg.connect(dsn)
    try:
        return list(await conn.fetch("SELECT event_id, message_key, state FROM outbox ORDER BY id"))
    finally:
        await conn.close()


def _published_count(metrics: str) -> float:
    found = re.search(r'^otop_outbox_published_total\{schema="registry"\} (\S+)$', metrics, re.M)
    return float(found.group(1)) if found else 0.0


async def test_two_relays_on_one_outbox_publish_each_row_once_in_order_per_aggregate(
    database: Database, servers: Servers, topics, processes, tmp_path: Path
):
    dsn = await provision(database, "registry", REGISTRY_MIGRATIONS)
    pair = [
        ServiceProcess(
            "services.registry.app:create_app", _env(servers, dsn), tmp_path / f"registry-{n}.log"
        )
        for n in ("a", "b")
    ]
    processes.extend(pair)
    await asyncio.gather(*(asyncio.to_thread(p.wait_ready) for p in pair))

    topic_names = [REGISTRY_MEMBERS.name, REGISTRY_PRODUCTS.name]
    async with KafkaProbe(servers.bootstrap_servers, topic_names) as probe:
        clients = [httpx.AsyncClient(base_url=p.url, headers=STAFF, timeout=15) for p in pair]
        try:
            await asyncio.gather(*(_change_a_member_many_times(clients, i) for i in range(8)))
        finally:
            for c in clients:
                await c.aclose()
        rows = await _outbox(dsn)
        expected = {str(r["event_id"]) for r in rows}
        assert len(rows) == 8 * 11

        def ours(r: Received) -> bool:
            return str(r.headers.get("event_id")) in expected

        await probe.wait_for(ours, count=len(expected), timeout=60)
        await probe.settle(1.5)  # anything published twice would arrive meanwhile
        assert await eventually(lambda: _all_published(dsn), timeout=15), (
            "rows on the topic but still pending in the outbox"
        )

    received = [r for r in probe.received if ours(r)]
    copies = Counter(r.headers["event_id"] for r in received)
    assert set(copies) == expected and set(copies.values()) == {1}

    # Per aggregate, the topic holds its events in the order they were written.
    written: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        written[row["message_key"]].append(str(row["event_id"]))
    on_topic: dict[str, list[str]] = defaultdict(list)
    for r in sorted(received, key=lambda r: (r.topic, r.partition, r.offset)):
        assert r.key is not None
        on_topic[r.key].append(r.headers["event_id"])
    assert on_topic == written
    for key, messages in _by_key(received).items():
        versions = [m.json()["data"]["version"] for m in messages]
        assert versions == sorted(set(versions)), f"{key}: versions out of order {versions}"

    # Each row was published by one relay only: the two counts add up to the rows.
    async with httpx.AsyncClient(timeout=5) as client:
        counts = [_published_count((await client.get(f"{p.url}/metrics")).text) for p in pair]
    assert sum(counts) == len(rows), counts


def _by_key(received: list[Received]) -> dict[str, list[Received]]:
    grouped: dict[str, list[Received]] = defaultdict(list)
    for r in sorted(received, key=lambda r: (r.topic, r.partition, r.offset)):
        grouped[r.key or ""].append(r)
    return grouped


async def _all_published(dsn: str) -> bool:
    return all(r["state"] == "published" for r in await _outbox(dsn))
