"""The notifications unit of work and the repositories it holds (ports: the Postgres
implementations live in adapters)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, Protocol

from services.notifications.domain.contacts import MemberContact
from services.notifications.domain.customers import CustomerContact, OrderFacts, Retention
from services.notifications.domain.delivery import Delivery
from services.notifications.domain.kinds import Kind
from services.notifications.domain.preferences import Preferences
from services.notifications.domain.reminders import (
    DueReminder,
    Reminder,
    ReminderState,
    ScheduledReminder,
)
from services.notifications.domain.webhooks import Subscription, WebhookTarget
from shared.contracts.notifications import Channel, NotificationKind
from shared.contracts.registry import MemberSnapshot, MemberStatus
from shared.service.unit_of_work import AbstractUnitOfWork


class ContactRepository(Protocol):
    async def apply_snapshot(self, member: MemberSnapshot) -> bool: ...
    async def apply_status(
        self, member_id: uuid.UUID, status: MemberStatus, version: int
    ) -> bool: ...
    async def get(self, member_id: uuid.UUID) -> MemberContact | None: ...
    async def exists(self, member_id: uuid.UUID) -> bool: ...

    async def district_of(self, member_id: uuid.UUID) -> str | None: ...


class PreferenceRepository(Protocol):
    async def get(self, member_id: uuid.UUID) -> Preferences | None: ...
    async def save(self, member_id: uuid.UUID, preferences: Preferences) -> None: ...


class RegistrationRepository(Protocol):
    async def apply(
        self,
        registration_id: uuid.UUID,
        event_id: uuid.UUID,
        member_id: uuid.UUID,
        status: str,
        version: int,
    ) -> bool: ...
    async def confirmed_members(self, event_id: uuid.UUID) -> list[uuid.UUID]: ...
    async def member_of(self, registration_id: uuid.UUID) -> uuid.UUID | None: ...


class NameRepository(Protocol):
    """Events' titles and products' names, for the notices that name them."""

    async def keep_event(
        self, event_id: uuid.UUID, version: int, event: dict[str, Any]
    ) -> bool: ...
    async def event(self, event_id: uuid.UUID) -> dict[str, Any] | None: ...
    async def keep_product(
        self, product_id: uuid.UUID, version: int, sku: str, name_th: str, name_en: str | None
    ) -> bool: ...
    async def product(self, product_id: uuid.UUID) -> dict[str, Any] | None: ...


class ReminderRepository(Protocol):
    async def get_for_update(self, event_id: uuid.UUID) -> Reminder | None: ...
    async def schedule(self, reminder: ScheduledReminder) -> bool: ...
    async def drop(self, event_id: uuid.UUID, version: int) -> None: ...
    async def claim_due(self, now: datetime, limit: int) -> list[DueReminder]: ...
    async def mark(self, event_id: uuid.UUID, state: ReminderState) -> None: ...


class DigestRepository(Protocol):
    async def record(
        self, producer_id: uuid.UUID, business_day: date, revision: int, source_event_id: uuid.UUID
    ) -> bool: ...


class WebhookRepository(Protocol):
    async def add(
        self,
        subscription_id: uuid.UUID,
        url: str,
        kinds: list[NotificationKind],
        secret: str,
        description: str | None,
    ) -> Subscription: ...
    async def count_active(self) -> int: ...
    async def deactivate(self, subscription_id: uuid.UUID) -> bool: ...
    async def subscribed_to(self, kind: Kind) -> list[uuid.UUID]: ...
    async def target(self, subscription_id: uuid.UUID) -> WebhookTarget | None: ...


class DeliveryRepository(Protocol):
    async def enqueue(
        self, delivery: Delivery, *, event_id: uuid.UUID | None, critical: bool, send_at: datetime
    ) -> bool: ...
    async def claim_due(
        self, now: datetime, lease_until: datetime, limit: int
    ) -> list[Delivery]: ...
    async def save(self, delivery: Delivery) -> bool: ...
    async def record_attempt(
        self,
        delivery_id: uuid.UUID,
        attempt: int,
        channel: Channel | None,
        outcome: str,
        error: str | None,
    ) -> None: ...


class OrderContactRepository(Protocol):
    async def keep(
        self,
        facts: OrderFacts,
        state: str,
        contact: CustomerContact,
        placed_at: datetime,
    ) -> bool: ...
    async def facts(self, order_id: uuid.UUID) -> OrderFacts | None: ...
    async def move(self, order_id: uuid.UUID, state: str, ended_at: datetime | None) -> None: ...
    async def contact(self, order_id: uuid.UUID) -> CustomerContact | None: ...
    async def erase_due(self, now: datetime, retention: Retention, limit: int) -> int: ...


class NotificationsUnitOfWork(AbstractUnitOfWork):
    producer = "notifications"
    contacts: ContactRepository
    preferences: PreferenceRepository
    registrations: RegistrationRepository
    reminders: ReminderRepository
    digests: DigestRepository
    webhooks: WebhookRepository
    deliveries: DeliveryRepository
    order_contacts: OrderContactRepository
    names: NameRepository
