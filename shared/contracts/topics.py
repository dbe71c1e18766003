"""Topics and event types: the vocabulary every contract module declares its events in."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel


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
REGISTRY_COMMUNITIES = Topic(
    "registry.communities.v1",
    producer="registry",
    description="OTOP Nawatwithi tourism communities: their story, places, producers, photos.",
    key="community id",
)
REGISTRY_PRODUCTS = Topic(
    "registry.products.v1",
    producer="registry",
    description="Members' products: listing, changes, delisting, star ratings, segments.",
    key="product id",
)
EVENTS_SHOWCASES = Topic(
    "events.showcases.v1",
    producer="events",
    description="Showcases, fairs, trainings, workshops, development projects: lifecycle.",
    key="event id",
)
EVENTS_REGISTRATIONS = Topic(
    "events.registrations.v1",
    producer="events",
    description="Members' registrations for events: confirmation, waitlist, booths, check-in.",
    key="registration id",
)
SALES_TRANSACTIONS = Topic(
    "sales.transactions.v1",
    producer="sales",
    description="Sales, refunds and voids from the terminals; daily summaries per producer.",
    key="sale id (daily summaries: producer id)",
)
SALES_SETTLEMENTS = Topic(
    "sales.settlements.v1",
    producer="sales",
    description=(
        "Consignment with producers: the shop's assortment decisions, stock delivered and "
        "returned, stock counts and alerts, and settlements (what each producer is paid)."
    ),
    key="producer id",
)
SALES_ORDERS = Topic(
    "sales.orders.v1",
    producer="sales",
    description="The shop's online orders: placed, paid, packed, picked up or shipped, "
    "completed, cancelled, expired.",
    key="order id",
)
NOTIFICATIONS_DELIVERIES = Topic(
    "notifications.deliveries.v1",
    producer="notifications",
    description="Outcomes of notifications to members: sent or failed, by channel.",
    key="delivery id",
)

TOPICS: tuple[Topic, ...] = (
    REGISTRY_MEMBERS,
    REGISTRY_PRODUCTS,
    REGISTRY_COMMUNITIES,
    EVENTS_SHOWCASES,
    EVENTS_REGISTRATIONS,
    SALES_TRANSACTIONS,
    SALES_SETTLEMENTS,
    SALES_ORDERS,
    NOTIFICATIONS_DELIVERIES,
)
