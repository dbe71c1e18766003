"""A Songkhla provincial officer changes a member in a real browser; the member's audit
trail then names the officer as the one who made the change."""

from __future__ import annotations

import re
import uuid

from playwright.async_api import expect

from devstack.demo.staff import staff_account
from tests.browser.conftest import SignedInPage
from tests.browser.helpers import choose_area, screenshot


async def test_an_officer_changes_a_member_and_the_audit_trail_names_the_officer(
    signed_in_page: SignedInPage,
):
    officer = staff_account("songkhla.officer")
    page = await signed_in_page("songkhla.officer")
    name = f"กลุ่มข้าวยำบ้านควนลัง {uuid.uuid4().hex[:6]}"
    await page.goto("/console/members/new")
    await page.fill("input[name=name_th]", name)
    await page.fill("input[name=contact_name]", "นางสมศรี ใจดี")
    await page.fill("input[name=address_line]", "99 หมู่ 3")
    await choose_area(page, "90", "9011", "901103")
    async with page.expect_navigation():
        await page.click("form.record-form button[type=submit]")
    await expect(page).to_have_url(re.compile(r"/console/members/[0-9a-f-]{36}$"))

    await page.click("#edit-member")
    await page.fill("input[name=name_th]", f"{name} (แก้ไข)")
    async with page.expect_navigation():
        await page.click("form.record-form button[type=submit]")
    await expect(page.locator("h1")).to_contain_text(f"{name} (แก้ไข)")

    await page.get_by_role("link", name="บันทึกการเปลี่ยนแปลง / audit trail").click()
    await expect(page).to_have_url(re.compile(r"/console/audit\?aggregate_id="))
    rows = page.locator("#audit-rows tbody tr")
    edited = rows.filter(has_text="แก้ไขข้อมูลสมาชิก")
    await expect(edited).to_have_count(1)
    await expect(edited.locator("td.actor")).to_contain_text(officer.name)
    registered = rows.filter(has_text="ลงทะเบียนสมาชิก")
    await expect(registered.locator("td.actor")).to_contain_text(officer.name)
    await expect(page.locator("#audit-subject")).to_contain_text(f"{name} (แก้ไข)")
    await screenshot(page, "console-audit-member")
