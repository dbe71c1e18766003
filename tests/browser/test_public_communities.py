"""A visitor reads a demo Nawatwithi community's page in a real browser, without signing
in: from the list by province to the village's Thai story and its producers' products."""

from __future__ import annotations

import re

from playwright.async_api import Page, expect

from tests.browser.helpers import screenshot
from tests.browser.stack import BrowserStack

KO_YO = "ชุมชนท่องเที่ยว OTOP นวัตวิถีบ้านเกาะยอ"
WEAVERS = "กลุ่มวิสาหกิจชุมชนทอผ้าพื้นเมืองเกาะยอ"


async def test_a_visitor_reads_ko_yos_story_and_its_products_in_thai(
    page: Page, browser_stack: BrowserStack
):
    assert browser_stack.demo, "the page read is one of the demo communities"

    await page.goto("/communities")
    await expect(page.get_by_role("heading", name=re.compile("จังหวัดสงขลา"))).to_be_visible()
    await screenshot(page, "public-communities-list")
    await page.get_by_role("link", name=re.compile(KO_YO)).click()

    await expect(page).to_have_url(re.compile(r"/communities/[0-9a-f-]{36}$"))
    await expect(page.get_by_role("heading", level=1)).to_contain_text(KO_YO)
    story = page.locator("#story")
    await expect(story).to_contain_text("เกาะกลางทะเลสาบสงขลา")
    await expect(page.locator("#village")).to_contain_text("หมู่ที่ 4 บ้านเกาะยอ ต.เกาะยอ")
    await expect(page.locator("#wisdom")).to_contain_text("กี่กระตุก")
    await expect(page.locator("#activities")).to_contain_text("ลองทอผ้าเกาะยอ")
    producers = page.locator("#producers")
    await expect(producers).to_contain_text(WEAVERS)
    await expect(producers.locator("tr.product").first).to_contain_text("บาท")
    assert await producers.locator("tr.product").count() >= 1
    await expect(page.locator("#contact")).to_contain_text("@koyo.nawatwithi")
    assert await page.locator("html").get_attribute("lang") == "th"
    await screenshot(page, "public-community-ko-yo")
