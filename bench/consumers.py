"""Each consuming service draining a backlog of valid events published straight to a topic
it reads: events per second until its consumer group's lag is 0."""

from __future__ import annotations

import asyncio
import time
import uuid

from aiokafka import AIOKafkaProducer

from services.operations.lag import consumer_lag
from services.topology import SERVICES
from shared.contracts.topics import REGISTRY_MEMBERS
from shared.messaging.envelope import envelope_for
from tests.integration.events.registry_feed import registered


def member_registered_records(count: int) -> list[tuple[bytes, bytes, list[tuple[str, bytes]]]]:
    """`count` registry.members.v1 records (key, value, headers) of new members."""
    records = []
    for _ in range(count):
        member_id = uuid.uuid4()
        _, envelope = envelope_for("registry", str(member_id), registered(member_id))
        headers = [
            ("content-type", b"application/json"),
            ("event_id", str(envelope.event_id).encode()),
            ("event_type", envelope.event_type.encode()),
            ("correlation_id", str(envelope.correlation_id).encode()),
        ]
        records.append((str(member_id).encode(), envelope.model_dump_json().encode(), headers))
    return records


async def publish(bootstrap: str, topic: str, records: list) -> float:
    producer = AIOKafkaProducer(
        bootstrap_servers=bootstrap, linger_ms=20, max_batch_size=1 << 20, acks=1
    )
    await producer.start()
    started = time.perf_counter()
    try:
        futures = [
            await producer.send(topic, value, key=key, headers=headers)
            for key, value, headers in records
        ]
        await asyncio.gather(*futures)
    finally:
        await producer.stop()
    return time.perf_counter() - started


async def group_lags(bootstrap: str, groups: set[str], topic: str) -> dict[str, int | None]:
    report = await consumer_lag(bootstrap)
    return {t.group: t.lag for t in report.by_topic() if t.group in groups and t.topic == topic}


async def drain_rates(bootstrap: str, count: int, patience: float = 900.0) -> dict[str, float]:
    """Publish `count` member registrations; each reading service's events/s until its lag
    on registry.members.v1 is 0 (all of them drain at the same time, sharing the cores)."""
    topic = REGISTRY_MEMBERS.name
    groups = {
        spec.group(REGISTRY_MEMBERS): spec.name
        for spec in SERVICES
        if REGISTRY_MEMBERS in spec.consumes
    }
    records = member_registered_records(count)
    started = time.perf_counter()
    await publish(bootstrap, topic, records)
    finished: dict[str, float] = {}
    while len(finished) < len(groups):
        if time.perf_counter() - started > patience:
            break
        lags = await group_lags(bootstrap, set(groups), topic)
        now = time.perf_counter()
        for group, lag in lags.items():
            if lag == 0 and group not in finished:
                finished[group] = now - started
        await asyncio.sleep(0.5)
    return {groups[g]: (count / finished[g] if g in finished else float("nan")) for g in groups}
