"""The four services as real OS processes on fixed ports, each restartable after a kill -9,
over a database and a broker the scenario chose (directly or through a fault proxy)."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from devstack.servers.ports import free_port
from services import topology
from tests.conftest import ADMIN_TOKEN, Database, provision
from tests.faults.line_stand_in import LineStandIn

EVENTS_MIGRATIONS = topology.EVENTS.migrations
NOTIFICATIONS_MIGRATIONS = topology.NOTIFICATIONS.migrations
REGISTRY_MIGRATIONS = topology.REGISTRY.migrations
SALES_MIGRATIONS = topology.SALES.migrations

ROOT = Path(__file__).resolve().parents[2]
SERVICES = ("registry", "events", "sales", "notifications")
PARTITIONS = 3
MIGRATIONS = {
    "registry": REGISTRY_MIGRATIONS,
    "events": EVENTS_MIGRATIONS,
    "sales": SALES_MIGRATIONS,
    "notifications": NOTIFICATIONS_MIGRATIONS,
}


class ServiceNode:
    """One service process; a restart keeps its port so clients keep their URL."""

    def __init__(self, name: str, env: dict[str, str], log: Path) -> None:
        self.name = name
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = env
        self.log = log
        self.kills = 0
        self.restarts = 0
        self.exits: list[str] = []  # why it ended by itself, each time
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        with self.log.open("ab") as log:  # the child keeps its own copy
            self._process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "uvicorn",
                    "--factory",
                    f"services.{self.name}.app:create_app",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(self.port),
                ],
                cwd=ROOT,
                env={**os.environ, **self.env, "LOG_FORMAT": "json"},
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    @property
    def alive(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def wait_ready(self, timeout: float = 120.0) -> float:
        """Block until /readyz answers 200; returns how long it took."""
        started = time.monotonic()
        answer = "no answer"
        while time.monotonic() - started < timeout:
            if self._process is not None and self._process.poll() is not None:
                # As `otop up` and compose's `restart: unless-stopped` do: start it again,
                # and say so in the run's report.
                if len(self.exits) >= 3:
                    raise AssertionError(f"{self.name} exited again and again:\n{self.tail()}")
                self.exits.append(self._last_error())
                self.start()
            try:
                response = httpx.get(f"{self.url}/readyz", timeout=2)
                if response.status_code == 200:
                    return time.monotonic() - started
                answer = f"{response.status_code} {response.text[:1500]}"
            except httpx.HTTPError as error:
                answer = repr(error)
            time.sleep(0.2)
        raise AssertionError(
            f"{self.name} not ready in {timeout}s; /readyz said: {answer}\n{self.tail(1500)}"
        )

    def kill(self) -> None:
        """SIGKILL: no shutdown hooks, nothing more published or committed."""
        if self._process is not None and self._process.poll() is None:
            self._process.send_signal(signal.SIGKILL)
            self._process.wait(10)
            self.kills += 1

    def restart(self) -> None:
        self.kill()
        self.start()
        self.restarts += 1

    def stop(self) -> None:
        if self._process is None or self._process.poll() is not None:
            return
        self._process.terminate()
        try:
            self._process.wait(20)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()

    def _last_error(self) -> str:
        for line in reversed(self.tail(20000).splitlines()):
            if "Error" in line or "error" in line:
                return line[-400:]
        return "no error logged"

    def tail(self, chars: int = 3000) -> str:
        try:
            return self.log.read_text(errors="replace")[-chars:]
        except OSError:
            return ""


@dataclass
class FaultStack:
    database: Database
    bootstrap_servers: str  # what the test itself uses to reach the broker
    nodes: dict[str, ServiceNode]
    line: LineStandIn
    logs: Path
    dsns: dict[str, str] = field(default_factory=dict)

    def url(self, service: str) -> str:
        return self.nodes[service].url

    async def wait_ready(self, timeout: float = 120.0) -> None:
        await asyncio.gather(
            *(asyncio.to_thread(n.wait_ready, timeout) for n in self.nodes.values())
        )

    async def restart(self, service: str, timeout: float = 120.0) -> float:
        node = self.nodes[service]
        node.restart()
        return await asyncio.to_thread(node.wait_ready, timeout)

    def stop(self) -> None:
        for node in self.nodes.values():
            node.stop()
        self.line.stop()


def _through(dsn: str, database_address: str | None) -> str:
    """The DSN with its host:port replaced by `database_address` (a proxy), if given."""
    if database_address is None:
        return dsn
    credentials, _, rest = dsn.partition("@")
    _, _, path = rest.partition("/")
    return f"{credentials}@{database_address}/{path}"


async def start_stack(
    database: Database,
    service_bootstrap: str,
    logs: Path,
    *,
    test_bootstrap: str | None = None,
    database_address: str | None = None,
    line_delay: float = 0.3,
) -> FaultStack:
    """Provision each service's role and schema, start the four processes, wait until ready.

    `service_bootstrap` and `database_address` are what the services use (maybe a proxy);
    the test reaches the broker through `test_bootstrap` (by default the same)."""
    logs.mkdir(parents=True, exist_ok=True)
    line = LineStandIn(delay=line_delay).start()
    dsns = {name: await provision(database, name, MIGRATIONS[name]) for name in SERVICES}
    common = {
        "ADMIN_TOKEN": ADMIN_TOKEN,
        "KAFKA_BOOTSTRAP_SERVERS": service_bootstrap,
        "KAFKA_TOPIC_PARTITIONS": str(PARTITIONS),
        "OUTBOX_POLL_INTERVAL_SECONDS": "0.2",
        "DB_POOL_MAX_SIZE": "8",
        "LOG_LEVEL": "INFO",
    }
    extra = {
        "registry": {},
        "events": {},
        # Summaries are published by the checker's own run, once every upload is in.
        "sales": {"SALES_SUMMARY_JOB": "false"},
        "notifications": {
            "LINE_API_BASE_URL": line.url,
            "LINE_CHANNEL_ACCESS_TOKEN": "fault-suite-line-token",
            "CHANNEL_TIMEOUT_SECONDS": "5",
            "WORKER_POLL_INTERVAL_SECONDS": "0.2",
            "DELIVERY_LEASE_SECONDS": "8",
            "DELIVERY_BACKOFF_INITIAL_SECONDS": "0.5",
            "DELIVERY_BACKOFF_MAX_SECONDS": "3",
            "DELIVERY_MAX_ATTEMPTS": "50",
        },
    }
    nodes = {
        name: ServiceNode(
            name,
            common | extra[name] | {"DATABASE_URL": _through(dsns[name], database_address)},
            logs / f"{name}.log",
        )
        for name in SERVICES
    }
    stack = FaultStack(database, test_bootstrap or service_bootstrap, nodes, line, logs, dsns)
    for node in nodes.values():
        node.start()
    try:
        await stack.wait_ready()
    except BaseException:
        stack.stop()
        raise
    return stack
