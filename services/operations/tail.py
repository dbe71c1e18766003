"""Print a topic's envelopes, one JSON object a line, like a console consumer.

Reads outside any consumer group (nothing is committed). Without --follow it stops at the
real end of every partition: past the broker's reported end offset and a quiet poll (the
embedded broker can report an end below the last readable offset).
"""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator, Callable
from contextlib import aclosing
from dataclasses import dataclass, field
from typing import Any

from aiokafka import AIOKafkaConsumer, TopicPartition

from services.operations.output import json_line
from shared.messaging.reading import read_to_end, reading_consumer, topic_partitions


class TopicNotFound(LookupError):
    pass


@dataclass(frozen=True)
class TailOptions:
    from_beginning: bool = True
    follow: bool = False
    limit: int | None = None
    key: str | None = None
    event_type: str | None = None
    with_metadata: bool = False


@dataclass
class TailSummary:
    topic: str
    partitions: int = 0
    read: int = 0
    printed: int = 0
    next_offsets: dict[int, int] = field(default_factory=dict)

    def describe(self) -> str:
        ends = " ".join(f"{p}:{o}" for p, o in sorted(self.next_offsets.items()))
        return f"{self.printed} envelope(s) printed of {self.read} read from {self.topic}" + (
            f" (next offsets {ends})" if ends else ""
        )


def _record_line(record: Any, with_metadata: bool) -> tuple[str, dict[str, Any] | None]:
    """The line to print and the parsed envelope (None when the value is not JSON)."""
    text = (record.value or b"").decode("utf-8", "replace")
    try:
        envelope = json.loads(text)
    except ValueError:
        envelope = None
    if envelope is not None and not with_metadata:
        return json_line(envelope), envelope if isinstance(envelope, dict) else None
    meta = {
        "topic": record.topic,
        "partition": record.partition,
        "offset": record.offset,
        "key": record.key.decode("utf-8", "replace") if record.key else None,
        "timestamp": record.timestamp,
        "headers": {k: v.decode("utf-8", "replace") for k, v in (record.headers or ())},
    }
    if envelope is None:
        meta["value"] = text
        meta["error"] = "the value is not JSON"
    else:
        meta["envelope"] = envelope
    return json_line(meta), envelope if isinstance(envelope, dict) else None


def _matches(record: Any, envelope: dict[str, Any] | None, options: TailOptions) -> bool:
    if options.key is not None:
        key = record.key.decode("utf-8", "replace") if record.key else None
        if key != options.key:
            return False
    if options.event_type is not None:
        headers = {k: v.decode("utf-8", "replace") for k, v in (record.headers or ())}
        found = (envelope or {}).get("event_type") or headers.get("event_type")
        if found != options.event_type:
            return False
    return True


async def _follow(
    consumer: AIOKafkaConsumer, tps: list[TopicPartition], start: dict[TopicPartition, int] | None
) -> AsyncIterator[Any]:
    consumer.assign(tps)
    await consumer.seek_to_beginning(*tps)
    for tp, offset in (start or {}).items():
        consumer.seek(tp, offset)
    while True:
        batch = await consumer.getmany(*tps, timeout_ms=1000)
        for records in batch.values():
            for record in records:
                yield record


async def tail(
    bootstrap_servers: str,
    topic: str,
    options: TailOptions,
    emit: Callable[[str], None],
    summary: TailSummary | None = None,
    on_start: Callable[[TailSummary], None] | None = None,
) -> TailSummary:
    """Emit the topic's matching envelopes; returns what was read (also kept in `summary`,
    so a caller interrupted by Ctrl-C can still report it)."""
    summary = summary if summary is not None else TailSummary(topic)
    if options.limit is not None and options.limit <= 0:
        return summary
    async with reading_consumer(bootstrap_servers) as consumer:
        tps = await topic_partitions(consumer, topic)
        if not tps:
            raise TopicNotFound(f"topic {topic} does not exist")
        summary.partitions = len(tps)
        # From the end: start at the reported end offsets and print only what was written
        # from now on (the embedded broker's reported end can be below older records).
        newer_than_ms = None if options.from_beginning else int(time.time() * 1000)
        start = None if options.from_beginning else dict(await consumer.end_offsets(tps))
        if on_start is not None:
            on_start(summary)
        records = (
            _follow(consumer, tps, start)
            if options.follow
            else read_to_end(consumer, tps, start=start)
        )
        async with aclosing(records) as stream:
            async for record in stream:
                if newer_than_ms is not None and record.timestamp < newer_than_ms:
                    continue
                summary.read += 1
                summary.next_offsets[record.partition] = record.offset + 1
                line, envelope = _record_line(record, options.with_metadata)
                if not _matches(record, envelope, options):
                    continue
                emit(line)
                summary.printed += 1
                if options.limit is not None and summary.printed >= options.limit:
                    break
    return summary
