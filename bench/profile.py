"""Where a process spends its time under load: py-spy samples it (no restart, no code in
it) and the folded stacks are summed per function, inclusive and self."""

from __future__ import annotations

import asyncio
import collections
import shutil
import sys
from pathlib import Path
from typing import Any

TOP = 25


def _py_spy() -> str | None:
    beside = Path(sys.executable).parent / "py-spy"
    return str(beside) if beside.exists() else shutil.which("py-spy")


def _function(frame: str) -> str:
    """'handle (shared/messaging/consumer.py:140)' -> 'handle (consumer.py)'."""
    name, _, where = frame.partition(" (")
    file = where.split(":")[0].rsplit("/", 1)[-1]
    return f"{name} ({file})" if file else name


def _ours(frame: str) -> bool:
    """A frame of the platform's own code (not a library's, not the interpreter's)."""
    where = frame.partition(" (")[2]
    return "site-packages" not in where and ("shared/" in where or "services/" in where)


def summarise(folded: str, top: int = TOP) -> dict[str, Any]:
    """Shares of the samples per function: inclusive (on the stack), inclusive of the
    platform's own functions only (the framework's wrappers are on every stack), and self
    (on top of the stack)."""
    total = 0
    inclusive: collections.Counter[str] = collections.Counter()
    ours: collections.Counter[str] = collections.Counter()
    own: collections.Counter[str] = collections.Counter()
    for line in folded.splitlines():
        stack, _, count = line.rstrip().rpartition(" ")
        if not stack or not count.isdigit():
            continue
        samples = int(count)
        total += samples
        raw = [f for f in stack.split(";") if f.strip()]
        frames = [_function(f) for f in raw]
        for name in set(frames):
            inclusive[name] += samples
        for name in {_function(f) for f in raw if _ours(f)}:
            ours[name] += samples
        if frames:
            own[frames[-1]] += samples
    if not total:
        return {"samples": 0, "inclusive": [], "ours": [], "self": []}
    return {
        "samples": total,
        "inclusive": [(n, round(c / total, 4)) for n, c in inclusive.most_common(top)],
        "ours": [(n, round(c / total, 4)) for n, c in ours.most_common(top)],
        "self": [(n, round(c / total, 4)) for n, c in own.most_common(top)],
    }


async def profile(pid: int, seconds: float, output: Path) -> dict[str, Any]:
    """Sample `pid` for `seconds` into `output` (folded stacks); the summary, or why not."""
    spy = _py_spy()
    if spy is None:
        return {"error": "py-spy is not installed"}
    process = await asyncio.create_subprocess_exec(
        spy,
        "record",
        "--pid",
        str(pid),
        "--duration",
        str(max(1, round(seconds))),
        "--rate",
        "100",
        "--format",
        "raw",
        "--nonblocking",
        "--output",
        str(output),
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    _, err = await process.communicate()
    folded = await asyncio.to_thread(_read, output)
    if process.returncode != 0 or folded is None:
        return {"error": err.decode(errors="replace")[-500:] or f"exit {process.returncode}"}
    return {"file": str(output), **summarise(folded)}


def _read(path: Path) -> str | None:
    return path.read_text() if path.exists() else None
