"""/readyz of the notifications service says whether its workers run."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from services.notifications.app import DEFINITION
from services.notifications.entrypoints.workers import JOBS, READINESS
from shared.http.readiness import jobs_running
from shared.service.background import BackgroundLoop


async def _nothing_to_do() -> int:
    return 0


def _runtime(workers_enabled: bool, **loops: BackgroundLoop) -> Any:
    return SimpleNamespace(settings=SimpleNamespace(workers_enabled=workers_enabled), loops=loops)


def background_work_ready(runtime: Any) -> dict[str, Any]:
    return {READINESS: jobs_running(runtime, list(JOBS))}


def test_every_loop_is_reported_under_delivery_workers() -> None:
    assert {job.name: job.readiness for job in DEFINITION.jobs} == {
        "deliveries": "delivery_workers",
        "reminders": "delivery_workers",
        "order-contact-erasure": "delivery_workers",
    }


def _loops() -> dict[str, BackgroundLoop]:
    return {job.name: BackgroundLoop(job.name, _nothing_to_do, 60) for job in JOBS}


async def test_running_delivery_reminder_and_erasure_loops_are_ready():
    loops = _loops()
    for loop in loops.values():
        loop.start()
    try:
        await background_work_ready(_runtime(True, **loops))["delivery_workers"]()
    finally:
        for loop in loops.values():
            await loop.stop()


async def test_a_stopped_delivery_loop_is_not_ready():
    loops = _loops()
    started = [loop for name, loop in loops.items() if name != "deliveries"]
    for loop in started:
        loop.start()
    try:
        check = background_work_ready(_runtime(True, **loops))
        with pytest.raises(RuntimeError, match="delivery loop is not running"):
            await check["delivery_workers"]()
    finally:
        for loop in started:
            await loop.stop()


async def test_a_stopped_erasure_loop_is_not_ready():
    loops = _loops()
    started = [loop for name, loop in loops.items() if name != "order-contact-erasure"]
    for loop in started:
        loop.start()
    try:
        check = background_work_ready(_runtime(True, **loops))
        with pytest.raises(RuntimeError, match="erasure loop"):
            await check["delivery_workers"]()
    finally:
        for loop in started:
            await loop.stop()


async def test_a_process_with_workers_switched_off_does_not_need_them():
    await background_work_ready(_runtime(False))["delivery_workers"]()
