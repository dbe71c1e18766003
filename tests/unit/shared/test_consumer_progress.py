"""/readyz judges a consumer by its assignment and its progress, not by a connection."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from aiokafka import TopicPartition

from shared.messaging.consumer_health import ConsumerProgress, ConsumersNotReady

TP = TopicPartition("registry.members.v1", 0)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class FakeConsumer:
    def __init__(self, assignment: set[TopicPartition], highwater: int, position: int) -> None:
        self._assignment = assignment
        self.highwaters = dict.fromkeys(assignment, highwater)
        self.positions = dict.fromkeys(assignment, position)

    def assignment(self) -> set[TopicPartition]:
        return self._assignment

    def highwater(self, tp: TopicPartition) -> int | None:
        return self.highwaters.get(tp)

    async def position(self, tp: TopicPartition) -> int:
        return self.positions[tp]


class FakeSubscriber:
    def __init__(self, consumer: Any, running: bool = True) -> None:
        self.group_id = "events.registry-members"
        self.consumer = consumer
        self.running = running
        self.tasks: list[asyncio.Task[None]] = []


async def test_a_consumer_that_keeps_up_is_ready_and_reports_its_lag():
    consumer = FakeConsumer({TP}, highwater=10, position=10)
    report = await ConsumerProgress(lambda: [FakeSubscriber(consumer)], clock=Clock()).check()
    assert report == {"events.registry-members": {"partitions": 1, "lag": 0}}


async def test_a_consumer_that_is_behind_but_moving_stays_ready():
    clock = Clock()
    consumer = FakeConsumer({TP}, highwater=100, position=10)
    progress = ConsumerProgress(lambda: [FakeSubscriber(consumer)], stall_after=60, clock=clock)
    await progress.check()
    for step in range(1, 5):
        clock.now += 50
        consumer.positions[TP] = 10 + step
        report = await progress.check()
    assert report["events.registry-members"]["lag"] == 86


async def test_a_consumer_behind_that_has_not_moved_for_a_minute_is_not_ready():
    clock = Clock()
    consumer = FakeConsumer({TP}, highwater=100, position=10)
    progress = ConsumerProgress(lambda: [FakeSubscriber(consumer)], stall_after=60, clock=clock)
    await progress.check()
    clock.now += 61
    with pytest.raises(ConsumersNotReady, match=r"has not moved for 61s with 90 message"):
        await progress.check()


async def test_a_highwater_reported_too_low_never_counts_as_negative_lag():
    consumer = FakeConsumer({TP}, highwater=1865, position=1869)
    report = await ConsumerProgress(lambda: [FakeSubscriber(consumer)], clock=Clock()).check()
    assert report["events.registry-members"]["lag"] == 0


async def test_no_partitions_is_tolerated_for_the_grace_period_then_reported():
    clock = Clock()
    consumer = FakeConsumer(set(), highwater=0, position=0)
    progress = ConsumerProgress(
        lambda: [FakeSubscriber(consumer)], assignment_grace=30, clock=clock
    )
    await progress.check()
    clock.now += 31
    with pytest.raises(ConsumersNotReady, match="no partitions assigned"):
        await progress.check()


async def test_a_stopped_subscriber_is_not_ready():
    progress = ConsumerProgress(lambda: [FakeSubscriber(None, running=False)], clock=Clock())
    with pytest.raises(ConsumersNotReady, match="not running"):
        await progress.check()
