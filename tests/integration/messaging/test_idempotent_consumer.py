"""Idempotent consumers, retries and the dead-letter topic, over the real broker."""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator

import asyncpg
import pytest
from faststream.kafka import KafkaBroker

from shared.contracts.registry import MemberStatus, MemberStatusChanged
from shared.messaging.bus import EventMetadata
from shared.messaging.consumer import IdempotentConsumer, IncomingMessage, Outcome, PermanentError
from shared.messaging.dead_letters import list_dead_letters, redrive
from shared.messaging.outbox import envelope_for
from shared.messaging.subscription import subscribe
from tests.conftest import eventually
from tests.kafka_probe import KafkaProbe


def event_bytes(member_id: uuid.UUID, reason: str = "ok") -> tuple[str, bytes]:
    _, envelope = envelope_for(
        "registry",
        str(member_id),
        MemberStatusChanged(
            member_id=member_id,
            version=2,
            previous_status=MemberStatus.PENDING,
            status=MemberStatus.ACTIVE,
            reason=reason,
        ),
    )
    return str(envelope.event_id), envelope.model_dump_json().encode()


class SeenTable:
    """The unit of work the consumer hands the handler: the inbox transaction's connection."""

    def __init__(self, conn: asyncpg.Connection) -> None:
        self.conn = conn


class Handler:
    """Records each event in a table of its own; fails as told by the event's reason."""

    def __init__(self) -> None:
        self.calls = 0
        self.transient_failures_left = 0

    async def __call__(
        self, data: MemberStatusChanged, metadata: EventMetadata, uow: SeenTable
    ) -> None:
        self.calls += 1
        reason = data.reason
        if reason == "always-fails":
            raise RuntimeError("the handler cannot cope with this one")
        if reason == "bad-data":
            raise PermanentError("member is not known here")
        if reason == "flaky" and self.transient_failures_left > 0:
            self.transient_failures_left -= 1
            raise LookupError("a passing fault")
        if reason == "database-blip" and self.transient_failures_left > 0:
            self.transient_failures_left -= 1
            raise ConnectionResetError("connection to the database was lost")
        await uow.conn.execute(
            "INSERT INTO seen (event_id, member_id) VALUES ($1, $2)",
            metadata.event_id,
            data.member_id,
        )


@pytest.fixture
async def running(
    pool, publisher, servers, scratch_topic, seen_table
) -> AsyncIterator[tuple[Handler, KafkaBroker]]:
    handler = Handler()
    consumer = IdempotentConsumer(
        "test-consumer",
        pool,
        publisher,
        {MemberStatusChanged: handler},
        SeenTable,
        max_attempts=3,
        backoff_initial=0.01,
    )
    kafka = KafkaBroker(servers.bootstrap_servers, logger=None)
    subscribe(kafka, scratch_topic, group_id=f"g-{scratch_topic}", consumer=lambda: consumer)
    await kafka.start()
    yield handler, kafka
    await kafka.stop()


async def seen(pool: asyncpg.Pool) -> list[asyncpg.Record]:
    async with pool.acquire() as conn:
        return await conn.fetch("SELECT * FROM seen")


async def test_redelivered_event_changes_nothing(pool, running, broker, scratch_topic):
    handler, _ = running
    event_id, value = event_bytes(uuid.uuid4())
    for _ in range(3):
        await broker.publish(value, scratch_topic, key=b"k")
    marker_id, marker = event_bytes(uuid.uuid4())
    await broker.publish(marker, scratch_topic, key=b"k")
    rows = await eventually(lambda: _has(pool, marker_id))
    assert [str(r["event_id"]) for r in rows].count(event_id) == 1
    assert handler.calls == 2
    async with pool.acquire() as conn:
        assert (
            await conn.fetchval("SELECT count(*) FROM inbox WHERE consumer = 'test-consumer'") == 2
        )


async def _has(pool: asyncpg.Pool, event_id: str) -> list[asyncpg.Record] | None:
    rows = await seen(pool)
    return rows if any(str(r["event_id"]) == event_id for r in rows) else None


