"""Starting and stopping what runs beside a service's HTTP routes: the topic guard's watch,
the outbox relay and the background jobs' loops (after the broker has started), in reverse
order on the way down."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
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
        self._running = False
        # Every 10 s, and 1, 2, 4… s after a failure: a broker that came back empty has the
        # topics again within seconds, for consumers as well as the relay.
        self._watch = BackgroundLoop(
            "topic-guard", guard.check, 10.0, backoff_base_seconds=1.0, max_backoff_seconds=10.0
        )

    async def start(self) -> None:
        self._running = True
        try:
            self._watch.start()
            self._start_relay()
            await self._start_jobs()
        except BaseException:
            # The framework does not run the shutdown hooks for a start that failed: stop
            # what did start, so nothing outlives the pool.
            await self.stop()
            raise

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
        """Stop everything in reverse order; a step that fails does not keep the later steps
        from running (the first error is raised at the end). Once is enough: a second call,
        or a call before any start, does nothing."""
        if not self._running:
            return
        self._running = False
        runtime = self._runtime
        steps: list[Callable[[], Awaitable[object]]] = [
            loop.stop for loop in reversed(list(runtime.loops.values()))
        ]
        steps.append(runtime.resources.aclose)
        if runtime.relay is not None:
            steps.append(runtime.relay.stop)
        if runtime.outbox_publisher is not None:
            steps.append(runtime.outbox_publisher.stop)
        steps += [self._watch.stop, self._guard.close]
        failure: BaseException | None = None
        for step in steps:
            try:
                await step()
            except Exception as exc:
                log.error("stopping background work failed", error=f"{type(exc).__name__}: {exc}")
                failure = failure or exc
        if failure is not None:
            raise failure
