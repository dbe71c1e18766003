"""The shop's manager in a real browser: pairs a terminal (its QR code shown), settles
yesterday's sales and downloads a producer's PDF statement whose figures are the sales
service's, to the satang."""

from __future__ import annotations

import io
import re
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import httpx
import pytest
from playwright.async_api import expect

from shared.timeutil import now_bangkok
from tests.browser.conftest import SignedInPage
from tests.browser.helpers import screenshot
from tests.browser.stack import BrowserStack


async def test_the_shop_manager_pairs_a_terminal_and_sees_its_qr_code_once(
    signed_in_page: SignedInPage,
):
    page = await signed_in_page("shop.manager")
    await page.goto("/console/shop/terminals")
    await page.get_by_text("ลงทะเบียนเครื่องขายใหม่").click()
    await page.locator("input[name=name]").fill("แท็บเล็ตหน้าร้าน 2")
    async with page.expect_navigation():
        await page.get_by_role("button", name=re.compile("ลงทะเบียนและสร้างคีย์")).click()

    await expect(page.locator("#pairing-qr svg")).to_be_visible()
    key = await page.locator("#api-key").inner_text()
    assert key.startswith("otop_tk_")
    await expect(page.locator("#pairing-payload")).to_contain_text(key)
    await screenshot(page, "console-shop-terminal-paired")

    await page.goto("/console/shop/terminals")
    await expect(page.get_by_text("แท็บเล็ตหน้าร้าน 2")).to_be_visible()
    assert key not in await page.content()


async def test_the_shop_manager_settles_yesterday_and_downloads_a_statement_with_exact_figures(
    signed_in_page: SignedInPage, browser_stack: BrowserStack, tmp_path: Path
):
    if not browser_stack.demo:
        pytest.skip("needs the demo day of shop sales (OTOP_BROWSER_DEMO=0 loads none)")
    pypdf = pytest.importorskip("pypdf", reason="reading the statement's text needs pypdf")
    yesterday = (now_bangkok() - timedelta(days=1)).date().isoformat()
    page = await signed_in_page("shop.manager")
    await page.goto("/console/shop/settlements")
    form = page.locator("#run-settlement")
    await form.locator("input[name=period_start]").fill(yesterday)
    await form.locator("input[name=period_end]").fill(yesterday)
    async with page.expect_navigation():
        await form.get_by_role("button").click()
    await expect(page.get_by_text("ใบแจ้งยอดทั้งหมด")).to_be_visible()
    await screenshot(page, "console-shop-settlement-run")

    first = page.locator("a[href^='/console/shop/settlements/']:not([href$='.pdf'])").first
    settlement_id = (await first.get_attribute("href") or "").rsplit("/", 1)[-1]
    await first.click()
    await expect(page.locator("#statement-figures")).to_be_visible()
    await expect(page.get_by_role("link", name=re.compile("audit trail"))).to_have_attribute(
        "href", f"/console/audit?aggregate_id={settlement_id}"
    )
    await screenshot(page, "console-shop-settlement-statement")

    async with page.expect_download() as downloading:
        await page.locator("#statement-pdf").click()
    download = await downloading.value
    assert re.fullmatch(r"statement-\d{8}-\d{8}-[0-9a-f]{8}\.pdf", download.suggested_filename)
    saved = tmp_path / download.suggested_filename
    await download.save_as(saved)
    pdf = saved.read_bytes()
    assert pdf.startswith(b"%PDF-")
    text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)

    async with httpx.AsyncClient(
        base_url=browser_stack.urls["sales"],
        headers={"Authorization": f"Bearer {browser_stack.admin_token}"},
    ) as sales:
        answer = await sales.get(f"/v1/settlements/{settlement_id}")
    assert answer.status_code == 200, answer.text
    detail = answer.json()
    settled = detail["settlement"]
    sold = sum(Decimal(line["net_amount"]) for line in detail["sale_lines"])
    assert Decimal(settled["gross_sales"]) == sold
    for field in ("gross_sales", "refunds", "net_sales", "commission", "net_payout"):
        assert f"{Decimal(settled[field]):,.2f}" in text, field
    assert str(int(yesterday[:4]) + 543) in text  # the Buddhist-era year
