"""A background loop that runs one unit of work after another, resting when idle."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable

from shared.logging import get_logger

log = get_logger(__name__)


class BackgroundLoop:
    def __init__(self, name: str, step: Callable[[], Awaitable[int]], idle_seconds: float) -> None:
        self.name = name
        self._step = step
        self._idle = idle_seconds
        self._task: asyncio.Task[None] | None = None
        self._wake = asyncio.Event()

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name=self.name)

    def wake(self) -> None:
        self._wake.set()

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _run(self) -> None:
        failures = 0
        while True:
            try:
                done = await self._step()
                failures = 0
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                failures += 1
                log.error(
                    "background work failed", loop=self.name, error=f"{type(exc).__name__}: {exc}"
                )
                done = 0
                await asyncio.sleep(min(30.0, self._idle * 2**failures))
            if done == 0:
                self._wake.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), self._idle)
