"""Fixtures for tests that drive the console in a real browser.

`browser_stack` (session): the whole platform running as processes (see tests/browser/stack.py).
`browser` (session): Debian's Chromium driven by Playwright.
`page` (each test): a fresh browser context (its own cookies) on the web front, Thai locale,
Bangkok time. `signed_in_page(username)` (each test): a new page signed in as that demo staff
account through the real login form.

Every test in this folder carries the `browser` marker: `pytest -m "not browser"` leaves them out.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path

import pytest
from playwright.async_api import Browser, BrowserContext, Page, async_playwright

from tests.browser.chromium import CHROMIUM, LAUNCH_ARGS, why_chromium_cannot_run
from tests.browser.helpers import sign_in
from tests.browser.stack import BrowserStack, demo_wanted, running_stack

SignedInPage = Callable[[str], Awaitable[Page]]

HERE = Path(__file__).parent


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: drives the console in Debian's Chromium")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BrowserStack]:
    with running_stack(tmp_path_factory.mktemp("browser-stack"), demo=demo_wanted()) as stack:
        yield stack


@pytest.fixture(scope="session")
async def browser() -> AsyncIterator[Browser]:
    missing = why_chromium_cannot_run()
    if missing is not None:
        pytest.fail(missing)
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=LAUNCH_ARGS, headless=True
        )
        try:
            yield launched
        finally:
            await launched.close()


async def _new_context(browser: Browser, stack: BrowserStack) -> BrowserContext:
    return await browser.new_context(
        base_url=stack.web_url, locale="th-TH", timezone_id="Asia/Bangkok"
    )


@pytest.fixture
async def page(browser: Browser, browser_stack: BrowserStack) -> AsyncIterator[Page]:
    context = await _new_context(browser, browser_stack)
    try:
        yield await context.new_page()
    finally:
        await context.close()


@pytest.fixture
async def signed_in_page(
    browser: Browser, browser_stack: BrowserStack
) -> AsyncIterator[SignedInPage]:
    contexts: list[BrowserContext] = []

    async def signed_in(username: str) -> Page:
        context = await _new_context(browser, browser_stack)
        contexts.append(context)
        new_page = await context.new_page()
        await sign_in(new_page, username)
        return new_page

    yield signed_in
    for context in contexts:
        await context.close()
