"""`otop tail` reads a topic to its real end, over the real broker."""

from __future__ import annotations

import asyncio
import json
import uuid

from aiokafka import AIOKafkaProducer, TopicPartition

from services.operations.tail import TailOptions, tail
from shared.messaging.reading import reading_consumer
from tests.cli import run_cli
from tests.conftest import eventually
from tests.integration.operations.conftest import envelope, publish_batched


async def test_tail_prints_every_envelope_from_the_beginning_including_the_last(
    servers, scratch_topic
):
    sent = [envelope(f"member-{n % 5}", n) for n in range(120)]
    await publish_batched(servers.bootstrap_servers, scratch_topic, sent)
    async with reading_consumer(servers.bootstrap_servers) as consumer:
        reported = await consumer.end_offsets([TopicPartition(scratch_topic, p) for p in range(3)])

    lines: list[str] = []
    summary = await tail(servers.bootstrap_servers, scratch_topic, TailOptions(), lines.append)

    printed = [json.loads(line) for line in lines]
    assert sorted(e["event_id"] for e in printed) == sorted(e["event_id"] for e in sent)
    assert sent[-1]["event_id"] in {e["event_id"] for e in printed}
    for key in {e["aggregate_id"] for e in sent}:  # one key's events keep their order
        assert [e["data"]["number"] for e in printed if e["aggregate_id"] == key] == [
            e["data"]["number"] for e in sent if e["aggregate_id"] == key
        ]
    assert summary.printed == summary.read == 120
    assert sum(summary.next_offsets.values()) == 120
    if servers.kind == "embedded":
        # The embedded broker reports end offsets below the last record of batched writes
        # (Apache Kafka's are exact): reading to the reported end would stop early.
        assert sum(reported.values()) < 120


async def test_tail_filters_by_key_and_type_and_stops_at_the_limit(servers, scratch_topic):
    sent = [envelope("สมาชิก-1", n) for n in range(5)] + [
        envelope("member-2", n, "member.registered") for n in range(5)
    ]
    await publish_batched(servers.bootstrap_servers, scratch_topic, sent)

    by_key: list[str] = []
    await tail(servers.bootstrap_servers, scratch_topic, TailOptions(key="สมาชิก-1"), by_key.append)
    by_type: list[str] = []
    await tail(
        servers.bootstrap_servers,
        scratch_topic,
        TailOptions(event_type="member.registered", limit=3),
        by_type.append,
    )

    assert [json.loads(x)["data"]["number"] for x in by_key] == [0, 1, 2, 3, 4]
    assert len(by_type) == 3
    assert {json.loads(x)["event_type"] for x in by_type} == {"member.registered"}


async def test_tail_from_the_end_without_follow_prints_nothing_old(servers, scratch_topic):
    await publish_batched(
        servers.bootstrap_servers, scratch_topic, [envelope("k", n) for n in range(30)]
    )
    lines: list[str] = []
    summary = await tail(
        servers.bootstrap_servers, scratch_topic, TailOptions(from_beginning=False), lines.append
    )
    assert lines == []
    assert summary.read == 0


async def test_otop_tail_prints_json_lines_with_thai_text_as_is(servers, scratch_topic):
    sent = [envelope(str(uuid.uuid4()), n) for n in range(10)]
    await publish_batched(servers.bootstrap_servers, scratch_topic, sent)

    result = await run_cli(
        ["tail", scratch_topic], {"KAFKA_BOOTSTRAP_SERVERS": servers.bootstrap_servers}
    )

    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert sorted(json.loads(x)["event_id"] for x in lines) == sorted(e["event_id"] for e in sent)
    assert "สินค้าโอทอปห้าดาว" in lines[0]  # not \u-escaped
    assert f"{scratch_topic}: 3 partition(s), from the beginning, to the end" in result.stderr
    assert "10 envelope(s) printed of 10 read" in result.stderr


async def test_otop_tail_of_an_unknown_topic_says_so(servers, topics):
    result = await run_cli(
        ["tail", "no.such.topic.v1"], {"KAFKA_BOOTSTRAP_SERVERS": servers.bootstrap_servers}
    )
    assert result.exit_code == 2
    assert "topic no.such.topic.v1 does not exist" in result.stderr


async def test_tail_from_the_end_following_prints_only_what_arrives_later(servers, scratch_topic):
    await publish_batched(
        servers.bootstrap_servers, scratch_topic, [envelope("old", n) for n in range(20)]
    )
    lines: list[str] = []
    started = asyncio.Event()
    follow = asyncio.create_task(
        tail(
            servers.bootstrap_servers,
            scratch_topic,
            TailOptions(from_beginning=False, follow=True, limit=3),
            lines.append,
            on_start=lambda _: started.set(),
        )
    )
    await asyncio.wait_for(started.wait(), 30)
    later = [envelope("new", n) for n in range(3)]

    async def published_and_printed() -> bool:
        if not lines:
            await publish_batched(servers.bootstrap_servers, scratch_topic, later)
        return follow.done()

    await eventually(published_and_printed, timeout=30)
    assert {json.loads(x)["aggregate_id"] for x in lines} == {"new"}
    assert len(lines) == 3


async def test_tail_of_a_busy_topic_stops_at_the_end_it_began_with(servers, scratch_topic):
    before = [envelope("before", n) for n in range(50)]
    await publish_batched(servers.bootstrap_servers, scratch_topic, before)
    producer = AIOKafkaProducer(
        bootstrap_servers=servers.bootstrap_servers, enable_idempotence=False
    )
    await producer.start()
    stop = asyncio.Event()

    async def keep_publishing() -> None:
        for n in range(600):  # bounded: at most about 30 s of traffic
            if stop.is_set():
                return
            await producer.send_and_wait(scratch_topic, json.dumps(envelope("during", n)).encode())
            await asyncio.sleep(0.05)

    traffic = asyncio.create_task(keep_publishing())
    try:
        lines: list[str] = []
        await asyncio.wait_for(
            tail(servers.bootstrap_servers, scratch_topic, TailOptions(), lines.append), 20
        )
    finally:
        stop.set()
        await traffic
        await producer.stop()
    printed = {json.loads(x)["event_id"] for x in lines}
    assert {e["event_id"] for e in before} <= printed
