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


def test_both_loops_are_reported_under_delivery_workers() -> None:
    assert {job.name: job.readiness for job in DEFINITION.jobs} == {
        "deliveries": "delivery_workers",
        "reminders": "delivery_workers",
    }


async def test_running_delivery_and_reminder_loops_are_ready():
    delivery, reminders = (BackgroundLoop(n, _nothing_to_do, 60) for n in ("d", "r"))
    delivery.start()
    reminders.start()
    try:
        check = background_work_ready(_runtime(True, deliveries=delivery, reminders=reminders))
        await check["delivery_workers"]()
    finally:
        await delivery.stop()
        await reminders.stop()


async def test_a_stopped_delivery_loop_is_not_ready():
    delivery, reminders = (BackgroundLoop(n, _nothing_to_do, 60) for n in ("d", "r"))
    reminders.start()
    try:
        check = background_work_ready(_runtime(True, deliveries=delivery, reminders=reminders))
        with pytest.raises(RuntimeError, match="delivery loop is not running"):
            await check["delivery_workers"]()
    finally:
        await reminders.stop()


async def test_a_process_with_workers_switched_off_does_not_need_them():
    await background_work_ready(_runtime(False))["delivery_workers"]()
