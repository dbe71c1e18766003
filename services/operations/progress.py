"""Progress bars on stderr for the long operator commands (plain lines off a terminal)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from services.operations.output import stderr_console


class Bar:
    def __init__(self, progress: Progress, task: int) -> None:
        self._progress = progress
        self._task = task

    def advance(self, step: int = 1) -> None:
        self._progress.advance(self._task, step)  # type: ignore[arg-type]

    def set(self, completed: int, total: int | None = None) -> None:
        self._progress.update(self._task, completed=completed, total=total)  # type: ignore[arg-type]


@contextmanager
def progress_bar(description: str, total: int | None) -> Iterator[Bar]:
    console = stderr_console()
    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        disable=not console.is_terminal,
        transient=False,
    )
    with progress:
        task = progress.add_task(description, total=total)
        yield Bar(progress, task)
