"""Topics exist with the catalogue's partition count, or nothing is published to them."""

from __future__ import annotations

import asyncio
import uuid

import pytest
from aiokafka import AIOKafkaProducer
from aiokafka.errors import KafkaTimeoutError, UnknownTopicOrPartitionError

from shared.messaging.publisher import ProducerPublisher
from shared.messaging.topics import (
    TopicGuard,
    TopicMismatch,
    ensure_topics,
    partition_counts,
)
from tests.infrastructure import Servers
from tests.kafka_probe import KafkaProbe


def _name() -> str:
    return f"it.guard.{uuid.uuid4().hex[:12]}.v1"


async def test_asking_a_broker_for_an_unknown_topic_never_creates_it(servers: Servers):
    name = _name()
    producer = AIOKafkaProducer(
        bootstrap_servers=servers.bootstrap_servers,
        enable_idempotence=False,
        request_timeout_ms=3000,
    )
    await producer.start()
    try:
        with pytest.raises((UnknownTopicOrPartitionError, KafkaTimeoutError)):
            await producer.send_and_wait(name, b"x", key=b"k")
    finally:
        await producer.stop()
    assert name not in await partition_counts(servers.bootstrap_servers)


async def test_missing_topics_are_created_with_the_catalogues_count(servers: Servers):
    names = [_name(), _name()]
    guard = TopicGuard(servers.bootstrap_servers, names, partitions=3)
    try:
        check = await guard.verify()
    finally:
        await guard.close()
    assert check.ok
    counts = await partition_counts(servers.bootstrap_servers)
    assert [counts[n] for n in names] == [3, 3]


async def test_a_topic_of_another_partition_count_is_an_error_not_silence(servers: Servers):
    name = _name()
    await ensure_topics(servers.bootstrap_servers, [name], partitions=2)
    with pytest.raises(TopicMismatch, match=rf"{name} has 2"):
        await ensure_topics(servers.bootstrap_servers, [name], partitions=3)
    guard = TopicGuard(servers.bootstrap_servers, [name], partitions=3)
    try:
        check = await guard.verify()
    finally:
        await guard.close()
    assert not check.ok
    assert check.error is not None and "partition counts differ" in check.error


async def test_the_relay_publisher_refuses_a_topic_of_another_count_and_keeps_the_rows(
    servers: Servers,
):
    wrong, right = _name(), _name()
    await ensure_topics(servers.bootstrap_servers, [wrong], partitions=2)
    await ensure_topics(servers.bootstrap_servers, [right], partitions=3)
    guard = TopicGuard(servers.bootstrap_servers, [wrong, right], partitions=3)
    publisher = ProducerPublisher(servers.bootstrap_servers, guard, client_id="it-guard")
    try:
        async with KafkaProbe(servers.bootstrap_servers, [wrong, right]) as probe:
            refused = await publisher.publish_ordered([(wrong, b"k", b"v", {})])
            await probe.settle(1.0)
        assert refused.confirmed == 0
        assert refused.error is not None and f"{wrong} has 2" in refused.error
        assert probe.received == []
    finally:
        await publisher.stop()
        await guard.close()


async def test_the_relay_publisher_keeps_one_aggregates_events_in_order_on_one_partition(
    servers: Servers,
):
    name = _name()
    guard = TopicGuard(servers.bootstrap_servers, [name], partitions=3)
    publisher = ProducerPublisher(servers.bootstrap_servers, guard, client_id="it-guard")
    try:
        await guard.verify()
        async with KafkaProbe(servers.bootstrap_servers, [name]) as probe:
            messages = [(name, b"member-1", str(i).encode(), {"n": str(i)}) for i in range(20)]
            result = await publisher.publish_ordered(messages)
            received = await probe.wait_for(lambda r: r.topic == name, count=20)
    finally:
        await publisher.stop()
        await guard.close()
    assert result.confirmed == 20 and result.error is None
    assert [r.value for r in sorted(received, key=lambda r: r.offset)] == [
        str(i).encode() for i in range(20)
    ]
    assert len({r.partition for r in received}) == 1


async def test_services_creating_the_same_topics_at_once_all_find_them(servers: Servers):
    names = [_name() for _ in range(4)]
    results = await asyncio.gather(
        *(ensure_topics(servers.bootstrap_servers, names, partitions=3) for _ in range(4))
    )
    assert sorted(name for created in results for name in created) == sorted(names)
    counts = await partition_counts(servers.bootstrap_servers)
    assert [counts[n] for n in names] == [3, 3, 3, 3]
