"""Postgres repositories of the registry's aggregates (asyncpg, plain SQL)."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import asyncpg

from services.registry.domain.model import Member, Product, Rating, RoleAssignment
from shared.contracts.registry import (
    ERASED_TEXT,
    Certification,
    Contact,
    DevelopmentSegment,
    MemberStatus,
    MemberType,
    NetworkRole,
    ProductCategory,
    ProductStatus,
    SiteAddress,
)
from shared.contracts.topics import REGISTRY_MEMBERS
from shared.money import from_satang, to_satang
from shared.timeutil import BANGKOK

INSERT_MEMBER = """
INSERT INTO members (
    member_id, member_type, name_th, name_en, contact_name, contact_phone, contact_email,
    contact_line_id, address_line, province_code, district_code, subdistrict_code, postal_code,
    province_name_th, district_name_th, subdistrict_name_th, community_enterprise,
    community_enterprise_no, preferred_language, status, version, registered_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19,
        $20, $21, $22)
"""
UPDATE_MEMBER = """
UPDATE members SET
    member_type = $2, name_th = $3, name_en = $4, contact_name = $5, contact_phone = $6,
    contact_email = $7, contact_line_id = $8, address_line = $9, province_code = $10,
    district_code = $11, subdistrict_code = $12, postal_code = $13, province_name_th = $14,
    district_name_th = $15, subdistrict_name_th = $16, community_enterprise = $17,
    community_enterprise_no = $18, preferred_language = $19, status = $20, version = $21,
    erased_at = $22, updated_at = now()
WHERE member_id = $1
"""
SELECT_MEMBER = "SELECT * FROM members WHERE member_id = $1"
SELECT_MEMBER_OUTBOX = """
SELECT id, envelope FROM outbox
WHERE topic = $1 AND message_key = $2 AND event_type <> 'member.erased'
ORDER BY id
FOR UPDATE
"""
UPDATE_OUTBOX_ENVELOPE = "UPDATE outbox SET envelope = $2 WHERE id = $1"

INSERT_PRODUCT = """
INSERT INTO products (
    product_id, member_id, sku, name_th, name_en, category, unit, price_satang, certifications,
    segment, stars, status, province_code, version)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
"""
UPDATE_PRODUCT = """
UPDATE products SET
    name_th = $4, name_en = $5, category = $6, unit = $7, price_satang = $8,
    certifications = $9, segment = $10, stars = $11, status = $12, province_code = $13,
    version = $14, updated_at = now()
WHERE product_id = $1 AND member_id = $2 AND sku = $3
"""
SELECT_PRODUCT = "SELECT * FROM products WHERE product_id = $1"
SELECT_LISTED_OF_MEMBER = """
SELECT * FROM products WHERE member_id = $1 AND status = 'listed'
ORDER BY listed_at, product_id
FOR UPDATE
"""
SELECT_RATINGS_OF = """
SELECT product_id, round_year, stars, rated_on, note FROM product_ratings
WHERE product_id = ANY($1::uuid[]) ORDER BY product_id, round_year
"""
SELECT_RATINGS = """
SELECT round_year, stars, rated_on, note FROM product_ratings
WHERE product_id = $1 ORDER BY round_year
"""
INSERT_RATING = """
INSERT INTO product_ratings (product_id, round_year, stars, rated_on, note)
VALUES ($1, $2, $3, $4, $5)
"""
SKU_TAKEN = "SELECT EXISTS (SELECT 1 FROM products WHERE upper(sku) = upper($1))"

LOCK_ROLE_AREA = "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))"
SELECT_OVERLAPPING_HOLDERS = """
SELECT * FROM role_assignments
WHERE role = $1 AND province_code = $2 AND district_code IS NOT DISTINCT FROM $3
  AND term_start < $5 AND $4 < term_end
ORDER BY term_start
"""
ERASE_ROLE_PEOPLE = "UPDATE role_assignments SET person_name = $2 WHERE member_id = $1"
INSERT_ROLE = """
INSERT INTO role_assignments (
    assignment_id, member_id, person_name, role, province_code, district_code, term_start,
    term_end)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
