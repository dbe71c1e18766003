"""A Songkhla provincial officer registers a member and its product in a real browser."""

from __future__ import annotations

import re
import uuid

from playwright.async_api import expect

from tests.browser.conftest import SignedInPage
from tests.browser.helpers import choose_area, screenshot


async def test_a_songkhla_officer_registers_a_member_with_the_area_pickers_and_a_product(
    signed_in_page: SignedInPage,
):
    page = await signed_in_page("songkhla.officer")
    suffix = uuid.uuid4().hex[:6]
    name = f"กลุ่มทอผ้าเกาะยอ {suffix}"

    await page.goto("/console/members/new")
    await page.fill("input[name=name_th]", name)
    await page.fill("input[name=contact_name]", "นางมาลี ศรีสุข")
    await page.fill("input[name=contact_phone]", "0812345678")
    await page.fill("input[name=address_line]", "15 หมู่ 2")
    await choose_area(page, "90", "9001", "900106")
    await screenshot(page, "console-member-register")
    async with page.expect_navigation():
        await page.click("form.record-form button[type=submit]")

    await expect(page).to_have_url(re.compile(r"/console/members/[0-9a-f-]{36}$"))
    await expect(page.locator("h1")).to_contain_text(name)
    await expect(page.locator("#member-site")).to_contain_text("ต.เกาะยอ อ.เมืองสงขลา จ.สงขลา")
    member_id = page.url.rsplit("/", 1)[1]
    audit = page.get_by_role("link", name="บันทึกการเปลี่ยนแปลง / audit trail")
    await expect(audit).to_have_attribute("href", f"/console/audit?aggregate_id={member_id}")
    await screenshot(page, "console-member-page")

    await page.click(f"a[href='/console/products/new?member_id={member_id}']")
    await page.fill("input[name=sku]", f"SK-KY-{suffix}")
    await page.fill("input[name=name_th]", "ผ้าทอเกาะยอลายราชวัตร")
    await page.select_option("select[name=category]", "textiles_and_clothing")
    await page.fill("input[name=unit]", "ผืน")
    await page.fill("input[name=price]", "1250.50")
    await page.select_option("select[name=segment]", "D")
    await page.check("input[name=cert][value=mpc]")
    await page.fill("input[name=cert_number_mpc]", "มผช. 18/2565")
    await screenshot(page, "console-product-register")
    async with page.expect_navigation():
        await page.click("form.record-form button[type=submit]")

    await expect(page).to_have_url(re.compile(r"/console/products/[0-9a-f-]{36}$"))
    await expect(page.locator("h1")).to_contain_text("ผ้าทอเกาะยอลายราชวัตร")
    await expect(page.get_by_text("1,250.50 บาท")).to_be_visible()
    product_id = page.url.rsplit("/", 1)[1]
    audit = page.get_by_role("link", name="บันทึกการเปลี่ยนแปลง / audit trail")
    await expect(audit).to_have_attribute("href", f"/console/audit?aggregate_id={product_id}")
    await screenshot(page, "console-product-page")

    await page.set_viewport_size({"width": 390, "height": 844})
    await page.goto(f"/console/members/{member_id}")
    await expect(page.get_by_text("ผ้าทอเกาะยอลายราชวัตร")).to_be_visible()
    await screenshot(page, "console-member-page-phone")
