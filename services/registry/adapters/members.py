"""The members table: the member aggregate's repository and its row mapping."""

from __future__ import annotations

import uuid
from typing import Any

import asyncpg

from services.registry.domain.members import Member, erased_event_data
from shared.contracts.registry import Contact, MemberStatus, MemberType, SiteAddress
from shared.contracts.topics import REGISTRY_MEMBERS
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
SELECT_MEMBER_FOR_UPDATE = "SELECT * FROM members WHERE member_id = $1 FOR UPDATE"
SELECT_MEMBER_OUTBOX = """
SELECT id, envelope FROM outbox
WHERE topic = $1 AND message_key = $2 AND event_type <> 'member.erased'
ORDER BY id
FOR UPDATE
"""
UPDATE_OUTBOX_ENVELOPE = "UPDATE outbox SET envelope = $2 WHERE id = $1"


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
    """In the column order of INSERT_MEMBER and UPDATE_MEMBER's parameters."""
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


class PostgresMemberRepository:
    def __init__(self, conn: asyncpg.Connection) -> None:
        self._conn = conn

    async def add(self, member: Member) -> None:
        await self._conn.execute(INSERT_MEMBER, *_member_values(member), member.registered_at)

    async def get(self, member_id: uuid.UUID, *, for_update: bool = False) -> Member | None:
        query = SELECT_MEMBER_FOR_UPDATE if for_update else SELECT_MEMBER
        row = await self._conn.fetchrow(query, member_id)
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
            envelope["data"] = erased_event_data(dict(envelope.get("data") or {}), member)
            await self._conn.execute(UPDATE_OUTBOX_ENVELOPE, row["id"], envelope)
        return len(rows)
