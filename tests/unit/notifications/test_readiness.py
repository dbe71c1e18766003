"""/readyz of the notifications service says whether its workers run."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from services.notifications.app import background_work_ready
from services.notifications.service_layer.background import BackgroundLoop


async def _nothing_to_do() -> int:
    return 0


def _app(workers_enabled: bool, **loops: BackgroundLoop) -> Any:
    return SimpleNamespace(
        state=SimpleNamespace(settings=SimpleNamespace(workers_enabled=workers_enabled), **loops)
    )


async def test_running_delivery_and_reminder_loops_are_ready():
    delivery, reminders = (BackgroundLoop(n, _nothing_to_do, 60) for n in ("d", "r"))
    delivery.start()
    reminders.start()
    try:
        check = background_work_ready(_app(True, delivery_loop=delivery, reminder_loop=reminders))
        await check["delivery_workers"]()
    finally:
        await delivery.stop()
        await reminders.stop()


async def test_a_stopped_delivery_loop_is_not_ready():
    delivery, reminders = (BackgroundLoop(n, _nothing_to_do, 60) for n in ("d", "r"))
    reminders.start()
    try:
        check = background_work_ready(_app(True, delivery_loop=delivery, reminder_loop=reminders))
        with pytest.raises(RuntimeError, match="delivery loop is not running"):
            await check["delivery_workers"]()
    finally:
        await reminders.stop()


async def test_a_process_with_workers_switched_off_does_not_need_them():
    await background_work_ready(_app(False))["delivery_workers"]()
