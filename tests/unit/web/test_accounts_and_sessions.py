"""Password hashing, the lockout rule, grants, session idle expiry, the CSRF check and the
console's filters, without a database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from pydantic import ValidationError

from services.web.adapters.passwords import Argon2Passwords
from services.web.console.filters import area_name, baht, be_date, be_datetime, role_name
from services.web.domain.accounts import LockoutRule, check_grants, check_password, normal_username
from services.web.domain.sessions import SessionLifetime
from shared.errors import InvalidInput
from shared.identity.roles import Grant, Role

NOW = datetime(2026, 11, 21, 2, 30, tzinfo=UTC)


def test_passwords_are_hashed_with_argon2id_and_verified() -> None:
    passwords = Argon2Passwords()

    hashed = passwords.hash("ยาวพอแล้ว-2569")

    assert hashed.startswith("$argon2id$")
    assert passwords.verify(hashed, "ยาวพอแล้ว-2569")
    assert not passwords.verify(hashed, "ยาวพอแล้ว-2570")
    assert not passwords.verify("not a hash", "anything")


def test_the_fifth_failure_locks_the_account_for_fifteen_minutes() -> None:
    rule = LockoutRule()
    failures, locked = 0, None
    for _ in range(4):
        failures, locked = rule.after_failure(failures, NOW)
        assert locked is None

    failures, locked = rule.after_failure(failures, NOW)

    assert locked == NOW + timedelta(minutes=15)
    assert failures == 0


def test_a_session_ends_after_its_idle_time_or_its_longest_life() -> None:
    lifetime = SessionLifetime(idle=timedelta(minutes=30), longest=timedelta(hours=12))
    start = NOW

    assert not lifetime.expired(start, start, start + timedelta(minutes=29))
    assert lifetime.expired(start, start, start + timedelta(minutes=30))
    seen = start + timedelta(hours=11, minutes=50)
    assert lifetime.expired(start, seen, start + timedelta(hours=12))


def test_usernames_are_compared_without_case_and_checked() -> None:
    assert normal_username("  SomChai.K ") == "somchai.k"
    with pytest.raises(InvalidInput):
        normal_username("สมชาย")


@pytest.mark.parametrize("password", ["short", "somchai.k"])
def test_a_short_password_or_the_username_is_refused(password: str) -> None:
    with pytest.raises(InvalidInput):
        check_password(password if password != "somchai.k" else "Somchai.K ", username="somchai.k")


def test_grants_are_kept_once_each_and_must_fit_their_role() -> None:
    officer = Grant(role=Role.DISTRICT_OFFICER, area="9001")

    assert check_grants([officer, officer]) == (officer,)
    with pytest.raises(ValidationError):
        Grant(role=Role.DISTRICT_OFFICER, area="90")
    with pytest.raises(ValidationError):
        Grant(role=Role.AUDITOR, area="90")


def test_the_console_shows_baht_buddhist_era_dates_and_names() -> None:
    assert baht("1250.5") == "1,250.50 บาท"
    assert baht("0.10") == "0.10 บาท"
    assert be_date("2026-11-21") == "21 พ.ย. 2569"
    assert be_datetime("2026-11-20T17:30:00+00:00") == "21 พ.ย. 2569 00:30 น."
    assert area_name("90") == "จ.สงขลา"
    assert area_name("4001") == "อ.เมืองขอนแก่น จ.ขอนแก่น"
    assert area_name("centre") == "ร้านค้า (centre)"
    assert role_name("shop_manager") == "ผู้จัดการร้าน"
    assert role_name(Role.AUDITOR, True) == "Auditor"
