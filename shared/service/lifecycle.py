"""Starting and stopping what runs beside a service's HTTP routes: the topic guard's watch,
the outbox relay and the background jobs' loops (after the broker has started), in reverse
order on the way down."""

from __future__ import annotations

import asyncio
import contextlib
from datetime import timedelta

from shared.logging import get_logger
from shared.messaging.publisher import ProducerPublisher
from shared.messaging.relay import OutboxRelay
from shared.messaging.topics import TopicGuard
from shared.service.background import BackgroundLoop
from shared.service.definition import ServiceDefinition
from shared.service.runtime import Runtime

log = get_logger(__name__)


class Lifecycle:
    def __init__(self, definition: ServiceDefinition, runtime: Runtime, guard: TopicGuard) -> None:
        self._definition = definition
        self._runtime = runtime
        self._guard = guard
        self._stopping = asyncio.Event()
        self._watch: asyncio.Task[None] | None = None

    async def start(self) -> None:
        self._stopping.clear()
        self._watch = asyncio.create_task(self._guard.watch(self._stopping), name="topic-guard")
        self._start_relay()
        await self._start_jobs()

    def _start_relay(self) -> None:
        runtime, settings = self._runtime, self._runtime.settings
        if not settings.outbox_relay:
            log.warning("outbox relay disabled in this process (OUTBOX_RELAY=false)")
            return
        publisher = ProducerPublisher(
            settings.kafka.bootstrap_servers,
            self._guard,
            client_id=f"otop-{runtime.service}-outbox",
        )
        runtime.outbox_publisher = publisher
        runtime.relay = OutboxRelay(
            runtime.pool,
            publisher,
            schema=runtime.service,
            dsn=settings.database_url.get_secret_value(),
            batch_size=settings.outbox_batch_size,
            poll_interval=settings.outbox_poll_interval_seconds,
            retention=timedelta(hours=settings.outbox_retention_hours),
        )
        runtime.relay.start()

    async def _start_jobs(self) -> None:
        runtime = self._runtime
        for job in self._definition.jobs:
            if not job.enabled(runtime.settings):
                log.warning("background job disabled in this process", job=job.name)
                continue
            step = await job.start(runtime)
            loop = BackgroundLoop(job.name, step, job.idle_seconds(runtime.settings))
            runtime.loops[job.name] = loop
            loop.start()

    async def stop(self) -> None:
        runtime = self._runtime
        self._stopping.set()
        for loop in reversed(list(runtime.loops.values())):
            await loop.stop()
        await runtime.resources.aclose()
        if runtime.relay is not None:
            await runtime.relay.stop()
        if runtime.outbox_publisher is not None:
            await runtime.outbox_publisher.stop()
        if self._watch is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await self._watch
        await self._guard.close()
