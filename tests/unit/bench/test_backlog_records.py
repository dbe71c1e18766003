"""The backlog published to the consumers is made of valid envelopes with the headers the
relay sets."""

from __future__ import annotations

import json

from bench.consumers import member_registered_records


def test_each_record_is_a_member_registered_envelope_keyed_by_the_member() -> None:
    records = member_registered_records(3)
    assert len({key for key, _, _ in records}) == 3
    for key, value, headers in records:
        envelope = json.loads(value)
        assert envelope["event_type"] == "member.registered"
        assert envelope["aggregate_id"] == key.decode()
        named = dict(headers)
        assert named["event_type"] == b"member.registered"
        assert named["event_id"].decode() == envelope["event_id"]
