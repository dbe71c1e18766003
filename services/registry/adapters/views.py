"""Read-side queries of the registry: lists with filters and cursor pagination."""

from __future__ import annotations

import uuid
from datetime import date

import asyncpg

from services.registry.adapters.members import SELECT_MEMBER, member_from_row
from services.registry.adapters.products import SELECT_PRODUCT, product_from_row, ratings_of
from services.registry.adapters.roles import role_from_row
from services.registry.domain.members import Member
from services.registry.domain.products import Product
from services.registry.domain.roles import RoleAssignment
from shared.db.pagination import Page, decode_cursor, encode_cursor

SELECT_MEMBERS_PAGE = """
SELECT * FROM members m
WHERE ($1::text IS NULL OR m.province_code = $1)
  AND ($2::text IS NULL OR m.district_code = $2)
  AND ($3::text IS NULL OR m.member_type = $3)
  AND ($4::text IS NULL OR m.status = $4)
  AND ($5::text IS NULL OR EXISTS (
        SELECT 1 FROM products p
        WHERE p.member_id = m.member_id AND p.segment = $5 AND p.status = 'listed'))
  AND ($6::text IS NULL OR m.name_th ILIKE $6 OR m.name_en ILIKE $6)
  AND ($7::timestamptz IS NULL OR (m.registered_at, m.member_id) > ($7, $8))
  AND ($10::text IS NULL OR EXISTS (
        SELECT 1 FROM products p
        WHERE p.member_id = m.member_id AND p.category = $10 AND p.status = 'listed'))
ORDER BY m.registered_at, m.member_id
LIMIT $9
"""
SELECT_PRODUCTS_PAGE = """
SELECT * FROM products p
WHERE ($1::uuid IS NULL OR p.member_id = $1)
  AND ($2::text IS NULL OR p.category = $2)
  AND ($3::text IS NULL OR p.segment = $3)
  AND ($4::text IS NULL OR p.status = $4)
  AND ($5::text IS NULL OR p.province_code = $5)
  AND ($6::int IS NULL OR p.stars >= $6)
  AND ($7::text IS NULL OR p.name_th ILIKE $7 OR p.name_en ILIKE $7 OR p.sku ILIKE $7)
  AND ($8::timestamptz IS NULL OR (p.listed_at, p.product_id) > ($8, $9))
ORDER BY p.listed_at, p.product_id
LIMIT $10
"""
SELECT_OFFICE_HOLDERS_PAGE = """
SELECT * FROM role_assignments
WHERE ($1::text IS NULL OR province_code = $1)
  AND ($2::text IS NULL OR district_code = $2)
  AND ($3::text IS NULL OR role = $3)
  AND term_start <= $4 AND $4 < term_end
  AND ($5::timestamptz IS NULL OR (assigned_at, assignment_id) > ($5, $6))
ORDER BY assigned_at, assignment_id
LIMIT $7
"""


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


async def list_members(
    conn: asyncpg.Connection,
    *,
    province: str | None = None,
    district: str | None = None,
    member_type: str | None = None,
    status: str | None = None,
    segment: str | None = None,
    category: str | None = None,
    q: str | None = None,
    cursor: str | None = None,
    limit: int = 50,
) -> Page[Member]:
    after = decode_cursor(cursor) if cursor else (None, None)
    rows = await conn.fetch(
        SELECT_MEMBERS_PAGE,
        province,
        district,
        member_type,
        status,
        segment,
        _like(q) if q else None,
        after[0],
        after[1],
        limit + 1,
        category,
    )
    items = [member_from_row(r) for r in rows[:limit]]
    next_cursor = (
        encode_cursor(rows[limit - 1]["registered_at"], rows[limit - 1]["member_id"])
        if len(rows) > limit
        else None
    )
    return Page(items, next_cursor)


async def get_member(conn: asyncpg.Connection, member_id: uuid.UUID) -> Member | None:
    row = await conn.fetchrow(SELECT_MEMBER, member_id)
    return member_from_row(row) if row else None


async def list_products(
    conn: asyncpg.Connection,
    *,
    member_id: uuid.UUID | None = None,
    category: str | None = None,
    segment: str | None = None,
    status: str | None = None,
    province: str | None = None,
    min_stars: int | None = None,
    q: str | None = None,
    cursor: str | None = None,
    limit: int = 50,
) -> Page[Product]:
    after = decode_cursor(cursor) if cursor else (None, None)
    rows = await conn.fetch(
        SELECT_PRODUCTS_PAGE,
        member_id,
        category,
        segment,
        status,
        province,
        min_stars,
        _like(q) if q else None,
        after[0],
        after[1],
        limit + 1,
    )
    items = [product_from_row(r, []) for r in rows[:limit]]
    next_cursor = (
        encode_cursor(rows[limit - 1]["listed_at"], rows[limit - 1]["product_id"])
        if len(rows) > limit
        else None
    )
    return Page(items, next_cursor)


async def get_product(conn: asyncpg.Connection, product_id: uuid.UUID) -> Product | None:
    row = await conn.fetchrow(SELECT_PRODUCT, product_id)
    if row is None:
        return None
    return product_from_row(row, await ratings_of(conn, product_id))


async def current_office_holders(
    conn: asyncpg.Connection,
    *,
    on: date,
    province: str | None = None,
    district: str | None = None,
    role: str | None = None,
    cursor: str | None = None,
    limit: int = 100,
) -> Page[RoleAssignment]:
    """Who holds a role on `on`, a page at a time in the order the roles were assigned."""
    after = decode_cursor(cursor) if cursor else (None, None)
    rows = await conn.fetch(
        SELECT_OFFICE_HOLDERS_PAGE, province, district, role, on, after[0], after[1], limit + 1
    )
    items = [role_from_row(r) for r in rows[:limit]]
    next_cursor = (
        encode_cursor(rows[limit - 1]["assigned_at"], rows[limit - 1]["assignment_id"])
        if len(rows) > limit
        else None
    )
    return Page(items, next_cursor)