async def test_poison_message_goes_to_the_dlq_with_the_error_and_the_consumer_moves_on(
    pool, running, broker, servers, scratch_topic
):
    async with KafkaProbe(servers.bootstrap_servers, [f"{scratch_topic}.dlq"]) as dlq:
        await broker.publish(
            b"{not json", scratch_topic, key=b"k", headers={"content-type": "application/json"}
        )
        failing_id, failing = event_bytes(uuid.uuid4(), "always-fails")
        await broker.publish(failing, scratch_topic, key=b"k", headers={"event_id": failing_id})
        good_id, good = event_bytes(uuid.uuid4())
        await broker.publish(good, scratch_topic, key=b"k")
        await eventually(lambda: _has(pool, good_id))
        letters = await dlq.wait_for(lambda r: True, count=2)
    garbage, failed = letters
    assert garbage.value == b"{not json"
    assert "not an event envelope" in garbage.headers["dlq.error"]
    assert garbage.headers["dlq.attempts"] == "0"
    assert failed.value == failing
    assert "the handler cannot cope" in failed.headers["dlq.error"]
    assert failed.headers["dlq.attempts"] == "3"
    assert failed.headers["dlq.original_topic"] == scratch_topic
    assert failed.key == "k"


async def test_transient_failure_is_retried_and_processed_once(
    pool, running, broker, scratch_topic
):
    handler, _ = running
    handler.transient_failures_left = 2
    event_id, value = event_bytes(uuid.uuid4(), "flaky")
    await broker.publish(value, scratch_topic, key=b"k")
    rows = await eventually(lambda: _has(pool, event_id))
    assert len(rows) == 1
    assert handler.calls == 3


async def test_infrastructure_outage_is_waited_out_without_dead_lettering(
    pool, running, broker, servers, scratch_topic
):
    handler, _ = running
    handler.transient_failures_left = 6  # twice the attempts a handler error would get
    async with KafkaProbe(servers.bootstrap_servers, [f"{scratch_topic}.dlq"]) as dlq:
        event_id, value = event_bytes(uuid.uuid4(), "database-blip")
        await broker.publish(value, scratch_topic, key=b"k")
        rows = await eventually(lambda: _has(pool, event_id))
        await dlq.settle(0.5)
    assert len(rows) == 1
    assert handler.calls == 7
    assert dlq.received == []


async def test_permanent_error_is_not_retried(pool, running, broker, servers, scratch_topic):
    handler, _ = running
    async with KafkaProbe(servers.bootstrap_servers, [f"{scratch_topic}.dlq"]) as dlq:
        _, value = event_bytes(uuid.uuid4(), "bad-data")
        await broker.publish(value, scratch_topic, key=b"k")
        [letter] = await dlq.wait_for(lambda r: True)
    assert handler.calls == 1
    assert "member is not known here" in letter.headers["dlq.error"]


async def test_event_of_a_version_the_consumer_cannot_read_is_dead_lettered(
    pool, running, broker, servers, scratch_topic
):
    _, value = event_bytes(uuid.uuid4())
    future = json.loads(value) | {"event_version": 9}
    async with KafkaProbe(servers.bootstrap_servers, [f"{scratch_topic}.dlq"]) as dlq:
        await broker.publish(json.dumps(future).encode(), scratch_topic, key=b"k")
        [letter] = await dlq.wait_for(lambda r: True)
    assert "v9 is not a version this consumer reads" in letter.headers["dlq.error"]


async def test_the_hook_after_processing_runs_once_per_event_and_never_for_a_redelivery(
    pool, publisher, seen_table
):
    woken: list[str] = []

    def wake() -> None:
        woken.append("wake")
        raise RuntimeError("a hook that fails cannot make a committed event fail")

    consumer = IdempotentConsumer(
        "hook-consumer",
        pool,
        publisher,
        {MemberStatusChanged: Handler()},
        SeenTable,
        after_processed=wake,
    )
    _, value = event_bytes(uuid.uuid4())
    message = IncomingMessage("registry.members.v1", 0, 1, b"k", value)
    assert await consumer.handle(message) is Outcome.PROCESSED
    assert await consumer.handle(message) is Outcome.DUPLICATE
    assert woken == ["wake"]
    assert len(await seen(pool)) == 1


