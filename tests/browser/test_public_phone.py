"""The public pages on a phone, in a real browser: nothing wider than the screen, every photo
described, every form field labelled, and the keyboard's first stop skips to the content."""

from __future__ import annotations

import re

from playwright.async_api import Page, expect

from tests.browser.helpers import screenshot
from tests.browser.stack import BrowserStack

PHONE = {"width": 360, "height": 740}

UNLABELLED = """() => [...document.querySelectorAll('input, select, textarea')]
  .filter(f => f.type !== 'hidden')
  .filter(f => !(f.labels && f.labels.length) && !f.getAttribute('aria-label'))
  .map(f => f.name || f.id)"""
NO_ALT = """() => [...document.querySelectorAll('img')]
  .filter(i => !(i.getAttribute('alt') || '').trim()).map(i => i.src)"""
TOO_WIDE = "() => document.documentElement.scrollWidth - window.innerWidth"


async def _fits_a_phone(page: Page, path: str) -> None:
    answer = await page.goto(path)
    assert answer is not None and answer.status == 200, path
    assert await page.locator("html").get_attribute("lang") == "th"
    assert await page.evaluate(TOO_WIDE) <= 0, f"{path} is wider than a phone"
    assert await page.evaluate(NO_ALT) == [], path
    assert await page.evaluate(UNLABELLED) == [], path
    await page.keyboard.press("Tab")
    skip = page.locator(":focus")
    await expect(skip).to_have_attribute("href", "#main")
    await expect(skip).to_be_visible()


async def test_the_public_pages_fit_a_phone_with_photos_described_and_fields_labelled(
    page: Page, browser_stack: BrowserStack
) -> None:
    assert browser_stack.demo, "the pages read show the demo shop and communities"
    await page.set_viewport_size(PHONE)

    for path in ("/", "/shop", "/communities", "/calendar"):
        await _fits_a_phone(page, path)
    await page.goto("/shop")
    available = page.locator("#catalogue .product:has(.available) a").first
    product = await available.get_attribute("href")
    assert product and re.fullmatch(r"/shop/products/[0-9a-f-]{36}", product)
    await _fits_a_phone(page, product)
    await screenshot(page, "public-shop-product-phone")
    await page.goto("/communities")
    community = await page.locator("a[href^='/communities/']").first.get_attribute("href")
    assert community
    await _fits_a_phone(page, community)
    await screenshot(page, "public-community-phone")
    await page.goto(product)
    async with page.expect_navigation():
        await page.locator("#add-to-cart button[type=submit]").click()
    for path in ("/shop/cart", "/shop/checkout"):
        await _fits_a_phone(page, path)
