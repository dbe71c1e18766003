"""The terminal app in Debian's Chromium against the real stack: paired from the console's
link, it rings up sales online (numbered per terminal, on the server under their receipt
numbers), shows a PromptPay QR code a real decoder reads as the EMVCo payload for the exact
amount, and prints an 80 mm receipt holding what an abbreviated tax invoice must."""

from __future__ import annotations

import io
import json
import re
from decimal import Decimal
from typing import Any

import zxingcpp
from PIL import Image
from playwright.async_api import Browser, Route, expect
from pypdf import PdfReader

from services.sales.domain.promptpay import crc16_ccitt
from tests.browser.helpers import screenshot
from tests.browser.stack import BrowserStack
from tests.browser.terminal_helpers import (
    new_context,
    open_paired,
    open_shift,
    pairing_link,
    register_terminal,
    sell,
    sellable,
    server_receipt_numbers,
    stored_sales,
    wait_until_all_accepted,
)

# Text from a PDF splits Thai marks from their letters (ำ comes out as ํ + า, stacked marks as
# NUL): what is compared is the letters without their marks, spaces or NULs.
THAI_MARKS = re.compile("[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\x00\\s]")


def skeleton(text: str) -> str:
    return THAI_MARKS.sub("", text.replace("\u0e33", "\u0e32"))


def emv_fields(payload: str) -> dict[str, str]:
    fields, at = {}, 0
    while at < len(payload):
        tag, size = payload[at : at + 2], int(payload[at + 2 : at + 4])
        fields[tag] = payload[at + 4 : at + 4 + size]
        at += 4 + size
    return fields


async def test_a_paired_terminal_sells_online_with_receipt_numbers_of_its_own_code(
    browser: Browser, browser_stack: BrowserStack
) -> None:
    registered = await register_terminal(browser_stack, "แท็บเล็ตหน้าร้าน ทดสอบ")
    products = await sellable(browser_stack, registered["api_key"])
    context = await new_context(browser, browser_stack)
    try:
        page = await context.new_page()
        await open_paired(page, pairing_link(browser_stack, registered))
        assert "#pair=" not in page.url  # the key does not stay in the address bar
        await screenshot(page, "terminal-shift-open")
        await open_shift(page, "1000")
        await screenshot(page, "terminal-sell")

        first = await sell(page, [products[0]["sku"], products[0]["sku"], products[1]["sku"]])
        second = await sell(page, [products[1]["sku"]], cash="1000")
        await wait_until_all_accepted(page, 2)

        code = registered["code"]
        assert (first, second) == (f"{code}-000001", f"{code}-000002")
        sales = await stored_sales(page)
        on_server = await server_receipt_numbers(
            browser_stack, registered["api_key"], [s["sale_id"] for s in sales]
        )
        assert sorted(on_server) == [first, second]

        await page.locator("#nav button[data-go=receipts]").click()
        await expect(page.locator("#receipt-rows tr")).to_have_count(2)
        await screenshot(page, "terminal-receipts")

        await page.locator("#nav button[data-go=refund]").click()
        await page.locator("#refund-query").fill(first)
        await page.locator("#refund-search button[type=submit]").click()
        await page.locator(".refund-qty[data-line='1']").fill("1")
        await page.locator("#refund-submit").click()
        await expect(page.locator("#refund-message")).to_contain_text("คืนสินค้าแล้ว")

        await page.locator("#nav button[data-go=shift]").click()
        await page.locator("#counted-cash").fill("1000")
        await page.locator("#close-shift button[type=submit]").click()
        await expect(page.locator("#shift-report-table")).to_contain_text("จำนวนรายการขาย")
        await screenshot(page, "terminal-shift-report")

        await page.set_viewport_size({"width": 390, "height": 844})
        await page.locator("#nav button[data-go=shift]").click()
        await page.locator("#open-shift button[type=submit]").click()
        await expect(page.locator("#screen-sell")).to_be_visible()
        await page.locator("#scan").fill(products[0]["sku"])
        await page.locator("#scan").press("Enter")
        await expect(page.locator("#cart-lines li")).to_have_count(1)
        await screenshot(page, "terminal-sell-phone")
    finally:
        await context.close()