async def test_event_of_a_type_the_catalogue_does_not_know_is_dead_lettered(
    pool, running, broker, servers, scratch_topic
):
    handler, _ = running
    _, value = event_bytes(uuid.uuid4())
    unknown = json.loads(value) | {"event_type": "member.gossiped"}
    async with KafkaProbe(servers.bootstrap_servers, [f"{scratch_topic}.dlq"]) as dlq:
        await broker.publish(json.dumps(unknown).encode(), scratch_topic, key=b"k")
        [letter] = await dlq.wait_for(lambda r: True)
    assert "member.gossiped v1 is not an event type of the catalogue" in letter.headers["dlq.error"]
    assert handler.calls == 0


async def test_event_of_a_known_type_the_consumer_does_not_handle_is_passed_over(
    pool, running, broker, servers, scratch_topic
):
    """A topic carries many types; a consumer acts on those in its table and no others."""
    handler, _ = running
    member_id = uuid.uuid4()
    _, value = event_bytes(member_id)
    # Not this consumer's business, so not even its data is read.
    registered = json.loads(value) | {"event_type": "member.registered", "data": {}}
    event_id, handled = event_bytes(member_id)
    async with KafkaProbe(servers.bootstrap_servers, [f"{scratch_topic}.dlq"]) as dlq:
        await broker.publish(json.dumps(registered).encode(), scratch_topic, key=b"k")
        await broker.publish(handled, scratch_topic, key=b"k")
        rows = await eventually(lambda: _has(pool, event_id))
        await dlq.settle(0.5)
    assert [r["event_id"] for r in await seen(pool)] == [rows[0]["event_id"]]
    assert handler.calls == 1
    assert dlq.received == []


async def test_a_type_it_does_not_handle_is_passed_over_on_its_headers_unread(
    pool, running, broker, servers, scratch_topic
):
    """Named in the `event_type` header, a type of the catalogue this consumer does not
    handle is not its business: its value is not even decoded, so garbage there is skipped."""
    handler, _ = running
    event_id, handled = event_bytes(uuid.uuid4())
    async with KafkaProbe(servers.bootstrap_servers, [f"{scratch_topic}.dlq"]) as dlq:
        await broker.publish(
            b"{not json", scratch_topic, key=b"k", headers={"event_type": "member.registered"}
        )
        await broker.publish(handled, scratch_topic, key=b"k")
        await eventually(lambda: _has(pool, event_id))
        await dlq.settle(0.5)
    assert dlq.received == []
    assert handler.calls == 1


async def test_dead_letters_can_be_listed_and_redriven_once(
    pool, running, broker, servers, scratch_topic
):
    handler, _ = running
    member_id = uuid.uuid4()
    event_id, value = event_bytes(member_id, "flaky")
    handler.transient_failures_left = 10  # fails every attempt for now
    await broker.publish(
        value,
        scratch_topic,
        key=str(member_id).encode(),
        headers={"event_id": event_id, "event_type": "member.status_changed"},
    )
    letters = await eventually(lambda: list_dead_letters(servers.bootstrap_servers, scratch_topic))
    assert [(d.event_id, d.topic, d.consumer) for d in letters] == [
        (event_id, scratch_topic, "test-consumer")
    ]
    assert "a passing fault" in letters[0].error

    handler.transient_failures_left = 0  # the cause is fixed
    assert await redrive(servers.bootstrap_servers, scratch_topic) == 1
    rows = await eventually(lambda: _has(pool, event_id))
    assert len(rows) == 1
    assert await redrive(servers.bootstrap_servers, scratch_topic) == 0
