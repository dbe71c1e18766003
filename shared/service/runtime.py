"""A service's runtime state, typed: one object on `app.state.runtime`.

It is created when the app is built (settings, broker) and completed at start-up (pool,
consumers, relay, loops). Routes reach it through the dependencies in
`shared.http.dependencies`; nothing else is kept on `app.state`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import asyncpg
from faststream.kafka import KafkaBroker

from shared.identity.tokens import StaffTokenVerifier
from shared.messaging.bus import CommandBus
from shared.settings import ServiceSettings

if TYPE_CHECKING:
    from shared.http.rate_limit import FailedAuthLimiter
    from shared.messaging.consumer import IdempotentConsumer
    from shared.messaging.publisher import ProducerPublisher
    from shared.messaging.relay import OutboxRelay
    from shared.service.background import BackgroundLoop


class NotStarted(RuntimeError):
    pass


@dataclass
class Runtime:
    service: str
    settings: ServiceSettings
    broker: KafkaBroker
    _unit_of_work: Callable[..., Any]
    _pool: asyncpg.Pool | None = None
    commands: CommandBus[Any] | None = None
    consumers: dict[str, IdempotentConsumer] = field(default_factory=dict)  # by topic name
    loops: dict[str, BackgroundLoop] = field(default_factory=dict)  # by job name
    relay: OutboxRelay | None = None
    outbox_publisher: ProducerPublisher | None = None
    # Resources the jobs open (HTTP clients…), closed when the service stops.
    resources: AsyncExitStack = field(default_factory=AsyncExitStack)
    # Failed authentications per address (made from the environment on first use).
    auth_limiter: FailedAuthLimiter | None = None
    # Names another kind of credential a token is (e.g. "terminal"), for a 403 over a 401.
    credential_kind: Callable[[Any, str], Awaitable[str | None]] | None = None

    # Verifies staff tokens with the web front's public key (None: no key configured).
    staff_tokens: StaffTokenVerifier | None = None

    def __post_init__(self) -> None:
        key = self.settings.staff_token_public_key
        if key and self.staff_tokens is None:
            self.staff_tokens = StaffTokenVerifier(key)

    @property
    def admin_token(self) -> str:
        return self.settings.admin_token.get_secret_value()

    @property
    def pool(self) -> asyncpg.Pool:
        if self._pool is None:
            raise NotStarted(f"the {self.service} service has not started")
        return self._pool

    def started(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    def unit_of_work(self) -> Any:
        """A unit of work on its own transaction from the pool."""
        return self._unit_of_work(self.pool)

    def unit_of_work_within(self, conn: asyncpg.Connection) -> Any:
        """A unit of work inside `conn`'s transaction (a consumer's inbox transaction)."""
        return self._unit_of_work(within=conn)

    def wake(self, *jobs: str) -> None:
        for name in jobs:
            loop = self.loops.get(name)
            if loop is not None:
                loop.wake()


def runtime_of(app: Any) -> Runtime:
    runtime: Runtime = app.state.runtime
    return runtime
