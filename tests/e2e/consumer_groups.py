"""What a broker says about a consumer group: its members and the partitions each holds."""

from __future__ import annotations

import asyncio

from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.coordinator.protocol import ConsumerProtocolMemberAssignment

Assignment = dict[str, frozenset[int]]  # member id -> partitions of the topic


async def group_assignment(bootstrap_servers: str, group_id: str, topic: str) -> Assignment:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap_servers, request_timeout_ms=10000)
    await admin.start()
    try:
        [response] = await admin.describe_consumer_groups([group_id])
    finally:
        await admin.close()
    [group] = response.groups
    error_code, members = group[0], group[5]
    if error_code != 0:
        raise AssertionError(f"describing group {group_id} failed with error code {error_code}")
    assignment: Assignment = {}
    for member in members:
        member_id, raw = member[0], member[-1]
        decoded = ConsumerProtocolMemberAssignment.decode(raw) if raw else None
        partitions = decoded.partitions() if decoded is not None else []
        assignment[member_id] = frozenset(tp.partition for tp in partitions if tp.topic == topic)
    return assignment


async def wait_for_members(
    bootstrap_servers: str,
    group_id: str,
    topic: str,
    members: int,
    partitions: int,
    timeout: float = 60.0,
) -> Assignment:
    """Poll until the group is stable with `members` members sharing all `partitions`."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    assignment: Assignment = {}
    while loop.time() < deadline:
        assignment = await group_assignment(bootstrap_servers, group_id, topic)
        held = [p for parts in assignment.values() for p in parts]
        if (
            len(assignment) == members
            and all(assignment.values())
            and sorted(held) == list(range(partitions))
        ):
            return assignment
        await asyncio.sleep(0.2)
    raise AssertionError(
        f"group {group_id} did not settle on {members} member(s) holding {partitions} "
        f"partition(s) of {topic} within {timeout:.0f}s; last seen: {assignment}"
    )
