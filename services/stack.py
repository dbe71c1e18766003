"""The one-machine stack: embedded PostgreSQL and broker, migrations, topics, every service.

`otop up` runs this. DATABASE_URL (an administrator's DSN) and KAFKA_BOOTSTRAP_SERVERS switch
it to real servers. Ctrl-C stops everything in reverse order.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import secrets
import signal
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import asyncpg
import httpx

from services.demo import load_all_demo_data
from services.topology import SERVICES, ServiceSpec
from shared.db.migrations import apply_migrations, service_migrations
from shared.db.roles import dsn_for_role, provision_service_role
from shared.messaging.topics import all_topic_names, ensure_topics

if TYPE_CHECKING:
    from shared.local.mail_catcher import MailCatcher

_COLOURS = ["\033[36m", "\033[35m", "\033[33m", "\033[32m", "\033[34m"]
_RESET = "\033[0m"


@dataclass
class StackSecrets:
    admin_token: str
    db_passwords: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load_or_create(cls, path: Path) -> StackSecrets:
        data = json.loads(path.read_text()) if path.exists() else {}
        created = cls(
            admin_token=data.get("admin_token") or secrets.token_urlsafe(32),
            db_passwords=data.get("db_passwords", {}),
        )
        for spec in SERVICES:
            created.db_passwords.setdefault(spec.name, secrets.token_urlsafe(24))
        path.parent.mkdir(parents=True, exist_ok=True)
        write_private(path, json.dumps(created.__dict__, indent=2))
        return created


def write_private(path: Path, text: str) -> None:
    """Write a file only its owner can read, from the first byte."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(text)
    path.chmod(0o600)


async def provision_all(admin_dsn: str, passwords: dict[str, str]) -> dict[str, str]:
    """Create every service's role and schema, migrate each as its role; return their DSNs."""
    dsns: dict[str, str] = {}
    admin = await asyncpg.connect(admin_dsn)
    try:
        for spec in SERVICES:
            await provision_service_role(admin, spec.name, passwords[spec.name])
    finally:
        await admin.close()
    for spec in SERVICES:
        dsns[spec.name] = dsn_for_role(admin_dsn, spec.name, passwords[spec.name])
        conn = await asyncpg.connect(dsns[spec.name])
        try:
            await apply_migrations(conn, spec.name, service_migrations(spec.migrations))
        finally:
            await conn.close()
    return dsns


def _say(text: str) -> None:
    print(f"\033[1motop\033[0m | {text}" if sys.stdout.isatty() else f"otop | {text}", flush=True)


