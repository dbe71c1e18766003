"""The sales migrations build the service's schema with its money and idempotency rules."""

from __future__ import annotations

import uuid

import asyncpg
import pytest

from services import topology
from tests.conftest import Database, provision


async def test_sales_schema_has_its_tables_and_one_open_shift_per_terminal(database: Database):
    conn = await asyncpg.connect(await provision(database, "sales", topology.SALES.migrations))
    try:
        tables = {
            r[0]
            for r in await conn.fetch(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'sales'"
            )
        }
        assert {
            "terminals",
            "terminal_keys",
            "shifts",
            "sales",
            "sale_lines",
            "sale_payments",
            "refunds",
            "refund_lines",
            "settlements",
            "daily_summaries",
            "catalogue_products",
            "showcase_events",
        } <= tables
        terminal = uuid.uuid4()
        await conn.execute(
            "INSERT INTO terminals VALUES ($1, 'till', 'shop', NULL, now())", terminal
        )
        await conn.execute(
            "INSERT INTO shifts (shift_id, terminal_id, opened_at, opening_float_satang) "
            "VALUES ($1, $2, now(), 0)",
            uuid.uuid4(),
            terminal,
        )
        with pytest.raises(asyncpg.UniqueViolationError):
            await conn.execute(
                "INSERT INTO shifts (shift_id, terminal_id, opened_at, opening_float_satang) "
                "VALUES ($1, $2, now(), 0)",
                uuid.uuid4(),
                terminal,
            )
        with pytest.raises(asyncpg.CheckViolationError):
            await conn.execute(
                "INSERT INTO terminals VALUES ($1, 'booth', 'booth', NULL, now())", uuid.uuid4()
            )
    finally:
        await conn.close()
