"""The one background loop every service uses: a step after another, resting when idle.

A step returns how much work it did; after a step that did nothing the loop rests for
`idle_seconds` or until `wake()` (a wake-up that arrives while a step runs makes the next
step run at once, so no work waits for the idle timer). A failing step never ends the loop:
it rests before trying again, doubling up to `max_backoff_seconds`. Stopping lets the step in
progress finish (a send and the record of its outcome belong together); only the rest between
steps is cut short.
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
        *,
        max_backoff_seconds: float = MAX_BACKOFF_SECONDS,
        backoff_base_seconds: float | None = None,
        wake_cuts_backoff: bool = True,
        coalesce_seconds: float = 0.0,
    ) -> None:
        self.name = name
        self._step = step
        self._idle = idle_seconds
        self._stop_timeout = stop_timeout_seconds
        self._max_backoff = max_backoff_seconds
        self._backoff_base = idle_seconds if backoff_base_seconds is None else backoff_base_seconds
        # False: a failing dependency is given its full rest even if new work keeps arriving.
        self._wake_cuts_backoff = wake_cuts_backoff
        # After a wake-up, wait this long so work arriving together is done in one step.
        self._coalesce = coalesce_seconds
        self._task: asyncio.Task[None] | None = None
        self._wake = asyncio.Event()
        self._stopping = asyncio.Event()
        self.failures_in_a_row = 0

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

    async def _rest(self, seconds: float, *, heed_wake: bool = True) -> bool:
        """Rest until the time is up, the loop stops, or (if heeded) a wake-up. True when
        woken by new work."""
        waits = [asyncio.ensure_future(self._stopping.wait())]
        if heed_wake:
            waits.append(asyncio.ensure_future(self._wake.wait()))
        try:
            await asyncio.wait(waits, timeout=seconds, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for waiting in waits:
                waiting.cancel()
        return heed_wake and self._wake.is_set() and not self._stopping.is_set()

    async def _run(self) -> None:
        while not self._stopping.is_set():
            # Cleared before the step: a wake-up during the step is new work for the next.
            self._wake.clear()
            try:
                done = await self._step()
            except Exception as exc:
                self.failures_in_a_row += 1
                if self.failures_in_a_row.bit_count() == 1:  # the 1st, 2nd, 4th, 8th… in a row
                    log.error(
                        "background work failed",
                        loop=self.name,
                        error=f"{type(exc).__name__}: {exc}",
                        failures_in_a_row=self.failures_in_a_row,
                    )
                # Rest before trying again; new work (a wake-up after this point) may cut it
                # short.
                self._wake.clear()
                await self._rest(
                    self.backoff_seconds(self.failures_in_a_row),
                    heed_wake=self._wake_cuts_backoff,
                )
                continue
            if self.failures_in_a_row:
                log.info(
                    "background work runs again",
                    loop=self.name,
                    after_failures=self.failures_in_a_row,
                )
                self.failures_in_a_row = 0
            if not done and not self._stopping.is_set():
                woken = await self._rest(self._idle)
                if woken and self._coalesce:
                    await asyncio.sleep(self._coalesce)

    def backoff_seconds(self, failures: int) -> float:
        """How long to rest after `failures` failed steps in a row: the base (the idle time
        unless told otherwise), doubling, at most the ceiling."""
        return min(self._max_backoff, self._backoff_base * 2 ** (min(max(failures, 1), 17) - 1))
