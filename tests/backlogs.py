"""Every test on the session's broker starts as a fresh deployment would: no backlog.

The topics and the services' consumer groups outlive a test on the session's broker, so a
group's committed offsets are where the last test that ran its consumers left them; the
next test's consumers would first read every event the tests in between published (for
databases long dropped) before their own. Committing each group's offsets at the end of
its topic before a test starts leaves that test only its own events to read.
"""

from __future__ import annotations

import asyncio

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.errors import KafkaError
from aiokafka.protocol.commit import OffsetCommitRequest

from services.topology import consumer_groups


def _now() -> float:
    return asyncio.get_running_loop().time()


async def _end_offsets(bootstrap_servers: str, topics: set[str]) -> dict[TopicPartition, int]:
    reader = AIOKafkaConsumer(bootstrap_servers=bootstrap_servers, enable_auto_commit=False)
    await reader.start()
    try:
        deadline = _now() + 10
        # A topic created a moment ago may not be in the metadata yet: ask again, briefly.
        while True:
            await reader._client.set_topics(sorted(topics))
            cluster = reader._client.cluster
            known = {topic: cluster.partitions_for_topic(topic) or set() for topic in topics}
            if all(known.values()) or _now() > deadline:
                break
            await asyncio.sleep(0.1)
        partitions = [
            TopicPartition(topic, partition)
            for topic in sorted(topics)
            for partition in sorted(known[topic])
        ]
        return await reader.end_offsets(partitions) if partitions else {}
    finally:
        await reader.stop()


async def _commit(
    admin: AIOKafkaAdminClient, group: str, offsets: dict[TopicPartition, int]
) -> None:
    """Commit as no member of the group (generation -1), which the broker accepts from outside
    while the group has no members; a group still with members keeps reading on."""
    if not offsets:
        return
    topics: dict[str, list[tuple[int, int, str]]] = {}
    for tp, offset in sorted(offsets.items()):
        topics.setdefault(tp.topic, []).append((tp.partition, offset, ""))
    request = OffsetCommitRequest(
        group,
        OffsetCommitRequest.DEFAULT_GENERATION_ID,
        "",
        OffsetCommitRequest.DEFAULT_RETENTION_TIME,
        list(topics.items()),
    )
    deadline = _now() + 10
    while True:
        try:
            coordinator = await admin.find_coordinator(group)
            response = await admin._send_request_to_node(coordinator, request)
        except KafkaError:
            # The broker's offsets topic is created on the first groups' first use.
            if _now() > deadline:
                return
            await asyncio.sleep(0.1)
            continue
        codes = {code for _, partitions in response.topics for _, code in partitions}
        # 14-16: the coordinator is loading or moving: again. Others (members still in the
        # group: 22, 25) leave the group reading on.
        if not codes & {14, 15, 16} or _now() > deadline:
            return
        await asyncio.sleep(0.1)


async def skip_backlogs(bootstrap_servers: str) -> None:
    """Commit every consumer group's offsets at the current end of the topic it reads."""
    groups = consumer_groups()
    ends = await _end_offsets(bootstrap_servers, {topic.name for topic in groups.values()})
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap_servers)
    await admin.start()
    try:
        await asyncio.gather(
            *(
                _commit(
                    admin,
                    group,
                    {tp: offset for tp, offset in ends.items() if tp.topic == topic.name},
                )
                for group, topic in groups.items()
            )
        )
    finally:
        await admin.close()
