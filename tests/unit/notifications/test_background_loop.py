from __future__ import annotations

import asyncio

from shared.service.background import BackgroundLoop


async def test_stopping_lets_the_step_in_progress_finish() -> None:
    started, release, finished = asyncio.Event(), asyncio.Event(), []

    async def step() -> int:
        started.set()
        await release.wait()
        finished.append(True)
        return 1

    loop = BackgroundLoop("test", step, idle_seconds=0.01)
    loop.start()
    await started.wait()
    stopping = asyncio.create_task(loop.stop())
    await asyncio.sleep(0.05)
    assert not stopping.done()
    release.set()
    await asyncio.wait_for(stopping, 1)
    assert finished == [True] and not loop.running


async def test_an_idle_loop_stops_at_once_and_survives_failing_steps() -> None:
    calls = 0

    async def step() -> int:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise RuntimeError("a passing fault")
        return 0

    loop = BackgroundLoop("test", step, idle_seconds=60)
    loop.start()
    for _ in range(200):
        if calls >= 1:
            break
        await asyncio.sleep(0.005)
    loop.wake()  # new work arrives while it backs off: it tries again now
    for _ in range(200):
        if calls >= 2:
            break
        await asyncio.sleep(0.005)
    assert calls == 2 and loop.running  # the failing step did not end the loop
    await asyncio.wait_for(loop.stop(), 1)  # resting for 60 s, yet it stops at once
    assert not loop.running


async def test_a_step_that_never_ends_is_cancelled_after_the_timeout() -> None:
    async def step() -> int:
        await asyncio.Event().wait()
        return 0

    loop = BackgroundLoop("test", step, idle_seconds=0.01, stop_timeout_seconds=0.1)
    loop.start()
    await asyncio.sleep(0.02)
    await asyncio.wait_for(loop.stop(), 1)
    assert not loop.running


async def test_a_step_failing_without_end_is_retried_at_a_bounded_pace_and_never_ends_the_loop():
    calls = 0

    async def step() -> int:
        nonlocal calls
        calls += 1
        raise ConnectionError("the database went away")

    loop = BackgroundLoop("test", step, idle_seconds=0.001)
    loop.start()
    loop.wake()  # a wake-up that nobody clears must not make the loop spin
    await asyncio.sleep(0.3)
    assert loop.running
    assert calls < 20  # backing off: 1 ms, 2 ms, 4 ms… (a spin would make thousands)
    assert loop.backoff_seconds(5000) == 30.0  # no overflow however long the outage
    await asyncio.wait_for(loop.stop(), 1)
