"""Signing in and out of the console, the lockout, idle sessions and the CSRF check, over
HTTP against the web front on a real Postgres."""

from __future__ import annotations

from datetime import timedelta

import pytest

from services.web.service_layer.signing_in import session_key
from tests.integration.web.conftest import Web, create_account, csrf_of, sign_in

PASSWORD = "ยาวพอแล้ว-2569"
OFFICER = [{"role": "district_officer", "area": "9001"}]


async def test_a_staff_member_signs_in_sees_the_dashboard_and_signs_out(web: Web) -> None:
    await create_account(web, "somchai", PASSWORD, OFFICER)

    answer = await sign_in(web, "SomChai", PASSWORD)

    assert answer.status_code == 303
    assert answer.headers["location"] == "/console"
    cookie = answer.headers["set-cookie"]
    assert "otop_session=" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie
    dashboard = await web.client.get("/console")
    assert dashboard.status_code == 200
    assert "คุณ somchai" in dashboard.text and "อ.เมืองสงขลา จ.สงขลา" in dashboard.text
    out = await web.client.post("/console/logout", data={"csrf_token": await csrf_of(web)})
    assert out.status_code == 303
    after = await web.client.get("/console")
    assert after.status_code == 303
    assert after.headers["location"].startswith("/console/login")


async def test_an_unsigned_visitor_is_sent_to_the_sign_in_page_and_back(web: Web) -> None:
    answer = await web.client.get("/console/probe?x=1")

    assert answer.status_code == 303
    assert answer.headers["location"] == "/console/login?next=/console/probe%3Fx%3D1"


async def test_a_wrong_password_is_refused_without_saying_which_part_was_wrong(web: Web) -> None:
    await create_account(web, "somchai", PASSWORD, OFFICER)

    wrong_password = await sign_in(web, "somchai", "not-the-password")
    no_such_user = await sign_in(web, "nobody", "not-the-password")

    assert wrong_password.status_code == no_such_user.status_code == 401
    assert "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง" in wrong_password.text
    assert "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง" in no_such_user.text


async def test_five_failures_lock_the_account_even_against_the_right_password(web: Web) -> None:
    await create_account(web, "somchai", PASSWORD, OFFICER)
    for _ in range(5):
        assert (await sign_in(web, "somchai", "wrong-password")).status_code == 401

    locked = await sign_in(web, "somchai", PASSWORD)

    assert locked.status_code == 401
    assert "ล็อก" in locked.text
    assert "otop_session" not in locked.headers.get("set-cookie", "")


async def test_a_post_without_the_session_csrf_token_is_refused(web: Web) -> None:
    await create_account(web, "somchai", PASSWORD, OFFICER)
    await sign_in(web, "somchai", PASSWORD)

    missing = await web.client.post("/console/logout", data={})
    forged = await web.client.post("/console/logout", headers={"X-CSRF-Token": "forged"})

    assert missing.status_code == forged.status_code == 403
    assert "CSRF" in missing.text
    assert (await web.client.get("/console")).status_code == 200  # still signed in


async def test_the_login_form_needs_its_own_csrf_token(web: Web) -> None:
    await create_account(web, "somchai", PASSWORD, OFFICER)

    answer = await web.client.post(
        "/console/login", data={"username": "somchai", "password": PASSWORD, "csrf_token": "x"}
    )

    assert answer.status_code == 403
    assert "otop_session" not in answer.headers.get("set-cookie", "")


async def test_a_session_idle_longer_than_the_timeout_ends(web: Web) -> None:
    await create_account(web, "somchai", PASSWORD, OFFICER)
    signed = await sign_in(web, "somchai", PASSWORD)
    token = signed.cookies["otop_session"]
    pool = web.app.state.web.pool
    await pool.execute(
        "UPDATE sessions SET last_seen_at = last_seen_at - $2::interval WHERE id = $1",
        session_key(token),
        timedelta(minutes=31),
    )

    answer = await web.client.get("/console")

    assert answer.status_code == 303
    assert await pool.fetchval("SELECT count(*) FROM sessions") == 0


async def test_sessions_are_stored_by_hash_not_by_the_cookie(web: Web) -> None:
    await create_account(web, "somchai", PASSWORD, OFFICER)
    signed = await sign_in(web, "somchai", PASSWORD)

    ids = await web.app.state.web.pool.fetch("SELECT id FROM sessions")

    assert [r["id"] for r in ids] == [session_key(signed.cookies["otop_session"])]


async def test_a_reset_password_must_be_changed_before_anything_else(web: Web) -> None:
    await create_account(web, "somchai", PASSWORD, OFFICER, must_change_password=True)

    signed = await sign_in(web, "somchai", PASSWORD)
    assert signed.headers["location"] == "/console/password"
    assert (await web.client.get("/console")).headers["location"] == "/console/password"
    page = await web.client.get("/console/password")
    from tests.integration.web.conftest import hidden

    changed = await web.client.post(
        "/console/password",
        data={
            "csrf_token": hidden(page.text, "csrf_token"),
            "current_password": PASSWORD,
            "new_password": "ใหม่และยาวพอ-2570",
            "new_password_again": "ใหม่และยาวพอ-2570",
        },
    )

    assert changed.status_code == 303
    assert (await web.client.get("/console")).status_code == 200


@pytest.mark.parametrize("next_path", ["https://evil.example/", "//evil.example/x"])
async def test_sign_in_never_sends_the_browser_to_another_site(web: Web, next_path: str) -> None:
    page = await web.client.get("/console/login", params={"next": next_path})

    assert 'name="next" value="/console"' in page.text
