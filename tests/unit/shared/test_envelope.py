import uuid

import pytest
from pydantic import ValidationError

from shared.contracts.catalogue import UnknownEventType, event_type, event_type_for
from shared.contracts.registry import MemberStatus, MemberStatusChanged
from shared.messaging.context import bind_correlation
from shared.messaging.envelope import RawEnvelope
from shared.messaging.outbox import envelope_for


def change() -> MemberStatusChanged:
    return MemberStatusChanged(
        member_id=uuid.uuid4(),
        version=2,
        previous_status=MemberStatus.PENDING,
        status=MemberStatus.ACTIVE,
    )


def test_envelope_carries_type_version_topic_and_the_current_correlation():
    correlation = uuid.uuid4()
    bind_correlation(correlation)
    data = change()
    topic, envelope = envelope_for("registry", str(data.member_id), data)
    assert topic == "registry.members.v1"
    assert envelope.event_type == "member.status_changed"
    assert envelope.event_version == 1
    assert envelope.correlation_id == correlation
    assert envelope.occurred_at.utcoffset() is not None
    assert envelope.occurred_at.isoformat().endswith("+07:00")


def test_envelope_round_trips_through_json():
    _, envelope = envelope_for("registry", "m-1", change())
    raw = RawEnvelope.model_validate_json(envelope.model_dump_json())
    assert raw.event_id == envelope.event_id
    assert MemberStatusChanged.model_validate(raw.data) == envelope.data


def test_naive_occurred_at_is_rejected():
    _, envelope = envelope_for("registry", "m-1", change())
    body = envelope.model_dump(mode="json") | {"occurred_at": "2026-11-21T09:30:00"}
    with pytest.raises(ValidationError):
        RawEnvelope.model_validate(body)


def test_unknown_event_version_is_reported():
    assert event_type("member.registered", 1).topic.name == "registry.members.v1"
    with pytest.raises(UnknownEventType):
        event_type("member.registered", 7)
    assert event_type_for(change()).name == "member.status_changed"
