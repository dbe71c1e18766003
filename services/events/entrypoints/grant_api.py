"""Staff routes of a development project's grants: allocate within the budget, disburse
with the approving account recorded, list with what remains."""

from __future__ import annotations

import uuid

import asyncpg
from fastapi import Response

from services.events.adapters import project_views
from services.events.entrypoints.dependencies import Db
from services.events.entrypoints.project_dependencies import Pool, ProjectBus, project_of, router
from services.events.entrypoints.project_schemas import GrantListOut, GrantOut
from services.events.service_layer import project_commands
from shared.errors import NotFound


async def _grant(conn: asyncpg.Connection, event_id: uuid.UUID, grant_id: uuid.UUID) -> GrantOut:
    for found in await project_views.grants(conn, event_id):
        if found["grant"]["grant_id"] == grant_id:
            return GrantOut.of(found)
    raise NotFound(f"the project has no grant {grant_id}")


@router.get("/{event_id}/grants", response_model=GrantListOut)
async def list_grants(event_id: uuid.UUID, conn: Db) -> GrantListOut:
    await project_of(conn, event_id)
    return GrantListOut(items=[GrantOut.of(g) for g in await project_views.grants(conn, event_id)])


@router.post("/{event_id}/grants", status_code=201, response_model=GrantOut)
async def allocate_grant(
    event_id: uuid.UUID,
    body: project_commands.Allocation,
    bus: ProjectBus,
    pool: Pool,
    response: Response,
) -> GrantOut:
    grant_id = await bus.handle(project_commands.AllocateGrant(event_id=event_id, allocation=body))
    response.headers["Location"] = f"/v1/projects/{event_id}/grants/{grant_id}"
    async with pool.acquire() as conn:
        return await _grant(conn, event_id, grant_id)


@router.get("/{event_id}/grants/{grant_id}", response_model=GrantOut)
async def get_grant(event_id: uuid.UUID, grant_id: uuid.UUID, conn: Db) -> GrantOut:
    await project_of(conn, event_id)
    return await _grant(conn, event_id, grant_id)


@router.post(
    "/{event_id}/grants/{grant_id}/disbursements", status_code=201, response_model=GrantOut
)
async def disburse_grant(
    event_id: uuid.UUID,
    grant_id: uuid.UUID,
    body: project_commands.Payment,
    bus: ProjectBus,
    pool: Pool,
) -> GrantOut:
    await bus.handle(
        project_commands.DisburseGrant(event_id=event_id, grant_id=grant_id, payment=body)
    )
    async with pool.acquire() as conn:
        return await _grant(conn, event_id, grant_id)
