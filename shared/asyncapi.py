"""The AsyncAPI document of every topic, generated from the contracts in code.

Each event type is described as the envelope with its own `data` model; the document is kept
in the repository (docs/asyncapi.json) and a test fails when code and document drift apart.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from faststream.kafka import KafkaBroker
from faststream.specification import AsyncAPI
from pydantic import create_model

from shared.contracts.catalogue import EVENT_TYPES, TOPICS
from shared.messaging.envelope import EventEnvelope

DOCUMENT = Path(__file__).resolve().parent.parent / "docs" / "asyncapi.json"


def envelope_model(name: str, data: type[Any]) -> type[Any]:
    title = "".join(part.capitalize() for part in name.replace(".", "_").split("_"))
    return create_model(f"{title}Event", __base__=EventEnvelope[data])  # type: ignore[valid-type]


def declare_publishers(broker: Any, topics: set[str] | None = None) -> None:
    """Declare a publisher per event type (of `topics`, or all) so the broker's AsyncAPI
    document describes it."""
    for event in EVENT_TYPES:
        if topics is not None and event.topic.name not in topics:
            continue
        broker.publisher(
            event.topic.name,
            title=f"{event.topic.name}:{event.name}.v{event.version}",
            description=(
                f"`{event.name}` v{event.version} on `{event.topic.name}` (key: "
                f"{event.topic.key}, producer: {event.topic.producer}). {event.description}"
            ),
            schema=envelope_model(f"{event.name}_v{event.version}", event.data),
        )


def build_specification() -> dict[str, Any]:
    broker = KafkaBroker("kafka:9092", description="The network's Kafka cluster")
    declare_publishers(broker)
    for topic in TOPICS:
        broker.publisher(
            topic.dlq,
            title=f"{topic.dlq}:dead-letter",
            description=(
                f"Messages from `{topic.name}` that a consumer could not process after bounded "
                "retries: the original key, value and headers, plus `dlq.error`, "
                "`dlq.original_topic`, `dlq.original_partition`, `dlq.original_offset`, "
                "`dlq.consumer`, `dlq.attempts` and `dlq.failed_at` headers."
            ),
            schema=bytes,
        )
    spec = AsyncAPI(
        broker,
        title="OTOP Network Platform events",
        version="1.0.0",
        description=(
            "Every message is an event envelope (event_id, event_type, event_version, "
            "occurred_at, producer, aggregate_id, correlation_id, causation_id, data). "
            "The Kafka key is the aggregate id. Amounts are decimal strings in THB."
        ),
    )
    document: dict[str, Any] = json.loads(spec.to_specification().to_json())
    return document


def render() -> str:
    return json.dumps(build_specification(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write(path: Path = DOCUMENT) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(), encoding="utf-8")
    return path
