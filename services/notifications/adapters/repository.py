"""asyncpg repositories of the notifications schema: plain SQL in named query functions."""

from __future__ import annotations

import uuid
from datetime import datetime, time
from typing import Any

import asyncpg

from services.notifications.domain.contacts import MemberContact
from services.notifications.domain.delivery import Delivery, DeliveryState
from services.notifications.domain.preferences import Preferences, QuietHours
from shared.contracts.notifications import Channel, NotificationKind
from shared.contracts.registry import MemberSnapshot, MemberStatus


class PostgresContactRepository:
    def __init__(self, conn: asyncpg.Connection) -> None:
        self._conn = conn

    async def apply_snapshot(self, member: MemberSnapshot) -> bool:
        """Store the member's contact unless a newer one is already here."""
        result = await self._conn.execute(
            """
            INSERT INTO contacts AS c (member_id, name_th, name_en, preferred_language, status,
                email, phone, line_id, contact_version, status_version)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)
            ON CONFLICT (member_id) DO UPDATE SET
                name_th = EXCLUDED.name_th, name_en = EXCLUDED.name_en,
                preferred_language = EXCLUDED.preferred_language,
                email = EXCLUDED.email, phone = EXCLUDED.phone, line_id = EXCLUDED.line_id,
                contact_version = EXCLUDED.contact_version,
                status = CASE WHEN c.status_version < EXCLUDED.status_version
                              THEN EXCLUDED.status ELSE c.status END,
                status_version = GREATEST(c.status_version, EXCLUDED.status_version),
                updated_at = now()
            WHERE c.contact_version < EXCLUDED.contact_version
            """,
            member.member_id,
            member.name_th,
            member.name_en,
            member.preferred_language if member.preferred_language in ("th", "en") else "th",
            member.status.value,
            member.contact.email,
            member.contact.phone,
            member.contact.line_id,
            member.version,
        )
        return not result.endswith(" 0")

    async def apply_status(self, member_id: uuid.UUID, status: MemberStatus, version: int) -> bool:
        result = await self._conn.execute(
            """
            INSERT INTO contacts AS c (member_id, status, status_version)
            VALUES ($1, $2, $3)
            ON CONFLICT (member_id) DO UPDATE SET
                status = EXCLUDED.status, status_version = EXCLUDED.status_version,
                updated_at = now()
            WHERE c.status_version < EXCLUDED.status_version
            """,
            member_id,
            status.value,
            version,
        )
        return not result.endswith(" 0")

    async def get(self, member_id: uuid.UUID) -> MemberContact | None:
        row = await self._conn.fetchrow(
            "SELECT * FROM contacts WHERE member_id = $1 AND contact_version > 0", member_id
        )
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
        return bool(
            await self._conn.fetchval("SELECT 1 FROM contacts WHERE member_id = $1", member_id)
        )


class PostgresPreferenceRepository:
    def __init__(self, conn: asyncpg.Connection) -> None:
        self._conn = conn

    async def get(self, member_id: uuid.UUID) -> Preferences | None:
        row = await self._conn.fetchrow("SELECT * FROM preferences WHERE member_id = $1", member_id)
        if row is None:
            return None
        quiet = None
        if row["quiet_start"] is not None:
            quiet = QuietHours(row["quiet_start"], row["quiet_end"])
        return Preferences(
            language=row["language"],
            channels=tuple(Channel(c) for c in row["channels"]),
            opt_outs=frozenset(NotificationKind(k) for k in row["opt_outs"]),
            quiet_hours=quiet,
        )

    async def save(self, member_id: uuid.UUID, preferences: Preferences) -> None:
        quiet = preferences.quiet_hours
        start: time | None = quiet.start if quiet else None
        end: time | None = quiet.end if quiet else None
        await self._conn.execute(
            """
            INSERT INTO preferences (member_id, language, channels, opt_outs, quiet_start,
                quiet_end)
            VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (member_id) DO UPDATE SET
                language = EXCLUDED.language, channels = EXCLUDED.channels,
                opt_outs = EXCLUDED.opt_outs, quiet_start = EXCLUDED.quiet_start,
                quiet_end = EXCLUDED.quiet_end, updated_at = now()
            """,
            member_id,
            preferences.language,
            [c.value for c in preferences.channels],
            sorted(k.value for k in preferences.opt_outs),
            start,
            end,
        )


class PostgresRegistrationRepository:
    def __init__(self, conn: asyncpg.Connection) -> None:
        self._conn = conn

    async def apply(
        self,
        registration_id: uuid.UUID,
        event_id: uuid.UUID,
        member_id: uuid.UUID,
        status: str,
        version: int,
    ) -> bool:
        """Record the registration's status unless a newer one is already here."""
        result = await self._conn.execute(
            """
            INSERT INTO registrations AS r (registration_id, event_id, member_id, status, version)
            VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (registration_id) DO UPDATE SET
                status = EXCLUDED.status, version = EXCLUDED.version
            WHERE r.version < EXCLUDED.version
            """,
            registration_id,
            event_id,
            member_id,
            status,
            version,
        )
        return not result.endswith(" 0")

    async def confirmed_members(self, event_id: uuid.UUID) -> list[uuid.UUID]:
        rows = await self._conn.fetch(
            "SELECT DISTINCT member_id FROM registrations "
            "WHERE event_id = $1 AND status = 'confirmed' ORDER BY member_id",
            event_id,
        )
        return [r["member_id"] for r in rows]


