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

    def __init__(self, pool: asyncpg.Pool) -> None:
        super().__init__(pool, SCHEMA)

    def _attach(self, conn: asyncpg.Connection) -> None:
        self.contacts = PostgresContactRepository(conn)
        self.preferences = PostgresPreferenceRepository(conn)
        self.registrations = PostgresRegistrationRepository(conn)
        self.reminders = PostgresReminderRepository(conn)
        self.digests = PostgresDigestRepository(conn)
        self.webhooks = PostgresWebhookRepository(conn)
        self.deliveries = PostgresDeliveryRepository(conn)


class ConsumerUnitOfWork(PostgresNotificationsUnitOfWork):
    """Works inside a consumer's inbox transaction (as a savepoint on its connection), so
    the read models, the queued deliveries and the inbox entry commit together."""

    def __init__(self, conn: asyncpg.Connection) -> None:
        AbstractUnitOfWork.__init__(self)
        self.schema = SCHEMA
        self._given = conn
        self._conn = None
        self._tx = None

    async def _begin(self) -> None:
        self._conn = self._given
        self._tx = self._given.transaction()
        await self._tx.start()
        self._attach(self._given)

    async def _end(self) -> None:
        try:
            if self._tx is not None:
                await self._tx.rollback()
        finally:
            self._tx = None
            self._conn = None
