"""Read models kept from other services' events: one rule for every "newer version wins".

`versioned_upsert` writes one row of a read model from an event carrying the aggregate's
version. The rule, for every read model on the platform:

- A row the table does not have yet is inserted as given.
- An event NEWER than the row (a higher version) replaces every column it gives; columns
  it does not give keep their values. The row's version becomes the event's.
- An event that is NOT newer (same or lower version: a redelivery, a replay, or an older
  event overtaken by a newer one) changes no value the row holds: it only fills columns
  the row has as NULL (a row first made from a partial event, e.g. a status change, is
  completed by the full snapshot that came after it). The version stays.

So applying a set of events in any order ends in the same row as applying them in order.
Table and column names come from code, never from input.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import asyncpg

_NAME = re.compile(r"^[a-z_][a-z0-9_]*$")


def _name(value: str) -> str:
    if not _NAME.match(value):
        raise ValueError(f"not a plain SQL name: {value!r}")
    return value


def upsert_statement(
    table: str,
    key: tuple[str, ...],
    columns: tuple[str, ...],
    *,
    version_column: str = "version",
    touch: str | None = "updated_at",
) -> str:
    """The statement `versioned_upsert` runs; parameters are key, version, then columns."""
    names = [_name(c) for c in (*key, version_column, *columns)]
    v = _name(version_column)
    sets = [f"{v} = greatest(t.{v}, excluded.{v})"]
    for column in map(_name, columns):
        sets.append(
            f"{column} = CASE WHEN excluded.{v} > t.{v} THEN excluded.{column} "
            f"ELSE coalesce(t.{column}, excluded.{column}) END"
        )
    if touch is not None:
        sets.append(f"{_name(touch)} = now()")
    placeholders = ", ".join(f"${i}" for i in range(1, len(names) + 1))
    return (
        f"INSERT INTO {_name(table)} AS t ({', '.join(names)}) VALUES ({placeholders}) "
        f"ON CONFLICT ({', '.join(map(_name, key))}) DO UPDATE SET {', '.join(sets)} "
        f"RETURNING t.{v} = ${len(key) + 1} AS applied"
    )


async def versioned_upsert(
    conn: asyncpg.Connection,
    table: str,
    *,
    key: Mapping[str, Any],
    version: int,
    values: Mapping[str, Any],
    version_column: str = "version",
    touch: str | None = "updated_at",
) -> bool:
    """Apply one event's `values` to the row at `key` by the rule above. True when the row
    now holds this version (the event was new or the row's latest)."""
    statement = upsert_statement(
        table, tuple(key), tuple(values), version_column=version_column, touch=touch
    )
    applied = await conn.fetchval(statement, *key.values(), version, *values.values())
    return bool(applied)
