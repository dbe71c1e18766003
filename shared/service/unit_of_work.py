"""The unit of work every service layer works with: one transaction for a state change and
the events it publishes. It knows no database; `shared.db.unit_of_work` implements it on
PostgreSQL (the events go to the outbox in the same transaction)."""

from __future__ import annotations

import uuid
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Self

from pydantic import BaseModel

from shared.identity.actor import current_actor
from shared.messaging.envelope import EventEnvelope, envelope_for


@dataclass(frozen=True)
class AuditEntry:
    action: str
    aggregate_type: str
    aggregate_id: str
    event_id: uuid.UUID | None = None


def as_declared(event: object) -> BaseModel:
    """An event that already is a public contract model is published as it is."""
    if not isinstance(event, BaseModel):
        raise TypeError(f"{type(event).__name__} has no public contract model to publish as")
    return event


class AbstractUnitOfWork(ABC):
    """Collects events while a handler works; `commit` stores them with the state change.

    Handlers publish their domain's events; at the outbox boundary `contract_of` maps each
    to the public contract model (shared/contracts) the topic carries. A service whose domain
    raises events of its own sets `contract_of` to its mapping."""

    producer: str
    contract_of: Callable[[Any], BaseModel] = staticmethod(as_declared)

    def __init__(self) -> None:
        self._events: list[tuple[str, object]] = []
        self._audits: list[AuditEntry] = []
        self.committed_events: list[tuple[str, EventEnvelope[Any]]] = []

    def publish(self, aggregate_id: uuid.UUID | str, event: object) -> None:
        self._events.append((str(aggregate_id), event))

    def audit(self, action: str, aggregate_type: str, aggregate_id: uuid.UUID | str) -> None:
        """Record a change that publishes no event in the audit trail (events published by
        staff or operators are recorded without asking)."""
        self._audits.append(AuditEntry(action, aggregate_type, str(aggregate_id)))

    def _audit_entries(self, envelopes: list[tuple[str, EventEnvelope[Any]]]) -> list[AuditEntry]:
        """What the commit records for the current actor: nothing for terminals and the
        system; for staff and operators, each event and each explicit entry."""
        if not current_actor().audited:
            return []
        from_events = [
            AuditEntry(
                env.event_type,
                env.event_type.split(".", 1)[0],
                env.aggregate_id,
                event_id=env.event_id,
            )
            for _, env in envelopes
        ]
        return from_events + self._audits

    def _envelopes(self) -> list[tuple[str, EventEnvelope[Any]]]:
        return [
            envelope_for(self.producer, key, self.contract_of(event)) for key, event in self._events
        ]

    async def commit(self) -> None:
        envelopes = self._envelopes()
        await self._commit(envelopes)
        self.committed_events.extend(envelopes)
        self._events.clear()
        self._audits.clear()

    async def __aenter__(self) -> Self:
        self._events.clear()
        await self._begin()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self._end()
        self._events.clear()
        self._audits.clear()

    @abstractmethod
    async def _begin(self) -> None: ...

    @abstractmethod
    async def _commit(self, envelopes: list[tuple[str, EventEnvelope[Any]]]) -> None: ...

    @abstractmethod
    async def _end(self) -> None:
        """Roll back whatever was not committed and release resources."""
