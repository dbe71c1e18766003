"""A unit of work that cannot begin gives its connection back to the pool."""

from __future__ import annotations

import asyncpg
import pytest

from shared.db.pool import create_pool
from shared.db.unit_of_work import PostgresUnitOfWork
from shared.http.problems import DATABASE_UNAVAILABLE
from tests.conftest import Database


async def test_a_unit_of_work_whose_begin_fails_returns_its_connection(database: Database):
    handed_out = 0

    async def leave_a_transaction_open_once(conn: asyncpg.Connection) -> None:
        # The first connection handed out is already inside a transaction the unit of work
        # did not start, so its BEGIN is refused.
        nonlocal handed_out
        handed_out += 1
        if handed_out == 1:
            await conn.execute("BEGIN")

    pool = await create_pool(
        database.admin_dsn,
        schema="public",
        min_size=1,
        max_size=1,
        setup=leave_a_transaction_open_once,
    )
    try:
        with pytest.raises(asyncpg.InterfaceError):
            async with PostgresUnitOfWork(pool, "public"):
                pass

        # The pool's only connection came back: the next caller gets it at once.
        async with pool.acquire(timeout=5) as conn:
            assert await conn.fetchval("SELECT 1") == 1
    finally:
        pool.terminate()


async def test_work_within_a_connection_commits_with_the_callers_transaction(database: Database):
    conn = await asyncpg.connect(database.admin_dsn)
    try:
        await conn.execute("CREATE TABLE marks (n int)")
        async with conn.transaction():
            async with PostgresUnitOfWork(None, "public", within=conn) as uow:
                await uow.conn.execute("INSERT INTO marks VALUES (1)")
                await uow.commit()
            async with PostgresUnitOfWork(None, "public", within=conn) as uow:
                await uow.conn.execute("INSERT INTO marks VALUES (2)")  # not committed
        assert await conn.fetchval("SELECT array_agg(n) FROM marks") == [1]
        assert not conn.is_in_transaction()
    finally:
        await conn.close()


async def test_a_connection_lost_under_the_work_is_the_error_told_and_the_pool_recovers(
    database: Database,
):
    pool = await create_pool(database.admin_dsn, schema="public", min_size=1, max_size=1)
    killer = await asyncpg.connect(database.admin_dsn)
    try:
        # The error told is the lost connection's, which a service answers with 503.
        with pytest.raises(DATABASE_UNAVAILABLE):
            async with PostgresUnitOfWork(pool, "public") as uow:
                pid = await uow.conn.fetchval("SELECT pg_backend_pid()")
                # The server ends this session, as a restart or a cut network would.
                await killer.execute("SELECT pg_terminate_backend($1)", pid)
                await uow.conn.fetchval("SELECT 1")

        # The next caller gets a working connection from the same pool.
        async with pool.acquire(timeout=5) as conn:
            assert await conn.fetchval("SELECT 1") == 1
    finally:
        await killer.close()
        pool.terminate()
