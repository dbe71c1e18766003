"""Which Kafka-protocol broker the tests run on, and markers for where the two differ.

`OTOP_TEST_BROKER=embedded` (the default) runs them on the embedded Tansu broker, `kafka` on
a real Apache Kafka broker. A test that holds on one broker only says why with
`embedded_only(reason)` or `kafka_only(reason)`.
"""

from __future__ import annotations

import os
from typing import Literal

import pytest

BrokerKind = Literal["embedded", "kafka"]
BROKER_KINDS: tuple[BrokerKind, ...] = ("embedded", "kafka")


def broker_kind() -> BrokerKind:
    value = os.environ.get("OTOP_TEST_BROKER", "").strip().lower() or "embedded"
    for kind in BROKER_KINDS:
        if value == kind:
            return kind
    raise ValueError(f"OTOP_TEST_BROKER must be one of {', '.join(BROKER_KINDS)}, not {value!r}")


def embedded_only(reason: str) -> pytest.MarkDecorator:
    """Skip on Apache Kafka: the behaviour tested is the embedded broker's own."""
    return pytest.mark.skipif(broker_kind() != "embedded", reason=f"embedded broker only: {reason}")


def kafka_only(reason: str) -> pytest.MarkDecorator:
    """Skip on the embedded broker: the behaviour needs what only Apache Kafka provides."""
    return pytest.mark.skipif(broker_kind() != "kafka", reason=f"Apache Kafka only: {reason}")
