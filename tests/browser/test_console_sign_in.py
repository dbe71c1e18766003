"""Signing in to the staff console in a real browser, through the login form."""

from __future__ import annotations

import re

from playwright.async_api import Page, expect

from devstack.demo.staff import staff_account
from tests.browser.conftest import SignedInPage
from tests.browser.helpers import screenshot, sign_in


async def test_the_administrator_signs_in_and_sees_the_console_dashboard(
    signed_in_page: SignedInPage,
):
    page = await signed_in_page("admin")

    await expect(page).to_have_url(re.compile(r"/console/?$"))
    heading = page.get_by_role("heading", level=1)
    await expect(heading).to_contain_text(f"สวัสดี {staff_account('admin').name}")
    await expect(page.locator("input[name=password]")).to_have_count(0)
    await screenshot(page, "console-dashboard-administrator")


async def test_a_wrong_password_shows_the_thai_error_and_stays_on_the_login_page(page: Page):
    await sign_in(page, "admin", "not-the-admin-password")

    await expect(page).to_have_url(re.compile(r"/console/login"))
    await expect(page.get_by_text("ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง")).to_be_visible()
    await screenshot(page, "console-login-wrong-password")
