"""The open-loop schedule sends at planned times and counts latency from them; the closed
loop keeps a fixed number of clients busy."""

from __future__ import annotations

import asyncio

import pytest

from bench.schedule import closed_loop, open_loop, planned_offsets


def test_planned_offsets_are_evenly_spaced_at_the_rate() -> None:
    offsets = planned_offsets(rate=4, duration=1)
    assert offsets == [0.0, 0.25, 0.5, 0.75]


def test_no_offsets_for_no_rate_or_no_time() -> None:
    assert planned_offsets(0, 10) == []
    assert planned_offsets(10, 0) == []


async def test_open_loop_does_not_wait_for_answers_before_sending() -> None:
    started: list[int] = []

    async def slow(i: int) -> bool:
        started.append(i)
        await asyncio.sleep(0.3)
        return True

    result = await open_loop(rate=50, duration=0.2, send=slow)
    # All ten were sent within the 0.2 s although each answer took 0.3 s.
    assert sorted(started) == list(range(10))
    assert result.elapsed < 0.3 + 0.2 + 0.15


async def test_open_loop_latency_counts_from_the_planned_time() -> None:
    """A server that holds each answer 0.1 s while requests are planned every 0.02 s: the
    latency of each includes the wait, counted from when it should have been sent."""
    gate = asyncio.Lock()

    async def serialised(_: int) -> bool:
        async with gate:
            await asyncio.sleep(0.05)
        return True

    result = await open_loop(rate=50, duration=0.2, send=serialised)
    assert len(result.latencies) == 10
    # The last one queued behind nine others: about 10 × 0.05 − 0.18 s after its plan.
    assert max(result.latencies) == pytest.approx(0.5 - 0.18, abs=0.08)


async def test_open_loop_counts_failures_apart() -> None:
    async def every_other(i: int) -> bool:
        return i % 2 == 0

    result = await open_loop(rate=100, duration=0.1, send=every_other)
    assert result.failures == 5
    assert len(result.latencies) == 5


async def test_closed_loop_keeps_each_client_busy_for_the_duration() -> None:
    calls: dict[int, int] = {}

    async def send(client: int, n: int) -> bool:
        calls[client] = n + 1
        await asyncio.sleep(0.01)
        return True

    result = await closed_loop(clients=3, duration=0.1, send=send)
    assert set(calls) == {0, 1, 2}
    assert result.done == sum(calls.values())
    assert result.rate == pytest.approx(result.done / result.elapsed)
