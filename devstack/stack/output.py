"""How the one-machine stack speaks to the person who started it."""

from __future__ import annotations

import sys


def say(text: str) -> None:
    print(f"\033[1motop\033[0m | {text}" if sys.stdout.isatty() else f"otop | {text}", flush=True)
