"""The outbox relay against real Postgres and the real broker."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta

import asyncpg
import pytest

from shared.contracts.registry import MemberStatus, MemberStatusChanged
from shared.errors import InvalidInput
from shared.messaging.outbox import envelope_for, write_to_outbox
from shared.messaging.publisher import KafkaMessagePublisher, Published
from shared.messaging.relay import OutboxRelay, mark_for_republish
from tests.conftest import eventually
from tests.kafka_probe import KafkaProbe

TOPIC = "registry.members.v1"


def status_changed(member_id: uuid.UUID, version: int) -> MemberStatusChanged:
    return MemberStatusChanged(
        member_id=member_id,
        version=version,
        previous_status=MemberStatus.PENDING,
        status=MemberStatus.ACTIVE,
        reason=f"step {version}",
    )


async def store_events(pool: asyncpg.Pool, member_id: uuid.UUID, versions: range) -> list[str]:
    items = [
        envelope_for("registry", str(member_id), status_changed(member_id, v)) for v in versions
    ]
    async with pool.acquire() as conn, conn.transaction():
        await write_to_outbox(conn, "registry", items)
    return [str(envelope.event_id) for _, envelope in items]


def relay_for(pool: asyncpg.Pool, publisher, dsn: str, **kwargs) -> OutboxRelay:  # type: ignore[no-untyped-def]
    return OutboxRelay(pool, publisher, schema="registry", dsn=dsn, poll_interval=0.2, **kwargs)


async def test_relay_publishes_one_aggregates_events_in_order_on_one_partition(
    pool, publisher, service_dsn, servers, topics
):
    member_id = uuid.uuid4()
    async with KafkaProbe(servers.bootstrap_servers, [TOPIC]) as probe:
        event_ids = await store_events(pool, member_id, range(1, 21))
        published = await relay_for(pool, publisher, service_dsn, batch_size=7).drain()
        assert published == 20
        received = await probe.wait_for(lambda r: r.key == str(member_id), count=20)
    assert [r.json()["event_id"] for r in received] == event_ids
    assert [r.json()["data"]["version"] for r in received] == list(range(1, 21))
    assert len({r.partition for r in received}) == 1
    assert received[0].headers["event_type"] == "member.status_changed"


async def test_row_committed_after_a_later_row_is_still_published(
    pool, publisher, service_dsn, servers, topics
):
    """A slow transaction takes its sequence value first but commits last: not skipped."""
    slow_member, fast_member = uuid.uuid4(), uuid.uuid4()
    relay = relay_for(pool, publisher, service_dsn)
    async with KafkaProbe(servers.bootstrap_servers, [TOPIC]) as probe:
        slow = await pool.acquire()
        tx = slow.transaction()
        await tx.start()
        await write_to_outbox(
            slow,
            "registry",
            [envelope_for("registry", str(slow_member), status_changed(slow_member, 1))],
        )
        await store_events(pool, fast_member, range(1, 2))
        assert await relay.drain() == 1  # the fast one; the slow one is not committed yet
        await tx.commit()
        await pool.release(slow)
        assert await relay.drain() == 1
        await probe.wait_for(lambda r: r.key == str(slow_member))
        await probe.wait_for(lambda r: r.key == str(fast_member))
    async with pool.acquire() as conn:
        assert await conn.fetchval("SELECT count(*) FROM outbox WHERE state = 'pending'") == 0


class BrokerDown:
    """A publisher whose broker confirms nothing."""

    async def publish_ordered(self, messages):  # type: ignore[no-untyped-def]
        return Published(0, "KafkaConnectionError: no broker is reachable")


class ConfirmsFirst:
    def __init__(self, inner: KafkaMessagePublisher, count: int) -> None:
        self.inner, self.count = inner, count

    async def publish_ordered(self, messages):  # type: ignore[no-untyped-def]
        return await self.inner.publish_ordered(messages[: self.count])


async def test_unconfirmed_events_stay_pending_and_are_published_when_the_broker_is_back(
    pool, publisher, service_dsn, servers, topics
):
    member_id = uuid.uuid4()
    event_ids = await store_events(pool, member_id, range(1, 6))
    assert await relay_for(pool, BrokerDown(), service_dsn).drain_once() == 0
    async with pool.acquire() as conn:
        error = await conn.fetchval("SELECT last_error FROM outbox ORDER BY id LIMIT 1")
    assert error == "KafkaConnectionError: no broker is reachable"
    assert await relay_for(pool, ConfirmsFirst(publisher, 2), service_dsn).drain_once() == 2
    async with pool.acquire() as conn:
        rows = await conn.fetch("SELECT state, attempts, last_error FROM outbox ORDER BY id")
    assert [r["state"] for r in rows] == ["published"] * 2 + ["pending"] * 3
    assert rows[0]["attempts"] == 2 and rows[0]["last_error"] is None
    assert rows[2]["attempts"] == 1 and rows[2]["last_error"]
    async with KafkaProbe(servers.bootstrap_servers, [TOPIC]) as probe:
        assert await relay_for(pool, publisher, service_dsn).drain() == 3
        received = await probe.wait_for(lambda r: r.key == str(member_id), count=3)
    assert [r.json()["event_id"] for r in received] == event_ids[2:]


async def test_running_relay_wakes_on_notify_and_publishes_new_events(
    pool, publisher, service_dsn, servers, topics
):
    relay = OutboxRelay(pool, publisher, schema="registry", dsn=service_dsn, poll_interval=30)
    relay.start()
    try:
        await asyncio.sleep(0)  # let it start listening
        member_id = uuid.uuid4()
        async with KafkaProbe(servers.bootstrap_servers, [TOPIC]) as probe:
            await eventually(lambda: _listening(pool), timeout=10)
            await store_events(pool, member_id, range(1, 3))
            received = await probe.wait_for(lambda r: r.key == str(member_id), count=2, timeout=10)
        assert len(received) == 2
    finally:
        await relay.stop()


async def _listening(pool: asyncpg.Pool) -> bool:
    async with pool.acquire() as conn:
        return bool(
            await conn.fetchval(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'ClientRead' "
                "AND query LIKE 'LISTEN%'"
            )
        )


async def test_republish_sends_events_since_a_point_in_time_again_with_the_same_ids(
    pool, publisher, service_dsn, servers, topics
):
    old_member, new_member = uuid.uuid4(), uuid.uuid4()
    await store_events(pool, old_member, range(1, 3))
    async with pool.acquire() as conn:
        await conn.execute("UPDATE outbox SET created_at = now() - interval '2 hours'")
    since = datetime.now(UTC) - timedelta(minutes=5)
    new_ids = await store_events(pool, new_member, range(1, 4))
    relay = relay_for(pool, publisher, service_dsn)
    assert await relay.drain() == 5
    async with KafkaProbe(servers.bootstrap_servers, [TOPIC]) as probe:
        async with pool.acquire() as conn:
            assert await mark_for_republish(conn, "registry", since) == 3
        assert await relay.drain() == 3
        again = await probe.wait_for(lambda r: r.key == str(new_member), count=3)
        await probe.settle(0.5)
    assert [r.json()["event_id"] for r in again] == new_ids
    assert not [r for r in probe.received if r.key == str(old_member)]


async def test_published_rows_are_kept_until_the_retention_period_ends(
    pool, publisher, service_dsn, topics
):
    await store_events(pool, uuid.uuid4(), range(1, 4))
    relay = relay_for(pool, publisher, service_dsn, retention=timedelta(hours=1))
    await relay.drain()
    assert await relay.purge_expired() == 0
    async with pool.acquire() as conn:
        await conn.execute(
            "UPDATE outbox SET published_at = now() - interval '2 hours' "
            "WHERE id = (SELECT min(id) FROM outbox)"
        )
    assert await relay.purge_expired() == 1
    async with pool.acquire() as conn:
        assert await conn.fetchval("SELECT count(*) FROM outbox") == 2


class HeldPublisher:
    """Publishes only once released, so a relay can be caught in the middle of a batch."""

    def __init__(self, inner: KafkaMessagePublisher) -> None:
        self.inner = inner
        self.holding = asyncio.Event()
        self.release = asyncio.Event()

    async def publish_ordered(self, messages):  # type: ignore[no-untyped-def]
        self.holding.set()
        await self.release.wait()
        return await self.inner.publish_ordered(messages)


async def test_a_second_relay_waits_while_one_is_mid_batch_so_order_holds(
    pool, publisher, service_dsn, servers, topics
):
    member_id = uuid.uuid4()
    await store_events(pool, member_id, range(1, 31))
    held = HeldPublisher(publisher)
    first = relay_for(pool, held, service_dsn, batch_size=10)
    second = relay_for(pool, publisher, service_dsn, batch_size=10)
    async with KafkaProbe(servers.bootstrap_servers, [TOPIC]) as probe:
        first_batch = asyncio.create_task(first.drain_once())
        await asyncio.wait_for(held.holding.wait(), 10)
        # Rows 11-30 are unlocked, but taking them now would put them ahead of rows 1-10.
        assert await second.drain_once() == 0
        held.release.set()
        assert await first_batch == 10
        assert await second.drain() == 20
        received = await probe.wait_for(lambda r: r.key == str(member_id), count=30)
    assert [r.json()["data"]["version"] for r in received] == list(range(1, 31))
    async with pool.acquire() as conn:
        assert await conn.fetchval("SELECT sum(attempts) FROM outbox") == 30


async def test_an_event_too_large_for_the_broker_is_refused_when_written(pool):
    member_id = uuid.uuid4()
    big = MemberStatusChanged(
        member_id=member_id,
        version=1,
        previous_status=MemberStatus.PENDING,
        status=MemberStatus.ACTIVE,
        reason="x" * 1_000_000,
    )
    async with pool.acquire() as conn:
        with pytest.raises(InvalidInput, match="events are limited"):
            async with conn.transaction():
                await write_to_outbox(
                    conn, "registry", [envelope_for("registry", str(member_id), big)]
                )
        assert await conn.fetchval("SELECT count(*) FROM outbox") == 0
