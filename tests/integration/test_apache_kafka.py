"""The local Apache Kafka broker: it keeps its topics and messages across a clean stop and a
crash, holds its data folder alone, and a broker that cannot start says why with the end of
its log."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic

from devstack.servers.kafka import ApacheKafka
from devstack.servers.ports import free_port
from tests.brokers import kafka_only

pytestmark = kafka_only("runs brokers of its own from the Apache Kafka jars")

TOPIC = "local-kafka.kept.v1"


@pytest.fixture
def kafka(tmp_path: Path) -> Iterator[ApacheKafka]:
    broker = ApacheKafka(tmp_path / "data", tmp_path / "kafka.log", port=free_port())
    yield broker
    broker.stop()


async def _create_and_send(bootstrap: str, values: list[bytes]) -> None:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        await admin.create_topics([NewTopic(TOPIC, 2, 1)])
    finally:
        await admin.close()
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all")
    await producer.start()
    try:
        for value in values:
            await producer.send_and_wait(TOPIC, value, key=b"one-key")
    finally:
        await producer.stop()


async def _read_all(bootstrap: str) -> list[bytes]:
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False)
    await consumer.start()
    try:
        partitions = [TopicPartition(TOPIC, p) for p in (0, 1)]
        consumer.assign(partitions)
        await consumer.seek_to_beginning(*partitions)
        ends = await consumer.end_offsets(partitions)
        values: list[bytes] = []
        deadline = asyncio.get_running_loop().time() + 30
        while any([await consumer.position(tp) < ends[tp] for tp in partitions]):
            if asyncio.get_running_loop().time() > deadline:
                raise AssertionError(f"read {len(values)} message(s), not to the end {ends}")
            batch = await consumer.getmany(timeout_ms=1000)
            values += [r.value or b"" for records in batch.values() for r in records]
        return values
    finally:
        await consumer.stop()


async def test_topics_and_messages_survive_a_clean_stop_and_a_crash(
    kafka: ApacheKafka, tmp_path: Path
):
    sent = [f"sale {n}".encode() for n in range(20)]
    await asyncio.to_thread(kafka.start)
    await _create_and_send(kafka.bootstrap_servers, sent)

    await asyncio.to_thread(kafka.stop)
    await asyncio.to_thread(kafka.start)
    assert await _read_all(kafka.bootstrap_servers) == sent

    await asyncio.to_thread(kafka.kill)
    await asyncio.to_thread(kafka.start)
    assert await _read_all(kafka.bootstrap_servers) == sent

    # Two brokers writing one folder would corrupt it: a second one is refused.
    second = ApacheKafka(kafka.data_dir, tmp_path / "second.log", port=free_port())
    with pytest.raises(RuntimeError, match="in use by another Kafka broker"):
        await asyncio.to_thread(second.start)
    assert TOPIC in await _topics(kafka.bootstrap_servers)  # the first one still serves


async def test_a_broker_that_cannot_start_says_why_with_the_end_of_its_log(
    kafka: ApacheKafka,
):
    await asyncio.to_thread(kafka.start)
    await asyncio.to_thread(kafka.stop)
    meta = kafka.logs_dir / "meta.properties"
    meta.write_text(meta.read_text().replace("node.id=1", "node.id=7"))
    with pytest.raises(RuntimeError, match="exited while starting") as refused:
        await asyncio.to_thread(kafka.start, 60.0)
    assert str(kafka.log_file) in str(refused.value)
    assert "Stored node id 7 doesn't match" in str(refused.value)


async def _topics(bootstrap: str) -> list[str]:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        return list(await admin.list_topics())
    finally:
        await admin.close()
