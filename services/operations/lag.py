"""Consumer lag per group, topic and partition, honest under a wrong high watermark.

lag = end − committed, where end = max(reported end offset, last readable offset + 1,
committed offset): the embedded broker can report an end below the last readable offset, so
the records past the reported end are read to find the real one. A partition whose end
cannot be established is "unknown" (None), never negative. A group with no committed offset
on a partition that has messages lags by everything from the log start offset.

Groups: those the broker lists (ListGroups) plus the services' own groups from the code, so
a service that never committed still shows its lag; when the broker cannot list groups the
known ones are used alone.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient

from services.operations.groups import known_consumer_groups
from shared.logging import get_logger
from shared.messaging.dead_letters import HANDLED_TOPIC
from shared.messaging.reading import cluster_partitions, read_to_end, reading_consumer

log = get_logger(__name__)


@dataclass(frozen=True)
class PartitionLag:
    group: str
    topic: str
    partition: int
    committed: int | None  # None: the group has committed nothing here
    log_start: int | None
    reported_end: int | None
    end: int | None
    lag: int | None  # None: unknown

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass(frozen=True)
class TopicLag:
    group: str
    topic: str
    lag: int | None  # None when any partition's lag is unknown
    partitions: int
    unknown_partitions: int

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass
class LagReport:
    partitions: list[PartitionLag] = field(default_factory=list)
    groups_listed_by_broker: bool = True
    notes: list[str] = field(default_factory=list)

    def by_topic(self) -> list[TopicLag]:
        grouped: dict[tuple[str, str], list[PartitionLag]] = defaultdict(list)
        for row in self.partitions:
            grouped[(row.group, row.topic)].append(row)
        totals = []
        for (group, topic), rows in sorted(grouped.items()):
            unknown = sum(1 for r in rows if r.lag is None)
            known = sum(r.lag for r in rows if r.lag is not None)
            totals.append(TopicLag(group, topic, None if unknown else known, len(rows), unknown))
        return totals


def _is_consumable(topic: str) -> bool:
    return not topic.startswith("__") and topic != HANDLED_TOPIC


class _CommittedUnreadable(Exception):
    pass


async def _committed(
    admin: AIOKafkaAdminClient, group: str, tps: list[TopicPartition]
) -> dict[TopicPartition, int | None]:
    """The group's committed offsets (None: nothing committed). Partitions are always named:
    the embedded broker cannot answer an OffsetFetch that asks for every partition."""
    try:
        offsets = await admin.list_consumer_group_offsets(group, partitions=tps)
    except Exception as exc:
        raise _CommittedUnreadable(f"{type(exc).__name__}: {exc}") from exc
    found: dict[TopicPartition, int | None] = dict.fromkeys(tps)
    for tp, meta in offsets.items():
        found[tp] = meta.offset if meta.offset >= 0 else None
    return found


async def _real_ends(
    consumer: AIOKafkaConsumer,
    tps: list[TopicPartition],
    reported: dict[TopicPartition, int],
    floor: dict[TopicPartition, int],
) -> dict[TopicPartition, int]:
    """Read past max(reported end, floor) to find the end readers really reach."""
    start = {tp: max(reported.get(tp, 0), floor.get(tp, 0)) for tp in tps}
    ends = dict(start)
    async for record in read_to_end(consumer, tps, start=start):
        tp = TopicPartition(record.topic, record.partition)
        ends[tp] = max(ends[tp], record.offset + 1)
    return ends


async def consumer_lag(bootstrap_servers: str, group: str | None = None) -> LagReport:
    report = LagReport()
    known = known_consumer_groups()
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap_servers, request_timeout_ms=15000)
    await admin.start()
    try:
        listed: list[str] = []
        try:
            listed = [str(g[0]) for g in await admin.list_consumer_groups()]
        except Exception as exc:
            report.groups_listed_by_broker = False
            report.notes.append(
                f"the broker cannot list consumer groups ({type(exc).__name__}); "
                "showing the services' own groups"
            )
        groups = [group] if group else sorted(set(known) | set(listed))
        async with reading_consumer(bootstrap_servers) as consumer:
            partitions = {
                t: tps
                for t, tps in (await cluster_partitions(consumer)).items()
                if _is_consumable(t)
            }
            topics = sorted(partitions)
            committed: dict[str, dict[TopicPartition, int | None]] = {}
            for name in groups:
                if name.startswith("otop."):
                    continue
                wanted = known.get(name, tuple(topics))
                tps = [tp for t in wanted for tp in partitions.get(t, [])]
                missing = [t for t in wanted if t not in partitions]
                if missing:
                    report.notes.append(f"{name}: topic(s) missing: {', '.join(missing)}")
                try:
                    offsets = await _committed(admin, name, tps)
                except _CommittedUnreadable as exc:
                    report.notes.append(f"{name}: committed offsets unreadable ({exc})")
                    for tp in tps:
                        report.partitions.append(
                            PartitionLag(name, tp.topic, tp.partition, None, None, None, None, None)
                        )
                    continue
                if name not in known:
                    # A group the code does not declare: only the topics it has read.
                    read = {tp.topic for tp, off in offsets.items() if off is not None}
                    offsets = {tp: off for tp, off in offsets.items() if tp.topic in read}
                committed[name] = offsets
            all_tps = sorted(
                {tp for offsets in committed.values() for tp in offsets},
                key=lambda tp: (tp.topic, tp.partition),
            )
            if not all_tps:
                return report
            reported = await consumer.end_offsets(all_tps)
            starts = await consumer.beginning_offsets(all_tps)
            floor: dict[TopicPartition, int] = {}
            for offsets in committed.values():
                for tp, off in offsets.items():
                    if off is not None:
                        floor[tp] = max(floor.get(tp, 0), off)
            try:
                ends: dict[TopicPartition, int] | None = await _real_ends(
                    consumer, all_tps, reported, floor
                )
            except Exception as exc:
                report.notes.append(f"could not read past the reported end offsets ({exc})")
                ends = None
        for name, offsets in committed.items():
            for tp, off in sorted(offsets.items(), key=lambda i: (i[0].topic, i[0].partition)):
                report.partitions.append(
                    _partition_lag(name, tp, off, starts.get(tp), reported.get(tp), ends)
                )
    finally:
        await admin.close()
    report.partitions.sort(key=lambda r: (r.group, r.topic, r.partition))
    return report


def _partition_lag(
    group: str,
    tp: TopicPartition,
    committed: int | None,
    log_start: int | None,
    reported_end: int | None,
    ends: dict[TopicPartition, int] | None,
) -> PartitionLag:
    end: int | None
    if ends is not None and tp in ends:
        end = max(ends[tp], reported_end or 0, committed or 0)
    elif reported_end is not None and (committed is None or reported_end >= committed):
        end = reported_end
    else:
        end = None  # the reported end is below what the group read: it cannot be trusted
    lag: int | None = None
    if end is not None:
        if committed is None:
            lag = max(end - (log_start or 0), 0)
        else:
            lag = max(end, committed) - committed
    return PartitionLag(group, tp.topic, tp.partition, committed, log_start, reported_end, end, lag)
