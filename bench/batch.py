"""Offline backlogs of 1,000 sales uploaded over HTTP, and the same rows written by COPY."""

from __future__ import annotations

import random
import time
import uuid
from datetime import timedelta
from typing import Any

import asyncpg

from bench.client import Api
from bench.data import Dataset
from bench.sales_load import sale_body
from shared.timeutil import now_bangkok

# The tables one recorded sale writes rows to, keyed by its sale id.
SALE_TABLES = ("sales", "sale_lines", "sale_payments")


def backlog(rng: random.Random, data: Dataset, size: int) -> list[dict[str, Any]]:
    now = now_bangkok()
    sales = [sale_body(rng, data.products) for _ in range(size)]
    for i, sale in enumerate(sales):
        sale["occurred_at"] = (now - timedelta(seconds=size - i)).isoformat()
    return sales


async def upload(api: Api, sales_url: str, key: str, sales: list[dict[str, Any]]) -> float:
    """Seconds the upload took; every sale must be recorded."""
    started = time.perf_counter()
    answer = await api.call("POST", f"{sales_url}/v1/sales/batch", {"sales": sales}, token=key)
    took = time.perf_counter() - started
    if answer.get("recorded") != len(sales):
        raise RuntimeError(f"batch not recorded whole: {str(answer)[:300]}")
    return took


async def copy_same_rows(admin_dsn: str, sale_ids: list[str]) -> float:
    """The rows the batch wrote to SALE_TABLES, again under new sale ids (receipt numbers
    made unique), by COPY in one transaction; the seconds the COPY took."""
    conn = await asyncpg.connect(admin_dsn, server_settings={"search_path": "sales"})
    try:
        ids = [uuid.UUID(s) for s in sale_ids]
        renamed = {old: uuid.uuid4() for old in ids}
        tables: dict[str, tuple[list[str], list[tuple[Any, ...]]]] = {}
        for table in SALE_TABLES:
            rows = await conn.fetch(f"SELECT * FROM {table} WHERE sale_id = ANY($1::uuid[])", ids)
            columns = list(rows[0].keys()) if rows else []
            records = []
            for row in rows:
                values = dict(row)
                values["sale_id"] = renamed[values["sale_id"]]
                if values.get("receipt_no"):
                    values["receipt_no"] = f"{values['receipt_no']}-c{uuid.uuid4().hex[:6]}"
                records.append(tuple(values[c] for c in columns))
            tables[table] = (columns, records)
        started = time.perf_counter()
        async with conn.transaction():
            for table, (columns, records) in tables.items():
                if records:
                    await conn.copy_records_to_table(table, records=records, columns=columns)
        return time.perf_counter() - started
    finally:
        await conn.close()
