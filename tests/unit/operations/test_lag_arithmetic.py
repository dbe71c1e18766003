"""Lag from offsets: never negative, unknown rather than wrong."""

from __future__ import annotations

from aiokafka import TopicPartition

from services.operations.lag import LagReport, PartitionLag, _partition_lag

TP = TopicPartition("sales.transactions.v1", 1)


def test_lag_counts_from_the_real_end_when_the_reported_end_is_lower():
    row = _partition_lag("g", TP, committed=1800, log_start=0, reported_end=1, ends={TP: 1868})
    assert (row.end, row.lag) == (1868, 68)


def test_a_committed_offset_past_every_end_seen_is_no_lag_not_a_negative_one():
    row = _partition_lag("g", TP, committed=1868, log_start=0, reported_end=1865, ends={TP: 1865})
    assert (row.end, row.lag) == (1868, 0)


def test_without_the_real_end_a_reported_end_below_the_commit_is_unknown():
    row = _partition_lag("g", TP, committed=1868, log_start=0, reported_end=1865, ends=None)
    assert (row.end, row.lag) == (None, None)


def test_a_partition_never_committed_lags_from_the_log_start():
    row = _partition_lag("g", TP, committed=None, log_start=40, reported_end=90, ends={TP: 100})
    assert row.lag == 60


def test_topic_totals_are_unknown_when_one_partition_is():
    report = LagReport(
        [
            PartitionLag("g", "t", 0, 5, 0, 10, 10, 5),
            PartitionLag("g", "t", 1, 5, 0, None, None, None),
            PartitionLag("g", "u", 0, 1, 0, 4, 4, 3),
        ]
    )
    totals = {t.topic: t for t in report.by_topic()}
    assert (totals["t"].lag, totals["t"].unknown_partitions) == (None, 1)
    assert (totals["u"].lag, totals["u"].partitions) == (3, 1)