"""


def erased_data(data: dict[str, Any], member: Member) -> dict[str, Any]:
    """An event's `data` with the personal data an erasure cleared replaced as it now reads."""
    if "contact" in data:
        data["contact"] = member.contact.model_dump(mode="json")
    if isinstance(data.get("site"), dict):
        data["site"] = {**data["site"], "address_line": member.site.address_line}
    if "name_th" in data:
        data["name_th"], data["name_en"] = member.name_th, member.name_en
    if "person_name" in data:
        data["person_name"] = ERASED_TEXT
    return data


def member_from_row(row: asyncpg.Record) -> Member:
    return Member(
        member_id=row["member_id"],
        member_type=MemberType(row["member_type"]),
        name_th=row["name_th"],
        name_en=row["name_en"],
        contact=Contact(
            name=row["contact_name"],
            phone=row["contact_phone"],
            email=row["contact_email"],
            line_id=row["contact_line_id"],
        ),
        site=SiteAddress(
            address_line=row["address_line"],
            subdistrict_code=row["subdistrict_code"],
            district_code=row["district_code"],
            province_code=row["province_code"],
            postal_code=row["postal_code"],
            subdistrict_name_th=row["subdistrict_name_th"],
            district_name_th=row["district_name_th"],
            province_name_th=row["province_name_th"],
        ),
        community_enterprise=row["community_enterprise"],
        community_enterprise_no=row["community_enterprise_no"],
        preferred_language=row["preferred_language"],
        status=MemberStatus(row["status"]),
        # Stored in UTC; the network's times read in Asia/Bangkok, as when registered.
        registered_at=row["registered_at"].astimezone(BANGKOK),
        version=row["version"],
        erased_at=row["erased_at"].astimezone(BANGKOK) if row["erased_at"] else None,
    )


def _member_values(m: Member) -> list[Any]:
    return [
        m.member_id,
        m.member_type.value,
        m.name_th,
        m.name_en,
        m.contact.name,
        m.contact.phone,
        m.contact.email,
        m.contact.line_id,
        m.site.address_line,
        m.site.province_code,
        m.site.district_code,
        m.site.subdistrict_code,
        m.site.postal_code,
        m.site.province_name_th,
        m.site.district_name_th,
        m.site.subdistrict_name_th,
        m.community_enterprise,
        m.community_enterprise_no,
        m.preferred_language,
        m.status.value,
        m.version,
    ]


def product_from_row(row: asyncpg.Record, ratings: list[Rating]) -> Product:
    return Product(
        product_id=row["product_id"],
        member_id=row["member_id"],
        sku=row["sku"],
        name_th=row["name_th"],
        name_en=row["name_en"],
        category=ProductCategory(row["category"]),
        unit=row["unit"],
        price=from_satang(row["price_satang"]),
        certifications=[Certification.model_validate(c) for c in row["certifications"]],
        segment=DevelopmentSegment(row["segment"]) if row["segment"] else None,
        status=ProductStatus(row["status"]),
        province_code=row["province_code"],
        stars=row["stars"],
        version=row["version"],
        ratings=ratings,
    )


def _product_values(p: Product) -> list[Any]:
    """In the column order of INSERT_PRODUCT and UPDATE_PRODUCT's parameters."""
    return [
        p.product_id,
        p.member_id,
        p.sku,
        p.name_th,
        p.name_en,
        p.category.value,
        p.unit,
        to_satang(p.price),
        [c.model_dump(mode="json") for c in p.certifications],
        p.segment.value if p.segment else None,
        p.stars,
        p.status.value,
        p.province_code,
        p.version,
    ]


