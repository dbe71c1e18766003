"""One declarative definition per service: what it publishes and reads (from the topology),
its handler table per consumed topic, its background jobs, its routes and migrations.

`shared.http.app.build_app` builds the whole process from it: subscriptions with their
groups, idempotent consumers with their DLQ, the outbox relay, the jobs' loops and the
readiness checks that follow from all of these.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from fastapi import APIRouter

from shared.contracts.catalogue import Topic
from shared.messaging.bus import CommandHandler, EventHandlers, check_handlers

if TYPE_CHECKING:
    from shared.service.runtime import Runtime

# The /readyz checks every service has; a job reports under a name of its own.
BUILT_IN_CHECKS = frozenset({"database", "broker", "outbox_relay", "consumers"})

# One step of a background loop: how much work it did (0 = none, rest before the next).
Step = Callable[[], Awaitable[int]]


class ServiceTopology(Protocol):
    """A service's place in the topology (services/topology.py declares every one)."""

    @property
    def name(self) -> str: ...
    @property
    def publishes(self) -> tuple[Topic, ...]: ...
    @property
    def consumes(self) -> tuple[Topic, ...]: ...
    @property
    def migrations(self) -> Path: ...
    def group(self, topic: Topic) -> str: ...


@dataclass(frozen=True)
class BackgroundJob:
    """Work a service does on its own, step after step, in a loop of its own.

    `/readyz` reports each job under `readiness` (jobs may share a check): while the job is
    enabled, a loop that is not running makes the service not ready ("the <describe> is not
    running")."""

    name: str
    describe: str
    readiness: str
    # Builds the step once the runtime exists; may open resources on `runtime.resources`.
    start: Callable[[Runtime], Awaitable[Step]]
    idle_seconds: Callable[[Any], float]
    enabled: Callable[[Any], bool] = lambda settings: True


@dataclass(frozen=True)
class ServiceDefinition:
    topology: ServiceTopology
    title: str
    description: str
    routers: list[APIRouter]
    # unit_of_work(pool) for commands and jobs; unit_of_work(within=conn) for a consumer's
    # inbox transaction.
    unit_of_work: Callable[..., Any]
    # The handler table of each consumed topic (every topic the topology says it reads).
    handlers: Mapping[Topic, EventHandlers] = field(default_factory=dict)
    commands: Mapping[type[Any], CommandHandler] = field(default_factory=dict)
    jobs: tuple[BackgroundJob, ...] = ()
    # Jobs woken as soon as a consumed event's effects are committed (e.g. a delivery loop).
    wakes: tuple[str, ...] = ()
    # Names the other kind of credential a bearer token is, if any (e.g. "terminal"), so a
    # staff route answers 403 rather than 401 to it: credential_kind(request, token).
    credential_kind: Callable[[Any, str], Awaitable[str | None]] | None = None
    version: str = "1.0.0"

    @property
    def name(self) -> str:
        return self.topology.name

    def __post_init__(self) -> None:
        unknown = set(self.handlers) - set(self.topology.consumes)
        if unknown:
            names = ", ".join(sorted(t.name for t in unknown))
            raise ValueError(f"{self.name} handles topics the topology does not give it: {names}")
        for topic, table in self.handlers.items():
            check_handlers(topic, table)
        taken = {job.readiness for job in self.jobs} & BUILT_IN_CHECKS
        if taken:
            raise ValueError(f"{self.name} jobs would replace the readiness checks {taken}")
        job_names = {job.name for job in self.jobs}
        if set(self.wakes) - job_names:
            raise ValueError(f"{self.name} wakes jobs it does not have: {set(self.wakes)}")

    def without_consumers(self) -> ServiceDefinition:
        """The same service with no Kafka subscriptions (its topics are still guarded)."""
        return dataclasses.replace(self, handlers={})
