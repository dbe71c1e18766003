"""The correlation and causation of the work in progress, bound for logs and new events."""

from __future__ import annotations

import uuid
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

import structlog

if TYPE_CHECKING:
    from shared.messaging.consumer import IncomingMessage
    from shared.messaging.envelope import EventEnvelope

_correlation_id: ContextVar[uuid.UUID | None] = ContextVar("correlation_id", default=None)
_causation_id: ContextVar[uuid.UUID | None] = ContextVar("causation_id", default=None)


def parse_correlation_id(value: str | None) -> uuid.UUID:
    """A caller's correlation id if it is a UUID, else a new one."""
    if value:
        try:
            return uuid.UUID(value.strip())
        except ValueError:
            pass
    return uuid.uuid4()


def bind_correlation(correlation_id: uuid.UUID, causation_id: uuid.UUID | None = None) -> None:
    _correlation_id.set(correlation_id)
    _causation_id.set(causation_id)
    structlog.contextvars.bind_contextvars(correlation_id=str(correlation_id))


def current_correlation_id() -> uuid.UUID:
    value = _correlation_id.get()
    if value is None:
        value = uuid.uuid4()
        _correlation_id.set(value)
    return value


def current_causation_id() -> uuid.UUID | None:
    return _causation_id.get()


def bind_message(message: IncomingMessage) -> None:
    """The log context of one message: only its topic and position so far."""
    structlog.contextvars.clear_contextvars()
    structlog.contextvars.bind_contextvars(
        topic=message.topic, partition=message.partition, offset=message.offset
    )


def bind_event(envelope: EventEnvelope[Any]) -> None:
    """Add the event it carries: its ids for the logs, its correlation for what it causes."""
    bind_correlation(envelope.correlation_id, envelope.event_id)
    structlog.contextvars.bind_contextvars(
        event_id=str(envelope.event_id), event_type=envelope.event_type
    )
