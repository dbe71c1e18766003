"""Where operator output goes: data to stdout (JSON lines or a rich table on a terminal),
headers, summaries and progress to stderr."""

from __future__ import annotations

import json
import sys
from typing import Any

from rich.console import Console


def stdout_console() -> Console:
    return Console(soft_wrap=False, highlight=False)


def stderr_console() -> Console:
    return Console(stderr=True, highlight=False)


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def json_line(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def say(message: str) -> None:
    """A line for the operator on stderr (never mixed into the data on stdout)."""
    print(message, file=sys.stderr, flush=True)
