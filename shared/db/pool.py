"""asyncpg pools that speak JSON and UTC, pinned to one service schema."""

from __future__ import annotations

import json
from typing import Any

import asyncpg


async def _init_connection(conn: asyncpg.Connection) -> None:
    await conn.set_type_codec(
        "jsonb",
        encoder=lambda v: json.dumps(v, ensure_ascii=False, separators=(",", ":")),
        decoder=json.loads,
        schema="pg_catalog",
    )
    await conn.set_type_codec(
        "json",
        encoder=lambda v: json.dumps(v, ensure_ascii=False, separators=(",", ":")),
        decoder=json.loads,
        schema="pg_catalog",
    )


async def create_pool(
    dsn: str, *, schema: str, min_size: int = 1, max_size: int = 10, **kwargs: Any
) -> asyncpg.Pool:
    pool = await asyncpg.create_pool(
        dsn,
        min_size=min_size,
        max_size=max_size,
        init=_init_connection,
        server_settings={"search_path": schema, "timezone": "UTC", "application_name": schema},
        **kwargs,
    )
    assert pool is not None
    return pool


async def connect(dsn: str, *, schema: str | None = None) -> asyncpg.Connection:
    settings = {"timezone": "UTC"}
    if schema:
        settings["search_path"] = schema
    conn = await asyncpg.connect(dsn, server_settings=settings)
    await _init_connection(conn)
    return conn
