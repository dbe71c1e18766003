"""The members as the registry last described them, read from the copy kept here (see
`registry_copy`): their status, products and network roles, for eligibility and quotas."""

from __future__ import annotations

import uuid
from datetime import date

import asyncpg

from services.events.domain.members import ListedProduct, MemberProfile
from shared.contracts.registry import (
    DevelopmentSegment,
    MemberStatus,
    MemberType,
    NetworkRole,
    ProductCategory,
)

SELECT_MEMBER = "SELECT * FROM members WHERE member_id = $1"
HOLD_MEMBER = "SELECT 1 FROM members WHERE member_id = $1 FOR SHARE"
SELECT_LISTED_PRODUCTS = """
SELECT category, segment, stars FROM products
WHERE member_id = $1 AND status = 'listed'
ORDER BY product_id
"""
SELECT_ROLES_ON = """
SELECT role, district_code FROM member_roles
WHERE member_id = $1 AND term_start <= $2 AND $2 < term_end
ORDER BY role, district_code
"""


class PostgresMemberDirectory:
    def __init__(self, conn: asyncpg.Connection) -> None:
        self._conn = conn

    async def profile(self, member_id: uuid.UUID, on: date) -> MemberProfile | None:
        return await member_profile(self._conn, member_id, on)

    async def hold(self, member_id: uuid.UUID) -> None:
        await self._conn.execute(HOLD_MEMBER, member_id)


async def member_profile(
    conn: asyncpg.Connection, member_id: uuid.UUID, on: date
) -> MemberProfile | None:
    """The member as last described by the registry; None until its details are known."""
    row = await conn.fetchrow(SELECT_MEMBER, member_id)
    if row is None or row["member_type"] is None or row["status"] is None:
        return None
    products = [
        ListedProduct(
            category=ProductCategory(p["category"]) if p["category"] else None,
            segment=DevelopmentSegment(p["segment"]) if p["segment"] else None,
            stars=p["stars"],
        )
        for p in await conn.fetch(SELECT_LISTED_PRODUCTS, member_id)
    ]
    held = await conn.fetch(SELECT_ROLES_ON, member_id, on)
    roles = frozenset(NetworkRole(r["role"]) for r in held)
    districts = frozenset(r["district_code"] for r in held if r["district_code"])
    return MemberProfile(
        member_id=row["member_id"],
        member_type=MemberType(row["member_type"]),
        status=MemberStatus(row["status"]),
        province_code=row["province_code"],
        name_th=row["name_th"],
        products=tuple(products),
        roles=roles,
        districts=districts,
    )
