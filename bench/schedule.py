"""Open-loop load: requests sent at planned times whatever the answers, each latency
counted from its planned send time, so a slow server cannot hide its queue (no coordinated
omission); and closed-loop load: a fixed number of clients, each sending its next request
when the last was answered."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field


def planned_offsets(rate: float, duration: float) -> list[float]:
    """Send times (seconds from the start) of a constant `rate` per second for `duration`."""
    if rate <= 0 or duration <= 0:
        return []
    count = round(rate * duration)
    return [i / rate for i in range(count)]


@dataclass
class OpenLoopResult:
    offered_rate: float
    latencies: list[float] = field(default_factory=list)  # from the planned send time
    failures: int = 0
    send_lag: list[float] = field(default_factory=list)  # actual send − planned send
    elapsed: float = 0.0

    @property
    def achieved_rate(self) -> float:
        return len(self.latencies) / self.elapsed if self.elapsed else 0.0


async def open_loop(
    rate: float, duration: float, send: Callable[[int], Awaitable[bool]]
) -> OpenLoopResult:
    """Call `send(i)` at each planned time; a call answering False counts as a failure."""
    result = OpenLoopResult(rate)
    offsets = planned_offsets(rate, duration)
    start = time.perf_counter()
    tasks: list[asyncio.Task[None]] = []

    async def one(i: int, planned: float) -> None:
        result.send_lag.append(time.perf_counter() - planned)
        ok = await send(i)
        if ok:
            result.latencies.append(time.perf_counter() - planned)
        else:
            result.failures += 1

    for i, offset in enumerate(offsets):
        planned = start + offset
        delay = planned - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(one(i, planned)))
    await asyncio.gather(*tasks)
    result.elapsed = time.perf_counter() - start
    return result


@dataclass
class ClosedLoopResult:
    clients: int
    done: int = 0
    failures: int = 0
    latencies: list[float] = field(default_factory=list)
    elapsed: float = 0.0

    @property
    def rate(self) -> float:
        return self.done / self.elapsed if self.elapsed else 0.0


async def closed_loop(
    clients: int, duration: float, send: Callable[[int, int], Awaitable[bool]]
) -> ClosedLoopResult:
    """`clients` loops calling `send(client, n)` back to back for `duration` seconds."""
    result = ClosedLoopResult(clients)
    start = time.perf_counter()
    stop_at = start + duration

    async def client(number: int) -> None:
        n = 0
        while time.perf_counter() < stop_at:
            sent = time.perf_counter()
            ok = await send(number, n)
            n += 1
            if ok:
                result.done += 1
                result.latencies.append(time.perf_counter() - sent)
            else:
                result.failures += 1

    await asyncio.gather(*(client(i) for i in range(clients)))
    result.elapsed = time.perf_counter() - start
    return result
