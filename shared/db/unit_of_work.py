"""The unit of work on PostgreSQL: one transaction (or a savepoint in a consumer's inbox
transaction) for a state change and the events it publishes, written to the outbox."""

from __future__ import annotations

import contextlib
from typing import Any

import asyncpg

from shared.db.audit import record_audit
from shared.identity.actor import current_actor
from shared.messaging.envelope import EventEnvelope
from shared.messaging.outbox import write_to_outbox
from shared.service.unit_of_work import AbstractUnitOfWork

__all__ = ["CONNECTION_LOST", "AbstractUnitOfWork", "PostgresUnitOfWork"]


# What a connection that died under a unit of work raises.
CONNECTION_LOST: tuple[type[BaseException], ...] = (
    asyncpg.PostgresConnectionError,
    asyncpg.InterfaceError,
    asyncpg.InternalClientError,  # a statement sent while the server was ending the session
    ConnectionError,
    OSError,
)


class PostgresUnitOfWork(AbstractUnitOfWork):
    """A transaction on a connection from `pool`; or, `within` a connection that is already
    in a transaction (a consumer's inbox transaction), a savepoint on it, so the work and
    the caller's own writes commit or roll back together."""

    def __init__(
        self,
        pool: asyncpg.Pool | None,
        schema: str,
        *,
        within: asyncpg.Connection | None = None,
    ) -> None:
        super().__init__()
        if (pool is None) == (within is None):
            raise ValueError("a unit of work needs either a pool or a connection to work within")
        self._pool = pool
        self._within = within
        self.schema = schema
        self._conn: asyncpg.Connection | None = None
        self._tx: Any = None

    @property
    def conn(self) -> asyncpg.Connection:
        if self._conn is None:
            raise RuntimeError("the unit of work is not open")
        return self._conn

    async def _begin(self) -> None:
        if self._within is not None:
            tx = self._within.transaction()  # a savepoint in the caller's transaction
            await tx.start()
            self._conn, self._tx = self._within, tx
            self._attach(self._within)
            return
        assert self._pool is not None
        # A task cancelled while BEGIN is on its way must not keep the connection: the
        # unit of work's exit does not run when entering it failed.
        conn = await self._pool.acquire()
        try:
            tx = conn.transaction()
            await tx.start()
        except BaseException:
            await self._pool.release(conn)
            raise
        self._conn, self._tx = conn, tx
        self._attach(conn)

    def _attach(self, conn: asyncpg.Connection) -> None:
        """Subclasses create their repositories on the connection here."""

    async def _commit(self, envelopes: list[tuple[str, EventEnvelope[Any]]]) -> None:
        actor = current_actor()
        await write_to_outbox(
            self.conn, self.schema, envelopes, actor_id=actor.id if actor.audited else None
        )
        await record_audit(self.conn, actor, self._audit_entries(envelopes))
        await self._tx.commit()
        self._tx = None

    async def _end(self) -> None:
        try:
            if self._tx is not None:
                await self._tx.rollback()
        except CONNECTION_LOST:
            # The connection died under the work (a restarting server, a cut network): there
            # is nothing to roll back, and the error that brought us here is the one to tell.
            if self._conn is not None and self._pool is not None:
                self._conn.terminate()
        finally:
            self._tx = None
            if self._conn is not None and self._pool is not None:
                with contextlib.suppress(*CONNECTION_LOST):
                    await self._pool.release(self._conn)
            self._conn = None
