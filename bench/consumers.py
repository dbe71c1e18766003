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


async def drain_rates(bootstrap: str, count: int, patience: float) -> dict[str, float]:
    """Publish `count` member registrations; each reading service's events/s until its lag
    on registry.members.v1 is 0, or, when `patience` runs out first, the events it consumed
    meanwhile per second. All of them drain at the same time, sharing the cores."""
    topic = REGISTRY_MEMBERS.name
    groups = {
        spec.group(REGISTRY_MEMBERS): spec.name
        for spec in SERVICES
        if REGISTRY_MEMBERS in spec.consumes
    }
    records = member_registered_records(count)
    before = await group_lags(bootstrap, set(groups), topic)
    started = time.perf_counter()
    await publish(bootstrap, topic, records)
    rates: dict[str, float] = {}
    lags: dict[str, int | None] = {}
    while len(rates) < len(groups) and time.perf_counter() - started < patience:
        lags = await group_lags(bootstrap, set(groups), topic)
        elapsed = time.perf_counter() - started
        for group, lag in lags.items():
            if lag is not None and lag <= (before.get(group) or 0) and group not in rates:
                rates[group] = count / elapsed
        await asyncio.sleep(0.5)
    elapsed = time.perf_counter() - started
    for group in groups:
        lag = lags.get(group)
        if group not in rates:
            rates[group] = (count - lag) / elapsed if lag is not None else float("nan")
    return {groups[g]: rate for g, rate in rates.items()}
