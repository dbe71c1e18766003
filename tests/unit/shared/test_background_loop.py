"""The platform's one background loop: work arriving during a step is not left for the idle
timer, and a loop told to back off from a failing dependency is not hurried by new work."""

from __future__ import annotations

import asyncio

from shared.service.background import BackgroundLoop


async def test_a_wake_up_during_a_step_that_found_nothing_runs_the_next_step_at_once() -> None:
    calls = 0
    second = asyncio.Event()

    async def step() -> int:
        nonlocal calls
        calls += 1
        if calls == 1:
            loop.wake()  # new work is committed while this step looks
        else:
            second.set()
        return 0

    loop = BackgroundLoop("test", step, idle_seconds=60)
    loop.start()
    await asyncio.wait_for(second.wait(), 1)  # not after the 60 s idle rest
    await asyncio.wait_for(loop.stop(), 1)


async def test_a_loop_backing_off_a_failing_dependency_is_not_hurried_by_new_work() -> None:
    calls = 0

    async def step() -> int:
        nonlocal calls
        calls += 1
        raise ConnectionError("the broker is away")

    loop = BackgroundLoop("test", step, idle_seconds=5, wake_cuts_backoff=False)
    loop.start()
    for _ in range(20):
        loop.wake()
        await asyncio.sleep(0.005)
    assert calls == 1 and loop.failures_in_a_row == 1
    await asyncio.wait_for(loop.stop(), 1)  # stopping still cuts the rest short
    assert not loop.running


async def test_a_step_that_says_nothing_of_its_work_rests_like_an_idle_one() -> None:
    calls = 0

    async def step() -> None:
        nonlocal calls
        calls += 1

    loop = BackgroundLoop("test", step, idle_seconds=60)  # type: ignore[arg-type]
    loop.start()
    for _ in range(20):
        await asyncio.sleep(0.005)
    assert calls == 1  # resting, not spinning
    await asyncio.wait_for(loop.stop(), 1)


def test_backoff_starts_at_the_idle_time_and_doubles_to_the_ceiling() -> None:
    async def step() -> int:
        return 0

    loop = BackgroundLoop("test", step, idle_seconds=1.0, max_backoff_seconds=5.0)
    assert [loop.backoff_seconds(n) for n in (1, 2, 3, 4, 10_000)] == [1.0, 2.0, 4.0, 5.0, 5.0]
