"""The terminal app keeps selling without the network and every sale reaches the server and
sales.transactions.v1 exactly once: after a reload offline, after the browser is killed
while its backlog is being posted, with two tabs open, and after its key is revoked."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
from playwright.async_api import Browser, Route, expect

from tests.browser.helpers import screenshot
from tests.browser.stack import BrowserStack
from tests.browser.terminal_helpers import (
    admin,
    broker_address,
    new_context,
    open_paired,
    open_shift,
    pairing_link,
    persistent_context,
    recorded_on_topic,
    register_terminal,
    sales_url,
    sell,
    sellable,
    server_receipt_numbers,
    stored_sales,
    wait_until_all_accepted,
)


def numbers(code: str, first: int, last: int) -> list[str]:
    return [f"{code}-{n:06d}" for n in range(first, last + 1)]


async def assert_once_everywhere(stack: BrowserStack, key: str, sales: list[dict]) -> list[str]:
    """Each sale is on the server under its receipt number and once on the topic."""
    sale_ids = [s["sale_id"] for s in sales]
    on_server = await server_receipt_numbers(stack, key, sale_ids)
    assert on_server == [s["receipt_no"] for s in sales]
    counts = await recorded_on_topic(broker_address(stack), set(sale_ids))
    assert {sale_id: counts[sale_id] for sale_id in sale_ids} == dict.fromkeys(sale_ids, 1)
    return on_server


async def test_twenty_sales_made_offline_across_a_reload_arrive_once_each_when_back_online(
    browser: Browser, browser_stack: BrowserStack
) -> None:
    registered = await register_terminal(browser_stack, "เครื่องขายออฟไลน์")
    code, key = registered["code"], registered["api_key"]
    skus = [p["sku"] for p in (await sellable(browser_stack, key))[:3]]
    context = await new_context(browser, browser_stack)
    try:
        page = await context.new_page()
        await open_paired(page, pairing_link(browser_stack, registered))
        await open_shift(page)
        await sell(page, [skus[0]])
        await wait_until_all_accepted(page, 1)

        await context.set_offline(True)
        for n in range(10):
            await sell(page, [skus[n % 3]])
        await page.reload()
        await expect(page.locator("#screen-sell")).to_be_visible()
        await expect(page.locator("#net-status")).to_have_attribute("data-online", "false")
        await expect(page.locator("#waiting-count")).to_have_text("10")
        for n in range(10):
            await sell(page, [skus[n % 3], skus[(n + 1) % 3]])
        await expect(page.locator("#waiting-count")).to_have_text("20")
        await screenshot(page, "terminal-offline-waiting")
        await page.locator("#nav button[data-go=shift]").click()
        await page.locator("#counted-cash").fill("500")
        await page.locator("#close-shift button[type=submit]").click()
        await expect(page.locator("#shift-message")).to_contain_text("ยังปิดกะไม่ได้")
        await page.locator("#nav button[data-go=settings]").click()
        await page.locator("#unpair").click()
        await expect(page.locator("#settings-message")).to_contain_text("ยกเลิกการจับคู่ไม่ได้")

        await context.set_offline(False)
        await wait_until_all_accepted(page, 21)
        sales = sorted(await stored_sales(page), key=lambda s: s["receipt_no"])
    finally:
        await context.close()
    assert [s["receipt_no"] for s in sales] == numbers(code, 1, 21)
    await assert_once_everywhere(browser_stack, key, sales)


async def test_a_browser_killed_while_posting_its_backlog_loses_and_doubles_nothing(
    browser_stack: BrowserStack, tmp_path: Path
) -> None:
    registered = await register_terminal(browser_stack, "เครื่องขายดับกลางคัน")
    code, key = registered["code"], registered["api_key"]
    sku = (await sellable(browser_stack, key))[0]["sku"]
    device = tmp_path / "tablet"
    posted = asyncio.Event()

    async def server_gets_it_browser_dies(route: Route) -> None:
        await route.fetch()  # the server records the backlog; the answer never comes back
        posted.set()

    async with persistent_context(device, browser_stack) as context:
        page = await context.new_page()
        await open_paired(page, pairing_link(browser_stack, registered))
        await open_shift(page)
        await context.set_offline(True)
        for _ in range(5):
            await sell(page, [sku])
        await context.route("**/v1/sales/batch", server_gets_it_browser_dies)
        await context.set_offline(False)
        await asyncio.wait_for(posted.wait(), 30)
    # killed mid-sync: the server has the sales, the device still holds them as unsent

    async with persistent_context(device, browser_stack) as context:
        first, second = await context.new_page(), await context.new_page()
        await asyncio.gather(first.goto("/terminal/"), second.goto("/terminal/"))
        await wait_until_all_accepted(first, 5)
        await wait_until_all_accepted(second, 5)
        after = await sell(second, [sku])
        await wait_until_all_accepted(first, 6)
        sales = sorted(await stored_sales(first), key=lambda s: s["receipt_no"])
    assert after == f"{code}-000006"  # the counter went on: no number given twice
    assert [s["receipt_no"] for s in sales] == numbers(code, 1, 6)
    await assert_once_everywhere(browser_stack, key, sales)


async def test_a_revoked_key_stops_selling_with_a_thai_message_and_keeps_the_queue(
    browser: Browser, browser_stack: BrowserStack
) -> None:
    registered = await register_terminal(browser_stack, "เครื่องขายคีย์ถูกเพิกถอน")
    terminal_id, key = registered["terminal_id"], registered["api_key"]
    sku = (await sellable(browser_stack, key))[0]["sku"]
    context = await new_context(browser, browser_stack)
    try:
        page = await context.new_page()
        await open_paired(page, pairing_link(browser_stack, registered))
        await open_shift(page)
        await context.set_offline(True)
        await sell(page, [sku])
        await sell(page, [sku])
        async with httpx.AsyncClient(
            base_url=sales_url(browser_stack), headers=admin(browser_stack)
        ) as staff:
            new_key = await staff.post(f"/v1/terminals/{terminal_id}/keys")
            assert new_key.status_code == 201, new_key.text
            old = next(
                k
                for k in (await staff.get(f"/v1/terminals/{terminal_id}")).json()["keys"]
                if k["key_id"] != new_key.json()["key_id"]
            )
            revoked = await staff.post(f"/v1/terminals/{terminal_id}/keys/{old['key_id']}/revoke")
            assert revoked.status_code in (200, 204), revoked.text
        await context.set_offline(False)

        await expect(page.locator("#screen-revoked")).to_be_visible(timeout=20000)
        await expect(page.locator("#screen-revoked h1")).to_contain_text("ถูกเพิกถอน")
        await expect(page.locator("#revoked-waiting")).to_have_text("2")
        await expect(page.locator("#screen-sell")).to_be_hidden()
        await screenshot(page, "terminal-revoked")
        assert [s["state"] for s in await stored_sales(page)] == ["queued", "queued"]

        await page.locator("#rekey-key").fill(new_key.json()["api_key"])
        await page.locator("#rekey-form button[type=submit]").click()
        await wait_until_all_accepted(page, 2)
    finally:
        await context.close()
