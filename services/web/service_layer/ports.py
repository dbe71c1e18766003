"""What the service layer needs from the outside: where accounts and sessions are kept, and
how passwords are hashed."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Protocol

from services.web.domain.accounts import StaffAccount


class PasswordHasher(Protocol):
    def hash(self, password: str) -> str: ...

    def verify(self, password_hash: str, password: str) -> bool: ...

    def needs_rehash(self, password_hash: str) -> bool: ...


class AccountStore(Protocol):
    async def by_username(self, username: str) -> StaffAccount | None: ...

    async def by_id(self, account_id: uuid.UUID) -> StaffAccount | None: ...

    async def all(self) -> list[StaffAccount]: ...

    async def names(self, ids: list[uuid.UUID]) -> dict[uuid.UUID, str]: ...

    async def add(self, account: StaffAccount, *, changed_by: str) -> None:
        """Insert; raises shared.errors.Conflict when the username is taken."""

    async def save(self, account: StaffAccount, *, changed_by: str, change: str) -> None:
        """Store every field and the grants, and record who made which change."""

    async def record_failure(
        self, account_id: uuid.UUID, failed_logins: int, locked_until: datetime | None
    ) -> None: ...

    async def record_success(self, account_id: uuid.UUID, password_hash: str | None) -> None: ...

    async def address_failures(self, address: str, since: datetime) -> int: ...

    async def record_address_failure(self, address: str, at: datetime) -> None: ...


class SessionRecord(Protocol):
    account_id: uuid.UUID
    csrf_token: str
    created_at: datetime
    last_seen_at: datetime


class SessionStore(Protocol):
    async def create(
        self, session_id: str, account_id: uuid.UUID, csrf_token: str, now: datetime
    ) -> None: ...

    async def find(self, session_id: str) -> SessionRecord | None: ...

    async def touch(self, session_id: str, now: datetime) -> None: ...

    async def delete(self, session_id: str) -> None: ...

    async def delete_for_account(
        self, account_id: uuid.UUID, *, keep: str | None = None
    ) -> None: ...
