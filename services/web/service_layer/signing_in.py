"""Signing in and out, and finding the staff member behind a session cookie."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from services.web.domain.accounts import LockoutRule, StaffAccount, check_password
from services.web.domain.sessions import SessionLifetime, StaffSession
from services.web.service_layer.ports import AccountStore, PasswordHasher, SessionStore
from shared.errors import DomainError, InvalidInput

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


class SignInRefused(DomainError):
    slug = "sign-in-refused"
    title = "Sign-in refused"


WRONG = "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง / the username or password is not right"
LOCKED = (
    "บัญชีถูกล็อกชั่วคราวเพราะใส่รหัสผ่านผิดหลายครั้ง ลองใหม่ภายหลัง / the account is locked "
    "for a while after too many failed sign-ins; try again later"
)
ADDRESS_LIMITED = (
    "ลงชื่อเข้าใช้ไม่สำเร็จหลายครั้งเกินไปจากเครื่องนี้ ลองใหม่ภายหลัง / too many failed "
    "sign-ins from this address; try again later"
)


def session_key(cookie_token: str) -> str:
    """Sessions are stored by the SHA-256 of the cookie, never the cookie itself."""
    return hashlib.sha256(cookie_token.encode()).hexdigest()


def address_key(address: str) -> str:
    return hashlib.sha256(f"otop-web-address:{address}".encode()).hexdigest()[:32]


@dataclass(frozen=True)
class SignedInAs:
    cookie_token: str
    session: StaffSession


class SignIn:
    def __init__(
        self,
        accounts: AccountStore,
        sessions: SessionStore,
        hasher: PasswordHasher,
        *,
        lockout: LockoutRule = LockoutRule(),
        lifetime: SessionLifetime = SessionLifetime(),
        max_failures_per_address: int = 20,
        clock: Clock = utc_now,
    ) -> None:
        self.accounts = accounts
        self.sessions = sessions
        self.hasher = hasher
        self.lockout = lockout
        self.lifetime = lifetime
        self.max_failures_per_address = max_failures_per_address
        self.clock = clock
        # Verified against when the username is unknown, so that answer takes as long.
        self._decoy = hasher.hash(secrets.token_urlsafe(16))

    async def sign_in(self, username: str, password: str, address: str) -> SignedInAs:
        now = self.clock()
        where = address_key(address)
        since = now - self.lockout.lock_for
        if await self.accounts.address_failures(where, since) >= self.max_failures_per_address:
            raise SignInRefused(ADDRESS_LIMITED)
        account = await self.accounts.by_username(username.strip().lower())
        if account is None or not account.active:
            self.hasher.verify(self._decoy, password)
            await self.accounts.record_address_failure(where, now)
            raise SignInRefused(WRONG)
        if account.locked_at(now):
            self.hasher.verify(self._decoy, password)
            raise SignInRefused(LOCKED)
        if not self.hasher.verify(account.password_hash, password):
            failures, locked_until = self.lockout.after_failure(account.failed_logins, now)
            await self.accounts.record_failure(account.id, failures, locked_until)
            await self.accounts.record_address_failure(where, now)
            raise SignInRefused(LOCKED if locked_until else WRONG)
        rehashed = (
            self.hasher.hash(password) if self.hasher.needs_rehash(account.password_hash) else None
        )
        await self.accounts.record_success(account.id, rehashed)
        return await self._open_session(account, now)

    async def _open_session(self, account: StaffAccount, now: datetime) -> SignedInAs:
        cookie_token = secrets.token_urlsafe(32)
        csrf_token = secrets.token_urlsafe(32)
        key = session_key(cookie_token)
        await self.sessions.create(key, account.id, csrf_token, now)
        return SignedInAs(cookie_token, _session_of(account, csrf_token, key))

    async def current(self, cookie_token: str | None) -> StaffSession | None:
        """The session behind a cookie; None when there is none, it idled out or its account
        can no longer sign in. A live session's idle clock starts again."""
        if not cookie_token:
            return None
        key = session_key(cookie_token)
        record = await self.sessions.find(key)
        if record is None:
            return None
        now = self.clock()
        if self.lifetime.expired(record.created_at, record.last_seen_at, now):
            await self.sessions.delete(key)
            return None
        account = await self.accounts.by_id(record.account_id)
        if account is None or not account.active:
            await self.sessions.delete(key)
            return None
        await self.sessions.touch(key, now)
        return _session_of(account, record.csrf_token, key)

    async def sign_out(self, cookie_token: str | None) -> None:
        if cookie_token:
            await self.sessions.delete(session_key(cookie_token))

    async def change_password(self, session: StaffSession, current: str, new: str) -> None:
        account = await self.accounts.by_id(session.account_id)
        if account is None or not self.hasher.verify(account.password_hash, current):
            raise InvalidInput("รหัสผ่านปัจจุบันไม่ถูกต้อง / the current password is not right")
        check_password(new, username=account.username)
        if new == current:
            raise InvalidInput("รหัสผ่านใหม่ต้องไม่ซ้ำรหัสเดิม / choose a new password")
        account.password_hash = self.hasher.hash(new)
        account.must_change_password = False
        await self.accounts.save(
            account, changed_by=str(account.id), change="staff.password_changed"
        )
        await self.sessions.delete_for_account(account.id, keep=session.session_id)


def _session_of(account: StaffAccount, csrf_token: str, key: str) -> StaffSession:
    return StaffSession(
        account_id=account.id,
        username=account.username,
        name=account.display_name,
        grants=account.grants,
        csrf_token=csrf_token,
        must_change_password=account.must_change_password,
        session_id=key,
    )
