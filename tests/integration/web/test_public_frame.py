"""The public pages' frame: the front page needs no sign-in and leads to the shop, the
calendar and the communities; public pages call only the services' public routes."""

from __future__ import annotations

import httpx
import pytest

from services.web.public.calls import PublicCalls
from tests.integration.web.conftest import Web


async def test_the_front_page_opens_without_signing_in_and_leads_to_the_public_pages(
    web: Web,
) -> None:
    page = await web.client.get("/", follow_redirects=False)

    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert '<html lang="th">' in page.text
    for path, thai in (
        ("/shop", "ร้านค้าออนไลน์"),
        ("/calendar", "ปฏิทินกิจกรรม"),
        ("/communities", "ชุมชนท่องเที่ยวนวัตวิถี"),
    ):
        assert f'href="{path}"' in page.text
        assert thai in page.text
    assert "set-cookie" not in page.headers
    assert "/console" not in page.text


async def test_public_pages_refuse_to_call_a_route_that_is_not_public() -> None:
    async with httpx.AsyncClient() as http:
        calls = PublicCalls(http, {"registry": "http://registry.test"}, "c-1")
        with pytest.raises(ValueError, match="public routes"):
            await calls.get("registry", "/v1/members")


async def test_a_browser_asking_for_an_address_that_does_not_exist_gets_a_thai_page(
    web: Web,
) -> None:
    page = await web.client.get("/shop-nothing-here", headers={"Accept": "text/html"})

    assert page.status_code == 404
    assert page.headers["content-type"].startswith("text/html")
    assert "ไม่มีหน้านี้" in page.text
    assert 'href="/"' in page.text


async def test_a_machine_asking_for_a_missing_route_still_gets_a_problem_document(
    web: Web,
) -> None:
    for path in ("/v1/nothing", "/shop-nothing-here"):
        answer = await web.client.get(path, headers={"Accept": "application/json"})

        assert answer.status_code == 404
        assert answer.headers["content-type"] == "application/problem+json"
        assert answer.json()["status"] == 404
