"""The message bus: contract classes mapped to the handlers that act on them.

Every consumed event reaches its handler as `handler(data, metadata, uow)`: the event's
`data` (an instance of its contract class from `shared.contracts`), the envelope's other
fields, and a unit of work opened on the consumer's inbox transaction, so the handler's
effects and the inbox record commit together. Handlers are keyed by contract class, so
`grep MemberRegistered` finds where a member's registration is handled; a class that is not
declared on the subscribed topic is refused when the service is built.

Commands from HTTP go through `CommandBus.handle(command)`: keyed by command class, each
handler takes the command and a fresh unit of work.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from shared.contracts.catalogue import EVENT_TYPES, EventType, Topic
from shared.messaging.envelope import EventEnvelope

U = TypeVar("U")


@dataclass(frozen=True)
class EventMetadata:
    """Everything about a consumed event except its data."""

    event_id: uuid.UUID
    event_type: str
    event_version: int
    occurred_at: datetime
    producer: str
    aggregate_id: str
    correlation_id: uuid.UUID
    causation_id: uuid.UUID | None
    topic: str

    @classmethod
    def of(cls, envelope: EventEnvelope[Any], topic: str) -> EventMetadata:
        return cls(
            event_id=envelope.event_id,
            event_type=envelope.event_type,
            event_version=envelope.event_version,
            occurred_at=envelope.occurred_at,
            producer=envelope.producer,
            aggregate_id=envelope.aggregate_id,
            correlation_id=envelope.correlation_id,
            causation_id=envelope.causation_id,
            topic=topic,
        )


# handler(data, metadata, unit of work): the unit of work is not yet entered; the handler
# uses it like any other (`async with uow: ... await uow.commit()`).
EventHandler = Callable[[Any, EventMetadata, Any], Awaitable[None]]
EventHandlers = Mapping[type[BaseModel], EventHandler]


def declared_type(contract: type[BaseModel]) -> EventType:
    for candidate in EVENT_TYPES:
        if candidate.data is contract:
            return candidate
    raise TypeError(f"{contract.__name__} is not the data class of any declared event type")


def check_handlers(topic: Topic, handlers: EventHandlers) -> None:
    """Refuse a handler table naming a class that is not an event type of `topic`."""
    for contract in handlers:
        declared = declared_type(contract)
        if declared.topic != topic:
            raise TypeError(
                f"{contract.__name__} ({declared.name}) is published on {declared.topic.name}, "
                f"not on {topic.name}"
            )


C = TypeVar("C")
CommandHandler = Callable[[Any, Any], Awaitable[Any]]


class CommandBus(Generic[U]):
    """Runs a command's handler with a fresh unit of work; one handler per command class."""

    def __init__(
        self, unit_of_work: Callable[[], U], handlers: Mapping[type[Any], CommandHandler]
    ) -> None:
        self._unit_of_work = unit_of_work
        self._handlers = dict(handlers)

    def handler_for(self, command: object) -> CommandHandler:
        try:
            return self._handlers[type(command)]
        except KeyError:
            raise LookupError(f"no handler takes {type(command).__name__}") from None

    async def handle(self, command: object) -> Any:
        return await self.handler_for(command)(command, self._unit_of_work())