class PostgresReminderRepository:
    def __init__(self, conn: asyncpg.Connection) -> None:
        self._conn = conn

    async def schedule(
        self,
        event_id: uuid.UUID,
        version: int,
        event: dict[str, Any],
        starts_at: datetime,
        remind_at: datetime,
    ) -> bool:
        """(Re)schedule the reminder unless a newer version of the event is already here.
        A changed start makes a sent reminder pending again (for the new date)."""
        result = await self._conn.execute(
            """
            INSERT INTO event_reminders AS r (event_id, version, event, starts_at, remind_at, state)
            VALUES ($1, $2, $3::jsonb, $4, $5, 'pending')
            ON CONFLICT (event_id) DO UPDATE SET
                version = EXCLUDED.version, event = EXCLUDED.event,
                starts_at = EXCLUDED.starts_at, remind_at = EXCLUDED.remind_at,
                state = CASE
                    WHEN r.state = 'dropped' THEN 'dropped'
                    WHEN r.starts_at <> EXCLUDED.starts_at THEN 'pending'
                    ELSE r.state END,
                updated_at = now()
            WHERE r.version < EXCLUDED.version
            """,
            event_id,
            version,
            event,
            starts_at,
            remind_at,
        )
        return not result.endswith(" 0")

    async def drop(self, event_id: uuid.UUID, version: int) -> None:
        """The event was cancelled: no reminder, whatever version arrives later."""
        await self._conn.execute(
            """
            INSERT INTO event_reminders AS r (event_id, version, event, starts_at, remind_at, state)
            VALUES ($1, $2, '{}'::jsonb, now(), now(), 'dropped')
            ON CONFLICT (event_id) DO UPDATE SET
                state = 'dropped', version = GREATEST(r.version, EXCLUDED.version),
                updated_at = now()
            """,
            event_id,
            version,
        )

    async def claim_due(self, now: datetime, limit: int) -> list[asyncpg.Record]:
        return await self._conn.fetch(
            """
            SELECT event_id, event, starts_at FROM event_reminders
            WHERE state = 'pending' AND remind_at <= $1
            ORDER BY remind_at LIMIT $2
            FOR UPDATE SKIP LOCKED
            """,
            now,
            limit,
        )

    async def mark(self, event_id: uuid.UUID, state: str) -> None:
        await self._conn.execute(
            "UPDATE event_reminders SET state = $2, updated_at = now() WHERE event_id = $1",
            event_id,
            state,
        )

    async def state(self, event_id: uuid.UUID) -> str | None:
        value: str | None = await self._conn.fetchval(
            "SELECT state FROM event_reminders WHERE event_id = $1", event_id
        )
        return value


class PostgresDigestRepository:
    def __init__(self, conn: asyncpg.Connection) -> None:
        self._conn = conn

    async def record(
        self, producer_id: uuid.UUID, business_day: Any, revision: int, source_event_id: uuid.UUID
    ) -> bool:
        """True when this is the first summary of the producer's day (the one to send)."""
        inserted = await self._conn.fetchval(
            """
            INSERT INTO daily_digests AS d (producer_id, business_day, revision,
                source_event_id, latest_revision)
            VALUES ($1, $2, $3, $4, $3)
            ON CONFLICT (producer_id, business_day) DO UPDATE SET
                latest_revision = GREATEST(d.latest_revision, EXCLUDED.latest_revision)
            RETURNING (xmax = 0)
            """,
            producer_id,
            business_day,
            revision,
            source_event_id,
        )
        return bool(inserted)


class PostgresWebhookRepository:
    def __init__(self, conn: asyncpg.Connection) -> None:
        self._conn = conn

    async def add(
        self,
        subscription_id: uuid.UUID,
        url: str,
        kinds: list[NotificationKind],
        secret: str,
        description: str | None,
    ) -> asyncpg.Record:
        row: asyncpg.Record = await self._conn.fetchrow(
            """
            INSERT INTO webhook_subscriptions (subscription_id, url, kinds, secret, description)
            VALUES ($1, $2, $3, $4, $5)
            RETURNING subscription_id, url, kinds, description, active, created_at
            """,
            subscription_id,
            url,
            [k.value for k in kinds],
            secret,
            description,
        )
        return row

    async def count_active(self) -> int:
        """Active subscriptions, holding the registration lock to the transaction's end so
        two registrations at once cannot both pass the limit."""
        await self._conn.execute(
            "SELECT pg_advisory_xact_lock(hashtext('notifications.webhooks.register'))"
        )
        active: int = await self._conn.fetchval(
            "SELECT count(*) FROM webhook_subscriptions WHERE active"
        )
        return active

    async def deactivate(self, subscription_id: uuid.UUID) -> bool:
        """False when there is no active subscription of that id (unknown or removed)."""
        result = await self._conn.execute(
            "UPDATE webhook_subscriptions SET active = false WHERE subscription_id = $1 AND active",
            subscription_id,
        )
        return not result.endswith(" 0")

    async def subscribed_to(self, kind: NotificationKind) -> list[uuid.UUID]:
        rows = await self._conn.fetch(
            "SELECT subscription_id FROM webhook_subscriptions "
            "WHERE active AND $1 = ANY(kinds) ORDER BY created_at",
            kind.value,
        )
        return [r["subscription_id"] for r in rows]

    async def target(self, subscription_id: uuid.UUID) -> tuple[str, str, bool] | None:
        row = await self._conn.fetchrow(
            "SELECT url, secret, active FROM webhook_subscriptions WHERE subscription_id = $1",
            subscription_id,
        )
        return None if row is None else (row["url"], row["secret"], row["active"])


