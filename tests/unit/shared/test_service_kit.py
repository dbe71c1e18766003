"""The service kit: handler tables keyed by contract class, checked against the topology;
the command bus; the topology as the one place for topics and groups."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel

from services import topology
from shared.asyncapi import build_specification
from shared.contracts.catalogue import (
    EVENTS_REGISTRATIONS,
    REGISTRY_MEMBERS,
    REGISTRY_PRODUCTS,
    TOPICS,
)
from shared.contracts.events import EventPublished, RegistrationConfirmed
from shared.contracts.registry import MemberRegistered, ProductRated
from shared.messaging.bus import CommandBus, check_handlers, declared_type
from shared.service.definition import BackgroundJob, ServiceDefinition


async def _handler(data: Any, metadata: Any, uow: Any) -> None:
    return None


def test_a_handler_table_names_contract_classes_of_its_topic():
    check_handlers(REGISTRY_MEMBERS, {MemberRegistered: _handler})
    with pytest.raises(TypeError, match=r"ProductRated .* is published on registry\.products\.v1"):
        check_handlers(REGISTRY_MEMBERS, {ProductRated: _handler})


def test_a_class_that_is_no_event_type_cannot_be_handled():
    class Gossip(BaseModel):
        text: str

    with pytest.raises(TypeError, match="Gossip is not the data class of any declared event"):
        check_handlers(REGISTRY_MEMBERS, {Gossip: _handler})


def test_every_event_type_has_its_own_contract_class():
    assert declared_type(MemberRegistered).name == "member.registered"
    assert declared_type(EventPublished).name == "event.published"


def _definition(**changes: Any) -> ServiceDefinition:
    return ServiceDefinition(
        topology=topology.SALES,
        title="t",
        description="d",
        routers=[],
        unit_of_work=lambda *a, **k: None,
        **changes,
    )


def test_a_service_handles_only_the_topics_the_topology_gives_it():
    _definition(handlers={REGISTRY_PRODUCTS: {}})
    with pytest.raises(ValueError, match=r"events\.registrations\.v1"):
        _definition(handlers={EVENTS_REGISTRATIONS: {RegistrationConfirmed: _handler}})


def test_a_service_wakes_only_jobs_it_has():
    async def start(runtime: Any) -> Any:
        return None

    job = BackgroundJob("daily", "daily job", "daily_job", start, idle_seconds=lambda s: 1.0)
    _definition(jobs=(job,), wakes=("daily",))
    with pytest.raises(ValueError, match="wakes jobs it does not have"):
        _definition(jobs=(job,), wakes=("deliveries",))


def test_a_job_cannot_take_the_name_of_a_readiness_check_every_service_has():
    async def start(runtime: Any) -> Any:
        return None

    job = BackgroundJob("daily", "daily job", "database", start, idle_seconds=lambda s: 1.0)
    with pytest.raises(ValueError, match="would replace the readiness checks"):
        _definition(jobs=(job,))


class Greet(BaseModel):
    name: str


class Part(BaseModel):
    name: str


async def test_the_command_bus_runs_the_handler_of_the_command_class_with_a_fresh_unit_of_work():
    made: list[object] = []

    def unit_of_work() -> object:
        made.append(object())
        return made[-1]

    async def greet(cmd: Greet, uow: object) -> str:
        return f"hello {cmd.name} in {made.index(uow)}"

    bus = CommandBus(unit_of_work, {Greet: greet})
    assert await bus.handle(Greet(name="a")) == "hello a in 0"
    assert await bus.handle(Greet(name="b")) == "hello b in 1"
    with pytest.raises(LookupError, match="no handler takes Part"):
        await bus.handle(Part(name="c"))


def test_each_topic_is_published_by_the_one_service_the_catalogue_names():
    for topic in TOPICS:
        publishers = [s.name for s in topology.SERVICES if topic in s.publishes]
        assert publishers == [topic.producer], topic.name


def test_consumer_groups_derive_from_service_and_topic_and_are_unique():
    groups = topology.consumer_groups()
    assert groups["notifications.registry-members"] is REGISTRY_MEMBERS
    assert groups["sales.registry-products"] is REGISTRY_PRODUCTS
    assert groups["events.registry-members"] is REGISTRY_MEMBERS
    assert len(groups) == sum(len(s.consumes) for s in topology.SERVICES)


def test_the_asyncapi_document_has_a_channel_for_every_topic_of_the_topology():
    addresses = {c["address"] for c in build_specification()["channels"].values()}
    for spec in topology.SERVICES:
        for topic in (*spec.publishes, *spec.consumes):
            assert topic.name in addresses
            assert topic.dlq in addresses
