"""What browser tests do often: sign in through the console's login form, pick an area in
the console's area picker, keep a picture of the page."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.async_api import Page, expect

from devstack.demo.staff import staff_account

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"


async def sign_in(page: Page, username: str, password: str | None = None) -> None:
    """Fill in and send the console's login form as a person would (the demo account's
    password unless one is given); returns once the browser has the answer."""
    await page.goto("/console/login")
    form = page.locator("form[action='/console/login']")
    await form.locator("input[name=username]").fill(username)
    await form.locator("input[name=password]").fill(password or staff_account(username).password)
    async with page.expect_navigation():
        await form.locator("button[type=submit]").click()


# The picker's next level comes from the web front asking the registry; on a machine still
# busy taking in the demo data, that can take longer than an assertion's usual 5 s.
AREA_WAIT_MS = 30_000
SETTLED = "() => !document.querySelector('.htmx-request, .htmx-added, .htmx-settling')"


async def choose_area(page: Page, province: str, district: str, subdistrict: str) -> None:
    """Pick a province, then a district, then a subdistrict in the console's area picker,
    each once htmx has put it there; a choice that brings the next level waits for it."""
    for name, value, brings_next in (
        ("province_code", province, True),
        ("district_code", district, True),
        ("subdistrict_code", subdistrict, False),
    ):
        option = page.locator(f"select[name={name}] option[value='{value}']")
        await expect(option).to_be_attached(timeout=AREA_WAIT_MS)
        # htmx wires a swapped-in select to its request only once the swap settles (20 ms
        # later, longer on a busy machine): a choice made before that asks for nothing.
        await page.wait_for_function(SETTLED, timeout=AREA_WAIT_MS)
        if not brings_next:
            await page.select_option(f"select[name={name}]", value)
            continue
        async with page.expect_response(
            lambda r: "/console/areas/picker" in r.url, timeout=AREA_WAIT_MS
        ):
            await page.select_option(f"select[name={name}]", value)


async def screenshot(page: Page, name: str) -> Path:
    """The whole page as artifacts/screenshots/<name>.png (the folder is not committed)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    ignore = SCREENSHOTS.parent / ".gitignore"
    if not ignore.exists():
        ignore.write_text("*\n")
    path = SCREENSHOTS / f"{re.sub(r'[^A-Za-z0-9._-]+', '-', name)}.png"
    await page.screenshot(path=str(path), full_page=True)
    return path
