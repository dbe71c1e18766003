"""Idempotent consumers with bounded retries and a dead-letter topic.

For every message: parse the envelope and check its `data` against the contract model; in
ONE transaction record the event id in the inbox and run the handler (keyed by the data's
contract class, see `shared.messaging.bus`) with a unit of work on that transaction, so a
redelivered event changes nothing. An event type the catalogue does not know, or a version
of a handled type this consumer cannot read, is a permanent error: it goes to the DLQ.

A message whose `event_type` header names a type of the catalogue this consumer has no
handler for is passed over on its headers alone: its value is never decoded. A message
without that header is decoded to find its type.

A handler failure is retried with exponential backoff; after the last
attempt (or at once for a message that can never succeed) the original message goes to
`<topic>.dlq` with the error, and the consumer moves on.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

import asyncpg
from pydantic import ValidationError

from shared.contracts.catalogue import EVENT_TYPES, UnknownEventType, dlq_topic, event_type
from shared.logging import get_logger
from shared.messaging.bus import EventHandler, EventHandlers, EventMetadata, declared_type
from shared.messaging.context import bind_event, bind_message
from shared.messaging.envelope import EventEnvelope, RawEnvelope
from shared.messaging.publisher import MessagePublisher, PublishFailed
from shared.metrics import EVENTS_CONSUMED

log = get_logger(__name__)

# The unit of work a handler gets, made on the connection holding the inbox transaction.
InboxUnitOfWork = Callable[[asyncpg.Connection], Any]

# The header the relay names each message's event type in.
EVENT_TYPE_HEADER = "event_type"
CATALOGUE_TYPE_NAMES = frozenset(e.name for e in EVENT_TYPES)

RECORD_IN_INBOX = """
INSERT INTO inbox (consumer, event_id, event_type, topic) VALUES ($1, $2, $3, $4)
ON CONFLICT DO NOTHING
"""


# Failures of the consumer's own infrastructure (database restarting, network): the message
# is fine, so they never count towards sending it to the DLQ.
INFRASTRUCTURE_ERRORS: tuple[type[BaseException], ...] = (
    OSError,
    asyncpg.PostgresConnectionError,
    asyncpg.InterfaceError,
    asyncpg.CannotConnectNowError,
    asyncpg.TooManyConnectionsError,
)


class PermanentError(Exception):
    """Raised by a handler when retrying cannot help (the message itself is wrong)."""


class Outcome(StrEnum):
    PROCESSED = "processed"
    DUPLICATE = "duplicate"
    IGNORED = "ignored"
    DEAD_LETTERED = "dead_lettered"


@dataclass(frozen=True)
class IncomingMessage:
    topic: str
    partition: int
    offset: int
    key: bytes | None
    value: bytes
    headers: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_record(cls, record: Any) -> IncomingMessage:
        return cls(
            topic=record.topic,
            partition=record.partition,
            offset=record.offset,
            key=record.key,
            value=record.value or b"",
            headers={k: v.decode("utf-8", "replace") for k, v in (record.headers or ())},
        )


class IdempotentConsumer:
    def __init__(
        self,
        name: str,
        pool: asyncpg.Pool,
        dlq_publisher: MessagePublisher,
        handlers: EventHandlers,
        unit_of_work: InboxUnitOfWork,
        *,
        after_processed: Callable[[], None] | None = None,
        max_attempts: int = 5,
        backoff_initial: float = 0.2,
        backoff_max: float = 5.0,
        infrastructure_patience: float = 120.0,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.name = name
        self._pool = pool
        self._dlq = dlq_publisher
        self._handlers = dict(handlers)
        self._handled_names = {declared_type(contract).name for contract in handlers}
        self._passed_over = CATALOGUE_TYPE_NAMES - self._handled_names
        self._ignored = EVENTS_CONSUMED.labels(name, Outcome.IGNORED)
        self._unit_of_work = unit_of_work
        self._after_processed = after_processed
        self._max_attempts = max_attempts
        self._backoff_initial = backoff_initial
        self._backoff_max = backoff_max
        self._infrastructure_patience = infrastructure_patience
        self._sleep = sleep

    @property
    def pool(self) -> asyncpg.Pool:
        return self._pool

    def unit_of_work(self, conn: asyncpg.Connection) -> Any:
        """The unit of work a handler gets, on the connection holding the inbox transaction."""
        return self._unit_of_work(conn)

    def passes_over(self, message: IncomingMessage) -> bool:
        """Whether the message's headers name a type this consumer has no handler for."""
        return message.headers.get(EVENT_TYPE_HEADER) in self._passed_over

    def processed(self) -> None:
        """Tell whoever waits for this consumer's effects (outside retries: committed)."""
        if self._after_processed is not None:
            with contextlib.suppress(Exception):
                self._after_processed()

    async def handle(self, message: IncomingMessage) -> Outcome:
        if self.passes_over(message):
            self._ignored.inc()
            return Outcome.IGNORED
        bind_message(message)
        try:
            envelope, handler = self.parse(message)
        except PermanentError as exc:
            return await self._dead_letter(message, exc, attempts=0)
        if handler is None or envelope is None:
            self._ignored.inc()
            return Outcome.IGNORED
        bind_event(envelope)
        attempt = 0
        outage_started: float | None = None
        outage_retries = 0
        while True:
            try:
                outcome = await self._process(message, envelope, handler)
                EVENTS_CONSUMED.labels(self.name, outcome).inc()
                break
            except PermanentError as exc:
                return await self._dead_letter(message, exc, attempts=attempt + 1)
            except INFRASTRUCTURE_ERRORS as exc:
                # Wait for the infrastructure; past our patience, leave the message
                # unacknowledged so it is delivered again rather than dead-lettered.
                loop = asyncio.get_running_loop()
                outage_started = outage_started or loop.time()
                if loop.time() - outage_started > self._infrastructure_patience:
                    raise
                outage_retries += 1
                delay = self._delay(outage_retries)
                log.warning(
                    "infrastructure unavailable; waiting", error=_describe(exc), retry_in=delay
                )
                await self._sleep(delay)
            except Exception as exc:
                attempt += 1
                if attempt >= self._max_attempts:
                    return await self._dead_letter(message, exc, attempts=attempt)
                delay = self._delay(attempt)
                log.warning(
                    "event handler failed; retrying",
                    attempt=attempt,
                    error=_describe(exc),
                    retry_in=delay,
                )
                await self._sleep(delay)
        if outcome is Outcome.PROCESSED:
            self.processed()
        return outcome

    def _delay(self, attempt: int) -> float:
        delay = min(self._backoff_max, self._backoff_initial * 2 ** (attempt - 1))
        return round(delay * random.uniform(0.5, 1.0), 3)

    def parse(
        self, message: IncomingMessage
    ) -> tuple[EventEnvelope[Any] | None, EventHandler | None]:
        try:
            raw = RawEnvelope.model_validate_json(message.value)
        except ValidationError as exc:
            raise PermanentError(f"not an event envelope: {_summary(exc)}") from exc
        try:
            declared = event_type(raw.event_type, raw.event_version)
        except UnknownEventType as exc:
            if raw.event_type in self._handled_names:
                raise PermanentError(
                    f"{raw.event_type} v{raw.event_version} is not a version this consumer reads"
                ) from exc
            raise PermanentError(
                f"{raw.event_type} v{raw.event_version} is not an event type of the catalogue"
            ) from exc
        handler = self._handlers.get(declared.data)
        if handler is None:
            if raw.event_type in self._handled_names:
                raise PermanentError(
                    f"{raw.event_type} v{raw.event_version} is not a version this consumer reads"
                )
            return None, None  # a type of the topic this consumer has no business with
        try:
            data = declared.data.model_validate(raw.data)
        except ValidationError as exc:
            raise PermanentError(f"{raw.event_type} data is invalid: {_summary(exc)}") from exc
        envelope = EventEnvelope[Any].model_validate({**raw.model_dump(), "data": data})
        return envelope, handler

    async def _process(
        self, message: IncomingMessage, envelope: EventEnvelope[Any], handler: EventHandler
    ) -> Outcome:
        async with self._pool.acquire() as conn, conn.transaction():
            inserted = await conn.execute(
                RECORD_IN_INBOX, self.name, envelope.event_id, envelope.event_type, message.topic
            )
            if inserted.endswith(" 0"):
                log.info("duplicate event ignored")
                return Outcome.DUPLICATE
            metadata = EventMetadata.of(envelope, message.topic)
            await handler(envelope.data, metadata, self._unit_of_work(conn))
        log.info("event processed")
        return Outcome.PROCESSED

    async def _dead_letter(
        self, message: IncomingMessage, error: BaseException, attempts: int
    ) -> Outcome:
        reason = f"{type(error).__name__}: {error}"[:2000]
        headers = {
            **{k: v for k, v in message.headers.items() if not k.startswith("dlq.")},
            "dlq.error": reason,
            "dlq.original_topic": message.topic,
            "dlq.original_partition": str(message.partition),
            "dlq.original_offset": str(message.offset),
            "dlq.consumer": self.name,
            "dlq.attempts": str(attempts),
            "dlq.failed_at": datetime.now(UTC).isoformat(),
        }
        result = await self._dlq.publish_ordered(
            [(dlq_topic(message.topic), message.key or b"", message.value, headers)]
        )
        if result.confirmed != 1:
            # Not acknowledged: the message will be delivered again rather than lost.
            raise PublishFailed(f"could not write to {dlq_topic(message.topic)}: {result.error}")
        EVENTS_CONSUMED.labels(self.name, Outcome.DEAD_LETTERED).inc()
        log.error("event sent to the dead-letter topic", reason=reason, attempts=attempts)
        return Outcome.DEAD_LETTERED


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"


def _summary(exc: ValidationError) -> str:
    parts = []
    for error in exc.errors()[:5]:
        where = ".".join(str(p) for p in error.get("loc", ())) or "message"
        parts.append(f"{where}: {error.get('msg')}")
    return "; ".join(parts)
