"""The copy of the registry's members, products and network roles, kept from its events.

Members and products follow the platform's one rule for read models (`versioned_upsert`): a
newer version replaces what its event carries, an older one (a late or repeated delivery)
only fills columns still unknown, so events arriving twice or out of order never roll the
copy back. Roles are facts that never change: each is recorded once.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import asyncpg

from services.events.domain.members import snapshot_replaces_names
from shared.contracts.registry import (
    MemberSnapshot,
    MemberStatus,
    MemberStatusChanged,
    ProductRated,
    ProductSnapshot,
    RoleAssigned,
)
from shared.db.versioned import versioned_upsert

SELECT_MEMBER_VERSION = "SELECT version, erased_at FROM members WHERE member_id = $1"
SELECT_MEMBER_STATUS = "SELECT status FROM members WHERE member_id = $1"
MARK_MEMBER_ERASED = """
UPDATE members SET erased_at = coalesce(erased_at, $2), updated_at = now()
WHERE member_id = $1
"""
ADD_RATING = """
INSERT INTO product_ratings (product_id, version, round_year, stars, current_stars, rated_on)
VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (product_id, version) DO NOTHING
"""
ADD_ROLE = """
INSERT INTO member_roles (assignment_id, member_id, role, province_code, district_code,
                          term_start, term_end)
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (assignment_id) DO NOTHING
"""


class PostgresRegistryCopy:
    def __init__(self, conn: asyncpg.Connection) -> None:
        self._conn = conn

    async def record_member(self, member: MemberSnapshot) -> None:
        values: dict[str, Any] = {
            "member_type": member.member_type.value,
            "status": member.status.value,
            "province_code": member.site.province_code,
            "name_th": member.name_th,
            "name_en": member.name_en,
        }
        known = await self._conn.fetchrow(SELECT_MEMBER_VERSION, member.member_id)
        if known is not None and not snapshot_replaces_names(
            erased=known["erased_at"] is not None, newer=member.version > known["version"]
        ):
            del values["name_th"], values["name_en"]
        await self._member(member.member_id, member.version, values)

    async def record_erasure(self, member_id: uuid.UUID, erased_at: datetime) -> None:
        await self._conn.execute(MARK_MEMBER_ERASED, member_id, erased_at)

    async def record_status(self, change: MemberStatusChanged) -> None:
        await self._member(change.member_id, change.version, {"status": change.status.value})

    async def status_of(self, member_id: uuid.UUID) -> MemberStatus | None:
        status = await self._conn.fetchval(SELECT_MEMBER_STATUS, member_id)
        return MemberStatus(status) if status is not None else None

    async def record_role(self, role: RoleAssigned) -> None:
        await self._conn.execute(
            ADD_ROLE,
            role.assignment_id,
            role.member_id,
            role.role.value,
            role.province_code,
            role.district_code,
            role.term_start,
            role.term_end,
        )

    async def record_product(self, product: ProductSnapshot) -> None:
        values = {
            "member_id": product.member_id,
            "sku": product.sku,
            "name_th": product.name_th,
            "category": product.category.value,
            "segment": product.segment.value if product.segment else None,
            "stars": product.stars,
            "status": product.status.value,
        }
        await self._product(product.product_id, product.version, values)

    async def record_rating(self, rating: ProductRated) -> None:
        values = {"member_id": rating.member_id, "stars": rating.current_stars}
        await self._product(rating.product_id, rating.version, values)
        # Every rating is kept with when it came: a project's outcome is read from them.
        await self._conn.execute(
            ADD_RATING,
            rating.product_id,
            rating.version,
            rating.round_year,
            rating.stars,
            rating.current_stars,
            rating.rated_on,
        )

    async def _member(self, member_id: uuid.UUID, version: int, values: dict[str, Any]) -> None:
        await versioned_upsert(
            self._conn, "members", key={"member_id": member_id}, version=version, values=values
        )

    async def _product(self, product_id: uuid.UUID, version: int, values: dict[str, Any]) -> None:
        await versioned_upsert(
            self._conn, "products", key={"product_id": product_id}, version=version, values=values
        )
