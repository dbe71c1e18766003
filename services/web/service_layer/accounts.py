"""Administering staff accounts: create, grant and revoke roles, reset a password,
deactivate. Every change records who made it."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime

from services.web.domain.accounts import (
    StaffAccount,
    check_display_name,
    check_grants,
    check_password,
    normal_username,
)
from services.web.service_layer.ports import AccountStore, PasswordHasher, SessionStore
from services.web.service_layer.signing_in import utc_now
from shared.errors import Conflict, NotFound
from shared.identity.roles import Grant


class StaffAccounts:
    def __init__(
        self,
        accounts: AccountStore,
        sessions: SessionStore,
        hasher: PasswordHasher,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self.accounts = accounts
        self.sessions = sessions
        self.hasher = hasher
        self.clock = clock

    async def create(
        self,
        *,
        username: str,
        display_name: str,
        password: str,
        grants: list[Grant],
        changed_by: str,
        must_change_password: bool = True,
    ) -> StaffAccount:
        name = normal_username(username)
        check_password(password, username=name)
        if await self.accounts.by_username(name) is not None:
            raise Conflict(f"มีชื่อผู้ใช้ {name} แล้ว / the username {name} is taken")
        account = StaffAccount(
            id=uuid.uuid4(),
            username=name,
            display_name=check_display_name(display_name),
            password_hash=self.hasher.hash(password),
            must_change_password=must_change_password,
            grants=check_grants(grants),
        )
        await self.accounts.add(account, changed_by=changed_by)
        return account

    async def get(self, account_id: uuid.UUID) -> StaffAccount:
        account = await self.accounts.by_id(account_id)
        if account is None:
            raise NotFound(f"ไม่พบบัญชีเจ้าหน้าที่ / no staff account {account_id}")
        return account

    async def set_grants(
        self, account_id: uuid.UUID, grants: list[Grant], *, changed_by: str
    ) -> StaffAccount:
        account = await self.get(account_id)
        account.grants = check_grants(grants)
        await self.accounts.save(account, changed_by=changed_by, change="staff.grants_changed")
        return account

    async def grant(self, account_id: uuid.UUID, grant: Grant, *, changed_by: str) -> StaffAccount:
        account = await self.get(account_id)
        return await self.set_grants(account_id, [*account.grants, grant], changed_by=changed_by)

    async def revoke(self, account_id: uuid.UUID, grant: Grant, *, changed_by: str) -> StaffAccount:
        account = await self.get(account_id)
        kept = [g for g in account.grants if g != grant]
        return await self.set_grants(account_id, kept, changed_by=changed_by)

    async def reset_password(
        self, account_id: uuid.UUID, password: str, *, changed_by: str
    ) -> StaffAccount:
        """An administrator sets a password the staff member must change at next sign-in;
        the account's sessions end and a lock is lifted."""
        account = await self.get(account_id)
        check_password(password, username=account.username)
        account.password_hash = self.hasher.hash(password)
        account.must_change_password = True
        account.failed_logins = 0
        account.locked_until = None
        await self.accounts.save(account, changed_by=changed_by, change="staff.password_reset")
        await self.sessions.delete_for_account(account.id)
        return account

    async def deactivate(self, account_id: uuid.UUID, *, changed_by: str) -> StaffAccount:
        account = await self.get(account_id)
        if str(account.id) == changed_by:
            raise Conflict("ปิดบัญชีของตนเองไม่ได้ / you cannot deactivate your own account")
        account.active = False
        await self.accounts.save(account, changed_by=changed_by, change="staff.deactivated")
        await self.sessions.delete_for_account(account.id)
        return account

    async def list(self) -> list[StaffAccount]:
        return await self.accounts.all()

    async def names(self, ids: list[uuid.UUID]) -> dict[uuid.UUID, str]:
        return await self.accounts.names(ids)
