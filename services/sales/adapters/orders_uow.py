"""The sales unit of work on Postgres with the shop's online orders beside the sales."""

from __future__ import annotations

import asyncpg

from services.sales.adapters.orders import PostgresOrderRepository
from services.sales.adapters.unit_of_work import PostgresSalesUnitOfWork
from services.sales.service_layer.orders_ports import OrdersUnitOfWork


class PostgresOrdersUnitOfWork(PostgresSalesUnitOfWork, OrdersUnitOfWork):
    def _attach(self, conn: asyncpg.Connection) -> None:
        super()._attach(conn)
        self.orders = PostgresOrderRepository(conn)
