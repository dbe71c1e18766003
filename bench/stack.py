"""Starting and stopping the stack the benchmark measures, and finding its processes."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psutil

from devstack.servers.ports import free_port, port_in_use
from services.topology import DEPLOYABLES

ROOT = Path(__file__).resolve().parents[1]
START_PATIENCE = 300.0


@dataclass(frozen=True)
class RunningStack:
    admin_dsn: str
    bootstrap: str
    admin_token: str
    urls: dict[str, str]
    ports: dict[str, int]
    pg_port: int
    kafka_port: int
    postgres_log: Path
    log: Path
    broker: str

    def url(self, service: str) -> str:
        return self.urls[service]

    def listeners(self) -> dict[str, int]:
        """{name: port} of every process worth watching: the services, PostgreSQL, broker."""
        return {
            **{name: port for name, port in self.ports.items()},
            "postgresql": self.pg_port,
            "broker": self.kafka_port,
        }


def _port_offset() -> int:
    ports = [spec.port for spec in DEPLOYABLES]
    for _ in range(200):
        offset = random.randrange(10000, 30000) - min(ports)
        if not any(port_in_use(port + offset) for port in ports):
            return offset
    raise RuntimeError("no free ports for the services")


@contextmanager
def running_stack(broker: str) -> Iterator[RunningStack]:
    """The whole stack (embedded PostgreSQL, the broker, every service as a uvicorn process)
    in a child process; stopped on leaving."""
    with tempfile.TemporaryDirectory(prefix="otop-bench-") as tmp:
        folder = Path(tmp)
        folder.chmod(0o755)  # the embedded PostgreSQL runs as its own user
        whereabouts = folder / "whereabouts.json"
        log = folder / "stack.log"
        env = {
            k: v
            for k, v in os.environ.items()
            if k not in ("DATABASE_URL", "KAFKA_BOOTSTRAP_SERVERS", "ADMIN_TOKEN")
        }
        env["LOG_FORMAT"] = "json"
        with log.open("wb") as output:
            child = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "bench.stack_child",
                    str(folder / "data"),
                    str(whereabouts),
                    broker,
                    str(free_port()),
                    str(free_port()),
                    str(_port_offset()),
                ],
                cwd=ROOT,
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        try:
            deadline = time.monotonic() + START_PATIENCE
            while not whereabouts.exists():
                if child.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"the stack did not start:\n{log.read_text()[-4000:]}")
                time.sleep(0.3)
            state = json.loads(whereabouts.read_text())
            yield RunningStack(
                admin_dsn=state["admin_dsn"],
                bootstrap=state["bootstrap"],
                admin_token=state["admin_token"],
                urls=state["urls"],
                ports=state["ports"],
                pg_port=state["pg_port"],
                kafka_port=state["kafka_port"],
                postgres_log=Path(state["postgres_log"]),
                log=log,
                broker=broker,
            )
        finally:
            child.send_signal(signal.SIGINT)
            try:
                child.wait(90)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()


def listening_processes(ports: dict[str, int]) -> dict[str, psutil.Process]:
    """The process listening on each port, by name."""
    by_port: dict[int, int] = {}
    for conn in psutil.net_connections(kind="tcp"):
        if conn.status == psutil.CONN_LISTEN and conn.pid and conn.laddr:
            by_port.setdefault(conn.laddr.port, conn.pid)
    return {name: psutil.Process(by_port[port]) for name, port in ports.items() if port in by_port}
