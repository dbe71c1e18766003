"""One rule for every read model kept from another service's events: a newer version
replaces the columns it gives; an older or repeated one only fills what is missing. So the
same events, in any order, end in the same row."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator
from typing import Any

import asyncpg
import pytest

from shared.db.versioned import upsert_statement, versioned_upsert
from tests.conftest import Database


@pytest.fixture
async def conn(database: Database) -> AsyncIterator[asyncpg.Connection]:
    connection = await asyncpg.connect(database.admin_dsn)
    await connection.execute(
        "CREATE TABLE products (product_id int PRIMARY KEY, version int NOT NULL,"
        " name text, status text, stars int, updated_at timestamptz)"
    )
    try:
        yield connection
    finally:
        await connection.close()


# (version, values): a snapshot, a later status-only event, a rating, a later snapshot.
EVENTS: list[tuple[int, dict[str, Any]]] = [
    (1, {"name": "ผ้าไหม", "status": "listed", "stars": None}),
    (2, {"status": "delisted"}),
    (3, {"stars": 4}),
    (4, {"name": "ผ้าไหมมัดหมี่", "status": "listed"}),
]


async def _row(conn: asyncpg.Connection) -> dict[str, Any]:
    row = await conn.fetchrow("SELECT version, name, status, stars FROM products")
    return dict(row)


async def test_events_in_any_order_end_in_the_row_of_the_events_in_order(conn):
    for version, values in EVENTS:
        await versioned_upsert(
            conn, "products", key={"product_id": 1}, version=version, values=values
        )
    in_order = await _row(conn)
    assert in_order == {"version": 4, "name": "ผ้าไหมมัดหมี่", "status": "listed", "stars": 4}
    for order in itertools.permutations(EVENTS):
        await conn.execute("TRUNCATE products")
        for version, values in order:
            await versioned_upsert(
                conn, "products", key={"product_id": 1}, version=version, values=values
            )
        assert await _row(conn) == in_order, [v for v, _ in order]


async def test_an_older_event_changes_no_value_and_says_it_was_not_applied(conn):
    assert await versioned_upsert(
        conn, "products", key={"product_id": 1}, version=5, values={"status": "listed"}
    )
    assert not await versioned_upsert(
        conn,
        "products",
        key={"product_id": 1},
        version=2,
        values={"status": "delisted", "stars": 3},
    )
    assert await _row(conn) == {"version": 5, "name": None, "status": "listed", "stars": 3}


def test_only_plain_names_reach_the_statement():
    with pytest.raises(ValueError, match="not a plain SQL name"):
        upsert_statement("products; DROP TABLE x", ("id",), ("name",))
