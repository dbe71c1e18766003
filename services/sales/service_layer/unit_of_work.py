"""The sales service's unit of work: its repositories on one transaction."""

from __future__ import annotations

import asyncpg

from shared.db.unit_of_work import PostgresUnitOfWork

SCHEMA = "sales"


class SalesUnitOfWork(PostgresUnitOfWork):
    producer = "sales"

    def __init__(self, pool: asyncpg.Pool) -> None:
        super().__init__(pool, SCHEMA)

    def _attach(self, conn: asyncpg.Connection) -> None:
        from services.sales.adapters.sales import PostgresSaleRepository
        from services.sales.adapters.settlements import PostgresSettlementRepository
        from services.sales.adapters.shifts import PostgresShiftRepository
        from services.sales.adapters.summaries import PostgresSummaryRepository
        from services.sales.adapters.terminals import PostgresTerminalRepository

        self.terminals = PostgresTerminalRepository(conn)
        self.shifts = PostgresShiftRepository(conn)
        self.sales = PostgresSaleRepository(conn)
        self.settlements = PostgresSettlementRepository(conn)
        self.summaries = PostgresSummaryRepository(conn)
