"""What browser tests do often: sign in through the console's login form, keep a picture of
the page."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.async_api import Page

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


async def screenshot(page: Page, name: str) -> Path:
    """The whole page as artifacts/screenshots/<name>.png (the folder is not committed)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    ignore = SCREENSHOTS.parent / ".gitignore"
    if not ignore.exists():
        ignore.write_text("*\n")
    path = SCREENSHOTS / f"{re.sub(r'[^A-Za-z0-9._-]+', '-', name)}.png"
    await page.screenshot(path=str(path), full_page=True)
    return path
