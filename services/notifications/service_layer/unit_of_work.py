"""The notifications unit of work: its repositories in one transaction, with the outbox."""

from __future__ import annotations

import asyncpg

from services.notifications.adapters.repository import (
    PostgresContactRepository,
    PostgresDeliveryRepository,
    PostgresDigestRepository,
    PostgresPreferenceRepository,
    PostgresRegistrationRepository,
    PostgresReminderRepository,
    PostgresWebhookRepository,
)
from shared.db.unit_of_work import AbstractUnitOfWork, PostgresUnitOfWork

SCHEMA = "notifications"


class NotificationsUnitOfWork(AbstractUnitOfWork):
    producer = "notifications"
    contacts: PostgresContactRepository
    preferences: PostgresPreferenceRepository
    registrations: PostgresRegistrationRepository
    reminders: PostgresReminderRepository
    digests: PostgresDigestRepository
    webhooks: PostgresWebhookRepository
    deliveries: PostgresDeliveryRepository


class PostgresNotificationsUnitOfWork(PostgresUnitOfWork, NotificationsUnitOfWork):
    producer = "notifications"

    def __init__(
        self, pool: asyncpg.Pool | None = None, *, within: asyncpg.Connection | None = None
    ) -> None:
        super().__init__(pool, SCHEMA, within=within)

    def _attach(self, conn: asyncpg.Connection) -> None:
        self.contacts = PostgresContactRepository(conn)
        self.preferences = PostgresPreferenceRepository(conn)
        self.registrations = PostgresRegistrationRepository(conn)
        self.reminders = PostgresReminderRepository(conn)
        self.digests = PostgresDigestRepository(conn)
        self.webhooks = PostgresWebhookRepository(conn)
        self.deliveries = PostgresDeliveryRepository(conn)
