"""The browser the tests drive: Debian's own Chromium (scripts/test.sh installs it where it is
missing), never a browser build downloaded by Playwright."""

from __future__ import annotations

from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")

LAUNCH_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def why_chromium_cannot_run() -> str | None:
    if CHROMIUM.exists():
        return None
    return f"{CHROMIUM} is missing: install Debian's chromium (scripts/test.sh does)"
