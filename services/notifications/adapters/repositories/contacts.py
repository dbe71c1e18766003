"""Members' contacts, kept from registry.members.v1: the snapshot's contact fields and the
member's status each carry a version of their own, as they may arrive in any order."""

from __future__ import annotations

import uuid

import asyncpg

from services.notifications.domain.contacts import (
    MemberContact,
    language_of,
    snapshot_replaces_contact,
)
from shared.contracts.registry import MemberSnapshot, MemberStatus
from shared.db.versioned import versioned_upsert

TABLE = "contacts"

HELD_FOR_UPDATE = """
SELECT contact_version, status FROM contacts WHERE member_id = $1 FOR UPDATE
"""

CONTACT_OF_MEMBER = """
SELECT member_id, name_th, name_en, preferred_language, status, email, phone, line_id
FROM contacts WHERE member_id = $1 AND contact_version > 0
"""

MEMBER_IS_KNOWN = "SELECT 1 FROM contacts WHERE member_id = $1"

DISTRICT_OF_MEMBER = "SELECT district_code FROM contacts WHERE member_id = $1"


class PostgresContactRepository:
    def __init__(self, conn: asyncpg.Connection) -> None:
        self._conn = conn

    async def apply_snapshot(self, member: MemberSnapshot) -> bool:
        """Store the member's status and contact unless newer ones are already here; True
        when the contact changed."""
        await self.apply_status(member.member_id, member.status, member.version)
        held = await self._conn.fetchrow(HELD_FOR_UPDATE, member.member_id)
        if not snapshot_replaces_contact(held["contact_version"], member.version):
            return False
        return await versioned_upsert(
            self._conn,
            TABLE,
            key={"member_id": member.member_id},
            version=member.version,
            values={
                "name_th": member.name_th,
                "name_en": member.name_en,
                "preferred_language": language_of(member.preferred_language),
                "email": member.contact.email,
                "phone": member.contact.phone,
                "line_id": member.contact.line_id,
                "district_code": member.site.district_code,
                # The status the row holds (by its own version, just above): given only
                # because a proposed row may not lack it.
                "status": held["status"],
            },
            version_column="contact_version",
        )

    async def apply_status(self, member_id: uuid.UUID, status: MemberStatus, version: int) -> bool:
        return await versioned_upsert(
            self._conn,
            TABLE,
            key={"member_id": member_id},
            version=version,
            values={"status": status.value},
            version_column="status_version",
        )

    async def get(self, member_id: uuid.UUID) -> MemberContact | None:
        row = await self._conn.fetchrow(CONTACT_OF_MEMBER, member_id)
        if row is None:
            return None
        return MemberContact(
            member_id=row["member_id"],
            name_th=row["name_th"],
            name_en=row["name_en"],
            preferred_language=row["preferred_language"],
            status=MemberStatus(row["status"]),
            email=row["email"],
            phone=row["phone"],
            line_id=row["line_id"],
        )

    async def exists(self, member_id: uuid.UUID) -> bool:
        return bool(await self._conn.fetchval(MEMBER_IS_KNOWN, member_id))

    async def district_of(self, member_id: uuid.UUID) -> str | None:
        """The district of the member's site (None when no snapshot brought one yet)."""
        district: str | None = await self._conn.fetchval(DISTRICT_OF_MEMBER, member_id)
        return district