class Stack:
    def __init__(
        self,
        data_dir: Path,
        *,
        pg_port: int = 5432,
        kafka_port: int = 9092,
        demo: bool = False,
        host: str = "127.0.0.1",
        port_offset: int = 0,
        broker: str = "embedded",
    ) -> None:
        self.data_dir = data_dir.resolve()
        self.broker_kind = broker
        self.pg_port = pg_port
        self.kafka_port = kafka_port
        self.demo = demo
        self.host = host
        self.port_offset = port_offset
        self._postgres = None
        self._broker = None
        self._processes: dict[str, asyncio.subprocess.Process] = {}
        self._log_tasks: list[asyncio.Task[None]] = []
        self._mail_catcher: MailCatcher | None = None

    async def run(self) -> int:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        try:
            starting = asyncio.create_task(self._start())
            stopper = asyncio.create_task(stop.wait())
            await asyncio.wait([starting, stopper], return_when=asyncio.FIRST_COMPLETED)
            if not starting.done():
                _say("stopping before start-up finished…")
                starting.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await starting
                return 130
            starting.result()
            waiters = [asyncio.create_task(p.wait()) for p in self._processes.values()]
            done, _ = await asyncio.wait([stopper, *waiters], return_when=asyncio.FIRST_COMPLETED)
            if stopper not in done:
                _say("a service exited; stopping the stack")
                return 1
            _say("stopping…")
            return 0
        finally:
            await self._stop()

    async def _start(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        stack_secrets = StackSecrets.load_or_create(self.data_dir / "secrets.json")
        admin_token = os.environ.get("ADMIN_TOKEN") or stack_secrets.admin_token
        admin_dsn = os.environ.get("DATABASE_URL")
        if admin_dsn:
            _say("using the PostgreSQL server in DATABASE_URL")
        else:
            from shared.local.postgres import EmbeddedPostgres

            self._postgres = EmbeddedPostgres(self.data_dir / "postgres", port=self.pg_port)
            _say(
                f"starting embedded PostgreSQL on 127.0.0.1:{self.pg_port} (data kept in "
                f"{self._postgres.data_dir})"
            )
            admin_dsn = await asyncio.to_thread(self._postgres.start)
        bootstrap = os.environ.get("KAFKA_BOOTSTRAP_SERVERS")
        if bootstrap:
            _say(f"using the Kafka brokers in KAFKA_BOOTSTRAP_SERVERS ({bootstrap})")
        else:
            from shared.local.broker import EmbeddedBroker

            self._broker = EmbeddedBroker(self.data_dir / "broker.log", port=self.kafka_port)
            _say(
                f"starting the embedded Kafka-protocol broker on 127.0.0.1:{self.kafka_port} "
                "(memory only)"
            )
            bootstrap = await asyncio.to_thread(self._broker.start)
        await self._start_mail_catcher()
        dsns = await provision_all(admin_dsn, stack_secrets.db_passwords)
        _say("migrations applied: " + ", ".join(dsns))
        partitions = int(os.environ.get("KAFKA_TOPIC_PARTITIONS", "6"))
        await ensure_topics(bootstrap, all_topic_names(), partitions=partitions)
        for index, spec in enumerate(SERVICES):
            await self._spawn(spec, index, dsns[spec.name], bootstrap, admin_token)
        await self._wait_ready()
        if self.demo:
            urls = {spec.name: self._url(spec) for spec in SERVICES}
            await load_all_demo_data(urls, admin_token, _say)
        self._banner(admin_dsn, bootstrap, admin_token)

    def _port(self, spec: ServiceSpec) -> int:
        return spec.port + self.port_offset

    def _url(self, spec: ServiceSpec) -> str:
        return f"http://{self.host}:{self._port(spec)}"

    async def _spawn(
        self, spec: ServiceSpec, index: int, dsn: str, bootstrap: str, admin_token: str
    ) -> None:
        env = {
            **os.environ,
            "DATABASE_URL": dsn,
            "KAFKA_BOOTSTRAP_SERVERS": bootstrap,
            "ADMIN_TOKEN": admin_token,
            # Readable lines for a person at a terminal; JSON when the output is collected.
            "LOG_FORMAT": os.environ.get(
                "LOG_FORMAT", "console" if sys.stdout.isatty() else "json"
            ),
            "PYTHONUNBUFFERED": "1",
            **self._mail_env(spec),
        }
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "uvicorn",
            "--factory",
            spec.app_factory,
            "--host",
            self.host,
            "--port",
            str(self._port(spec)),
            "--no-access-log",
            "--timeout-graceful-shutdown",
            "10",
            env=env,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
            start_new_session=True,
        )
        self._processes[spec.name] = process
        colour = _COLOURS[index % len(_COLOURS)] if sys.stdout.isatty() else ""
        prefix = f"{colour}{spec.name:<13}{_RESET if colour else ''}| "
        self._log_tasks.append(asyncio.create_task(self._stream(process, prefix)))

    async def _start_mail_catcher(self) -> None:
        """Where the notifications service's e-mail goes: SMTP 1025 and a web page on 8025
        (moved by the port offset; any free port if that one is taken)."""
        from shared.local.mail_catcher import MailCatcher
        from shared.local.ports import free_port, port_in_use

        smtp, web = 1025 + self.port_offset, 8025 + self.port_offset
        smtp = free_port() if port_in_use(smtp) else smtp
        web = free_port() if port_in_use(web) else web
        self._mail_catcher = MailCatcher(smtp_port=smtp, http_port=web, host=self.host)
        await self._mail_catcher.start()

    def _mail_env(self, spec: ServiceSpec) -> dict[str, str]:
        if spec.name != "notifications" or self._mail_catcher is None:
            return {}
        return {
            "SMTP_HOST": self._mail_catcher.host,
            "SMTP_PORT": str(self._mail_catcher.smtp_port),
        }

    async def _stream(self, process: asyncio.subprocess.Process, prefix: str) -> None:
        assert process.stdout is not None
        async for line in process.stdout:
            sys.stdout.write(prefix + line.decode("utf-8", "replace"))
            sys.stdout.flush()

    async def _wait_ready(self, timeout: float = 90.0) -> None:  # noqa: ASYNC109
        async with httpx.AsyncClient(timeout=2.0) as client:
            for spec in SERVICES:
                deadline = asyncio.get_running_loop().time() + timeout
                while True:
                    if self._processes[spec.name].returncode is not None:
                        raise RuntimeError(f"{spec.name} exited while starting")
                    with contextlib.suppress(httpx.HTTPError):
                        if (await client.get(f"{self._url(spec)}/readyz")).status_code == 200:
                            break
                    if asyncio.get_running_loop().time() > deadline:
                        raise RuntimeError(f"{spec.name} did not become ready in {timeout}s")
                    await asyncio.sleep(0.3)

    def _banner(self, admin_dsn: str, bootstrap: str, admin_token: str) -> None:
        lines = ["", "OTOP network platform is running:"]
        for spec in SERVICES:
            lines.append(f"  {spec.name:<14} {self._url(spec)}   (API docs {self._url(spec)}/docs)")
        lines += [
            f"  kafka          {bootstrap}",
            *(
                [f"  mail catcher   {self._mail_catcher.web_url}   (e-mail members would get)"]
                if self._mail_catcher
                else []
            ),
            f"  postgres       {_hide_password(admin_dsn)}",
            f"  admin token    {admin_token}",
            f"  data           {self.data_dir}",
            "  try:  curl -H 'Authorization: Bearer <admin token>' "
            f"{self._url(SERVICES[0])}/v1/members",
            "Press Ctrl-C to stop.",
            "",
        ]
        print("\n".join(lines), flush=True)

    async def _stop(self) -> None:
        for process in self._processes.values():
            if process.returncode is None:
                with contextlib.suppress(ProcessLookupError):
                    process.send_signal(signal.SIGTERM)
        for name, process in self._processes.items():
            try:
                await asyncio.wait_for(process.wait(), 20)
            except TimeoutError:
                _say(f"{name} did not stop in time; killing it")
                process.kill()
        for task in self._log_tasks:
            task.cancel()
        if self._mail_catcher is not None:
            await self._mail_catcher.stop()
        if self._broker is not None:
            await asyncio.to_thread(self._broker.stop)
        if self._postgres is not None:
            await asyncio.to_thread(self._postgres.stop)
        _say("stopped")


def _hide_password(dsn: str) -> str:
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(dsn)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return urlunsplit(parts._replace(netloc=netloc))
    return dsn