class PostgresMemberRepository:
    def __init__(self, conn: asyncpg.Connection) -> None:
        self._conn = conn

    async def add(self, member: Member) -> None:
        await self._conn.execute(INSERT_MEMBER, *_member_values(member), member.registered_at)

    async def get(self, member_id: uuid.UUID, *, for_update: bool = False) -> Member | None:
        row = await self._conn.fetchrow(
            SELECT_MEMBER + (" FOR UPDATE" if for_update else ""), member_id
        )
        return member_from_row(row) if row else None

    async def save(self, member: Member) -> None:
        await self._conn.execute(UPDATE_MEMBER, *_member_values(member), member.erased_at)

    async def forget_published(self, member: Member) -> int:
        """Rewrite the member's events kept in the outbox for replay as they read after
        erasure, so republishing cannot bring the erased data back. Returns how many."""
        rows = await self._conn.fetch(
            SELECT_MEMBER_OUTBOX, REGISTRY_MEMBERS.name, str(member.member_id)
        )
        for row in rows:
            envelope = dict(row["envelope"])
            envelope["data"] = erased_data(dict(envelope.get("data") or {}), member)
            await self._conn.execute(UPDATE_OUTBOX_ENVELOPE, row["id"], envelope)
        return len(rows)


class PostgresProductRepository:
    def __init__(self, conn: asyncpg.Connection) -> None:
        self._conn = conn

    async def add(self, product: Product) -> None:
        await self._conn.execute(INSERT_PRODUCT, *_product_values(product))

    async def get(self, product_id: uuid.UUID, *, for_update: bool = False) -> Product | None:
        row = await self._conn.fetchrow(
            SELECT_PRODUCT + (" FOR UPDATE" if for_update else ""), product_id
        )
        if row is None:
            return None
        ratings = [
            Rating(r["round_year"], r["stars"], r["rated_on"], r["note"])
            for r in await self._conn.fetch(SELECT_RATINGS, product_id)
        ]
        return product_from_row(row, ratings)

    async def listed_of_member(self, member_id: uuid.UUID) -> list[Product]:
        rows = await self._conn.fetch(SELECT_LISTED_OF_MEMBER, member_id)
        ratings: dict[uuid.UUID, list[Rating]] = {row["product_id"]: [] for row in rows}
        for r in await self._conn.fetch(SELECT_RATINGS_OF, list(ratings)):
            ratings[r["product_id"]].append(
                Rating(r["round_year"], r["stars"], r["rated_on"], r["note"])
            )
        return [product_from_row(row, ratings[row["product_id"]]) for row in rows]

    async def sku_taken(self, sku: str) -> bool:
        return bool(await self._conn.fetchval(SKU_TAKEN, sku))

    async def save(self, product: Product) -> None:
        await self._conn.execute(UPDATE_PRODUCT, *_product_values(product))

    async def add_rating(self, product: Product, rating: Rating) -> None:
        await self._conn.execute(
            INSERT_RATING,
            product.product_id,
            rating.round_year,
            rating.stars,
            rating.rated_on,
            rating.note,
        )


def role_from_row(row: asyncpg.Record) -> RoleAssignment:
    return RoleAssignment(
        assignment_id=row["assignment_id"],
        member_id=row["member_id"],
        person_name=row["person_name"],
        role=NetworkRole(row["role"]),
        province_code=row["province_code"],
        district_code=row["district_code"],
        term_start=row["term_start"],
        term_end=row["term_end"],
    )


class PostgresRoleRepository:
    def __init__(self, conn: asyncpg.Connection) -> None:
        self._conn = conn

    async def lock_area(self, role: NetworkRole, province: str, district: str | None) -> None:
        await self._conn.execute(LOCK_ROLE_AREA, f"role:{role.value}:{province}:{district or ''}")

    async def holders(
        self, role: NetworkRole, province: str, district: str | None, start: date, end: date
    ) -> list[RoleAssignment]:
        rows = await self._conn.fetch(
            SELECT_OVERLAPPING_HOLDERS, role.value, province, district, start, end
        )
        return [role_from_row(r) for r in rows]

    async def forget_person_names(self, member_id: uuid.UUID) -> int:
        """The names of the member's people in its network roles read `ERASED_TEXT`; the
        roles, areas and terms stay. Returns how many assignments."""
        result = await self._conn.execute(ERASE_ROLE_PEOPLE, member_id, ERASED_TEXT)
        return int(result.rsplit(" ", 1)[-1])

    async def add(self, assignment: RoleAssignment) -> None:
        await self._conn.execute(
            INSERT_ROLE,
            assignment.assignment_id,
            assignment.member_id,
            assignment.person_name,
            assignment.role.value,
            assignment.province_code,
            assignment.district_code,
            assignment.term_start,
            assignment.term_end,
        )
