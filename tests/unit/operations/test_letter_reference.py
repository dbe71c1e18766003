"""Naming one dead letter: by event id, by offset, or by partition and offset."""

from __future__ import annotations

import uuid

import pytest

from services.operations.dlq import BadReference, LetterReference
from shared.messaging.dead_letters import DeadLetter


def letter(partition: int, offset: int, event_id: str | None = None) -> DeadLetter:
    return DeadLetter(
        topic="registry.members.v1",
        partition=partition,
        offset=offset,
        key=None,
        event_id=event_id,
        event_type=None,
        error="",
        consumer=None,
        failed_at=None,
        value=b"",
        headers={},
    )


def test_an_event_id_picks_that_events_letters():
    event_id = str(uuid.uuid4())
    ref = LetterReference.parse(event_id.upper())
    assert ref.matches(letter(0, 3, event_id))
    assert not ref.matches(letter(0, 3, str(uuid.uuid4())))


def test_an_offset_alone_matches_on_any_partition_and_with_a_partition_on_that_one():
    assert LetterReference.parse("7").matches(letter(2, 7))
    assert LetterReference.parse("2:7").matches(letter(2, 7))
    assert not LetterReference.parse("1:7").matches(letter(2, 7))


@pytest.mark.parametrize("text", ["yesterday", "1:x", "", "a:b:c"])
def test_anything_else_is_refused_with_what_is_expected(text):
    with pytest.raises(BadReference, match="neither an event id"):
        LetterReference.parse(text)
