"""Supervision for the one-machine stack: restart what stops, with growing delays.

A supervised service is an OS process started again whenever it exits (whatever its exit
code), after a delay that doubles up to a ceiling and starts over after a stable run. A
supervised local server (embedded PostgreSQL, the embedded broker, Apache Kafka) is restarted
when its port stops answering, and may run a step afterwards (an empty broker gets its topics
and the retained outbox rows back).
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Protocol

import httpx

from devstack.stack.output import say
from services.topology import ServiceSpec


@dataclass
class Backoff:
    """Delays between restarts: `initial` doubling up to `ceiling`; a run that lasted
    `stable_after` seconds starts the count again."""

    initial: float = 1.0
    ceiling: float = 30.0
    stable_after: float = 60.0
    failures: int = 0

    def next_delay(self, uptime: float) -> float:
        if uptime >= self.stable_after:
            self.failures = 0
        delay = min(self.initial * 2**self.failures, self.ceiling)
        self.failures += 1
        return delay


class LocalServer(Protocol):
    """An embedded server the stack starts, stops and restarts from a worker thread."""

    def start(self) -> str: ...

    def stop(self) -> None: ...


async def _answers(host: str, port: int, timeout: float = 1.0) -> bool:  # noqa: ASYNC109
    try:
        _, writer = await asyncio.wait_for(asyncio.open_connection(host, port), timeout)
    except (OSError, TimeoutError):
        return False
    writer.close()
    with contextlib.suppress(OSError):
        await writer.wait_closed()
    return True


class SupervisedServer:
    """Restarts an embedded server once its port has stopped accepting connections for a few
    probes in a row, then runs `after_restart` (e.g. refill an empty broker)."""

    def __init__(
        self,
        label: str,
        server: LocalServer,
        host: str,
        port: int,
        after_restart: Callable[[], Awaitable[None]] | None = None,
        *,
        probe_every: float = 1.0,
        misses_before_restart: int = 3,
    ) -> None:
        self.label = label
        self.server = server
        self.host = host
        self.port = port
        self.after_restart = after_restart
        self.probe_every = probe_every
        self.misses_before_restart = misses_before_restart

    async def watch(self) -> None:
        misses = 0
        while True:
            await asyncio.sleep(self.probe_every)
            if await _answers(self.host, self.port):
                misses = 0
                continue
            misses += 1
            if misses >= self.misses_before_restart:
                await self._restart()
                misses = 0

    async def _restart(self) -> None:
        say(f"{self.label} stopped answering on {self.host}:{self.port}; restarting it")
        backoff = Backoff()
        while True:
            try:
                await asyncio.to_thread(self.server.stop)
                await asyncio.to_thread(self.server.start)
                break
            except Exception as error:
                delay = backoff.next_delay(uptime=0.0)
                say(f"{self.label} did not start again ({error}); retrying in {delay:g}s")
                await asyncio.sleep(delay)
        say(f"{self.label} is back on {self.host}:{self.port}")
        if self.after_restart is not None:
            await self._run_after_restart(self.after_restart)

    async def _run_after_restart(self, step: Callable[[], Awaitable[None]]) -> None:
        """Retried with backoff while the server answers; if it stops answering meanwhile,
        the watch restarts it and runs the step again."""
        backoff = Backoff()
        while True:
            try:
                await step()
                return
            except Exception as error:
                delay = backoff.next_delay(uptime=0.0)
                say(f"after restarting {self.label}: {error!r}; trying again in {delay:g}s")
            await asyncio.sleep(delay)
            if not await _answers(self.host, self.port):
                return


@dataclass
class ServiceLaunch:
    """How one service's process is started, every time."""

    spec: ServiceSpec
    url: str
    command: list[str]
    env: dict[str, str]
    prefix: str


class SupervisedService:
    """One service's uvicorn process, started again with backoff whenever it exits (whatever
    the exit code, a kill from outside included) until the stack stops."""

    def __init__(self, launch: ServiceLaunch, backoff: Backoff | None = None) -> None:
        self.launch = launch
        self.name = launch.spec.name
        self.backoff = backoff or Backoff()
        self.ready = asyncio.Event()  # set once it has answered /readyz the first time
        self.process: asyncio.subprocess.Process | None = None
        self._streaming: asyncio.Task[None] | None = None
        self.starts = 0

    async def supervise(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            started_at = loop.time()
            try:
                process = await self._spawn()
            except OSError as error:
                delay = self.backoff.next_delay(uptime=0.0)
                say(f"{self.name} could not be started ({error}); trying again in {delay:g}s")
                await asyncio.sleep(delay)
                continue
            streaming = self._streaming = asyncio.create_task(self._stream(process))
            watching = asyncio.create_task(self._await_ready(process))
            try:
                code = await process.wait()
            finally:
                watching.cancel()
            became_ready = await _result_or_false(watching)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(streaming, 5)
            delay = self.backoff.next_delay(loop.time() - started_at)
            if became_ready:
                say(f"{self.name} exited (code {code}); restarting in {delay:g}s")
            else:
                say(
                    f"{self.name} exited (code {code}) before it was ready; restarting in "
                    f"{delay:g}s ({self.backoff.failures} failed start(s) in a row)"
                )
            await asyncio.sleep(delay)

    async def _spawn(self) -> asyncio.subprocess.Process:
        self.process = await asyncio.create_subprocess_exec(
            *self.launch.command,
            env=self.launch.env,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
            start_new_session=True,
        )
        self.starts += 1
        say(f"{self.name} started (pid {self.process.pid}) on {self.launch.url}")
        return self.process

    async def _stream(self, process: asyncio.subprocess.Process) -> None:
        assert process.stdout is not None
        async for line in process.stdout:
            sys.stdout.write(self.launch.prefix + line.decode("utf-8", "replace"))
            sys.stdout.flush()

    async def _await_ready(self, process: asyncio.subprocess.Process) -> bool:
        async with httpx.AsyncClient(timeout=2.0) as client:
            while process.returncode is None:
                with contextlib.suppress(httpx.HTTPError):
                    if (await client.get(f"{self.launch.url}/readyz")).status_code == 200:
                        say(f"{self.name} is {'back (ready)' if self.starts > 1 else 'ready'}")
                        self.ready.set()
                        return True
                await asyncio.sleep(0.3)
        return False

    async def stop(self, timeout: float = 20.0) -> None:  # noqa: ASYNC109
        process = self.process
        if process is not None and process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(process.wait(), timeout)
            except TimeoutError:
                say(f"{self.name} did not stop in time; killing it")
                with contextlib.suppress(ProcessLookupError):
                    process.kill()
                await process.wait()
        if self._streaming is not None:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._streaming, 5)


async def _result_or_false(task: asyncio.Task[bool]) -> bool:
    """A finished (or just cancelled) task's answer; False if it was cancelled or failed."""
    try:
        return await task
    except asyncio.CancelledError:
        current = asyncio.current_task()
        if current is not None and current.cancelling():
            raise  # the caller itself is being cancelled
        return False
    except Exception:
        return False
