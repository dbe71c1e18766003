"""The console's calendar and the door in a real browser: a Songkhla provincial officer plans
and publishes a showcase, registers a member, and checks the member in by the typed code."""

from __future__ import annotations

import re
from datetime import timedelta

from playwright.async_api import Page, expect

from shared.timeutil import now_bangkok
from tests.browser.conftest import SignedInPage
from tests.browser.helpers import screenshot
from tests.browser.stack import BrowserStack

MEMBER = "กลุ่มวิสาหกิจชุมชนทอผ้าพื้นเมืองเกาะยอ"  # a Songkhla member of the demo data


def local(moment) -> str:  # type: ignore[no-untyped-def]
    """A datetime-local field's value."""
    return moment.strftime("%Y-%m-%dT%H:%M")


async def plan_showcase(page: Page, title: str) -> str:
    """Plans a showcase through the form; the event page's path."""
    now = now_bangkok()
    await page.goto("/console/calendar")
    await page.get_by_role("link", name=re.compile("สร้างกิจกรรม")).click()
    await page.select_option("select[name=kind]", "showcase")
    await page.fill("input[name=title_th]", title)
    await page.fill("input[name=title_en]", "Songkhla OTOP showcase")
    await page.fill("input[name=venue_th]", "ศูนย์ประชุมนานาชาติ มหาวิทยาลัยสงขลานครินทร์")
    await page.fill("input[name=starts_at]", local(now + timedelta(days=20)))
    await page.fill("input[name=ends_at]", local(now + timedelta(days=23)))
    await page.fill("input[name=registration_opens_at]", local(now - timedelta(hours=1)))
    await page.fill("input[name=registration_closes_at]", local(now + timedelta(days=19)))
    await page.fill("input[name=capacity]", "30")
    await screenshot(page, "console-calendar-plan-showcase")
    await page.get_by_role("button", name=re.compile("บันทึกร่าง")).click()
    await expect(page).to_have_url(re.compile(r"/console/calendar/[0-9a-f-]{36}$"))
    return page.url


async def test_a_songkhla_officer_plans_and_publishes_a_showcase(signed_in_page: SignedInPage):
    page = await signed_in_page("songkhla.officer")

    await plan_showcase(page, "มหกรรม OTOP สงขลา (ทดสอบเบราว์เซอร์)")
    await expect(page.get_by_text("ร่าง / Draft")).to_be_visible()
    await expect(page.get_by_text("จ.สงขลา").first).to_be_visible()
    await page.get_by_role("button", name="เผยแพร่ / Publish").click()

    await expect(page.get_by_text("เผยแพร่แล้ว / Published")).to_be_visible()
    await expect(page.get_by_role("link", name=re.compile("audit trail"))).to_be_visible()
    await screenshot(page, "console-calendar-showcase-published")


async def test_the_door_checks_a_member_in_by_the_typed_code_once(
    signed_in_page: SignedInPage, browser_stack: BrowserStack
):
    assert browser_stack.demo, "the door test registers a member of the demo data"
    page = await signed_in_page("songkhla.officer")
    await plan_showcase(page, "ตลาดนัด OTOP หาดใหญ่ (ทดสอบหน้างาน)")
    await page.get_by_role("button", name="เผยแพร่ / Publish").click()
    await page.fill("input[type=search][name=q]", "เกาะยอ")
    result = page.locator("#member-results li", has_text=MEMBER)
    await result.get_by_role("button", name=re.compile("ลงทะเบียน")).click()
    row = page.locator("table.registrations tr", has_text=MEMBER)
    await expect(row).to_contain_text("ยืนยันแล้ว")
    await screenshot(page, "console-calendar-showcase-registrations")
    await row.get_by_role("link", name="QR").click()
    await expect(page.locator(".pass svg")).to_be_visible()
    code = (await page.locator(".pass figcaption code").inner_text()).strip()
    await screenshot(page, "console-registration-pass-qr")
    await page.get_by_role("link", name=re.compile("ทดสอบหน้างาน")).click()
    await page.get_by_role("link", name=re.compile("เช็กอินหน้างาน")).click()
    await page.set_viewport_size({"width": 390, "height": 844})  # the door's phone
    script_errors: list[str] = []
    page.on("pageerror", lambda error: script_errors.append(str(error)))

    await page.fill("#checkin-code", code)
    await page.get_by_role("button", name="เช็กอิน / Check in").click()
    admitted = page.locator("#door-result .door-result-admitted")
    await expect(admitted).to_contain_text(MEMBER)
    await screenshot(page, "console-checkin-admitted")
    await page.fill("#checkin-code", code)
    await page.get_by_role("button", name="เช็กอิน / Check in").click()

    already = page.locator("#door-result .door-result-already")
    await expect(already).to_contain_text("เข้างานแล้ว / Already checked in")
    await expect(already).to_contain_text("เข้างานเมื่อ / Checked in at")
    await screenshot(page, "console-checkin-already")
    assert script_errors == []
