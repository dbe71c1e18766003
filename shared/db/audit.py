"""The audit trail's table (`audit_trail`, in every service's schema): written with the
change it records, read by staff per aggregate or per actor."""

from __future__ import annotations

from collections.abc import Sequence

import asyncpg

from shared.identity.actor import Actor
from shared.messaging.context import current_correlation_id
from shared.service.unit_of_work import AuditEntry

INSERT_AUDIT = """
INSERT INTO audit_trail
    (actor_kind, actor_id, action, aggregate_type, aggregate_id, event_id, correlation_id)
SELECT $1, $2, a.action, a.aggregate_type, a.aggregate_id, a.event_id, $3
FROM unnest($4::text[], $5::text[], $6::text[], $7::uuid[])
    AS a(action, aggregate_type, aggregate_id, event_id)
"""

LIST_AUDIT = """
SELECT id, occurred_at, actor_kind, actor_id, action, aggregate_type, aggregate_id, event_id,
       correlation_id
FROM audit_trail
WHERE ($1::text IS NULL OR aggregate_id = $1)
  AND ($2::text IS NULL OR actor_id = $2)
  AND ($3::text IS NULL OR aggregate_type = $3)
  AND ($4::bigint IS NULL OR id < $4)
ORDER BY id DESC
LIMIT $5
"""


async def record_audit(
    conn: asyncpg.Connection, actor: Actor, entries: Sequence[AuditEntry]
) -> None:
    if not entries:
        return
    await conn.execute(
        INSERT_AUDIT,
        actor.kind.value,
        actor.id,
        current_correlation_id(),
        [e.action for e in entries],
        [e.aggregate_type for e in entries],
        [e.aggregate_id for e in entries],
        [e.event_id for e in entries],
    )


async def list_audit(
    conn: asyncpg.Connection,
    *,
    aggregate_id: str | None = None,
    actor_id: str | None = None,
    aggregate_type: str | None = None,
    before: int | None = None,
    limit: int = 50,
) -> list[asyncpg.Record]:
    return await conn.fetch(LIST_AUDIT, aggregate_id, actor_id, aggregate_type, before, limit)
