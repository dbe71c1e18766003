"""`GET /v1/audit`: the service's audit trail, newest first, for any staff member.

Filtered by the aggregate (a member's, an event's, a settlement's id), the actor (a staff
account's id) or the aggregate's type; pages by `before` (the last row's id)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

import asyncpg
from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel

from shared.db.audit import list_audit
from shared.http.auth import require_staff
from shared.http.dependencies import read_connection


class AuditActor(BaseModel):
    kind: Literal["staff", "operator"]
    id: str


class AuditRecord(BaseModel):
    id: int
    occurred_at: datetime
    actor: AuditActor
    action: str
    aggregate_type: str
    aggregate_id: str
    event_id: uuid.UUID | None
    correlation_id: uuid.UUID


class AuditPage(BaseModel):
    items: list[AuditRecord]
    next_before: int | None


router = APIRouter(prefix="/v1", tags=["audit"], dependencies=[Depends(require_staff)])


@router.get("/audit", response_model=AuditPage, summary="The audit trail, newest first")
async def audit_trail(
    conn: Annotated[asyncpg.Connection, Depends(read_connection)],
    aggregate_id: Annotated[str | None, Query(min_length=1, max_length=100)] = None,
    actor_id: Annotated[str | None, Query(min_length=1, max_length=100)] = None,
    aggregate_type: Annotated[str | None, Query(min_length=1, max_length=50)] = None,
    before: Annotated[int | None, Query(ge=1, le=2**62)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> AuditPage:
    rows = await list_audit(
        conn,
        aggregate_id=aggregate_id,
        actor_id=actor_id,
        aggregate_type=aggregate_type,
        before=before,
        limit=limit,
    )
    items = [
        AuditRecord(
            id=r["id"],
            occurred_at=r["occurred_at"],
            actor=AuditActor(kind=r["actor_kind"], id=r["actor_id"]),
            action=r["action"],
            aggregate_type=r["aggregate_type"],
            aggregate_id=r["aggregate_id"],
            event_id=r["event_id"],
            correlation_id=r["correlation_id"],
        )
        for r in rows
    ]
    return AuditPage(items=items, next_before=items[-1].id if len(items) == limit else None)
