"""The catalogue of topics and event types: which `data` model each (type, version) uses."""

from __future__ import annotations

from pydantic import BaseModel

from shared.contracts import (
    communities,
    consignment,
    development,
    events,
    notifications,
    orders,
    registry,
    sales,
    trainings,
)
from shared.contracts.topics import (
    EVENTS_REGISTRATIONS,
    EVENTS_SHOWCASES,
    NOTIFICATIONS_DELIVERIES,
    REGISTRY_COMMUNITIES,
    REGISTRY_MEMBERS,
    REGISTRY_PRODUCTS,
    SALES_ORDERS,
    SALES_SETTLEMENTS,
    SALES_TRANSACTIONS,
    TOPICS,
    EventType,
    Topic,
    dlq_topic,
)

__all__ = [
    "EVENTS_REGISTRATIONS",
    "EVENTS_SHOWCASES",
    "EVENT_TYPES",
    "NOTIFICATIONS_DELIVERIES",
    "REGISTRY_COMMUNITIES",
    "REGISTRY_MEMBERS",
    "REGISTRY_PRODUCTS",
    "SALES_ORDERS",
    "SALES_SETTLEMENTS",
    "SALES_TRANSACTIONS",
    "TOPICS",
    "EventType",
    "Topic",
    "UnknownEventType",
    "dlq_topic",
    "event_type",
    "event_type_for",
    "topic_named",
]


EVENT_TYPES: tuple[EventType, ...] = (
    registry.EVENT_TYPES
    + communities.EVENT_TYPES
    + events.EVENT_TYPES
    + trainings.EVENT_TYPES
    + development.EVENT_TYPES
    + sales.EVENT_TYPES
    + consignment.EVENT_TYPES
    + orders.EVENT_TYPES
    + notifications.EVENT_TYPES
)

_BY_KEY = {(e.name, e.version): e for e in EVENT_TYPES}


class UnknownEventType(LookupError):
    pass


def event_type(name: str, version: int) -> EventType:
    try:
        return _BY_KEY[(name, version)]
    except KeyError:
        raise UnknownEventType(f"unknown event type {name} v{version}") from None


def event_type_for(data: BaseModel) -> EventType:
    for candidate in EVENT_TYPES:
        if type(data) is candidate.data:
            return candidate
    raise UnknownEventType(f"no event type is declared for {type(data).__name__}")


def topic_named(name: str) -> Topic:
    for topic in TOPICS:
        if topic.name == name:
            return topic
    raise LookupError(f"unknown topic {name}")
