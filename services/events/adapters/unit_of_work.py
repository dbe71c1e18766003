"""The events service's unit of work on Postgres: one transaction (or, inside a consumer's
inbox transaction, one savepoint) for a change and the events it publishes, each in its
public contract form."""

from __future__ import annotations

import asyncpg

from services.events.adapters.booths import PostgresBoothRepository
from services.events.adapters.contract_events import to_contract
from services.events.adapters.events import PostgresEventRepository, PostgresPlacesRepository
from services.events.adapters.members import PostgresMemberDirectory
from services.events.adapters.registrations import PostgresRegistrationRepository
from services.events.adapters.registry_copy import PostgresRegistryCopy
from services.events.adapters.trainings import PostgresTrainingRepository
from services.events.service_layer.unit_of_work import EventsUnitOfWork
from services.topology import EVENTS
from shared.db.unit_of_work import PostgresUnitOfWork


class PostgresEventsUnitOfWork(PostgresUnitOfWork, EventsUnitOfWork):
    contract_of = staticmethod(to_contract)

    def __init__(
        self, pool: asyncpg.Pool | None = None, *, within: asyncpg.Connection | None = None
    ) -> None:
        super().__init__(pool, EVENTS.name, within=within)

    def _attach(self, conn: asyncpg.Connection) -> None:
        self.events = PostgresEventRepository(conn)
        self.places = PostgresPlacesRepository(conn)
        self.registrations = PostgresRegistrationRepository(conn)
        self.booths = PostgresBoothRepository(conn)
        self.members = PostgresMemberDirectory(conn)
        self.registry = PostgresRegistryCopy(conn)
        self.trainings = PostgresTrainingRepository(conn)
