"""A poll's messages handled in one inbox transaction: all of it commits, or none of it and
each message goes its own way (retries, DLQ) without taking its neighbours' work with it."""

from __future__ import annotations

import uuid

import asyncpg

from shared.contracts.registry import MemberStatusChanged
from shared.messaging.consumer import IdempotentConsumer, IncomingMessage, Outcome
from shared.messaging.consumer_batch import handle_batch
from tests.integration.messaging.test_idempotent_consumer import (
    Handler,
    SeenTable,
    event_bytes,
    seen,
)
from tests.kafka_probe import KafkaProbe


def _message(
    topic: str, offset: int, value: bytes, event_type: str | None = None
) -> IncomingMessage:
    headers = {"event_type": event_type} if event_type else {}
    return IncomingMessage(topic, 0, offset, b"k", value, headers)


def _consumer(pool, publisher, handler: Handler, woken: list[int]) -> IdempotentConsumer:
    return IdempotentConsumer(
        "batch-consumer",
        pool,
        publisher,
        {MemberStatusChanged: handler},
        SeenTable,
        max_attempts=2,
        backoff_initial=0.01,
        after_processed=lambda: woken.append(1),
    )


async def _inbox(pool: asyncpg.Pool) -> int:
    async with pool.acquire() as conn:
        return int(
            await conn.fetchval("SELECT count(*) FROM inbox WHERE consumer = 'batch-consumer'")
        )


async def test_a_poll_of_events_commits_together_and_a_repeat_within_it_is_a_duplicate(
    pool, publisher, seen_table, scratch_topic
):
    handler, woken = Handler(), []
    consumer = _consumer(pool, publisher, handler, woken)
    events = [event_bytes(uuid.uuid4()) for _ in range(5)]
    messages = [_message(scratch_topic, i, value) for i, (_, value) in enumerate(events)]
    messages.append(_message(scratch_topic, 5, events[2][1]))

    outcomes = await handle_batch(consumer, messages)

    assert outcomes == [Outcome.PROCESSED] * 5 + [Outcome.DUPLICATE]
    assert sorted(str(r["event_id"]) for r in await seen(pool)) == sorted(e for e, _ in events)
    assert await _inbox(pool) == 5
    assert woken == [1]  # told once for the poll, after it committed
    again = await handle_batch(consumer, messages)
    assert again == [Outcome.DUPLICATE] * 6
    assert handler.calls == 5


async def test_one_failing_event_leaves_the_others_processed_once_and_goes_to_the_dlq_alone(
    pool, publisher, servers, seen_table, scratch_topic
):
    handler, woken = Handler(), []
    consumer = _consumer(pool, publisher, handler, woken)
    good = [event_bytes(uuid.uuid4()) for _ in range(4)]
    bad_id, bad = event_bytes(uuid.uuid4(), reason="always-fails")
    values = [good[0][1], good[1][1], bad, good[2][1], good[3][1], b"not json"]
    messages = [_message(scratch_topic, i, value) for i, value in enumerate(values)]

    async with KafkaProbe(servers.bootstrap_servers, [f"{scratch_topic}.dlq"]) as dlq:
        outcomes = await handle_batch(consumer, messages)
        letters = await dlq.wait_for(lambda r: True, count=2)

    assert outcomes.count(Outcome.PROCESSED) == 4
    assert outcomes.count(Outcome.DEAD_LETTERED) == 2
    rows = await seen(pool)
    assert sorted(str(r["event_id"]) for r in rows) == sorted(e for e, _ in good)
    assert bad_id not in {str(r["event_id"]) for r in rows}
    assert await _inbox(pool) == 4
    errors = sorted(letter.headers["dlq.error"] for letter in letters)
    assert "not an event envelope" in errors[0] + errors[1]
    assert any("the handler cannot cope" in error for error in errors)


async def test_a_type_passed_over_in_a_poll_is_not_decoded_and_the_rest_commit(
    pool, publisher, seen_table, scratch_topic
):
    handler, woken = Handler(), []
    consumer = _consumer(pool, publisher, handler, woken)
    event_id, value = event_bytes(uuid.uuid4())
    messages = [
        _message(scratch_topic, 0, b"{ never read", event_type="product.listed"),
        _message(scratch_topic, 1, value, event_type="member.status_changed"),
    ]

    outcomes = await handle_batch(consumer, messages)

    assert outcomes == [Outcome.IGNORED, Outcome.PROCESSED]
    assert [str(r["event_id"]) for r in await seen(pool)] == [event_id]
