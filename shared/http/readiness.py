"""The /readyz checks that follow from a service's definition: its database, its topics on
the broker, the outbox relay, its consumers, and each background job it runs."""

from __future__ import annotations

from collections.abc import Callable

from faststream.kafka import KafkaBroker

from shared.http.observability import ReadinessCheck
from shared.messaging.consumer_health import ConsumerProgress
from shared.messaging.topics import TopicGuard, TopicMismatch, partition_counts
from shared.service.definition import BackgroundJob, ServiceDefinition
from shared.service.runtime import Runtime


def readiness_checks(
    definition: ServiceDefinition, runtime: Runtime, guard: TopicGuard, topic_names: list[str]
) -> dict[str, ReadinessCheck]:
    settings = runtime.settings

    async def database_ready() -> None:
        async with runtime.pool.acquire(timeout=2) as conn:
            await conn.fetchval("SELECT 1")

    async def broker_ready() -> None:
        """The broker answers and has this service's topics, each as the catalogue says."""
        counts = await partition_counts(settings.kafka.bootstrap_servers, timeout_ms=2000)
        missing = [name for name in topic_names if name not in counts]
        if missing:
            raise RuntimeError(f"topics missing on the broker: {', '.join(missing)}")
        wrong = {n: counts[n] for n in topic_names if counts[n] != guard.partitions}
        if wrong:
            raise TopicMismatch(wrong, guard.partitions)

    async def relay_publishing() -> None:
        relay = runtime.relay
        if not settings.outbox_relay:
            return
        if relay is None or not relay.running:
            raise RuntimeError("the outbox relay is not running")
        await relay.pending_count()
        limit = settings.outbox_ready_max_pending_seconds
        if relay.oldest_pending_seconds > limit:
            raise RuntimeError(
                f"{relay.pending} event(s) wait to be published, the oldest for "
                f"{relay.oldest_pending_seconds:.0f}s (limit {limit:.0f}s)"
                + (f"; last error: {relay.last_failure}" if relay.last_failure else "")
            )

    consumers = ConsumerProgress(
        _subscribers_of(runtime.broker), stall_after=settings.consumer_ready_stall_seconds
    )

    async def consumers_progressing() -> None:
        await consumers.check()

    checks: dict[str, ReadinessCheck] = {
        "database": database_ready,
        "broker": broker_ready,
        "outbox_relay": relay_publishing,
        "consumers": consumers_progressing,
    }
    by_check: dict[str, list[BackgroundJob]] = {}
    for job in definition.jobs:
        by_check.setdefault(job.readiness, []).append(job)
    for name, jobs in by_check.items():
        checks[name] = jobs_running(runtime, jobs)
    return checks


def jobs_running(runtime: Runtime, jobs: list[BackgroundJob]) -> ReadinessCheck:
    """Ready while every enabled job's loop runs."""

    async def check() -> None:
        for job in jobs:
            if not job.enabled(runtime.settings):
                continue
            loop = runtime.loops.get(job.name)
            if loop is None or not loop.running:
                raise RuntimeError(f"the {job.describe} is not running")

    return check


def _subscribers_of(broker: KafkaBroker) -> Callable[[], list[object]]:
    # Asked at each check: the broker lists its subscribers anew on every access.
    return lambda: list(broker.subscribers)
