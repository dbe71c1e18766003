"""A library message that repeats reaches the log a few times with a count, not as a flood."""

from __future__ import annotations

import logging

from shared.logging import QuietRepeats


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def _record(name: str, msg: str, *args: object) -> logging.LogRecord:
    return logging.LogRecord(name, logging.ERROR, __file__, 1, msg, args, None)


def test_a_repeating_client_message_passes_at_powers_of_two_with_its_count():
    quiet = QuietRepeats(clock=Clock())
    passed = [
        record.getMessage()
        for record in (_record("aiokafka", "Topic %s not found", "t1") for _ in range(1000))
        if quiet.filter(record)
    ]
    assert len(passed) == 10  # 1, 2, 4, … 512
    assert passed[0] == "Topic t1 not found"
    assert passed[1] == "Topic t1 not found (seen 2 times)"
    assert passed[-1] == "Topic t1 not found (seen 512 times)"


def test_the_platforms_own_messages_are_never_held_back():
    quiet = QuietRepeats(clock=Clock())
    assert all(quiet.filter(_record("shared.messaging.relay", "same")) for _ in range(50))


def test_a_message_quiet_for_the_window_counts_from_one_again():
    clock = Clock()
    quiet = QuietRepeats(window=60.0, clock=clock)
    assert quiet.filter(_record("aiokafka.conn", "connection lost"))
    assert quiet.filter(_record("aiokafka.conn", "connection lost"))
    assert not quiet.filter(_record("aiokafka.conn", "connection lost"))
    clock.now = 61.0
    record = _record("aiokafka.conn", "connection lost")
    assert quiet.filter(record)
    assert record.getMessage() == "connection lost"
