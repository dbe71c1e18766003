"""The notifications service: its definition and the ASGI app factory.

Consumers keep the contacts, registrations and reminder schedule and queue deliveries
(waking the delivery loop); two background jobs send due deliveries and due reminders.
"""

from __future__ import annotations

from fastapi import FastAPI

from services import topology
from services.notifications.adapters.unit_of_work import PostgresNotificationsUnitOfWork
from services.notifications.entrypoints.api import router as api_router
from services.notifications.entrypoints.workers import DELIVERIES, JOBS
from services.notifications.service_layer import (
    consignment_events,
    member_events,
    order_events,
    product_events,
    project_events,
    registration_events,
    sales_events,
    showcase_events,
)
from services.notifications.service_layer.handlers import COMMANDS
from services.notifications.settings import NotificationSettings
from shared.contracts.topics import (
    EVENTS_REGISTRATIONS,
    EVENTS_SHOWCASES,
    REGISTRY_MEMBERS,
    REGISTRY_PRODUCTS,
    SALES_ORDERS,
    SALES_SETTLEMENTS,
    SALES_TRANSACTIONS,
)
from shared.http.app import build_app
from shared.logging import configure_logging
from shared.service.definition import ServiceDefinition

DEFINITION = ServiceDefinition(
    topology=topology.NOTIFICATIONS,
    title="OTOP notifications",
    description=(
        "Tells members what matters to them, in Thai by default, on the channels they chose "
        "(LINE, e-mail, SMS) and sends signed copies to partner webhooks; tells the customers "
        "of the shop's online orders of each change; tells members of their development "
        "projects' grants, plans and KBO nominations and of their training certificates. "
        "Reads the registry, events and sales "
        "topics; publishes notifications.deliveries.v1."
    ),
    routers=[api_router],
    unit_of_work=PostgresNotificationsUnitOfWork,
    handlers={
        REGISTRY_MEMBERS: member_events.HANDLERS,
        REGISTRY_PRODUCTS: product_events.HANDLERS,
        EVENTS_SHOWCASES: {**showcase_events.HANDLERS, **project_events.HANDLERS},
        EVENTS_REGISTRATIONS: registration_events.HANDLERS,
        SALES_TRANSACTIONS: sales_events.TRANSACTION_HANDLERS,
        SALES_SETTLEMENTS: {
            **sales_events.SETTLEMENT_HANDLERS,
            **consignment_events.HANDLERS,
        },
        SALES_ORDERS: order_events.HANDLERS,
    },
    commands=COMMANDS,
    jobs=JOBS,
    wakes=(DELIVERIES.name,),
)


def create_app(settings: NotificationSettings | None = None) -> FastAPI:
    settings = settings or NotificationSettings()  # type: ignore[call-arg]
    configure_logging(settings.log_level, settings.log_format, service=DEFINITION.name)
    return build_app(DEFINITION, settings)
