"""The events service: the network's calendar, registrations, booths and attendance."""

from __future__ import annotations

from fastapi import FastAPI

from services import topology
from services.events.adapters.unit_of_work import PostgresEventsUnitOfWork
from services.events.entrypoints import (
    attendance_api,
    calendar,
    events_api,
    members_api,
    project_api,
    public_calendar,
    registrations_api,
    trainings_api,
)
from services.events.service_layer import (
    commands,
    event_handlers,
    registration_handlers,
    training_handlers,
)
from services.events.service_layer.registry_events import MEMBER_HANDLERS, PRODUCT_HANDLERS
from shared.contracts.topics import REGISTRY_MEMBERS, REGISTRY_PRODUCTS
from shared.http.app import build_app
from shared.logging import configure_logging
from shared.service.definition import ServiceDefinition
from shared.settings import ServiceSettings

DEFINITION = ServiceDefinition(
    topology=topology.EVENTS,
    title="OTOP showcase events",
    description=(
        "The network's calendar of showcases, fairs, trainings, workshops and development "
        "projects: registrations with quotas and waitlist, booths, attendance, and an "
        "iCalendar feed. Reads registry.members.v1 and registry.products.v1; publishes "
        "events.showcases.v1 and events.registrations.v1."
    ),
    routers=[
        events_api.router,
        registrations_api.router,
        attendance_api.router,
        members_api.router,
        calendar.router,
        public_calendar.router,
        project_api.router,
        trainings_api.router,
    ],
    unit_of_work=PostgresEventsUnitOfWork,
    handlers={REGISTRY_MEMBERS: MEMBER_HANDLERS, REGISTRY_PRODUCTS: PRODUCT_HANDLERS},
    commands={
        commands.PlanEvent: event_handlers.plan_event,
        commands.UpdateEvent: event_handlers.update_event,
        commands.PublishEvent: event_handlers.publish_event,
        commands.CancelEvent: event_handlers.cancel_event,
        commands.CloseEvent: event_handlers.close_event,
        commands.RegisterForEvent: registration_handlers.register_for_event,
        commands.ApproveRegistration: registration_handlers.approve_registration,
        commands.RejectRegistration: registration_handlers.reject_registration,
        commands.CancelRegistration: registration_handlers.cancel_registration,
        commands.AssignBooth: registration_handlers.assign_booth,
        commands.CheckIn: registration_handlers.check_in,
        **training_handlers.COMMANDS,
    },
)


def create_app(settings: ServiceSettings | None = None) -> FastAPI:
    settings = settings or ServiceSettings()  # type: ignore[call-arg]
    configure_logging(settings.log_level, settings.log_format, service=DEFINITION.name)
    return build_app(DEFINITION, settings)