async def test_the_promptpay_qr_on_screen_decodes_to_the_emvco_payload_for_the_exact_amount(
    browser: Browser, browser_stack: BrowserStack
) -> None:
    registered = await register_terminal(browser_stack, "เครื่องขายพร้อมเพย์")
    product = (await sellable(browser_stack, registered["api_key"]))[-1]
    context = await new_context(browser, browser_stack)
    try:
        page = await context.new_page()
        await open_paired(page, pairing_link(browser_stack, registered))
        await open_shift(page)
        await page.locator("#scan").fill(product["sku"])
        await page.locator("#scan").press("Enter")
        await page.locator("#discount").fill("1.50")
        await page.locator("#pay").click()
        due = Decimal(product["price"]) - Decimal("1.50")
        await page.locator("#pay-promptpay").click()
        qr = page.locator("#promptpay-qr")
        await expect(page.locator("#promptpay-panel")).to_be_visible()
        await screenshot(page, "terminal-promptpay")

        decoded = zxingcpp.read_barcodes(Image.open(io.BytesIO(await qr.screenshot())))
        assert [d.format for d in decoded] == [zxingcpp.BarcodeFormat.QRCode]
        payload = decoded[0].text
        fields = emv_fields(payload)
        assert fields["00"] == "01" and fields["53"] == "764" and fields["58"] == "TH"
        assert Decimal(fields["54"]) == due
        assert fields["63"] == f"{crc16_ccitt(payload[:-4].encode()):04X}"

        await page.locator("#promptpay-received").click()
        await expect(page.locator("#remaining")).to_have_text("0.00")
        await page.locator("#complete").click()
        await expect(page.locator("#sale-done")).to_be_visible()
        await wait_until_all_accepted(page, 1)
    finally:
        await context.close()


VAT = {"tax_id": "0994000123456", "branch": "00000", "rate": "7.00"}


async def test_a_printed_receipt_of_a_vat_registered_shop_is_an_abbreviated_tax_invoice(
    browser: Browser, browser_stack: BrowserStack
) -> None:
    registered = await register_terminal(browser_stack, "เครื่องขายใบกำกับภาษี")
    products = await sellable(browser_stack, registered["api_key"])
    with_producer = next(p for p in products if p["producer"]["name_th"])
    # The shop's VAT registration comes with the terminal's profile; this shop is given one.
    context = await new_context(browser, browser_stack, service_workers="block")
    shop: dict[str, Any] = {}

    async def vat_registered(route: Route) -> None:
        answer = await route.fetch()
        profile = await answer.json()
        profile["shop"]["vat"] = VAT
        shop.update(profile["shop"])
        await route.fulfill(response=answer, body=json.dumps(profile))

    await context.route(re.compile(r".*/v1/terminal$"), vat_registered)
    try:
        page = await context.new_page()
        await open_paired(page, pairing_link(browser_stack, registered), service_worker=False)
        await open_shift(page)
        number = await sell(page, [with_producer["sku"]], cash="1000")
        await page.locator("#nav button[data-go=receipts]").click()
        await page.locator(f"#receipt-rows button[data-receipt='{number}']").click()
        await expect(page.locator("#receipt-no")).to_have_text(number)
        await screenshot(page, "terminal-receipt")
        pdf = await page.pdf(width="80mm", print_background=True, prefer_css_page_size=True)
    finally:
        await context.close()

    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    flat = skeleton(text)
    for required in (
        "ใบกำกับภาษีอย่างย่อ",
        VAT["tax_id"],
        "สำนักงานใหญ่",
        number,
        "ราคารวมภาษีมูลค่าเพิ่มแล้ว",
        "price includes VAT",
        with_producer["sku"],
        with_producer["producer"]["name_th"],
        shop["name_th"],
        str(Decimal(with_producer["price"])),
    ):
        assert skeleton(required) in flat, f"{required!r} is not on the receipt:\n{text}"
    assert re.search(r"25[6-9]\d", text), f"no Buddhist-era year on the receipt:\n{text}"
