"""The platform's topology in one place: services, their ports and schemas, the topics each
publishes and reads, and the consumer group of each subscription.

Everything else derives from this: each service's definition takes its topics from here, the
operator commands list groups from here, the one-machine stack starts what is listed here,
and tests check docker-compose.yml and the AsyncAPI documents against it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

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
    Topic,
)


def consumer_group(service: str, topic: Topic) -> str:
    """A subscription's group: the service and the topic without its version, e.g.
    `notifications.registry-members` for notifications reading registry.members.v1."""
    return f"{service}.{topic.name.rsplit('.', 1)[0].replace('.', '-')}"


@dataclass(frozen=True)
class ServiceSpec:
    name: str  # also its Postgres schema and role
    port: int
    app_factory: str  # "module:function" for uvicorn --factory
    publishes: tuple[Topic, ...]
    consumes: tuple[Topic, ...] = field(default_factory=tuple)

    @property
    def migrations(self) -> Path:
        return _ROOT / self.name / "migrations"

    @property
    def password_env(self) -> str:
        return f"{self.name.upper()}_DB_PASSWORD"

    def group(self, topic: Topic) -> str:
        return consumer_group(self.name, topic)

    @property
    def groups(self) -> dict[str, Topic]:
        """{consumer group: the topic it reads} of every subscription of the service."""
        return {self.group(topic): topic for topic in self.consumes}


_ROOT = Path(__file__).parent

REGISTRY = ServiceSpec(
    "registry",
    8001,
    "services.registry.app:create_app",
    publishes=(REGISTRY_MEMBERS, REGISTRY_PRODUCTS, REGISTRY_COMMUNITIES),
)
EVENTS = ServiceSpec(
    "events",
    8002,
    "services.events.app:create_app",
    publishes=(EVENTS_SHOWCASES, EVENTS_REGISTRATIONS),
    consumes=(REGISTRY_MEMBERS, REGISTRY_PRODUCTS),
)
SALES = ServiceSpec(
    "sales",
    8003,
    "services.sales.app:create_app",
    publishes=(SALES_TRANSACTIONS, SALES_SETTLEMENTS, SALES_ORDERS),
    consumes=(REGISTRY_MEMBERS, REGISTRY_PRODUCTS, EVENTS_SHOWCASES),
)
NOTIFICATIONS = ServiceSpec(
    "notifications",
    8004,
    "services.notifications.app:create_app",
    publishes=(NOTIFICATIONS_DELIVERIES,),
    consumes=(
        REGISTRY_MEMBERS,
        REGISTRY_PRODUCTS,
        EVENTS_SHOWCASES,
        EVENTS_REGISTRATIONS,
        SALES_TRANSACTIONS,
        SALES_SETTLEMENTS,
        SALES_ORDERS,
    ),
)

SERVICES: tuple[ServiceSpec, ...] = (REGISTRY, EVENTS, SALES, NOTIFICATIONS)

# The web front: staff accounts and sessions in its own schema, the staff console under
# /console and the public pages under /. It publishes and reads no topic: it calls the
# services' HTTP APIs, on a staff member's behalf with a staff token it signs.
WEB = ServiceSpec("web", 8005, "services.web.app:create_app", publishes=())

# Every process the platform deploys, in start order (the web front last: it calls the rest).
DEPLOYABLES: tuple[ServiceSpec, ...] = (*SERVICES, WEB)


def service(name: str) -> ServiceSpec:
    """A deployable by name: one of the four services or the web front."""
    for spec in DEPLOYABLES:
        if spec.name == name:
            return spec
    known = ", ".join(s.name for s in DEPLOYABLES)
    raise KeyError(f"unknown service {name!r} (known: {known})")


def consumer_groups() -> dict[str, Topic]:
    """{consumer group: topic} of every subscription on the platform."""
    return {group: topic for spec in SERVICES for group, topic in spec.groups.items()}
