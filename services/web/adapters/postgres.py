"""Staff accounts and sessions in the `web` schema."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

import asyncpg

from services.web.domain.accounts import StaffAccount
from shared.errors import Conflict
from shared.identity.roles import Grant

_ACCOUNT = """SELECT a.*, COALESCE(
    (SELECT json_agg(json_build_object('role', g.role, 'area', NULLIF(g.area, ''))
                     ORDER BY g.role, g.area)
       FROM staff_grants g WHERE g.account_id = a.id), '[]') AS grants
  FROM staff_accounts a"""


def _account(row: asyncpg.Record) -> StaffAccount:
    return StaffAccount(
        id=row["id"],
        username=row["username"],
        display_name=row["display_name"],
        password_hash=row["password_hash"],
        active=row["active"],
        failed_logins=row["failed_logins"],
        locked_until=row["locked_until"],
        must_change_password=row["must_change_password"],
        grants=tuple(Grant.model_validate(g) for g in row["grants"]),
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )


class PostgresAccounts:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    async def by_username(self, username: str) -> StaffAccount | None:
        row = await self.pool.fetchrow(f"{_ACCOUNT} WHERE lower(a.username) = lower($1)", username)
        return _account(row) if row else None

    async def by_id(self, account_id: uuid.UUID) -> StaffAccount | None:
        row = await self.pool.fetchrow(f"{_ACCOUNT} WHERE a.id = $1", account_id)
        return _account(row) if row else None

    async def all(self) -> list[StaffAccount]:
        rows = await self.pool.fetch(f"{_ACCOUNT} ORDER BY a.active DESC, a.username")
        return [_account(r) for r in rows]

    async def names(self, ids: list[uuid.UUID]) -> dict[uuid.UUID, str]:
        rows = await self.pool.fetch(
            "SELECT id, display_name FROM staff_accounts WHERE id = ANY($1::uuid[])", ids
        )
        return {r["id"]: r["display_name"] for r in rows}

    async def add(self, account: StaffAccount, *, changed_by: str) -> None:
        async with self.pool.acquire() as conn, conn.transaction():
            try:
                await conn.execute(
                    """INSERT INTO staff_accounts (id, username, display_name, password_hash,
                           active, must_change_password) VALUES ($1, $2, $3, $4, $5, $6)""",
                    account.id,
                    account.username,
                    account.display_name,
                    account.password_hash,
                    account.active,
                    account.must_change_password,
                )
            except asyncpg.UniqueViolationError:
                raise Conflict(
                    f"มีชื่อผู้ใช้ {account.username} แล้ว / the username {account.username} is taken"
                ) from None
            await _write_grants(conn, account)
            await _record(conn, account, changed_by, "staff.created")

    async def save(self, account: StaffAccount, *, changed_by: str, change: str) -> None:
        async with self.pool.acquire() as conn, conn.transaction():
            await conn.execute(
                """UPDATE staff_accounts SET display_name = $2, password_hash = $3, active = $4,
                       failed_logins = $5, locked_until = $6, must_change_password = $7,
                       updated_at = now() WHERE id = $1""",
                account.id,
                account.display_name,
                account.password_hash,
                account.active,
                account.failed_logins,
                account.locked_until,
                account.must_change_password,
            )
            await conn.execute("DELETE FROM staff_grants WHERE account_id = $1", account.id)
            await _write_grants(conn, account)
            await _record(conn, account, changed_by, change)

    async def record_failure(
        self, account_id: uuid.UUID, failed_logins: int, locked_until: datetime | None
    ) -> None:
        await self.pool.execute(
            "UPDATE staff_accounts SET failed_logins = $2, locked_until = $3 WHERE id = $1",
            account_id,
            failed_logins,
            locked_until,
        )

    async def record_success(self, account_id: uuid.UUID, password_hash: str | None) -> None:
        await self.pool.execute(
            """UPDATE staff_accounts SET failed_logins = 0, locked_until = NULL,
                   password_hash = COALESCE($2, password_hash) WHERE id = $1""",
            account_id,
            password_hash,
        )

    async def address_failures(self, address: str, since: datetime) -> int:
        return await self.pool.fetchval(
            "SELECT count(*) FROM login_failures WHERE address = $1 AND at > $2", address, since
        )

    async def record_address_failure(self, address: str, at: datetime) -> None:
        async with self.pool.acquire() as conn, conn.transaction():
            await conn.execute(
                "DELETE FROM login_failures WHERE at < $1::timestamptz - interval '1 day'", at
            )
            await conn.execute(
                "INSERT INTO login_failures (address, at) VALUES ($1, $2)", address, at
            )


async def _write_grants(conn: asyncpg.Connection, account: StaffAccount) -> None:
    await conn.executemany(
        "INSERT INTO staff_grants (account_id, role, area) VALUES ($1, $2, $3)",
        [(account.id, g.role.value, g.area or "") for g in account.grants],
    )


async def _record(conn: asyncpg.Connection, account: StaffAccount, by: str, change: str) -> None:
    await conn.execute(
        """INSERT INTO staff_account_changes (account_id, changed_by, change, grants, active)
           VALUES ($1, $2, $3, $4, $5)""",
        account.id,
        by,
        change,
        [g.model_dump(mode="json") for g in account.grants],
        account.active,
    )


@dataclass(frozen=True)
class StoredSession:
    account_id: uuid.UUID
    csrf_token: str
    created_at: datetime
    last_seen_at: datetime


class PostgresSessions:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    async def create(
        self, session_id: str, account_id: uuid.UUID, csrf_token: str, now: datetime
    ) -> None:
        await self.pool.execute(
            """INSERT INTO sessions (id, account_id, csrf_token, created_at, last_seen_at)
               VALUES ($1, $2, $3, $4, $4)""",
            session_id,
            account_id,
            csrf_token,
            now,
        )

    async def find(self, session_id: str) -> StoredSession | None:
        row = await self.pool.fetchrow(
            "SELECT account_id, csrf_token, created_at, last_seen_at FROM sessions WHERE id = $1",
            session_id,
        )
        return StoredSession(**dict(row)) if row else None

    async def touch(self, session_id: str, now: datetime) -> None:
        await self.pool.execute(
            "UPDATE sessions SET last_seen_at = $2 WHERE id = $1 AND last_seen_at < $2",
            session_id,
            now,
        )

    async def delete(self, session_id: str) -> None:
        await self.pool.execute("DELETE FROM sessions WHERE id = $1", session_id)

    async def delete_for_account(self, account_id: uuid.UUID, *, keep: str | None = None) -> None:
        await self.pool.execute(
            "DELETE FROM sessions WHERE account_id = $1 AND id IS DISTINCT FROM $2",
            account_id,
            keep,
        )
