"""The read model of the registry's members, products and network roles (plain SQL).

Each row keeps the version of the last event applied. A newer event overwrites what it
carries; an older one (a late or repeated delivery) only fills columns still unknown, so
events arriving twice or out of order never roll the model back.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

import asyncpg

from services.events.domain.members import ListedProduct, MemberProfile
from shared.contracts.registry import (
    DevelopmentSegment,
    MemberSnapshot,
    MemberStatus,
    MemberStatusChanged,
    MemberType,
    NetworkRole,
    ProductCategory,
    ProductRated,
    ProductSnapshot,
    RoleAssigned,
)

APPLY_MEMBER_SNAPSHOT = """
INSERT INTO members AS m (member_id, version, member_type, status, province_code, name_th,
                          name_en)
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (member_id) DO UPDATE SET
    version = greatest(m.version, excluded.version),
    member_type = CASE WHEN excluded.version > m.version THEN excluded.member_type
                       ELSE coalesce(m.member_type, excluded.member_type) END,
    status = CASE WHEN excluded.version > m.version THEN excluded.status
                  ELSE coalesce(m.status, excluded.status) END,
    province_code = CASE WHEN excluded.version > m.version THEN excluded.province_code
                         ELSE coalesce(m.province_code, excluded.province_code) END,
    name_th = CASE WHEN excluded.version > m.version THEN excluded.name_th
                   WHEN m.erased_at IS NOT NULL THEN m.name_th
                   ELSE coalesce(m.name_th, excluded.name_th) END,
    name_en = CASE WHEN excluded.version > m.version THEN excluded.name_en
                   WHEN m.erased_at IS NOT NULL THEN m.name_en
                   ELSE coalesce(m.name_en, excluded.name_en) END,
    updated_at = now()
"""
MARK_MEMBER_ERASED = """
UPDATE members SET erased_at = coalesce(erased_at, $2), updated_at = now()
WHERE member_id = $1
"""
# Returns the row only when this change is newer than what the model had.
APPLY_MEMBER_STATUS = """
INSERT INTO members AS m (member_id, version, status) VALUES ($1, $2, $3)
ON CONFLICT (member_id) DO UPDATE SET
    version = excluded.version, status = excluded.status, updated_at = now()
    WHERE excluded.version > m.version
RETURNING member_id
"""
ADD_ROLE = """
INSERT INTO member_roles (assignment_id, member_id, role, province_code, district_code,
                          term_start, term_end)
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (assignment_id) DO NOTHING
"""
APPLY_PRODUCT_SNAPSHOT = """
INSERT INTO products AS p (product_id, member_id, version, category, segment, stars, status)
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (product_id) DO UPDATE SET
    version = greatest(p.version, excluded.version),
    category = CASE WHEN excluded.version > p.version THEN excluded.category
                    ELSE coalesce(p.category, excluded.category) END,
    segment = CASE WHEN excluded.version > p.version THEN excluded.segment
                   ELSE coalesce(p.segment, excluded.segment) END,
    stars = CASE WHEN excluded.version > p.version THEN excluded.stars
                 ELSE coalesce(p.stars, excluded.stars) END,
    status = CASE WHEN excluded.version > p.version THEN excluded.status
                  ELSE coalesce(p.status, excluded.status) END,
    updated_at = now()
"""
APPLY_PRODUCT_RATING = """
INSERT INTO products AS p (product_id, member_id, version, stars) VALUES ($1, $2, $3, $4)
ON CONFLICT (product_id) DO UPDATE SET
    version = greatest(p.version, excluded.version),
    stars = CASE WHEN excluded.version > p.version THEN excluded.stars
                 ELSE coalesce(p.stars, excluded.stars) END,
    updated_at = now()
"""

SELECT_MEMBER = "SELECT * FROM members WHERE member_id = $1"
SELECT_MEMBER_STATUS = "SELECT status FROM members WHERE member_id = $1"
HOLD_MEMBER = "SELECT 1 FROM members WHERE member_id = $1 FOR SHARE"
SELECT_LISTED_PRODUCTS = """
SELECT category, segment, stars FROM products
WHERE member_id = $1 AND status = 'listed'
ORDER BY product_id
"""
SELECT_ROLES_ON = """
SELECT DISTINCT role FROM member_roles
WHERE member_id = $1 AND term_start <= $2 AND $2 < term_end
ORDER BY role
"""


async def apply_member_snapshot(conn: asyncpg.Connection, member: MemberSnapshot) -> None:
    await conn.execute(
        APPLY_MEMBER_SNAPSHOT,
        member.member_id,
        member.version,
        member.member_type.value,
        member.status.value,
        member.site.province_code,
        member.name_th,
        member.name_en,
    )


async def mark_member_erased(conn: asyncpg.Connection, member_id: uuid.UUID, at: datetime) -> None:
    """The member's personal data was erased: no older snapshot fills its names again."""
    await conn.execute(MARK_MEMBER_ERASED, member_id, at)


async def member_status(conn: asyncpg.Connection, member_id: uuid.UUID) -> MemberStatus | None:
    """The member's status as last told by the registry; None while unknown."""
    status = await conn.fetchval(SELECT_MEMBER_STATUS, member_id)
    return MemberStatus(status) if status is not None else None


async def apply_member_status(conn: asyncpg.Connection, change: MemberStatusChanged) -> bool:
    """Record the status; True when it was newer than what the model had."""
    applied = await conn.fetchval(
        APPLY_MEMBER_STATUS, change.member_id, change.version, change.status.value
    )
    return applied is not None


async def add_role(conn: asyncpg.Connection, role: RoleAssigned) -> None:
    await conn.execute(
        ADD_ROLE,
        role.assignment_id,
        role.member_id,
        role.role.value,
        role.province_code,
        role.district_code,
        role.term_start,
        role.term_end,
    )


async def apply_product_snapshot(conn: asyncpg.Connection, product: ProductSnapshot) -> None:
    await conn.execute(
        APPLY_PRODUCT_SNAPSHOT,
        product.product_id,
        product.member_id,
        product.version,
        product.category.value,
        product.segment.value if product.segment else None,
        product.stars,
        product.status.value,
    )


async def apply_product_rating(conn: asyncpg.Connection, rating: ProductRated) -> None:
    await conn.execute(
        APPLY_PRODUCT_RATING,
        rating.product_id,
        rating.member_id,
        rating.version,
        rating.current_stars,
    )


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
    roles = frozenset(
        NetworkRole(r["role"]) for r in await conn.fetch(SELECT_ROLES_ON, member_id, on)
    )
    return MemberProfile(
        member_id=row["member_id"],
        member_type=MemberType(row["member_type"]),
        status=MemberStatus(row["status"]),
        province_code=row["province_code"],
        name_th=row["name_th"],
        products=tuple(products),
        roles=roles,
    )
