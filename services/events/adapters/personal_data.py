"""What the events service holds about one member, for the member's right to see (PDPA):
its copy of the registry's member, products and roles, and the member's registrations."""

from __future__ import annotations

import uuid

import asyncpg

from services.privacy.document import Record, records

MEMBER = """
SELECT member_id, version, member_type, status, province_code, name_th, name_en, updated_at,
       erased_at
FROM members WHERE member_id = $1
"""
PRODUCTS = """
SELECT product_id, version, category, segment, stars, status, updated_at
FROM products WHERE member_id = $1 ORDER BY product_id
"""
ROLES = """
SELECT assignment_id, role, province_code, district_code, term_start, term_end
FROM member_roles WHERE member_id = $1 ORDER BY term_start, assignment_id
"""
REGISTRATIONS = """
SELECT r.registration_id, r.event_id, e.title_th AS event_title_th, r.status, r.quota,
       r.version, r.applied_at, r.confirmed_at, r.cancelled_at, r.cancel_reason,
       r.checked_in_at, b.zone AS booth_zone, b.booth_number
FROM registrations r
JOIN events e USING (event_id)
LEFT JOIN booth_assignments b USING (registration_id)
WHERE r.member_id = $1
ORDER BY r.applied_order
"""


async def personal_data(conn: asyncpg.Connection, member_id: uuid.UUID) -> dict[str, list[Record]]:
    """Every record about the member; empty sections when the member is not known here."""
    return {
        "member": records([r for r in [await conn.fetchrow(MEMBER, member_id)] if r]),
        "products": records(await conn.fetch(PRODUCTS, member_id)),
        "roles": records(await conn.fetch(ROLES, member_id)),
        "registrations": records(await conn.fetch(REGISTRATIONS, member_id)),
    }
