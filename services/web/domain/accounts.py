"""Staff accounts: who may sign in, with which roles and areas, and when an account is locked."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from shared.errors import InvalidInput
from shared.identity.roles import Action, Grant, Role, permits

USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{2,63}")
SHORTEST_PASSWORD = 10
LONGEST_PASSWORD = 256


@dataclass(frozen=True)
class LockoutRule:
    """After `max_failures` failed sign-ins in a row an account waits `lock_for`."""

    max_failures: int = 5
    lock_for: timedelta = timedelta(minutes=15)

    def after_failure(self, failures_before: int, now: datetime) -> tuple[int, datetime | None]:
        """(failures now, locked until) once one more sign-in has failed."""
        failures = failures_before + 1
        if failures >= self.max_failures:
            return 0, now + self.lock_for
        return failures, None


@dataclass
class StaffAccount:
    id: uuid.UUID
    username: str
    display_name: str
    password_hash: str
    active: bool = True
    failed_logins: int = 0
    locked_until: datetime | None = None
    must_change_password: bool = False
    grants: tuple[Grant, ...] = field(default=())
    created_at: datetime | None = None
    updated_at: datetime | None = None

    def locked_at(self, now: datetime) -> bool:
        return self.locked_until is not None and self.locked_until > now

    @property
    def is_administrator(self) -> bool:
        return any(g.role is Role.ADMINISTRATOR for g in self.grants)

    def may(self, action: Action, area: str | None = None) -> bool:
        return permits(self.grants, action, area)


def normal_username(value: str) -> str:
    """Usernames are compared without case: stored in lower case."""
    name = value.strip().lower()
    if not USERNAME.fullmatch(name):
        raise InvalidInput(
            "ชื่อผู้ใช้ต้องยาว 3–64 ตัว เป็นอักษรอังกฤษ ตัวเลข . _ - / a username is 3–64 "
            "characters: letters, digits, '.', '_' or '-'"
        )
    return name


def check_display_name(value: str) -> str:
    name = " ".join(value.split())
    if not 1 <= len(name) <= 200:
        raise InvalidInput("ต้องระบุชื่อ (ไม่เกิน 200 ตัวอักษร) / a name of 1–200 characters")
    return name


def check_password(password: str, *, username: str | None = None) -> str:
    if len(password) < SHORTEST_PASSWORD:
        raise InvalidInput(
            f"รหัสผ่านต้องยาวอย่างน้อย {SHORTEST_PASSWORD} ตัวอักษร / a password has at least "
            f"{SHORTEST_PASSWORD} characters"
        )
    if len(password) > LONGEST_PASSWORD:
        raise InvalidInput(
            f"รหัสผ่านยาวเกิน {LONGEST_PASSWORD} ตัวอักษร / a password has at most "
            f"{LONGEST_PASSWORD} characters"
        )
    if username and password.strip().lower() == username.lower():
        raise InvalidInput("รหัสผ่านต้องไม่ซ้ำกับชื่อผู้ใช้ / the password may not be the username")
    return password


def check_grants(grants: list[Grant] | tuple[Grant, ...]) -> tuple[Grant, ...]:
    """Each grant once, in a stable order."""
    unique = sorted(set(grants), key=lambda g: (g.role.value, g.area or ""))
    return tuple(unique)
