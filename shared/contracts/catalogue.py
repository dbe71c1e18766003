"""The catalogue of topics and event types: which `data` model each (type, version) uses."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from shared.contracts import registry


@dataclass(frozen=True)
class Topic:
    name: str
    producer: str
    description: str
    key: str

    @property
    def dlq(self) -> str:
        return dlq_topic(self.name)


@dataclass(frozen=True)
class EventType:
    name: str
    version: int
    topic: Topic
    data: type[BaseModel]
    description: str


def dlq_topic(topic: str) -> str:
    return f"{topic}.dlq"


REGISTRY_MEMBERS = Topic(
    "registry.members.v1",
    producer="registry",
    description="Members of the network: registration, changes, status, network roles.",
    key="member id",
)
REGISTRY_PRODUCTS = Topic(
    "registry.products.v1",
    producer="registry",
    description="Members' products: listing, changes, delisting, star ratings, segments.",
    key="product id",
)
EVENTS_SHOWCASES = Topic(
    "events.showcases.v1", "events", "Showcases, fairs, trainings: lifecycle.", "event id"
)
EVENTS_REGISTRATIONS = Topic(
    "events.registrations.v1", "events", "Registrations, booths, attendance.", "registration id"
)
SALES_TRANSACTIONS = Topic(
    "sales.transactions.v1", "sales", "Sales, refunds, voids, daily summaries.", "sale id"
)
SALES_SETTLEMENTS = Topic(
    "sales.settlements.v1", "sales", "Consignment settlements per producer.", "producer id"
)
NOTIFICATIONS_DELIVERIES = Topic(
    "notifications.deliveries.v1", "notifications", "Delivery outcomes.", "delivery id"
)

TOPICS: tuple[Topic, ...] = (
    REGISTRY_MEMBERS,
    REGISTRY_PRODUCTS,
    EVENTS_SHOWCASES,
    EVENTS_REGISTRATIONS,
    SALES_TRANSACTIONS,
    SALES_SETTLEMENTS,
    NOTIFICATIONS_DELIVERIES,
)

EVENT_TYPES: tuple[EventType, ...] = (
    EventType(
        "member.registered",
        1,
        REGISTRY_MEMBERS,
        registry.MemberRegistered,
        "A producer joined the network (pending).",
    ),
    EventType(
        "member.updated",
        1,
        REGISTRY_MEMBERS,
        registry.MemberUpdated,
        "A member's details changed.",
    ),
    EventType(
        "member.status_changed",
        1,
        REGISTRY_MEMBERS,
        registry.MemberStatusChanged,
        "A member was activated, suspended or withdrawn.",
    ),
    EventType(
        "role.assigned",
        1,
        REGISTRY_MEMBERS,
        registry.RoleAssigned,
        "A member's person took a network role for an area and term.",
    ),
    EventType(
        "product.listed",
        1,
        REGISTRY_PRODUCTS,
        registry.ProductListed,
        "A product entered the catalogue.",
    ),
    EventType(
        "product.updated",
        1,
        REGISTRY_PRODUCTS,
        registry.ProductUpdated,
        "A product's details, price or segment changed.",
    ),
    EventType(
        "product.delisted",
        1,
        REGISTRY_PRODUCTS,
        registry.ProductDelisted,
        "A product left the catalogue.",
    ),
    EventType(
        "product.rated",
        1,
        REGISTRY_PRODUCTS,
        registry.ProductRated,
        "A product got its star rating for a selection round.",
    ),
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
