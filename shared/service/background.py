"""A background loop that runs one unit of work after another, resting when idle.

Stopping lets the step in progress finish (a send and the record of its outcome belong
together); only the rest between steps is cut short.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable

from shared.logging import get_logger

log = get_logger(__name__)

MAX_BACKOFF_SECONDS = 30.0


class BackgroundLoop:
    def __init__(
        self,
        name: str,
        step: Callable[[], Awaitable[int]],
        idle_seconds: float,
        stop_timeout_seconds: float = 30.0,
    ) -> None:
        self.name = name
        self._step = step
        self._idle = idle_seconds
        self._stop_timeout = stop_timeout_seconds
        self._task: asyncio.Task[None] | None = None
        self._wake = asyncio.Event()
        self._stopping = asyncio.Event()

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    def start(self) -> None:
        self._stopping.clear()
        self._task = asyncio.create_task(self._run(), name=self.name)

    def wake(self) -> None:
        self._wake.set()

    async def stop(self) -> None:
        if self._task is None:
            return
        self._stopping.set()
        self._wake.set()
        try:
            await asyncio.wait_for(asyncio.shield(self._task), self._stop_timeout)
        except TimeoutError:
            log.warning("background work did not stop in time; cancelling", loop=self.name)
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        self._task = None

    async def _rest(self, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), seconds)

    async def _run(self) -> None:
        failures = 0
        while not self._stopping.is_set():
            try:
                done = await self._step()
            except Exception as exc:
                failures += 1
                if failures.bit_count() == 1:  # the 1st, 2nd, 4th, 8th… failure in a row
                    log.error(
                        "background work failed",
                        loop=self.name,
                        error=f"{type(exc).__name__}: {exc}",
                        failures_in_a_row=failures,
                    )
                # Rest before trying again; new work (a wake-up after this point) cuts it short.
                self._wake.clear()
                await self._rest(self.backoff_seconds(failures))
                continue
            if failures:
                log.info("background work runs again", loop=self.name, after_failures=failures)
                failures = 0
            if done == 0 and not self._stopping.is_set():
                self._wake.clear()
                await self._rest(self._idle)

    def backoff_seconds(self, failures: int) -> float:
        """How long to rest after `failures` failed steps in a row: doubling, at most 30 s."""
        return min(MAX_BACKOFF_SECONDS, self._idle * 2 ** min(failures, 16))
