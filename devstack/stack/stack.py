"""The one-machine stack: embedded PostgreSQL and broker, migrations, topics, every service
and the web front (started last: it calls the services).

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
import os
import signal
from pathlib import Path

from devstack.stack.banner import Whereabouts, banner
from devstack.stack.output import say
from devstack.stack.processes import ServiceProcesses
from devstack.stack.provisioning import provision_all
from devstack.stack.republish import create_topics, republish_retained
from devstack.stack.secrets import StackSecrets
from devstack.stack.servers import EMBEDDED_BROKER, LocalServers
from devstack.stack.settings import StackSettings
from services.topology import DEPLOYABLES, WEB


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
        self.demo = demo
        self.servers = LocalServers(
            self.data_dir,
            pg_port=pg_port,
            kafka_port=kafka_port,
            broker=broker,
            host=host,
            port_offset=port_offset,
        )
        self.processes = ServiceProcesses(host, port_offset)
        self._supervision: list[asyncio.Task[None]] = []

    async def run(self) -> int:
        missing = self.servers.why_kafka_cannot_run()
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
        servers = self.servers
        admin_dsn = await servers.start_postgres()
        bootstrap = await servers.start_broker()
        await servers.start_mail_catcher()
        dsns = await provision_all(admin_dsn, stack_secrets.db_passwords)
        say("migrations applied: " + ", ".join(dsns))
        await create_topics(bootstrap)
        if servers.broker_starts_empty:
            await republish_retained(admin_dsn, "the embedded broker started empty")
        for server in servers.supervised():
            self._supervision.append(asyncio.create_task(server.watch()))
        settings = StackSettings(
            dsns=dsns,
            bootstrap=bootstrap,
            admin_token=admin_token,
            secrets=stack_secrets,
            url=self.processes.url,
            mail_env=servers.mail_env(),
        )
        # The services first; the web front, which calls them, once they are ready.
        for index, spec in enumerate(DEPLOYABLES):
            if spec.name == WEB.name:
                await self.processes.wait_ready()
            service = self.processes.launch(spec, index, settings.of(spec))
            self._supervision.append(asyncio.create_task(service.supervise()))
        await self.processes.wait_ready()
        if self.demo:
            from devstack.demo import load_all_demo_data

            urls = {spec.name: self.processes.url(spec) for spec in DEPLOYABLES}
            await load_all_demo_data(urls, admin_token, say)
        print(banner(self._whereabouts(admin_token)), flush=True)

    def _whereabouts(self, admin_token: str) -> Whereabouts:
        catcher = self.servers.mail_catcher
        return Whereabouts(
            url=self.processes.url,
            bootstrap=self.servers.bootstrap,
            broker_description=self.servers.broker_description,
            mail_url=catcher.web_url if catcher else None,
            admin_dsn=self.servers.admin_dsn,
            admin_token=admin_token,
            data_dir=self.data_dir,
            demo_staff=self.demo,
        )

    async def _stop(self) -> None:
        for task in self._supervision:
            task.cancel()
        await asyncio.gather(*self._supervision, return_exceptions=True)
        await self.processes.stop()
        await self.servers.stop()
        say("stopped")
