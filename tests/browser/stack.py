"""The whole platform for browser tests: `otop up` in its own process (embedded PostgreSQL and
broker, the four services and the web front on free ports, the staff token keys it makes),
with the demo staff accounts created through the web front's API."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from devstack.demo.staff import load_demo_data as load_demo_staff
from devstack.servers.ports import free_port
from services.topology import DEPLOYABLES, WEB, ServiceSpec
from tests.brokers import broker_kind
from tests.e2e.stack_harness import (
    admin_token,
    free_port_offset,
    start_stack,
    stop_stack,
    wait_for_line,
)

STARTUP_SECONDS = 300.0


@dataclass(frozen=True)
class BrowserStack:
    data_dir: Path
    log: Path
    port_offset: int
    admin_token: str
    demo: bool  # whether the demo data (members, events, sales) was loaded

    def url(self, spec: ServiceSpec) -> str:
        return f"http://127.0.0.1:{spec.port + self.port_offset}"

    @property
    def web_url(self) -> str:
        return self.url(WEB)

    @property
    def urls(self) -> dict[str, str]:
        return {spec.name: self.url(spec) for spec in DEPLOYABLES}


def demo_wanted() -> bool:
    """The demo data is loaded unless OTOP_BROWSER_DEMO=0 (the staff accounts always are)."""
    return os.environ.get("OTOP_BROWSER_DEMO", "1") != "0"


@contextmanager
def running_stack(folder: Path, *, demo: bool) -> Iterator[BrowserStack]:
    data_dir, log = folder / "otop", folder / "up.log"
    offset = free_port_offset()
    process = start_stack(
        data_dir, free_port(), free_port(), offset, log, demo=demo, broker=broker_kind()
    )
    try:
        wait_for_line(log, "Press Ctrl-C to stop.", process, timeout=STARTUP_SECONDS)
        stack = BrowserStack(data_dir, log, offset, admin_token(data_dir), demo)
        if not demo:
            asyncio.run(load_demo_staff(stack.web_url, stack.admin_token))
        yield stack
    finally:
        code = stop_stack(process)
        assert code == 0, f"`otop up` stopped with {code}:\n{log.read_text()[-4000:]}"
