"""What the registry holds about one member, for the member's right to see (PDPA)."""

from __future__ import annotations

import uuid

import asyncpg

from services.privacy.document import Record, records

SELECT_MEMBER_HELD = """
SELECT member_id, member_type, name_th, name_en, contact_name, contact_phone, contact_email,
       contact_line_id, address_line, subdistrict_code, district_code, province_code,
       postal_code, subdistrict_name_th, district_name_th, province_name_th,
       community_enterprise, community_enterprise_no, preferred_language, status, version,
       registered_at, updated_at, erased_at
FROM members WHERE member_id = $1
"""
SELECT_PRODUCTS_HELD = """
SELECT product_id, sku, name_th, name_en, category, unit, price_satang, certifications,
       segment, stars, status, province_code, version, listed_at, updated_at
FROM products WHERE member_id = $1 ORDER BY listed_at, product_id
"""
SELECT_RATINGS_HELD = """
SELECT r.product_id, p.sku, r.round_year, r.stars, r.rated_on, r.note, r.recorded_at
FROM product_ratings r JOIN products p USING (product_id)
WHERE p.member_id = $1 ORDER BY p.sku, r.round_year
"""
SELECT_ROLES_HELD = """
SELECT assignment_id, person_name, role, province_code, district_code, term_start, term_end,
       assigned_at
FROM role_assignments WHERE member_id = $1 ORDER BY term_start, assignment_id
"""


async def personal_data(
    conn: asyncpg.Connection, member_id: uuid.UUID
) -> dict[str, list[Record]] | None:
    """The member, its products with their ratings and its network roles; None when there
    is no such member."""
    member = await conn.fetchrow(SELECT_MEMBER_HELD, member_id)
    if member is None:
        return None
    return {
        "member": records([member]),
        "products": records(await conn.fetch(SELECT_PRODUCTS_HELD, member_id)),
        "ratings": records(await conn.fetch(SELECT_RATINGS_HELD, member_id)),
        "roles": records(await conn.fetch(SELECT_ROLES_HELD, member_id)),
    }
