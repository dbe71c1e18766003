"""In-memory fakes of the notifications repositories and unit of work."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from services.notifications.adapters.contract_events import to_contract
from services.notifications.domain.contacts import MemberContact
from services.notifications.domain.delivery import Delivery
from services.notifications.domain.preferences import Preferences
from services.notifications.domain.reminders import (
    DueReminder,
    Reminder,
    ReminderState,
    ScheduledReminder,
)
from services.notifications.domain.webhooks import WebhookTarget
from services.notifications.service_layer.unit_of_work import NotificationsUnitOfWork
from shared.contracts.notifications import NotificationKind
from shared.contracts.registry import MemberSnapshot, MemberStatus
from shared.messaging.envelope import EventEnvelope
from shared.service.unit_of_work import AuditEntry
from tests.unit.notifications.fake_names import FakeNames
from tests.unit.notifications.fake_orders import FakeOrderContacts


class FakeContacts:
    def __init__(self) -> None:
        self.rows: dict[uuid.UUID, tuple[int, int, MemberContact]] = {}
        self.districts: dict[uuid.UUID, str] = {}

    async def apply_snapshot(self, member: MemberSnapshot) -> bool:
        current = self.rows.get(member.member_id)
        if current and current[0] >= member.version:
            return False
        status_version = current[1] if current else 0
        status = member.status
        if current and status_version >= member.version:
            status = current[2].status
        contact = MemberContact(
            member.member_id,
            member.name_th,
            member.name_en,
            member.preferred_language,
            status,
            member.contact.email,
            member.contact.phone,
            member.contact.line_id,
        )
        self.rows[member.member_id] = (member.version, max(status_version, member.version), contact)
        self.districts[member.member_id] = member.site.district_code
        return True

    async def apply_status(self, member_id: uuid.UUID, status: MemberStatus, version: int) -> bool:
        current = self.rows.get(member_id)
        if current is None:
            contact = MemberContact(member_id, "", None, "th", status)
            self.rows[member_id] = (0, version, contact)
            return True
        if current[1] >= version:
            return False
        old = current[2]
        self.rows[member_id] = (
            current[0],
            version,
            MemberContact(
                old.member_id,
                old.name_th,
                old.name_en,
                old.preferred_language,
                status,
                old.email,
                old.phone,
                old.line_id,
            ),
        )
        return True

    async def get(self, member_id: uuid.UUID) -> MemberContact | None:
        row = self.rows.get(member_id)
        return row[2] if row and row[0] > 0 else None

    async def exists(self, member_id: uuid.UUID) -> bool:
        return member_id in self.rows

    async def district_of(self, member_id: uuid.UUID) -> str | None:
        return self.districts.get(member_id)


class FakePreferences:
    def __init__(self) -> None:
        self.rows: dict[uuid.UUID, Preferences] = {}

    async def get(self, member_id: uuid.UUID) -> Preferences | None:
        return self.rows.get(member_id)

    async def save(self, member_id: uuid.UUID, preferences: Preferences) -> None:
        self.rows[member_id] = preferences


class FakeRegistrations:
    def __init__(self) -> None:
        self.rows: dict[uuid.UUID, dict[str, Any]] = {}

    async def apply(self, registration_id, event_id, member_id, status, version) -> bool:  # type: ignore[no-untyped-def]
        current = self.rows.get(registration_id)
        if current and current["version"] >= version:
            return False
        self.rows[registration_id] = {
            "event_id": event_id,
            "member_id": member_id,
            "status": status,
            "version": version,
        }
        return True

    async def confirmed_members(self, event_id: uuid.UUID) -> list[uuid.UUID]:
        return sorted(
            {
                r["member_id"]
                for r in self.rows.values()
                if r["event_id"] == event_id and r["status"] == "confirmed"
            }
        )

    async def member_of(self, registration_id: uuid.UUID) -> uuid.UUID | None:
        row = self.rows.get(registration_id)
        return row["member_id"] if row else None


class FakeReminders:
    def __init__(self) -> None:
        self.rows: dict[uuid.UUID, dict[str, Any]] = {}

    async def get_for_update(self, event_id: uuid.UUID) -> Reminder | None:
        row = self.rows.get(event_id)
        if row is None:
            return None
        return Reminder(event_id, row["starts_at"], ReminderState(row["state"]))

    async def schedule(self, reminder: ScheduledReminder) -> bool:
        current = self.rows.get(reminder.event_id)
        if current and current["version"] >= reminder.version:
            return False
        self.rows[reminder.event_id] = {
            "event_id": reminder.event_id,
            "version": reminder.version,
            "event": reminder.event,
            "starts_at": reminder.starts_at,
            "remind_at": reminder.remind_at,
            "state": reminder.state.value,
        }
        return True

    async def drop(self, event_id: uuid.UUID, version: int) -> None:
        current = self.rows.setdefault(
            event_id,
            {
                "event_id": event_id,
                "version": version,
                "event": {},
                "starts_at": None,
                "remind_at": None,
            },
        )
        current["state"] = "dropped"
        current["version"] = max(current["version"], version)

    async def claim_due(self, now: datetime, limit: int) -> list[DueReminder]:
        due = [r for r in self.rows.values() if r["state"] == "pending" and r["remind_at"] <= now]
        due = sorted(due, key=lambda r: r["remind_at"])[:limit]
        return [DueReminder(r["event_id"], r["event"], r["starts_at"]) for r in due]

    async def mark(self, event_id: uuid.UUID, state: ReminderState) -> None:
        self.rows[event_id]["state"] = state.value

    async def state(self, event_id: uuid.UUID) -> str | None:
        row = self.rows.get(event_id)
        return row["state"] if row else None


class FakeDigests:
    def __init__(self) -> None:
        self.rows: dict[tuple[uuid.UUID, Any], int] = {}

    async def record(self, producer_id, business_day, revision, source_event_id) -> bool:  # type: ignore[no-untyped-def]
        key = (producer_id, business_day)
        first = key not in self.rows
        self.rows[key] = max(self.rows.get(key, 0), revision)
        return first


class FakeWebhooks:
    def __init__(self) -> None:
        self.rows: dict[uuid.UUID, dict[str, Any]] = {}

    async def subscribed_to(self, kind: NotificationKind) -> list[uuid.UUID]:
        return [k for k, r in self.rows.items() if r["active"] and kind.value in r["kinds"]]

    async def target(self, subscription_id: uuid.UUID) -> WebhookTarget | None:
        row = self.rows.get(subscription_id)
        return None if row is None else WebhookTarget(row["url"], row["secret"], row["active"])


class FakeDeliveries:
    def __init__(self) -> None:
        self.queued: list[tuple[Delivery, dict[str, Any]]] = []
        self._keys: set[tuple[Any, ...]] = set()

    async def enqueue(self, delivery: Delivery, *, event_id, critical, send_at) -> bool:  # type: ignore[no-untyped-def]
        key = (
            delivery.source_event_id,
            delivery.member_id,
            delivery.kind,
            delivery.subscription_id,
            delivery.order_id,
            delivery.to_channel,
        )
        if key in self._keys:
            return False
        self._keys.add(key)
        self.queued.append(
            (delivery, {"event_id": event_id, "critical": critical, "send_at": send_at})
        )
        return True

    def for_members(self) -> list[tuple[Delivery, dict[str, Any]]]:
        return [
            (d, meta) for d, meta in self.queued if d.subscription_id is None and d.order_id is None
        ]

    def for_customers(self) -> list[tuple[Delivery, dict[str, Any]]]:
        return [(d, meta) for d, meta in self.queued if d.order_id is not None]


class FakeUnitOfWork(NotificationsUnitOfWork):
    contract_of = staticmethod(to_contract)

    def __init__(self) -> None:
        super().__init__()
        self.contacts = FakeContacts()  # type: ignore[assignment]
        self.preferences = FakePreferences()  # type: ignore[assignment]
        self.registrations = FakeRegistrations()  # type: ignore[assignment]
        self.reminders = FakeReminders()  # type: ignore[assignment]
        self.digests = FakeDigests()  # type: ignore[assignment]
        self.webhooks = FakeWebhooks()  # type: ignore[assignment]
        self.deliveries = FakeDeliveries()  # type: ignore[assignment]
        self.order_contacts = FakeOrderContacts()  # type: ignore[assignment]
        self.names = FakeNames()  # type: ignore[assignment]
        self.commits = 0
        self.audited: list[AuditEntry] = []

    async def _begin(self) -> None:
        pass

    async def _commit(self, envelopes: list[tuple[str, EventEnvelope[Any]]]) -> None:
        self.commits += 1
        self.audited.extend(self._audit_entries(envelopes))

    async def _end(self) -> None:
        pass
