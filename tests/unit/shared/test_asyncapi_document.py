import json

from shared.asyncapi import DOCUMENT, build_specification, render
from shared.contracts.catalogue import EVENT_TYPES, TOPICS


def test_committed_asyncapi_document_matches_the_contracts_in_code():
    assert DOCUMENT.exists(), "docs/asyncapi.json is missing: run `otop asyncapi`"
    assert DOCUMENT.read_text("utf-8") == render(), (
        "docs/asyncapi.json is out of date with shared/contracts: run `otop asyncapi`"
    )


def test_document_describes_every_event_type_and_dead_letter_topic():
    document = build_specification()
    channels = document["channels"]
    for event in EVENT_TYPES:
        key = f"{event.topic.name}:{event.name}.v{event.version}"
        assert channels[key]["address"] == event.topic.name
    for topic in TOPICS:
        assert channels[f"{topic.dlq}:dead-letter"]["address"] == topic.dlq


def test_event_schemas_carry_the_envelope_and_their_data_model():
    schemas = build_specification()["components"]["schemas"]
    registered = schemas["MemberRegisteredV1Event"]
    assert {
        "event_id",
        "event_type",
        "event_version",
        "occurred_at",
        "producer",
        "aggregate_id",
        "correlation_id",
        "causation_id",
        "data",
    } <= set(registered["properties"])
    price = schemas["ProductListed"]["properties"]["price"]
    assert price["type"] == "string", json.dumps(price)
