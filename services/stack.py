"""The one-machine stack: embedded PostgreSQL and broker, migrations, topics, every service.

`otop up` runs this. DATABASE_URL (an administrator's DSN) and KAFKA_BOOTSTRAP_SERVERS switch
it to real servers; `--broker kafka` runs Apache Kafka from its Maven Central jars instead of
the embedded Tansu broker. The stack supervises what it starts: a service that exits is
started again with backoff, and an embedded server that stops answering is restarted (an
empty embedded broker gets its topics back and every outbox's retained rows republished).
Only Ctrl-C (or SIGTERM) stops everything, in reverse order.
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
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import asyncpg

from services.demo import load_all_demo_data
from services.supervision import (
    LocalServer,
    ServiceLaunch,
    SupervisedServer,
    SupervisedService,
    say,
)
from services.topology import SERVICES, ServiceSpec
from shared.db.migrations import apply_migrations, service_migrations
from shared.db.pool import connect
from shared.db.roles import dsn_for_role, provision_service_role
from shared.messaging.relay import mark_for_republish
from shared.messaging.topics import all_topic_names, ensure_topics

if TYPE_CHECKING:
    from shared.local.mail_catcher import MailCatcher

_COLOURS = ["\033[36m", "\033[35m", "\033[33m", "\033[32m", "\033[34m"]
_RESET = "\033[0m"

# Every retained outbox row, whenever it was written.
_BEGINNING = datetime(1970, 1, 1, tzinfo=UTC)

EMBEDDED_BROKER = "embedded"
APACHE_KAFKA = "kafka"


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


async def republish_retained_outboxes(admin_dsn: str) -> dict[str, int]:
    """Queue every service's retained, already published outbox rows for its relay to send
    again (an empty broker gets the recent history back; consumers discard what they have).
    Returns how many rows each service queued."""
    queued: dict[str, int] = {}
    for spec in SERVICES:
        conn = await connect(admin_dsn, schema=spec.name)
        try:
            queued[spec.name] = await mark_for_republish(conn, spec.name, _BEGINNING)
        finally:
            await conn.close()
    return queued


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
        broker: str = EMBEDDED_BROKER,
    ) -> None:
        self.data_dir = data_dir.resolve()
        self.broker_kind = broker
        self.pg_port = pg_port
        self.kafka_port = kafka_port
        self.demo = demo
        self.host = host
        self.port_offset = port_offset
        self._postgres: LocalServer | None = None
        self._broker: LocalServer | None = None
        self._broker_starts_empty = False  # the embedded broker keeps nothing across restarts
        self._broker_description = ""
        self._admin_dsn = ""
        self._bootstrap = ""
        self._services: dict[str, SupervisedService] = {}
        self._supervision: list[asyncio.Task[None]] = []
        self._mail_catcher: MailCatcher | None = None

    @property
    def _runs_own_broker(self) -> bool:
        return not os.environ.get("KAFKA_BOOTSTRAP_SERVERS")

    def _why_kafka_cannot_run(self) -> str | None:
        if self.broker_kind != APACHE_KAFKA or not self._runs_own_broker:
            return None
        from shared.local.kafka import kafka_available

        return kafka_available()

    async def run(self) -> int:
        missing = self._why_kafka_cannot_run()
        if missing is not None:
            say(f"--broker kafka cannot run Apache Kafka here: {missing}")
            return 2
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        try:
            starting = asyncio.create_task(self._start())
            stopper = asyncio.create_task(stop.wait())
            await asyncio.wait([starting, stopper], return_when=asyncio.FIRST_COMPLETED)
            if not starting.done():
                say("stopping before start-up finished…")
                starting.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await starting
                return 130
            starting.result()
            await stopper
            say("stopping…")
            return 0
        finally:
            await self._stop()

    async def _start(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        stack_secrets = StackSecrets.load_or_create(self.data_dir / "secrets.json")
        admin_token = os.environ.get("ADMIN_TOKEN") or stack_secrets.admin_token
        self._admin_dsn = await self._start_postgres()
        self._bootstrap = await self._start_broker()
        await self._start_mail_catcher()
        dsns = await provision_all(self._admin_dsn, stack_secrets.db_passwords)
        say("migrations applied: " + ", ".join(dsns))
        await self._create_topics()
        if self._broker_starts_empty:
            await self._republish_retained("the embedded broker started empty")
        self._supervise_servers()
        for index, spec in enumerate(SERVICES):
            self._supervise_service(spec, index, dsns[spec.name], admin_token)
        await self._wait_ready()
        if self.demo:
            urls = {spec.name: self._url(spec) for spec in SERVICES}
            await load_all_demo_data(urls, admin_token, say)
        self._banner(admin_token)

    async def _start_postgres(self) -> str:
        admin_dsn = os.environ.get("DATABASE_URL")
        if admin_dsn:
            say("using the PostgreSQL server in DATABASE_URL")
            return admin_dsn
        from shared.local.postgres import EmbeddedPostgres

        postgres = EmbeddedPostgres(self.data_dir / "postgres", port=self.pg_port)
        self._postgres = postgres
        say(
            f"starting embedded PostgreSQL on 127.0.0.1:{self.pg_port} (data kept in "
            f"{postgres.data_dir})"
        )
        return await asyncio.to_thread(postgres.start)

    async def _start_broker(self) -> str:
        bootstrap = os.environ.get("KAFKA_BOOTSTRAP_SERVERS")
        if bootstrap:
            say(f"using the Kafka brokers in KAFKA_BOOTSTRAP_SERVERS ({bootstrap})")
            self._broker_description = "from KAFKA_BOOTSTRAP_SERVERS"
            return bootstrap
        if self.broker_kind == APACHE_KAFKA:
            from shared.local.kafka import KAFKA_VERSION, ApacheKafka

            kafka_dir = self.data_dir / "kafka"
            self._broker = ApacheKafka(kafka_dir, self.data_dir / "kafka.log", port=self.kafka_port)
            self._broker_description = f"Apache Kafka {KAFKA_VERSION} (data kept in {kafka_dir})"
            say(
                f"starting {self._broker_description} on 127.0.0.1:{self.kafka_port} (its jars "
                "come from Maven Central the first time, which can take a minute or two)"
            )
        else:
            from shared.local.broker import EmbeddedBroker

            self._broker = EmbeddedBroker(self.data_dir / "broker.log", port=self.kafka_port)
            self._broker_starts_empty = True
            self._broker_description = "embedded Tansu broker (memory only: topics start empty)"
            say(f"starting the {self._broker_description} on 127.0.0.1:{self.kafka_port}")
        return await asyncio.to_thread(self._broker.start)

    async def _create_topics(self) -> list[str]:
        partitions = int(os.environ.get("KAFKA_TOPIC_PARTITIONS", "6"))
        return await ensure_topics(self._bootstrap, all_topic_names(), partitions=partitions)

    async def _republish_retained(self, reason: str) -> None:
        queued = await republish_retained_outboxes(self._admin_dsn)
        if not any(queued.values()):
            say(f"{reason}; no retained outbox rows to republish")
            return
        counts = ", ".join(f"{name} {count}" for name, count in queued.items())
        say(f"{reason}; retained outbox rows queued for republishing: {counts}")

    async def _refill_embedded_broker(self) -> None:
        created = await self._create_topics()
        say(f"{len(created)} topic(s) created again on the embedded broker")
        await self._republish_retained("the embedded broker came back empty")

    def _supervise_servers(self) -> None:
        servers: list[SupervisedServer] = []
        if self._postgres is not None:
            servers.append(
                SupervisedServer("PostgreSQL", self._postgres, "127.0.0.1", self.pg_port)
            )
        if self._broker is not None and self._broker_starts_empty:
            servers.append(
                SupervisedServer(
                    "the embedded broker",
                    self._broker,
                    "127.0.0.1",
                    self.kafka_port,
                    self._refill_embedded_broker,
                )
            )
        elif self._broker is not None:
            servers.append(
                SupervisedServer("Apache Kafka", self._broker, "127.0.0.1", self.kafka_port)
            )
        for server in servers:
            self._supervision.append(asyncio.create_task(server.watch()))

    def _port(self, spec: ServiceSpec) -> int:
        return spec.port + self.port_offset

    def _url(self, spec: ServiceSpec) -> str:
        return f"http://{self.host}:{self._port(spec)}"

    def _supervise_service(self, spec: ServiceSpec, index: int, dsn: str, admin_token: str) -> None:
        env = {
            **os.environ,
            "DATABASE_URL": dsn,
            "KAFKA_BOOTSTRAP_SERVERS": self._bootstrap,
            "ADMIN_TOKEN": admin_token,
            # Readable lines for a person at a terminal; JSON when the output is collected.
            "LOG_FORMAT": os.environ.get(
                "LOG_FORMAT", "console" if sys.stdout.isatty() else "json"
            ),
            "PYTHONUNBUFFERED": "1",
            **self._mail_env(spec),
            **_promptpay_env(spec),
        }
        command = [
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
        ]
        colour = _COLOURS[index % len(_COLOURS)] if sys.stdout.isatty() else ""
        prefix = f"{colour}{spec.name:<13}{_RESET if colour else ''}| "
        service = SupervisedService(ServiceLaunch(spec, self._url(spec), command, env, prefix))
        self._services[spec.name] = service
        self._supervision.append(asyncio.create_task(service.supervise()))

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

    async def _wait_ready(self, remind_every: float = 30.0) -> None:
        """Until every service has answered /readyz once (the supervisors keep restarting
        any that exit meanwhile); says every `remind_every` seconds who is still missing."""
        while True:
            waiting = [s for s in self._services.values() if not s.ready.is_set()]
            if not waiting:
                return
            events = [asyncio.create_task(s.ready.wait()) for s in waiting]
            _, pending = await asyncio.wait(events, timeout=remind_every)
            for task in pending:
                task.cancel()
            if len(pending) == len(events):
                names = ", ".join(s.name for s in waiting if not s.ready.is_set())
                say(f"still waiting for {names} to become ready")

    def _banner(self, admin_token: str) -> None:
        lines = ["", "OTOP network platform is running:"]
        for spec in SERVICES:
            lines.append(f"  {spec.name:<14} {self._url(spec)}   (API docs {self._url(spec)}/docs)")
        lines += [
            f"  kafka          {self._bootstrap}   {self._broker_description}",
            *(
                [f"  mail catcher   {self._mail_catcher.web_url}   (e-mail members would get)"]
                if self._mail_catcher
                else []
            ),
            f"  postgres       {_hide_password(self._admin_dsn)}",
            f"  promptpay id   {os.environ.get('SALES_PROMPTPAY_ID') or DEMO_PROMPTPAY_ID}"
            + ("" if os.environ.get("SALES_PROMPTPAY_ID") else "   (a demo id: set your own)"),
            f"  admin token    {admin_token}",
            f"  data           {self.data_dir}",
            "  try:  curl -H 'Authorization: Bearer <admin token>' "
            f"{self._url(SERVICES[0])}/v1/members",
            "Press Ctrl-C to stop.",
            "",
        ]
        print("\n".join(lines), flush=True)

    async def _stop(self) -> None:
        for task in self._supervision:
            task.cancel()
        await asyncio.gather(*self._supervision, return_exceptions=True)
        await asyncio.gather(*(service.stop() for service in self._services.values()))
        if self._mail_catcher is not None:
            await self._mail_catcher.stop()
        if self._broker is not None:
            await asyncio.to_thread(self._broker.stop)
        if self._postgres is not None:
            await asyncio.to_thread(self._postgres.stop)
        say("stopped")


# The sales service's PromptPay id on this machine when the environment sets none: a demo
# mobile number, so QR payments can be tried; a real shop sets SALES_PROMPTPAY_ID.
DEMO_PROMPTPAY_ID = "0812345678"


def _promptpay_env(spec: ServiceSpec) -> dict[str, str]:
    if spec.name != "sales" or os.environ.get("SALES_PROMPTPAY_ID", "").strip():
        return {}
    return {"SALES_PROMPTPAY_ID": DEMO_PROMPTPAY_ID}


def _hide_password(dsn: str) -> str:
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(dsn)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return urlunsplit(parts._replace(netloc=netloc))
    return dsn