_DELIVERY_COLUMNS = """delivery_id, kind, member_id, subscription_id, source_event_id,
    source_event_type, context, state, attempts, channel, channel_failures, failed_channels,
    language, last_error, next_attempt_at, sent_at, failed_at, lease_until"""


def _delivery(row: asyncpg.Record) -> Delivery:
    return Delivery(
        delivery_id=row["delivery_id"],
        kind=NotificationKind(row["kind"]),
        member_id=row["member_id"],
        subscription_id=row["subscription_id"],
        source_event_id=row["source_event_id"],
        source_event_type=row["source_event_type"],
        context=dict(row["context"]),
        state=DeliveryState(row["state"]),
        attempts=row["attempts"],
        channel=Channel(row["channel"]) if row["channel"] else None,
        channel_failures=row["channel_failures"],
        failed_channels=[Channel(c) for c in row["failed_channels"]],
        language=row["language"],
        last_error=row["last_error"],
        next_attempt_at=row["next_attempt_at"],
        sent_at=row["sent_at"],
        failed_at=row["failed_at"],
        lease_until=row["lease_until"],
    )


class PostgresDeliveryRepository:
    def __init__(self, conn: asyncpg.Connection) -> None:
        self._conn = conn

    async def enqueue(
        self,
        delivery: Delivery,
        *,
        event_id: uuid.UUID | None,
        critical: bool,
        send_at: datetime,
    ) -> bool:
        """Queue the delivery; False when this (source event, member, kind[, subscription])
        was queued before."""
        result = await self._conn.execute(
            """
            INSERT INTO deliveries (delivery_id, kind, member_id, subscription_id,
                source_event_id, source_event_type, event_id, context, critical,
                next_attempt_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10)
            ON CONFLICT (source_event_id, member_id, kind, subscription_id) DO NOTHING
            """,
            delivery.delivery_id,
            delivery.kind.value,
            delivery.member_id,
            delivery.subscription_id,
            delivery.source_event_id,
            delivery.source_event_type,
            event_id,
            delivery.context,
            critical,
            send_at,
        )
        return not result.endswith(" 0")

    async def claim_due(self, now: datetime, lease_until: datetime, limit: int) -> list[Delivery]:
        """Take due jobs (and jobs whose sender's lease ran out) for this worker."""
        rows = await self._conn.fetch(
            f"""
            UPDATE deliveries SET state = 'sending', lease_until = $2
            WHERE delivery_id IN (
                SELECT delivery_id FROM deliveries
                WHERE (state = 'queued' AND next_attempt_at <= $1)
                   OR (state = 'sending' AND lease_until < $1)
                ORDER BY next_attempt_at
                LIMIT $3
                FOR UPDATE SKIP LOCKED
            )
            RETURNING {_DELIVERY_COLUMNS}
            """,
            now,
            lease_until,
            limit,
        )
        return [_delivery(r) for r in rows]

    async def save(self, delivery: Delivery) -> bool:
        """Store the outcome of an attempt, if this worker still holds the job (its lease
        was not taken over by another worker after running out)."""
        result = await self._conn.execute(
            """
            UPDATE deliveries SET state = $2, attempts = $3, channel = $4,
                channel_failures = $5, failed_channels = $6, language = $7, last_error = $8,
                next_attempt_at = $9, sent_at = $10, failed_at = $11, lease_until = NULL
            WHERE delivery_id = $1 AND state = 'sending' AND lease_until = $12
            """,
            delivery.delivery_id,
            delivery.state.value,
            delivery.attempts,
            delivery.channel.value if delivery.channel else None,
            delivery.channel_failures,
            [c.value for c in delivery.failed_channels],
            delivery.language,
            delivery.last_error,
            delivery.next_attempt_at,
            delivery.sent_at,
            delivery.failed_at,
            delivery.lease_until,
        )
        return not result.endswith(" 0")

    async def record_attempt(
        self,
        delivery_id: uuid.UUID,
        attempt: int,
        channel: Channel | None,
        outcome: str,
        error: str | None,
    ) -> None:
        await self._conn.execute(
            "INSERT INTO delivery_attempts (delivery_id, attempt, channel, outcome, error) "
            "VALUES ($1, $2, $3, $4, $5)",
            delivery_id,
            attempt,
            channel.value if channel else None,
            outcome,
            error,
        )
