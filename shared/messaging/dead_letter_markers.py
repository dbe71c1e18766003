"""Markers of handled dead letters on the compacted topic `otop.dlq-handled`.

A dead letter that was re-driven or discarded is recorded as handled by a marker keyed
`<dlq topic>/<partition>/<offset>` (Kafka cannot delete one record, and the embedded broker
supports neither DeleteRecords nor metadata on committed offsets).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from aiokafka import AIOKafkaConsumer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import TopicAlreadyExistsError

from shared.messaging.reading import read_to_end, topic_partitions

if TYPE_CHECKING:
    from shared.messaging.dead_letters import DeadLetter

HANDLED_TOPIC = "otop.dlq-handled"


@dataclass(frozen=True)
class Handling:
    """What an operator did with a dead letter."""

    action: str  # "redriven" or "discarded"
    at: str
    reason: str | None = None


async def handled_markers(
    consumer: AIOKafkaConsumer, dlq_names: Iterable[str] | None = None
) -> dict[str, Handling]:
    """Markers by `<dlq topic>/<partition>/<offset>`, optionally only for some DLQ topics."""
    wanted = set(dlq_names) if dlq_names is not None else None
    markers: dict[str, Handling] = {}
    tps = await topic_partitions(consumer, HANDLED_TOPIC)
    async for record in read_to_end(consumer, tps):
        try:
            body = json.loads(record.value or b"{}")
            key = (record.key or b"").decode()
        except (ValueError, UnicodeDecodeError):
            continue
        if wanted is not None and body.get("dlq_topic") not in wanted:
            continue
        markers[key] = Handling(
            action=str(body.get("action", "handled")),
            at=str(body.get("at", "")),
            reason=body.get("reason"),
        )
    return markers


async def ensure_handled_topic(bootstrap_servers: str) -> None:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap_servers, request_timeout_ms=15000)
    await admin.start()
    try:
        if HANDLED_TOPIC in set(await admin.list_topics()):
            return
        with suppress(TopicAlreadyExistsError):
            await admin.create_topics(
                [NewTopic(HANDLED_TOPIC, 1, 1, topic_configs={"cleanup.policy": "compact"})]
            )
    finally:
        await admin.close()


def marker(letter: DeadLetter, action: str, reason: str | None) -> bytes:
    return json.dumps(
        {
            "dlq_topic": letter.dlq,
            "partition": letter.partition,
            "offset": letter.offset,
            "event_id": letter.event_id,
            "action": action,
            "at": datetime.now(UTC).isoformat(),
            "reason": reason,
        },
        ensure_ascii=False,
    ).encode()
