"""Terminals and their keys in Postgres."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import asyncpg

from services.sales.domain.terminals import AuthenticatedTerminal, Terminal, TerminalKey
from shared.contracts.sales import TerminalLocation

INSERT_TERMINAL = """
INSERT INTO terminals (terminal_id, name, location, event_id, created_at, code)
VALUES ($1, $2, $3, $4, $5, $6)
"""
CODE_IN_USE = "SELECT EXISTS (SELECT 1 FROM terminals WHERE code = $1)"
NEXT_CODE_NUMBER = "SELECT nextval('terminal_codes')"
SELECT_TERMINAL = "SELECT * FROM terminals WHERE terminal_id = $1"
LOCK_TERMINAL = "SELECT * FROM terminals WHERE terminal_id = $1 FOR UPDATE"
INSERT_KEY = """
INSERT INTO terminal_keys (key_id, terminal_id, key_hash, hint, created_at)
VALUES ($1, $2, $3, $4, $5)
"""
SELECT_KEYS = "SELECT * FROM terminal_keys WHERE terminal_id = $1 ORDER BY created_at, key_id"
REVOKE_KEY = """
UPDATE terminal_keys SET revoked_at = coalesce(revoked_at, $3)
WHERE terminal_id = $1 AND key_id = $2
RETURNING *
"""
# Registrations take turns (transaction lock), so two at once cannot both pass the cap.
LOCK_REGISTRATIONS = "SELECT pg_advisory_xact_lock(hashtext('sales.terminals.register'))"
COUNT_ACTIVE = "SELECT count(DISTINCT terminal_id) FROM terminal_keys WHERE revoked_at IS NULL"
AUTHENTICATE = """
SELECT t.*, k.key_id FROM terminal_keys k JOIN terminals t USING (terminal_id)
WHERE k.key_hash = $1 AND k.revoked_at IS NULL
"""


def terminal_from(row: asyncpg.Record | dict[str, Any]) -> Terminal:
    return Terminal(
        terminal_id=row["terminal_id"],
        name=row["name"],
        location=TerminalLocation(row["location"]),
        event_id=row["event_id"],
        created_at=row["created_at"],
        code=row["code"],
    )


def key_from(row: asyncpg.Record) -> TerminalKey:
    return TerminalKey(
        key_id=row["key_id"],
        terminal_id=row["terminal_id"],
        hint=row["hint"],
        created_at=row["created_at"],
        revoked_at=row["revoked_at"],
    )


class PostgresTerminalRepository:
    def __init__(self, conn: asyncpg.Connection) -> None:
        self._conn = conn

    async def add(self, terminal: Terminal) -> None:
        await self._conn.execute(
            INSERT_TERMINAL,
            terminal.terminal_id,
            terminal.name,
            terminal.location.value,
            terminal.event_id,
            terminal.created_at,
            terminal.code,
        )

    async def code_in_use(self, code: str) -> bool:
        used: bool = await self._conn.fetchval(CODE_IN_USE, code)
        return used

    async def next_code_number(self) -> int:
        """The next number of the sequence generated codes are made from."""
        number: int = await self._conn.fetchval(NEXT_CODE_NUMBER)
        return number

    async def get(self, terminal_id: uuid.UUID, *, for_update: bool = False) -> Terminal | None:
        row = await self._conn.fetchrow(
            LOCK_TERMINAL if for_update else SELECT_TERMINAL, terminal_id
        )
        return terminal_from(row) if row else None

    async def count_in_service(self) -> int:
        """Terminals with an active key, holding the registration lock to the transaction's end."""
        await self._conn.execute(LOCK_REGISTRATIONS)
        active: int = await self._conn.fetchval(COUNT_ACTIVE)
        return active

    async def add_key(self, key: TerminalKey, key_hash: bytes) -> None:
        await self._conn.execute(
            INSERT_KEY, key.key_id, key.terminal_id, key_hash, key.hint, key.created_at
        )

    async def keys(self, terminal_id: uuid.UUID) -> list[TerminalKey]:
        return [key_from(r) for r in await self._conn.fetch(SELECT_KEYS, terminal_id)]

    async def revoke_key(
        self, terminal_id: uuid.UUID, key_id: uuid.UUID, at: datetime
    ) -> TerminalKey | None:
        row = await self._conn.fetchrow(REVOKE_KEY, terminal_id, key_id, at)
        return key_from(row) if row else None


async def authenticate(conn: asyncpg.Connection, key_hash: bytes) -> AuthenticatedTerminal | None:
    row = await conn.fetchrow(AUTHENTICATE, key_hash)
    if row is None:
        return None
    return AuthenticatedTerminal(terminal_from(row), row["key_id"])
