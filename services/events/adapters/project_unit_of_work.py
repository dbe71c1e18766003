"""The events service's unit of work with the development projects' repository: what the
projects' handlers (and the registration handlers they call) run with."""

from __future__ import annotations

import asyncpg
from pydantic import BaseModel

from services.events.adapters.contract_events import to_contract
from services.events.adapters.projects import PostgresProjectRepository
from services.events.adapters.unit_of_work import PostgresEventsUnitOfWork


def project_contract(event: object) -> BaseModel:
    """The projects' messages are their contract models already; the rest are the events
    service's domain events."""
    if isinstance(event, BaseModel):
        return event
    return to_contract(event)


class PostgresProjectsUnitOfWork(PostgresEventsUnitOfWork):
    contract_of = staticmethod(project_contract)

    def __init__(
        self, pool: asyncpg.Pool | None = None, *, within: asyncpg.Connection | None = None
    ) -> None:
        super().__init__(pool, within=within)

    def _attach(self, conn: asyncpg.Connection) -> None:
        super()._attach(conn)
        self.projects = PostgresProjectRepository(conn)
