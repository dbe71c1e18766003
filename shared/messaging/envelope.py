"""The event envelope that every message on every topic carries (see the design contract)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Generic, TypeVar

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from shared.contracts.catalogue import event_type_for
from shared.messaging.context import current_causation_id, current_correlation_id
from shared.timeutil import now_bangkok

DataT = TypeVar("DataT", bound=BaseModel)


class EventEnvelope(BaseModel, Generic[DataT]):
    """One event: who produced it, about which aggregate, caused by what, and its data."""

    model_config = ConfigDict(extra="ignore")

    event_id: uuid.UUID
    event_type: str = Field(min_length=1, max_length=100)
    event_version: int = Field(ge=1)
    occurred_at: AwareDatetime
    producer: str = Field(min_length=1, max_length=50)
    aggregate_id: str = Field(min_length=1, max_length=200)
    correlation_id: uuid.UUID
    causation_id: uuid.UUID | None = None
    data: DataT


class RawEnvelope(EventEnvelope[Any]):  # type: ignore[type-var]
    """An envelope whose data has not been checked against its event type's model yet."""

    data: dict[str, Any]


def new_envelope(
    *,
    event_type: str,
    event_version: int,
    producer: str,
    aggregate_id: str,
    data: BaseModel,
    correlation_id: uuid.UUID,
    causation_id: uuid.UUID | None = None,
    occurred_at: datetime | None = None,
) -> EventEnvelope[Any]:
    return EventEnvelope[Any](
        event_id=uuid.uuid4(),
        event_type=event_type,
        event_version=event_version,
        occurred_at=occurred_at or now_bangkok(),
        producer=producer,
        aggregate_id=aggregate_id,
        correlation_id=correlation_id,
        causation_id=causation_id,
        data=data,
    )


def envelope_for(producer: str, aggregate_id: str, data: Any) -> tuple[str, EventEnvelope[Any]]:
    """Wrap a contract model in an envelope; returns its topic and the envelope."""
    declared = event_type_for(data)
    envelope = new_envelope(
        event_type=declared.name,
        event_version=declared.version,
        producer=producer,
        aggregate_id=aggregate_id,
        data=data,
        correlation_id=current_correlation_id(),
        causation_id=current_causation_id(),
    )
    return declared.topic.name, envelope
