"""Consumer lag over the real broker: never negative, never hidden."""

from __future__ import annotations

import json
import uuid

from aiokafka import AIOKafkaConsumer, TopicPartition

from services.operations.groups import known_consumer_groups
from services.operations.lag import consumer_lag
from services.operations.tail import TailOptions, tail
from tests.cli import run_cli
from tests.integration.operations.conftest import envelope, publish_batched


async def records_per_partition(bootstrap: str, topic: str) -> dict[int, int]:
    lines: list[str] = []
    await tail(bootstrap, topic, TailOptions(with_metadata=True), lines.append)
    counts = {0: 0, 1: 0, 2: 0}
    for line in lines:
        counts[json.loads(line)["partition"]] += 1
    return counts


async def commit(bootstrap: str, group: str, offsets: dict[TopicPartition, int]) -> None:
    consumer = AIOKafkaConsumer(
        bootstrap_servers=bootstrap, group_id=group, enable_auto_commit=False
    )
    await consumer.start()
    try:
        consumer.assign(list(offsets))
        await consumer.commit(offsets)
    finally:
        await consumer.stop()


async def test_a_group_behind_shows_its_real_lag_and_a_caught_up_one_shows_none(
    servers, scratch_topic
):
    await publish_batched(
        servers.bootstrap_servers, scratch_topic, [envelope(f"m{n % 7}", n) for n in range(90)]
    )
    counts = await records_per_partition(servers.bootstrap_servers, scratch_topic)
    tps = {p: TopicPartition(scratch_topic, p) for p in counts}
    behind, caught_up = f"ops-behind-{uuid.uuid4().hex[:6]}", f"ops-done-{uuid.uuid4().hex[:6]}"
    await commit(servers.bootstrap_servers, behind, {tps[p]: counts[p] // 3 for p in counts})
    await commit(servers.bootstrap_servers, caught_up, {tps[p]: counts[p] for p in counts})

    lagging = await consumer_lag(servers.bootstrap_servers, behind)
    done = await consumer_lag(servers.bootstrap_servers, caught_up)

    rows = {r.partition: r for r in lagging.partitions if r.topic == scratch_topic}
    assert {p: r.lag for p, r in rows.items()} == {p: counts[p] - counts[p] // 3 for p in counts}
    assert {p: r.end for p, r in rows.items()} == counts
    assert [t.lag for t in lagging.by_topic() if t.topic == scratch_topic] == [
        90 - sum(c // 3 for c in counts.values())
    ]
    # Caught up: 0, neither negative (the embedded broker's reported end offsets can be
    # below the committed ones) nor unknown.
    assert [r.lag for r in done.partitions if r.topic == scratch_topic] == [0, 0, 0]


async def test_a_partition_the_group_never_committed_lags_by_everything_from_the_log_start(
    servers, scratch_topic
):
    await publish_batched(
        servers.bootstrap_servers, scratch_topic, [envelope(f"m{n % 7}", n) for n in range(60)]
    )
    counts = await records_per_partition(servers.bootstrap_servers, scratch_topic)
    group = f"ops-partial-{uuid.uuid4().hex[:6]}"
    await commit(servers.bootstrap_servers, group, {TopicPartition(scratch_topic, 0): counts[0]})

    report = await consumer_lag(servers.bootstrap_servers, group)

    rows = {r.partition: r for r in report.partitions if r.topic == scratch_topic}
    assert rows[0].lag == 0
    assert (rows[1].committed, rows[1].lag) == (None, counts[1])
    assert (rows[2].committed, rows[2].lag) == (None, counts[2])


async def test_the_services_groups_are_reported_even_before_they_commit(servers, topics):
    report = await consumer_lag(servers.bootstrap_servers)

    groups = {r.group for r in report.partitions}
    assert set(known_consumer_groups()) <= groups
    assert all(r.lag is None or r.lag >= 0 for r in report.partitions)


async def test_otop_lag_prints_one_json_line_per_partition(servers, scratch_topic):
    await publish_batched(
        servers.bootstrap_servers, scratch_topic, [envelope("m", n) for n in range(12)]
    )
    group = f"ops-cli-{uuid.uuid4().hex[:6]}"
    await commit(
        servers.bootstrap_servers, group, {TopicPartition(scratch_topic, p): 0 for p in range(3)}
    )

    result = await run_cli(
        ["lag", "--group", group, "--json"],
        {"KAFKA_BOOTSTRAP_SERVERS": servers.bootstrap_servers},
    )

    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["group"], r["topic"]) for r in rows] == [(group, scratch_topic)] * 3
    assert sum(r["lag"] for r in rows) == 12
