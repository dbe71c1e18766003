"""Poison messages published straight onto the consumed topics: malformed JSON, an unknown
event type, an unknown version of a known type, and a valid envelope whose data breaks a
rule of its contract. Each carries its own key so it can be found again in `<topic>.dlq`."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from aiokafka import AIOKafkaProducer

from shared.contracts.catalogue import (
    EVENTS_REGISTRATIONS,
    EVENTS_SHOWCASES,
    REGISTRY_MEMBERS,
    REGISTRY_PRODUCTS,
    SALES_SETTLEMENTS,
    SALES_TRANSACTIONS,
)

# A type each topic's consumers handle, and its data with a rule broken (an id that is not
# an id, a count below zero).
HANDLED = {
    REGISTRY_MEMBERS.name: ("member.status_changed", {"member_id": "not-a-uuid"}),
    REGISTRY_PRODUCTS.name: ("product.listed", {"product_id": "not-a-uuid"}),
    EVENTS_SHOWCASES.name: ("event.published", {"event_id": "not-a-uuid"}),
    EVENTS_REGISTRATIONS.name: ("registration.confirmed", {"registration_id": "not-a-uuid"}),
    SALES_TRANSACTIONS.name: ("sales.daily_summary", {"sale_count": -1}),
    SALES_SETTLEMENTS.name: ("settlement.issued", {"sale_count": -1}),
}
# Every kind: a type the catalogue does not know is an error, never a silent skip (the
# catalogue is shared code, so a type added to it is known to every consumer built with it;
# an older consumer dead-letters it, and the letter is re-driven once the consumer knows it).
MUST_BE_DEAD_LETTERED = ("malformed_json", "unknown_type", "unknown_version", "rule_broken")


@dataclass(frozen=True)
class Poison:
    topic: str
    kind: str
    key: str
    value: bytes


def _envelope(event_type: str, version: int, data: dict[str, object]) -> bytes:
    return json.dumps(
        {
            "event_id": str(uuid.uuid4()),
            "event_type": event_type,
            "event_version": version,
            "occurred_at": datetime.now(UTC).isoformat(),
            "producer": "fault-suite",
            "aggregate_id": str(uuid.uuid4()),
            "correlation_id": str(uuid.uuid4()),
            "causation_id": None,
            "data": data,
        }
    ).encode()


def poisons_for(topic: str) -> list[Poison]:
    handled, broken = HANDLED[topic]
    tag = uuid.uuid4().hex[:8]
    return [
        Poison(topic, "malformed_json", f"poison-json-{tag}", b'{"event_id": "unterminated'),
        Poison(topic, "unknown_type", f"poison-type-{tag}", _envelope("gossip.spread", 1, {})),
        Poison(topic, "unknown_version", f"poison-version-{tag}", _envelope(handled, 99, {})),
        Poison(topic, "rule_broken", f"poison-rule-{tag}", _envelope(handled, 1, broken)),
    ]


async def publish_poison(bootstrap_servers: str) -> list[Poison]:
    sent: list[Poison] = []
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap_servers, enable_idempotence=False)
    await producer.start()
    try:
        for topic in HANDLED:
            for poison in poisons_for(topic):
                await producer.send_and_wait(topic, poison.value, key=poison.key.encode())
                sent.append(poison)
    finally:
        await producer.stop()
    return sent
