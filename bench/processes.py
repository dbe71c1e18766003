"""Peak memory and CPU of every process of the stack, and of the load generator itself,
sampled with psutil while the benchmark runs."""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass, field

import psutil


def _tree(process: psutil.Process) -> list[psutil.Process]:
    try:
        return [process, *process.children(recursive=True)]
    except psutil.Error:
        return [process]


# Watched with their children: PostgreSQL's backends.
WITH_CHILDREN = ("postgresql",)
FINISHED_CHILDREN = "pgbench (the load generator's finished children)"


def _rss_and_cpu(process: psutil.Process, children: bool = False) -> tuple[int, float]:
    """RSS and CPU seconds; with children, each child adds only its RSS beyond its shared
    pages (PostgreSQL's backends all map the same shared buffers)."""
    rss, cpu = 0, 0.0
    for p in _tree(process) if children else [process]:
        with contextlib.suppress(psutil.Error):
            memory = p.memory_info()
            rss += memory.rss if p is process else max(0, memory.rss - memory.shared)
            times = p.cpu_times()
            cpu += times.user + times.system
            if children and p is process:  # backends that have exited meanwhile
                cpu += times.children_user + times.children_system
    return rss, cpu


def _cmdline(process: psutil.Process) -> list[str]:
    try:
        return process.cmdline()
    except psutil.Error:
        return []


@dataclass
class Sampler:
    """RSS (a process and its children; PostgreSQL's backends share memory, so its sum is an
    upper bound) and CPU seconds of each watched process."""

    processes: dict[str, psutil.Process]
    interval: float = 0.5
    peak_rss: dict[str, int] = field(default_factory=dict)
    _task: asyncio.Task[None] | None = None

    def __post_init__(self) -> None:
        me = psutil.Process()
        self.processes = {**self.processes, "load generator": me}
        stack = [c for c in me.children() if "bench.stack_child" in " ".join(_cmdline(c))]
        if stack:
            self.processes["stack supervisor"] = stack[0]

    def cpu_seconds(self) -> dict[str, float]:
        found = {
            name: _rss_and_cpu(p, name in WITH_CHILDREN)[1] for name, p in self.processes.items()
        }
        with contextlib.suppress(psutil.Error):
            mine = psutil.Process().cpu_times()
            found[FINISHED_CHILDREN] = mine.children_user + mine.children_system
        return found

    def sample(self) -> None:
        for name, process in self.processes.items():
            rss, _ = _rss_and_cpu(process, name in WITH_CHILDREN)
            self.peak_rss[name] = max(self.peak_rss.get(name, 0), rss)

    async def _run(self) -> None:
        while True:
            self.sample()
            await asyncio.sleep(self.interval)

    def start(self) -> None:
        self._task = asyncio.create_task(self._run())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        self.sample()


class CpuWindow:
    """CPU used by each process between entering and leaving, as cores busy on average."""

    def __init__(self, sampler: Sampler) -> None:
        self.sampler = sampler
        self.shares: dict[str, float] = {}

    def __enter__(self) -> CpuWindow:
        import time

        self._start = time.perf_counter()
        self._cpu = self.sampler.cpu_seconds()
        return self

    def __exit__(self, *_: object) -> None:
        import time

        elapsed = time.perf_counter() - self._start
        after = self.sampler.cpu_seconds()
        self.shares = {
            name: (after[name] - self._cpu.get(name, 0.0)) / elapsed if elapsed else 0.0
            for name in after
        }
