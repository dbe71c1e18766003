"""What the notifications service holds about one member, for the member's right to see
(PDPA): its copy of the member's contact, preferences, registrations, sales digests and
every delivery with its attempts."""

from __future__ import annotations

import uuid

import asyncpg

from services.privacy.document import Record, records

CONTACT = """
SELECT member_id, name_th, name_en, preferred_language, status, email, phone, line_id,
       contact_version, status_version, updated_at
FROM contacts WHERE member_id = $1
"""
PREFERENCES = """
SELECT member_id, language, channels, opt_outs, quiet_start, quiet_end, updated_at
FROM preferences WHERE member_id = $1
"""
REGISTRATIONS = """
SELECT registration_id, event_id, status, version
FROM registrations WHERE member_id = $1 ORDER BY registration_id
"""
DIGESTS = """
SELECT business_day, revision, latest_revision, source_event_id
FROM daily_digests WHERE producer_id = $1 ORDER BY business_day
"""
DELIVERIES = """
SELECT delivery_id, kind, subscription_id, source_event_id, source_event_type, event_id,
       context, critical, state, attempts, channel, failed_channels, language, last_error,
       created_at, sent_at, failed_at
FROM deliveries WHERE member_id = $1
ORDER BY created_at, delivery_id
"""
ATTEMPTS = """
SELECT a.delivery_id, a.attempt, a.channel, a.outcome, a.error, a.attempted_at
FROM delivery_attempts a JOIN deliveries d USING (delivery_id)
WHERE d.member_id = $1
ORDER BY a.id
"""


async def personal_data(conn: asyncpg.Connection, member_id: uuid.UUID) -> dict[str, list[Record]]:
    """Every record about the member; empty sections when the member is not known here."""
    return {
        "contact": records(await conn.fetch(CONTACT, member_id)),
        "preferences": records(await conn.fetch(PREFERENCES, member_id)),
        "registrations": records(await conn.fetch(REGISTRATIONS, member_id)),
        "sales_digests": records(await conn.fetch(DIGESTS, member_id)),
        "deliveries": records(await conn.fetch(DELIVERIES, member_id)),
        "delivery_attempts": records(await conn.fetch(ATTEMPTS, member_id)),
    }
