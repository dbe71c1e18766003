"""`otop staff create-admin` and `reset-password` against a real Postgres."""

from __future__ import annotations

import asyncio

import asyncpg
from typer.testing import CliRunner, Result

from services.cli import app
from tests.integration.web.conftest import Web, sign_in

PASSWORD = "ผู้ดูแล-ยาวพอ-2569"


async def run(dsn: str, *args: str, password: str = PASSWORD) -> Result:
    """The command as an operator runs it (its own event loop, in a thread of its own)."""
    env = {"DATABASE_URL": dsn, "OTOP_ADMIN_PASSWORD": password}
    return await asyncio.to_thread(CliRunner().invoke, app, ["staff", *args], env=env)


async def test_the_first_administrator_is_created_and_can_sign_in(web_dsn: str, web: Web) -> None:
    result = await run(web_dsn, "create-admin", "--username", "Admin", "--name", "ผู้ดูแลระบบ")

    assert result.exit_code == 0, result.output
    answer = await sign_in(web, "admin", PASSWORD)
    assert answer.headers["location"] == "/console"
    staff_page = await web.client.get("/console/staff")
    assert staff_page.status_code == 200 and "ผู้ดูแลระบบ" in staff_page.text


async def test_a_taken_username_is_refused_plainly(web_dsn: str, web: Web) -> None:
    assert (await run(web_dsn, "create-admin", "--username", "admin", "--name", "A")).exit_code == 0

    again = await run(web_dsn, "create-admin", "--username", "ADMIN", "--name", "B")

    assert again.exit_code == 1
    assert "admin" in again.output and "Traceback" not in again.output


async def test_a_reset_password_works_once_and_must_be_changed(web_dsn: str, web: Web) -> None:
    await run(web_dsn, "create-admin", "--username", "admin", "--name", "A")

    result = await run(web_dsn, "reset-password", "--username", "admin", password="ชั่วคราว-1234567")

    assert result.exit_code == 0, result.output
    assert (await sign_in(web, "admin", PASSWORD)).status_code == 401
    answer = await sign_in(web, "admin", "ชั่วคราว-1234567")
    assert answer.headers["location"] == "/console/password"
    conn = await asyncpg.connect(web_dsn)
    try:
        changes = await conn.fetch("SELECT changed_by, change FROM web.staff_account_changes")
    finally:
        await conn.close()
    assert [(r["changed_by"], r["change"]) for r in changes] == [
        ("otop-staff-command", "staff.created"),
        ("otop-staff-command", "staff.password_reset"),
    ]
