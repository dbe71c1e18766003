"""What the terminal app's browser tests do often: register a terminal through the sales API,
open the app paired from its link, open a shift, ring up a sale as a cashier would, read the
app's own IndexedDB, and count sales on the server and on sales.transactions.v1."""

from __future__ import annotations

import asyncio
import base64
import json
import re
import secrets
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
from playwright.async_api import Browser, BrowserContext, Page, async_playwright, expect

from services.topology import SALES
from services.web.console.shop.pairing import pairing_payload, pairing_url
from tests.browser.chromium import CHROMIUM, LAUNCH_ARGS
from tests.browser.stack import BrowserStack

TOPIC = "sales.transactions.v1"


def sales_url(stack: BrowserStack) -> str:
    return stack.url(SALES)


def broker_address(stack: BrowserStack) -> str:
    """The broker's bootstrap address, as `otop up` printed it."""
    found = re.search(r"^\s*kafka\s+(\S+)", stack.log.read_text(errors="replace"), re.MULTILINE)
    assert found, "the stack printed no kafka address"
    return found.group(1)


def new_code() -> str:
    return "T" + secrets.token_hex(3).upper()[:5]


async def register_terminal(stack: BrowserStack, name: str) -> dict[str, Any]:
    """A new shop terminal (with its own code) and its key, as staff would create it."""
    async with httpx.AsyncClient(base_url=sales_url(stack), headers=admin(stack)) as client:
        made = await client.post(
            "/v1/terminals", json={"name": name, "location": "shop", "code": new_code()}
        )
    assert made.status_code == 201, made.text
    registered: dict[str, Any] = made.json()
    return registered


def admin(stack: BrowserStack) -> dict[str, str]:
    return {"Authorization": f"Bearer {stack.admin_token}"}


def pairing_link(stack: BrowserStack, registered: dict[str, Any]) -> str:
    """The link the console's pairing QR code carries for this terminal."""
    body = {
        "terminal_id": registered["terminal_id"],
        "api_key": registered["api_key"],
    }
    link = pairing_url(pairing_payload(body, sales_url(stack)))
    encoded = link.split("#pair=", 1)[1]
    padded = encoded + "=" * (-len(encoded) % 4)
    assert json.loads(base64.urlsafe_b64decode(padded))["key"] == registered["api_key"]
    return link


async def terminal_get(stack: BrowserStack, key: str, path: str) -> httpx.Response:
    async with httpx.AsyncClient(
        base_url=sales_url(stack), headers={"Authorization": f"Bearer {key}"}
    ) as client:
        return await client.get(path)


async def catalogue(stack: BrowserStack, key: str) -> list[dict[str, Any]]:
    """What the terminal's catalogue lists now (at the shop: approved products, each with
    the units left)."""
    answer = await terminal_get(stack, key, "/v1/terminal/catalogue")
    assert answer.status_code == 200, answer.text
    products: list[dict[str, Any]] = answer.json()["products"]
    return products


async def sellable(stack: BrowserStack, key: str, at_least: int = 10) -> list[dict[str, Any]]:
    """Products the shop terminal may sell live, at least `at_least` units of each left
    (the demo's consignment notes stock them), cheapest first."""
    products = [p for p in await catalogue(stack, key) if (p["available"] or 0) >= at_least]
    assert products, "the demo shop has nothing in stock to sell"
    return sorted(products, key=lambda p: float(p["price"]))


async def sold_out_product(stack: BrowserStack, key: str) -> dict[str, Any]:
    """A product the shop terminal lists with nothing left: one already sold out, else one
    the committee approves now that was never delivered."""
    for product in await catalogue(stack, key):
        if product["available"] == 0:
            return product
    approved = await approve_one_never_delivered(stack)
    listed = {p["product_id"]: p for p in await catalogue(stack, key)}
    found = listed[approved["product_id"]]
    assert found["available"] == 0, found
    return found


async def approve_one_never_delivered(stack: BrowserStack) -> dict[str, Any]:
    """A product the shop's committee approves now that no consignment note ever brought:
    sold out from the start. The demo leaves a few products proposed; one of them."""
    async with httpx.AsyncClient(base_url=sales_url(stack), headers=admin(stack)) as staff:
        proposed = await staff.get("/v1/shop/assortment", params={"state": "proposed"})
        assert proposed.status_code == 200, proposed.text
        items = proposed.json()["items"]
        assert items, "the demo shop has no proposed product left"
        product_id = items[0]["product_id"]
        approved = await staff.post(f"/v1/shop/assortment/{product_id}/approve", json={})
        assert approved.status_code == 200, approved.text
    item: dict[str, Any] = {**items[0], **approved.json()}
    return item


async def new_context(browser: Browser, stack: BrowserStack, **options: Any) -> BrowserContext:
    return await browser.new_context(
        base_url=sales_url(stack), locale="th-TH", timezone_id="Asia/Bangkok", **options
    )


