"""The terminal app at the shop sells from the shop's consignment stock: each product's tile
shows the units left (as the server counts them, read again after each sale), a sold-out
product does not go into the cart while online (offline it does, with a warning, and the
sale reaches the server as backlog), and a live sale the shop refuses for its stock shows
the service's Thai message and goes through again without the refused line."""

from __future__ import annotations

import json
import re

import httpx
from playwright.async_api import Browser, Route, expect

from tests.browser.helpers import screenshot
from tests.browser.stack import BrowserStack
from tests.browser.terminal_helpers import (
    admin,
    catalogue,
    new_context,
    open_paired,
    open_shift,
    pairing_link,
    register_terminal,
    sales_url,
    sell,
    sellable,
    sold_out_product,
    stored_sales,
    wait_until_all_accepted,
)


def tile(sku: str) -> str:
    return f"#products button[data-sku='{sku}']"


async def test_a_shop_terminal_shows_what_is_left_and_adds_no_sold_out_product_online(
    browser: Browser, browser_stack: BrowserStack
) -> None:
    registered = await register_terminal(browser_stack, "เครื่องขายดูสต็อก")
    key = registered["api_key"]
    empty = await sold_out_product(browser_stack, key)
    stocked = (await sellable(browser_stack, key))[0]
    left = stocked["available"]
    context = await new_context(browser, browser_stack)
    try:
        page = await context.new_page()
        await open_paired(page, pairing_link(browser_stack, registered))
        await open_shift(page)
        shown = page.locator(tile(stocked["sku"])).locator(".left")
        await expect(shown).to_have_text(re.compile(rf"^เหลือ {left}\s+{left} left$"))
        gone = page.locator(tile(empty["sku"]))
        await expect(gone.locator(".left")).to_have_text(re.compile(r"^หมด\s+sold out$"))
        await screenshot(page, "terminal-stock-tiles")

        await gone.click()
        await expect(page.locator("#flash")).to_contain_text("หมดแล้ว เพิ่มลงตะกร้าไม่ได้")
        await page.locator("#scan").fill(empty["sku"])
        await page.locator("#scan").press("Enter")
        await expect(page.locator("#cart-lines li")).to_have_count(0)
        await expect(page.locator("#pay")).to_be_disabled()

        await sell(page, [stocked["sku"]])
        await wait_until_all_accepted(page, 1)
        await expect(shown).to_have_attribute("data-available", str(left - 1))
        on_server = {p["sku"]: p for p in await catalogue(browser_stack, key)}
        assert on_server[stocked["sku"]]["available"] == left - 1

        # Offline it may still be sold: a warning, the backlog, a count flagged at the shop.
        await context.set_offline(True)
        await gone.click()
        await expect(page.locator("#flash")).to_contain_text("ออฟไลน์")
        await expect(page.locator("#cart-lines li")).to_have_count(1)
        await sell(page, [])
        await context.set_offline(False)
        await wait_until_all_accepted(page, 2)
    finally:
        await context.close()
    async with httpx.AsyncClient(
        base_url=sales_url(browser_stack), headers=admin(browser_stack)
    ) as staff:
        flagged = await staff.get("/v1/shop/stock", params={"needs_count": "true"})
    assert flagged.status_code == 200, flagged.text
    assert empty["product_id"] in {item["product_id"] for item in flagged.json()["items"]}


async def test_a_live_sale_refused_for_stock_says_why_in_thai_and_goes_through_without_that_line(
    browser: Browser, browser_stack: BrowserStack
) -> None:
    registered = await register_terminal(browser_stack, "เครื่องขายสต็อกไม่พอ")
    key = registered["api_key"]
    empty = await sold_out_product(browser_stack, key)
    stocked = (await sellable(browser_stack, key))[0]
    # The till read its catalogue before the last units went elsewhere (another till, an
    # order online): it still believes some are left.
    context = await new_context(browser, browser_stack, service_workers="block")

    async def read_before_they_went(route: Route) -> None:
        answer = await route.fetch()
        body = await answer.json()
        for product in body["products"]:
            if product["sku"] == empty["sku"]:
                product["available"] = 5
        await route.fulfill(response=answer, body=json.dumps(body))

    await context.route(re.compile(r".*/v1/terminal/catalogue$"), read_before_they_went)
    try:
        page = await context.new_page()
        await open_paired(page, pairing_link(browser_stack, registered), service_worker=False)
        await open_shift(page)
        await sell(page, [stocked["sku"], empty["sku"]])

        refusal = page.locator("#refused [data-kind='out-of-stock']")
        await expect(refusal).to_be_visible(timeout=20000)
        await expect(refusal).to_contain_text("สินค้าไม่พอขาย")
        await expect(refusal.locator(".detail")).to_contain_text("เหลือ 0")
        await screenshot(page, "terminal-stock-refused")
        assert [s["state"] for s in await stored_sales(page)] == ["needs-decision"]

        await refusal.locator(f"button[data-drop-sku='{empty['sku']}']").click()
        await expect(page.locator("#flash")).to_contain_text("คืนเงินลูกค้า")
        await wait_until_all_accepted(page, 1)
        await expect(page.locator("#refused")).to_be_hidden()
        [sale] = await stored_sales(page)
    finally:
        await context.close()
    async with httpx.AsyncClient(
        base_url=sales_url(browser_stack), headers={"Authorization": f"Bearer {key}"}
    ) as till:
        recorded = await till.get(f"/v1/sales/{sale['sale_id']}")
    assert recorded.status_code == 200, recorded.text
    assert [line["sku"] for line in recorded.json()["sale"]["lines"]] == [stocked["sku"]]
