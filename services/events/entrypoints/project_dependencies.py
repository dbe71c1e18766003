"""What the development projects' routes take: their command bus and the project's event."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

import asyncpg
from fastapi import APIRouter, Depends

from services.events.adapters import views
from services.events.adapters.project_unit_of_work import PostgresProjectsUnitOfWork
from services.events.domain.event import Event
from services.events.service_layer import grant_handlers, project_commands, project_handlers
from shared.contracts.events import EventKind
from shared.errors import NotFound
from shared.http.auth import require_staff
from shared.http.dependencies import runtime
from shared.messaging.bus import CommandBus
from shared.service.runtime import Runtime

# The projects' routes (project_api, grant_api) on one router the app includes.
router = APIRouter(
    prefix="/v1/projects", dependencies=[Depends(require_staff)], tags=["development projects"]
)

HANDLERS: dict[type[Any], Any] = {
    project_commands.SetSelectionRules: project_handlers.set_selection_rules,
    project_commands.SelectParticipants: project_handlers.select_participants,
    project_commands.RecordPlan: project_handlers.record_plan,
    project_commands.AllocateGrant: grant_handlers.allocate_grant,
    project_commands.DisburseGrant: grant_handlers.disburse_grant,
    project_commands.NominateProduct: grant_handlers.nominate_product,
}


async def project_bus(rt: Annotated[Runtime, Depends(runtime)]) -> CommandBus[Any]:
    return CommandBus(lambda: PostgresProjectsUnitOfWork(rt.pool), HANDLERS)


ProjectBus = Annotated[CommandBus[Any], Depends(project_bus)]


async def project_pool(rt: Annotated[Runtime, Depends(runtime)]) -> asyncpg.Pool:
    """For the answer read once a command's own transaction ended: a route never holds a
    read connection while its command waits for one (many at once would exhaust the pool)."""
    return rt.pool


Pool = Annotated[asyncpg.Pool, Depends(project_pool)]


async def project_of(conn: asyncpg.Connection, event_id: uuid.UUID) -> Event:
    event = await views.get_event(conn, event_id)
    if event is None or event.kind is not EventKind.DEVELOPMENT_PROJECT:
        raise NotFound(f"there is no development project {event_id}")
    return event
