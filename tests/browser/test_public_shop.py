"""A customer orders a demo product from the public catalogue for pickup in a real browser,
sees a PromptPay QR code for the order's exact amount; the shop's manager finds the order in
the console, confirms the payment, and the customer's page then says paid."""

from __future__ import annotations

import io
import re
from decimal import Decimal

import pytest
from PIL import Image
from playwright.async_api import Page, expect

from tests.browser.conftest import SignedInPage
from tests.browser.helpers import screenshot
from tests.browser.stack import BrowserStack

zxingcpp = pytest.importorskip("zxingcpp", reason="decoding the QR code needs zxing-cpp")


def emv_fields(payload: str) -> dict[str, str]:
    """The top-level fields of an EMVCo QR payload (id, two-digit length, value)."""
    fields: dict[str, str] = {}
    at = 0
    while at + 4 <= len(payload):
        tag, length = payload[at : at + 2], int(payload[at + 2 : at + 4])
        fields[tag] = payload[at + 4 : at + 4 + length]
        at += 4 + length
    return fields


async def _decoded_qr(page: Page) -> str:
    shot = await page.locator("#promptpay-qr svg").screenshot()
    found = zxingcpp.read_barcodes(Image.open(io.BytesIO(shot)).convert("L"))
    assert found, "the page's QR code cannot be read"
    return str(found[0].text)


def _baht(text: str) -> Decimal:
    return Decimal(re.sub(r"[^0-9.]", "", text))


async def _order_a_demo_product_for_pickup(page: Page) -> None:
    await page.goto("/shop")
    await expect(page.locator("#catalogue .product").first).to_be_visible()
    await screenshot(page, "public-shop-catalogue")
    available = page.locator("#catalogue .product:has(.available) a").first
    async with page.expect_navigation():
        await available.click()
    await page.locator("#add-to-cart input[name=quantity]").fill("2")
    await screenshot(page, "public-shop-product")
    async with page.expect_navigation():
        await page.locator("#add-to-cart button[type=submit]").click()
    await expect(page.locator("#cart tbody tr")).to_have_count(1)
    async with page.expect_navigation():
        await page.locator("#to-checkout").click()
    form = page.locator("#checkout")
    await form.locator("input[name=name]").fill("นางสาวศิริพร ทดสอบ")
    await form.locator("input[name=phone]").fill("0891234567")
    await form.locator("#fulfilment-pickup").check()
    await screenshot(page, "public-shop-checkout")
    async with page.expect_navigation():
        await form.locator("#place-order").click()


async def test_a_customer_orders_for_pickup_pays_by_promptpay_and_staff_confirm_the_payment(
    page: Page, signed_in_page: SignedInPage, browser_stack: BrowserStack
):
    if not browser_stack.demo:
        pytest.skip("needs the demo shop's consignment stock (OTOP_BROWSER_DEMO=0 loads none)")
    await _order_a_demo_product_for_pickup(page)

    await expect(page).to_have_url(re.compile(r"/shop/orders/[0-9a-f-]{36}$"))
    await expect(page.locator("#order-state")).to_contain_text("รอชำระเงิน")
    await expect(page.locator("#promptpay-qr svg")).to_be_visible()
    await expect(page.locator("#expires-at")).to_contain_text("25")  # B.E. year 25xx
    total = _baht(await page.locator("#order-total").inner_text())
    await screenshot(page, "public-shop-order-placed")
    payload = await _decoded_qr(page)
    fields = emv_fields(payload)
    assert fields["53"] == "764"  # Thai baht
    assert Decimal(fields["54"]) == total
    number = re.search(r"OL-\d{4}-\d{6}", await page.locator("h1").inner_text())
    assert number, "the order page names no order number"

    manager = await signed_in_page("shop.manager")
    await manager.goto("/console/orders")
    await expect(manager.get_by_text(number.group(0))).to_be_visible()
    async with manager.expect_navigation():
        await manager.get_by_role("link", name=re.compile(number.group(0))).first.click()
    await screenshot(manager, "console-online-order")
    payment = manager.locator("form[action$='/payment']")
    amount = payment.locator("input[name=amount]")
    if await amount.count():
        await amount.fill(str(total))
    async with manager.expect_navigation():
        await payment.locator("button[type=submit]").click()
    await expect(manager.locator("#order-facts")).to_contain_text("ชำระแล้ว")
    await screenshot(manager, "console-online-order-paid")

    await page.reload()
    await expect(page.locator("#order-state")).to_contain_text("ชำระเงินแล้ว")
    await expect(page.locator("#promptpay-qr")).to_have_count(0)
    await screenshot(page, "public-shop-order-paid")


async def test_the_shop_manager_uploads_a_product_photo_that_the_public_page_then_shows(
    page: Page, signed_in_page: SignedInPage, browser_stack: BrowserStack
):
    if not browser_stack.demo:
        pytest.skip("needs the demo shop's products (OTOP_BROWSER_DEMO=0 loads none)")
    await page.goto("/shop")
    card = page.locator("#catalogue .product").last
    product_id = await card.get_attribute("data-product-id")
    assert product_id

    manager = await signed_in_page("shop.manager")
    await manager.goto(f"/console/products/{product_id}/photos")
    await manager.locator("#photo").set_input_files(
        files=[{"name": "mat.jpg", "mimeType": "image/jpeg", "buffer": _photo_bytes()}]
    )
    async with manager.expect_navigation():
        await manager.locator("#upload button[type=submit]").click()
    await expect(manager.locator("#photos li")).to_have_count(1)
    await screenshot(manager, "console-product-photos")

    await page.goto(f"/shop/products/{product_id}")
    shown = page.locator(".gallery img").first
    await expect(shown).to_be_visible()
    width = await shown.evaluate("img => img.naturalWidth")
    assert width == 960
    await screenshot(page, "public-shop-product-with-photo")


def _photo_bytes() -> bytes:
    image = Image.new("RGB", (1600, 1200), (180, 120, 60))
    out = io.BytesIO()
    image.save(out, "JPEG")
    return out.getvalue()
