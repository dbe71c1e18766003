"""Whether a service's Kafka consumers are doing their job, for /readyz.

A consumer is ready when it runs, has partitions assigned (a short grace after start covers
the first group join and rebalances) and makes progress: on a partition where it is behind
the broker's high watermark, its position has moved within `stall_after` seconds. A
high watermark that a broker reports too low can hide lag but never invent it.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from aiokafka import TopicPartition


class ConsumersNotReady(RuntimeError):
    pass


@dataclass
class _Behind:
    position: int
    since: float


class ConsumerProgress:
    def __init__(
        self,
        subscribers: Callable[[], Iterable[Any]],
        *,
        assignment_grace: float = 30.0,
        stall_after: float = 60.0,
        clock: Any = time.monotonic,
    ) -> None:
        self._subscribers = subscribers
        self._grace = assignment_grace
        self._stall_after = stall_after
        self._clock = clock
        self._started = clock()
        self._unassigned_since: dict[str, float] = {}
        self._behind: dict[TopicPartition, _Behind] = {}

    async def check(self) -> dict[str, Any]:
        """Raise ConsumersNotReady naming what is wrong; otherwise return each group's lag."""
        problems: list[str] = []
        report: dict[str, Any] = {}
        now = self._clock()
        for subscriber in self._subscribers():
            group = str(getattr(subscriber, "group_id", None) or "?")
            consumer = getattr(subscriber, "consumer", None)
            if consumer is None or not getattr(subscriber, "running", False):
                problems.append(f"{group}: not running")
                continue
            tasks = getattr(subscriber, "tasks", [])
            if tasks and all(task.done() for task in tasks):
                problems.append(f"{group}: its consume loop ended")
                continue
            assignment = consumer.assignment()
            if not assignment:
                since = self._unassigned_since.setdefault(group, max(now, self._started))
                if now - since > self._grace:
                    problems.append(f"{group}: no partitions assigned for {now - since:.0f}s")
                report[group] = {"partitions": 0}
                continue
            self._unassigned_since.pop(group, None)
            lag = 0
            for tp in assignment:
                behind = await self._lag(consumer, tp, now)
                lag += behind
                if behind and now - self._behind[tp].since > self._stall_after:
                    problems.append(
                        f"{group}: {tp.topic}[{tp.partition}] has not moved for "
                        f"{now - self._behind[tp].since:.0f}s with {behind} message(s) behind"
                    )
            report[group] = {"partitions": len(assignment), "lag": lag}
        if problems:
            raise ConsumersNotReady("; ".join(problems))
        return report

    async def _lag(self, consumer: Any, tp: TopicPartition, now: float) -> int:
        highwater = consumer.highwater(tp)
        try:
            position = await asyncio.wait_for(consumer.position(tp), 0.5)
        except Exception:
            return 0  # no position yet (just assigned): nothing to judge
        if highwater is None or position >= highwater:
            self._behind.pop(tp, None)
            return 0
        seen = self._behind.get(tp)
        if seen is None or seen.position != position:
            self._behind[tp] = _Behind(position, now)
        return int(highwater - position)
