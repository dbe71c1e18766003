"""A consumer passes over, on its headers alone, a type of the catalogue it does not handle."""

from __future__ import annotations

from typing import Any

import pytest
from prometheus_client import REGISTRY

from shared.contracts.registry import MemberStatusChanged
from shared.messaging.consumer import IdempotentConsumer, IncomingMessage, Outcome
from shared.messaging.publisher import Message, Published

NOT_JSON = b"\xff{this is not an envelope"


class Letters:
    """A dead-letter publisher that keeps what it is given."""

    def __init__(self) -> None:
        self.sent: list[Message] = []

    async def publish_ordered(self, messages: list[Message]) -> Published:
        self.sent.extend(messages)
        return Published(len(messages))


async def _never_called(*args: Any) -> None:
    raise AssertionError("the handler must not run")


@pytest.fixture
def letters() -> Letters:
    return Letters()


@pytest.fixture
def consumer(letters: Letters) -> IdempotentConsumer:
    # No pool: a message passed over on its headers reaches neither the inbox nor a handler.
    no_pool: Any = None
    handlers = {MemberStatusChanged: _never_called}
    return IdempotentConsumer("headers-test", no_pool, letters, handlers, lambda conn: None)


def _message(headers: dict[str, str]) -> IncomingMessage:
    return IncomingMessage("registry.members.v1", 0, 7, b"k", NOT_JSON, headers)


def _ignored() -> float:
    labels = {"consumer": "headers-test", "outcome": "ignored"}
    return REGISTRY.get_sample_value("otop_events_consumed_total", labels) or 0.0


async def test_a_known_type_it_does_not_handle_is_passed_over_unread(
    consumer: IdempotentConsumer, letters: Letters
) -> None:
    before = _ignored()
    outcome = await consumer.handle(_message({"event_type": "member.registered"}))
    assert outcome is Outcome.IGNORED
    assert letters.sent == []
    assert _ignored() == before + 1


@pytest.mark.parametrize(
    "headers",
    [
        {},  # no header: the value is read to find the type
        {"event_type": "member.status_changed"},  # a type it handles
        {"event_type": "member.gossiped"},  # a type the catalogue does not know
    ],
)
async def test_otherwise_the_value_is_read_and_garbage_dead_lettered(
    consumer: IdempotentConsumer, letters: Letters, headers: dict[str, str]
) -> None:
    outcome = await consumer.handle(_message(headers))
    assert outcome is Outcome.DEAD_LETTERED
    [(topic, key, value, sent_headers)] = letters.sent
    assert (topic, key, value) == ("registry.members.v1.dlq", b"k", NOT_JSON)
    assert "not an event envelope" in sent_headers["dlq.error"]
    assert sent_headers["dlq.attempts"] == "0"