@asynccontextmanager
async def persistent_context(user_data: Path, stack: BrowserStack) -> AsyncIterator[BrowserContext]:
    """A browser whose storage (IndexedDB, service worker) lives in `user_data`, so a second
    one started on the same folder is the same device after a crash."""
    async with async_playwright() as playwright:
        context = await playwright.chromium.launch_persistent_context(
            str(user_data),
            executable_path=str(CHROMIUM),
            args=LAUNCH_ARGS,
            headless=True,
            base_url=sales_url(stack),
            locale="th-TH",
            timezone_id="Asia/Bangkok",
        )
        try:
            yield context
        finally:
            await context.close()


async def open_paired(page: Page, link: str, *, service_worker: bool = True) -> None:
    """Open the pairing link and wait for the app to be ready (and, unless the context
    blocks service workers, controlled by its service worker)."""
    await page.goto(link)
    await expect(page.locator("body[data-ready=true]")).to_be_attached(timeout=15000)
    await expect(page.locator("#terminal-code")).not_to_be_empty()
    if service_worker:
        await expect(page.locator("body[data-sw=ready]")).to_be_attached(timeout=15000)
        await page.wait_for_function("navigator.serviceWorker.controller !== null")


async def open_shift(page: Page, opening_float: str = "500") -> None:
    await page.locator("#nav button[data-go=shift]").click()
    await page.locator("#opening-float").fill(opening_float)
    await page.locator("#open-shift button[type=submit]").click()
    await expect(page.locator("#screen-sell")).to_be_visible()


async def sell(page: Page, skus: list[str], cash: str | None = None) -> str:
    """Scan each SKU (typed + Enter, as a wedge scanner does), pay cash (the exact amount
    unless `cash` is given), complete; the receipt number the screen shows."""
    await expect(page.locator("#screen-sell")).to_be_visible()
    for sku in skus:
        await page.locator("#scan").fill(sku)
        await page.locator("#scan").press("Enter")
    await page.locator("#pay").click()
    if cash is not None:
        await page.locator("#pay-amount").fill(cash)
    await page.locator("#pay-cash").click()
    await page.locator("#complete").click()
    await expect(page.locator("#sale-done")).to_be_visible()
    number = await page.locator("#receipt-no").inner_text()
    await page.locator("#next-sale").click()
    return number


async def stored_sales(page: Page) -> list[dict[str, Any]]:
    """The sales in the app's IndexedDB: sale_id, receipt_no, state."""
    sales: list[dict[str, Any]] = await page.evaluate(
        """() => new Promise((resolve, reject) => {
          const open = indexedDB.open("otop-terminal");
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const read = open.result.transaction("sales").objectStore("sales").getAll();
            read.onsuccess = () => {
              resolve(read.result.map(s => ({
                sale_id: s.sale_id, receipt_no: s.receipt_no, state: s.state})));
              open.result.close();
            };
            read.onerror = () => reject(read.error);
          };
        })"""
    )
    return sales


async def wait_until_all_accepted(page: Page, count: int, timeout: float = 60) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    sales: list[dict[str, Any]] = []
    while loop.time() < deadline:
        sales = await stored_sales(page)
        if len(sales) == count and all(s["state"] == "accepted" for s in sales):
            await expect(page.locator("#waiting-count")).to_have_text("0")
            return
        await asyncio.sleep(0.25)
    raise AssertionError(f"not all {count} sales were accepted: {sales}")


async def server_receipt_numbers(stack: BrowserStack, key: str, sale_ids: list[str]) -> list[str]:
    """The receipt number the server holds for each sale (each must be there)."""
    numbers = []
    async with httpx.AsyncClient(
        base_url=sales_url(stack), headers={"Authorization": f"Bearer {key}"}
    ) as client:
        for sale_id in sale_ids:
            answer = await client.get(f"/v1/sales/{sale_id}")
            assert answer.status_code == 200, answer.text
            numbers.append(answer.json()["sale"]["receipt_no"])
    return numbers


async def recorded_on_topic(
    bootstrap: str, sale_ids: set[str], timeout: float = 60
) -> Counter[str]:
    """How many sale.recorded events each of these sales has on sales.transactions.v1, read
    from the beginning until all are seen and the topic has been read to its end."""
    from aiokafka import AIOKafkaConsumer

    from shared.messaging.reading import topic_partitions

    counts: Counter[str] = Counter()
    consumer = AIOKafkaConsumer(
        bootstrap_servers=bootstrap, enable_auto_commit=False, auto_offset_reset="earliest"
    )
    await consumer.start()
    try:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        partitions = await topic_partitions(consumer, TOPIC)
        assert partitions, f"{TOPIC} does not exist"
        consumer.assign(partitions)
        await consumer.seek_to_beginning(*partitions)
        quiet_rounds = 0
        while loop.time() < deadline:
            batch = await consumer.getmany(timeout_ms=500)
            records = [r for rs in batch.values() for r in rs]
            for record in records:
                event = json.loads(record.value or b"{}")
                sale_id = str(event.get("data", {}).get("sale_id"))
                if event.get("event_type") == "sale.recorded" and sale_id in sale_ids:
                    counts[sale_id] += 1
            quiet_rounds = 0 if records else quiet_rounds + 1
            if set(counts) == sale_ids and quiet_rounds >= 2:
                break
    finally:
        await consumer.stop()
    return counts
