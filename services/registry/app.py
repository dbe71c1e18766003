"""The member registry service: its definition and the ASGI app factory."""

from __future__ import annotations

from fastapi import FastAPI

from services import topology
from services.registry.adapters.unit_of_work import PostgresRegistryUnitOfWork
from services.registry.entrypoints import (
    communities,
    members,
    personal_data,
    products,
    public_communities,
    roles,
)
from services.registry.service_layer.community_handlers import COMMUNITY_COMMANDS
from services.registry.service_layer.handlers import COMMANDS
from shared.http.app import build_app
from shared.logging import configure_logging
from shared.service.definition import ServiceDefinition
from shared.settings import ServiceSettings

DEFINITION = ServiceDefinition(
    topology=topology.REGISTRY,
    title="OTOP member registry",
    description=(
        "Members (OTOP producers and entrepreneurs), their products with star ratings and "
        "development segments, network roles, and OTOP Nawatwithi tourism communities. "
        "Publishes registry.members.v1, registry.products.v1 and registry.communities.v1."
    ),
    routers=[
        members.router,
        products.router,
        roles.router,
        personal_data.router,
        communities.router,
        public_communities.router,
    ],
    unit_of_work=PostgresRegistryUnitOfWork,
    commands={**COMMANDS, **COMMUNITY_COMMANDS},
)


def create_app(settings: ServiceSettings | None = None) -> FastAPI:
    settings = settings or ServiceSettings()  # type: ignore[call-arg]
    configure_logging(settings.log_level, settings.log_format, service=DEFINITION.name)
    return build_app(DEFINITION, settings)
