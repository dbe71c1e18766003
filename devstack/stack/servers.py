"""The servers the stack runs for the services: PostgreSQL, the broker and the mail catcher.

Each is the embedded one unless the environment names a server to use instead
(DATABASE_URL, KAFKA_BOOTSTRAP_SERVERS). What the stack started it also watches, restarts
when it stops answering, and stops at the end.
"""

from __future__ import annotations

import asyncio
import os
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from devstack.stack.output import say
from devstack.stack.republish import refill_empty_broker
from devstack.stack.supervision import LocalServer, SupervisedServer

if TYPE_CHECKING:
    from devstack.servers.mail_catcher import MailCatcher

EMBEDDED_BROKER = "embedded"
APACHE_KAFKA = "kafka"
LOCALHOST = "127.0.0.1"


class LocalServers:
    def __init__(
        self,
        data_dir: Path,
        *,
        pg_port: int,
        kafka_port: int,
        broker: str,
        host: str,
        port_offset: int,
    ) -> None:
        self.data_dir = data_dir
        self.pg_port = pg_port
        self.kafka_port = kafka_port
        self.broker_kind = broker
        self.host = host
        self.port_offset = port_offset
        self.admin_dsn = ""
        self.bootstrap = ""
        self.broker_description = ""
        self.broker_starts_empty = False  # the embedded broker keeps nothing across restarts
        self.mail_catcher: MailCatcher | None = None
        self._postgres: LocalServer | None = None
        self._broker: LocalServer | None = None

    @property
    def runs_own_broker(self) -> bool:
        return not os.environ.get("KAFKA_BOOTSTRAP_SERVERS")

    def why_kafka_cannot_run(self) -> str | None:
        if self.broker_kind != APACHE_KAFKA or not self.runs_own_broker:
            return None
        from devstack.servers.kafka import kafka_available

        return kafka_available()

    async def start_postgres(self) -> str:
        admin_dsn = os.environ.get("DATABASE_URL")
        if admin_dsn:
            say("using the PostgreSQL server in DATABASE_URL")
            self.admin_dsn = admin_dsn
            return admin_dsn
        from devstack.servers.postgres import EmbeddedPostgres

        postgres = EmbeddedPostgres(self.data_dir / "postgres", port=self.pg_port)
        self._postgres = postgres
        say(
            f"starting embedded PostgreSQL on {LOCALHOST}:{self.pg_port} (data kept in "
            f"{postgres.data_dir})"
        )
        self.admin_dsn = await asyncio.to_thread(postgres.start)
        return self.admin_dsn

    async def start_broker(self) -> str:
        bootstrap = os.environ.get("KAFKA_BOOTSTRAP_SERVERS")
        if bootstrap:
            say(f"using the Kafka brokers in KAFKA_BOOTSTRAP_SERVERS ({bootstrap})")
            self.broker_description = "from KAFKA_BOOTSTRAP_SERVERS"
            self.bootstrap = bootstrap
            return bootstrap
        if self.broker_kind == APACHE_KAFKA:
            from devstack.servers.kafka import KAFKA_VERSION, ApacheKafka

            kafka_dir = self.data_dir / "kafka"
            self._broker = ApacheKafka(kafka_dir, self.data_dir / "kafka.log", port=self.kafka_port)
            self.broker_description = f"Apache Kafka {KAFKA_VERSION} (data kept in {kafka_dir})"
            say(
                f"starting {self.broker_description} on {LOCALHOST}:{self.kafka_port} (its jars "
                "come from Maven Central the first time, which can take a minute or two)"
            )
        else:
            from devstack.servers.broker import EmbeddedBroker

            self._broker = EmbeddedBroker(self.data_dir / "broker.log", port=self.kafka_port)
            self.broker_starts_empty = True
            self.broker_description = "embedded Tansu broker (memory only: topics start empty)"
            say(f"starting the {self.broker_description} on {LOCALHOST}:{self.kafka_port}")
        self.bootstrap = await asyncio.to_thread(self._broker.start)
        return self.bootstrap

    async def start_mail_catcher(self) -> None:
        """Where the notifications service's e-mail goes: SMTP 1025 and a web page on 8025
        (moved by the port offset; any free port if that one is taken)."""
        from devstack.servers.mail_catcher import MailCatcher
        from devstack.servers.ports import free_port, port_in_use

        smtp, web = 1025 + self.port_offset, 8025 + self.port_offset
        smtp = free_port() if port_in_use(smtp) else smtp
        web = free_port() if port_in_use(web) else web
        self.mail_catcher = MailCatcher(smtp_port=smtp, http_port=web, host=self.host)
        await self.mail_catcher.start()

    def supervised(self) -> list[SupervisedServer]:
        """A watch for each server the stack started; an embedded broker that comes back
        empty gets its topics and the retained outbox rows again."""
        servers: list[SupervisedServer] = []
        if self._postgres is not None:
            servers.append(SupervisedServer("PostgreSQL", self._postgres, LOCALHOST, self.pg_port))
        if self._broker is not None and self.broker_starts_empty:
            refill = partial(refill_empty_broker, self.bootstrap, self.admin_dsn)
            servers.append(
                SupervisedServer(
                    "the embedded broker", self._broker, LOCALHOST, self.kafka_port, refill
                )
            )
        elif self._broker is not None:
            servers.append(
                SupervisedServer("Apache Kafka", self._broker, LOCALHOST, self.kafka_port)
            )
        return servers

    def mail_env(self) -> dict[str, str]:
        """The notifications service's SMTP settings pointing at the mail catcher."""
        if self.mail_catcher is None:
            return {}
        return {"SMTP_HOST": self.mail_catcher.host, "SMTP_PORT": str(self.mail_catcher.smtp_port)}

    async def stop(self) -> None:
        if self.mail_catcher is not None:
            await self.mail_catcher.stop()
        if self._broker is not None:
            await asyncio.to_thread(self._broker.stop)
        if self._postgres is not None:
            await asyncio.to_thread(self._postgres.stop)
