"""The read model of producers' names (registry.members.v1) in Postgres, kept by the platform's
rule for read models (`shared.db.versioned.versioned_upsert`)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

import asyncpg

from services.sales.domain.producers import ProducerNames, snapshot_replaces_names
from shared.db.versioned import versioned_upsert

KNOWN = "SELECT version, erased_at FROM producers WHERE member_id = $1"
MARK_ERASED = """
UPDATE producers SET erased_at = coalesce(erased_at, $2), updated_at = now()
WHERE member_id = $1
"""
NAMES = "SELECT member_id, name_th, name_en FROM producers WHERE member_id = ANY($1::uuid[])"
DISTRICT = "SELECT district_code FROM producers WHERE member_id = $1"


class PostgresProducerRepository:
    def __init__(self, conn: asyncpg.Connection) -> None:
        self._conn = conn

    async def keep(self, names: ProducerNames) -> None:
        values: dict[str, Any] = {
            "name_th": names.name_th,
            "name_en": names.name_en,
            "district_code": names.district_code,
        }
        known = await self._conn.fetchrow(KNOWN, names.member_id)
        if known is not None and not snapshot_replaces_names(
            erased=known["erased_at"] is not None, newer=names.version > known["version"]
        ):
            values = {}
        await versioned_upsert(
            self._conn,
            "producers",
            key={"member_id": names.member_id},
            version=names.version,
            values=values,
        )
        if names.erased_at is not None:
            await self._conn.execute(MARK_ERASED, names.member_id, names.erased_at)

    async def district(self, member_id: uuid.UUID) -> str | None:
        """The district of the producer's site, when known."""
        found: str | None = await self._conn.fetchval(DISTRICT, member_id)
        return found

    async def names(
        self, member_ids: Iterable[uuid.UUID]
    ) -> dict[uuid.UUID, tuple[str | None, str | None]]:
        """member id → (name_th, name_en), for the producers known here."""
        rows = await self._conn.fetch(NAMES, sorted(set(member_ids)))
        return {r["member_id"]: (r["name_th"], r["name_en"]) for r in rows}
