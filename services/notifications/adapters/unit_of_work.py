"""The notifications unit of work on Postgres: its repositories on one transaction, with
the outbox."""

from __future__ import annotations

import asyncpg

from services.notifications.adapters.contract_events import to_contract
from services.notifications.adapters.repositories.contacts import PostgresContactRepository
from services.notifications.adapters.repositories.deliveries import PostgresDeliveryRepository
from services.notifications.adapters.repositories.digests import PostgresDigestRepository
from services.notifications.adapters.repositories.names import PostgresNameRepository
from services.notifications.adapters.repositories.order_contacts import (
    PostgresOrderContactRepository,
)
from services.notifications.adapters.repositories.preferences import (
    PostgresPreferenceRepository,
)
from services.notifications.adapters.repositories.registrations import (
    PostgresRegistrationRepository,
    PostgresReminderRepository,
)
from services.notifications.adapters.repositories.webhooks import PostgresWebhookRepository
from services.notifications.service_layer.unit_of_work import NotificationsUnitOfWork
from services.topology import NOTIFICATIONS
from shared.db.unit_of_work import PostgresUnitOfWork


class PostgresNotificationsUnitOfWork(PostgresUnitOfWork, NotificationsUnitOfWork):
    contract_of = staticmethod(to_contract)

    def __init__(
        self, pool: asyncpg.Pool | None = None, *, within: asyncpg.Connection | None = None
    ) -> None:
        super().__init__(pool, NOTIFICATIONS.name, within=within)

    def _attach(self, conn: asyncpg.Connection) -> None:
        self.contacts = PostgresContactRepository(conn)
        self.preferences = PostgresPreferenceRepository(conn)
        self.registrations = PostgresRegistrationRepository(conn)
        self.reminders = PostgresReminderRepository(conn)
        self.digests = PostgresDigestRepository(conn)
        self.webhooks = PostgresWebhookRepository(conn)
        self.deliveries = PostgresDeliveryRepository(conn)
        self.order_contacts = PostgresOrderContactRepository(conn)
        self.names = PostgresNameRepository(conn)
