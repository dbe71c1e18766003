"""The registry's unit of work on Postgres: its repositories on one transaction, and its
domain events written to the outbox as the public contract models."""

from __future__ import annotations

import asyncpg

from services.registry.adapters import community_events  # noqa: F401 (publishes communities)
from services.registry.adapters.communities import PostgresCommunityRepository
from services.registry.adapters.contract_events import to_contract
from services.registry.adapters.members import PostgresMemberRepository
from services.registry.adapters.products import PostgresProductRepository
from services.registry.adapters.roles import PostgresRoleRepository
from services.registry.service_layer.unit_of_work import RegistryUnitOfWork
from services.topology import REGISTRY
from shared.db.unit_of_work import PostgresUnitOfWork


class PostgresRegistryUnitOfWork(PostgresUnitOfWork, RegistryUnitOfWork):
    """A transaction from `pool`, or a savepoint `within` a connection already in one."""

    contract_of = staticmethod(to_contract)

    def __init__(
        self, pool: asyncpg.Pool | None = None, *, within: asyncpg.Connection | None = None
    ) -> None:
        super().__init__(pool, REGISTRY.name, within=within)

    def _attach(self, conn: asyncpg.Connection) -> None:
        self.members = PostgresMemberRepository(conn)
        self.products = PostgresProductRepository(conn)
        self.roles = PostgresRoleRepository(conn)
        self.communities = PostgresCommunityRepository(conn)
