"""The sales service's unit of work on Postgres: its repositories on one transaction."""

from __future__ import annotations

import asyncpg

from services import topology
from services.sales.adapters.catalogue import PostgresCatalogueRepository
from services.sales.adapters.contract_events import to_contract
from services.sales.adapters.producers import PostgresProducerRepository
from services.sales.adapters.request_ledger import PostgresRequestLedger
from services.sales.adapters.sales import PostgresSaleRepository
from services.sales.adapters.settlements import PostgresSettlementRepository
from services.sales.adapters.shifts import PostgresShiftRepository
from services.sales.adapters.shop import PostgresShopRepository
from services.sales.adapters.stock import PostgresStockRepository
from services.sales.adapters.summaries import PostgresSummaryRepository
from services.sales.adapters.terminals import PostgresTerminalRepository
from services.sales.service_layer.unit_of_work import SalesUnitOfWork
from shared.db.unit_of_work import PostgresUnitOfWork


class PostgresSalesUnitOfWork(PostgresUnitOfWork, SalesUnitOfWork):
    contract_of = staticmethod(to_contract)

    def __init__(
        self, pool: asyncpg.Pool | None = None, *, within: asyncpg.Connection | None = None
    ) -> None:
        super().__init__(pool, topology.SALES.name, within=within)

    def _attach(self, conn: asyncpg.Connection) -> None:
        self.catalogue = PostgresCatalogueRepository(conn)
        self.producers = PostgresProducerRepository(conn)
        self.requests = PostgresRequestLedger(conn)
        self.terminals = PostgresTerminalRepository(conn)
        self.shifts = PostgresShiftRepository(conn)
        self.sales = PostgresSaleRepository(conn)
        self.stock = PostgresStockRepository(conn)
        self.shop = PostgresShopRepository(conn)
        self.settlements = PostgresSettlementRepository(conn)
        self.summaries = PostgresSummaryRepository(conn)
