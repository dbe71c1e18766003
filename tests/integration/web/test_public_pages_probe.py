"""The public pages asked as an outside probe would: malformed and unknown ids, odd query
strings, forged forms and cookies, odd quantities and a service that is down. Every answer
is a page in Thai or a redirect, never a server error; behind them a stand-in answers the
services' public routes (or the network fails)."""

from __future__ import annotations

import re
import uuid
from collections.abc import AsyncIterator
from urllib.parse import quote

import httpx
import pytest
from fastapi import FastAPI
from fastapi.responses import JSONResponse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from services.web.app import create_app
from tests.integration.web.conftest import BASE, web_settings

PRODUCT = uuid.UUID("5b1f0c8e-7f0a-4a55-9d3c-2f2a3a9e0001")
ORDER = uuid.UUID("5b1f0c8e-7f0a-4a55-9d3c-2f2a3a9e0002")


def _missing() -> JSONResponse:
    body = {"type": "about:blank", "title": "Not found", "status": 404, "detail": "no such"}
    return JSONResponse(body, status_code=404, media_type="application/problem+json")


def stand_in() -> FastAPI:
    """The services' public routes, with one product in the shop and nothing else."""
    app = FastAPI()
    product = {
        "product_id": str(PRODUCT),
        "sku": "SKU-1",
        "name_th": "ผ้าไหมมัดหมี่",
        "name_en": "Mudmee silk",
        "category": "textiles",
        "price": "850.00",
        "available": True,
        "producer": {"member_id": str(uuid.uuid4()), "name_th": "กลุ่มทอผ้า", "name_en": None},
    }

    @app.get("/v1/public/shop/catalogue")
    async def catalogue() -> dict[str, object]:
        return {"items": [product], "next_cursor": None}

    @app.get("/v1/public/shop/products/{product_id}")
    async def one(product_id: str) -> object:
        return product if product_id == str(PRODUCT) else _missing()

    @app.get("/v1/public/shop/shipping")
    async def shipping() -> dict[str, object]:
        return {}

    @app.get("/v1/public/shop/orders/{order_id}")
    async def order(order_id: str) -> JSONResponse:
        return _missing()

    @app.get("/v1/public/communities")
    async def communities() -> dict[str, object]:
        return {"items": []}

    @app.get("/v1/public/communities/{community_id}")
    async def community(community_id: str) -> JSONResponse:
        return _missing()

    @app.get("/v1/public/calendar")
    async def calendar(province_code: str | None = None) -> object:
        if province_code is not None and province_code != "90":  # as the service refuses
            body = {"title": "Invalid input", "status": 422, "detail": "no such province"}
            return JSONResponse(body, status_code=422, media_type="application/problem+json")
        return {"items": []}

    return app


class Down(httpx.AsyncBaseTransport):
    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)


async def _client(web_dsn: str, transport: httpx.AsyncBaseTransport) -> AsyncIterator[object]:
    app = create_app(web_settings(web_dsn), transport=transport)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE) as client,
    ):
        yield client


@pytest.fixture
async def site(web_dsn: str) -> AsyncIterator[httpx.AsyncClient]:
    async for client in _client(web_dsn, httpx.ASGITransport(app=stand_in())):
        yield client  # type: ignore[misc]


@pytest.fixture
async def site_down(web_dsn: str) -> AsyncIterator[httpx.AsyncClient]:
    async for client in _client(web_dsn, Down()):
        yield client  # type: ignore[misc]


def _thai_page(answer: httpx.Response, status: int) -> None:
    assert answer.status_code == status, (answer.request.url, answer.text[:500])
    assert answer.headers["content-type"].startswith("text/html"), answer.headers
    assert '<html lang="th">' in answer.text
    assert re.search("[\u0e00-\u0e7f]", answer.text)


async def _csrf(site: httpx.AsyncClient) -> str:
    page = await site.get(f"/shop/products/{PRODUCT}")
    assert page.status_code == 200, page.text
    found = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert found
    return found[1]


@pytest.mark.parametrize(
    "path",
    [
        "/shop/products/not-a-uuid",
        f"/shop/products/{uuid.uuid4()}",
        "/communities/xyz",
        f"/communities/{uuid.uuid4()}",
        "/shop/orders/not-an-order",
        f"/shop/orders/{ORDER}",
    ],
)
async def test_a_malformed_or_unknown_id_is_a_thai_not_found_page(
    site: httpx.AsyncClient, path: str
) -> None:
    _thai_page(await site.get(path), 404)


@pytest.mark.parametrize(
    "path", ["/photos/x/999.webp", f"/photos/{uuid.uuid4()}/320.gif", f"/photos/{PRODUCT}/x"]
)
async def test_a_photo_address_that_names_no_photo_is_not_found(
    site: httpx.AsyncClient, path: str
) -> None:
    answer = await site.get(path)
    assert answer.status_code == 404, answer.text
    assert answer.headers["content-type"].startswith("application/problem+json")


@pytest.mark.parametrize(
    "query",
    [
        {"q": "ผ้า" * 300, "cursor": "x" * 2000, "category": "none", "limit": "-1"},
        [("category", "food"), ("category", "textiles"), ("q", "\u0000\ud7ff🙂")],
        {"page": "99999999999999999999", "limit": "10000000000"},
    ],
)
async def test_odd_query_strings_leave_the_public_pages_standing(
    site: httpx.AsyncClient, query: object
) -> None:
    for path in ("/shop", "/communities", "/calendar"):
        _thai_page(await site.get(path, params=query), 200)  # type: ignore[arg-type]
    for month in ("9999-99", "0000-01", "2027-1", "๒๕๗๐-๐๑", "2027-01" * 200):
        _thai_page(await site.get("/calendar", params={"month": month}), 200)


@pytest.mark.parametrize("quantity", ["²", "๓" * 3, "9" * 5000, "-1", "1.5", ""])
async def test_a_quantity_that_is_not_a_plain_number_is_refused_on_a_thai_page(
    site: httpx.AsyncClient, quantity: str
) -> None:
    token = await _csrf(site)
    answer = await site.post(
        "/shop/cart",
        data={"csrf_token": token, "product_id": str(PRODUCT), "quantity": quantity},
    )
    _thai_page(answer, 422)
    assert "otop_cart" not in answer.headers.get("set-cookie", "")


async def test_a_huge_quantity_puts_at_most_the_limit_in_the_cart(
    site: httpx.AsyncClient,
) -> None:
    token = await _csrf(site)
    added = await site.post(
        "/shop/cart", data={"csrf_token": token, "product_id": str(PRODUCT), "quantity": "9999"}
    )
    assert added.status_code == 303
    cart = await site.get("/shop/cart")
    _thai_page(cart, 200)
    assert re.search(r'name="quantity"[^>]*value="10"', cart.text), cart.text


async def test_a_forged_or_missing_csrf_token_is_refused_on_a_thai_page(
    site: httpx.AsyncClient,
) -> None:
    token = await _csrf(site)
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    for data in ({"csrf_token": forged}, {}, {"csrf_token": "ก" * 10}):
        sent = {**data, "product_id": str(PRODUCT), "quantity": "1"}
        _thai_page(await site.post("/shop/cart", data=sent), 403)
        _thai_page(await site.post("/shop/checkout", data=sent), 403)
        _thai_page(await site.post(f"/shop/orders/{ORDER}/cancel", data=sent), 403)
    site.cookies.clear()
    _thai_page(await site.post("/shop/cart", data={"csrf_token": token}), 403)


async def test_a_tampered_cart_cookie_is_an_empty_cart(site: httpx.AsyncClient) -> None:
    for value in ("e30.AAAA", "not-signed", "ก.ข", "x" * 4000, "."):
        cookie = f"otop_cart={value}".encode()  # as a browser sends it: UTF-8 bytes
        answer = await site.get("/shop/cart", headers={"cookie": cookie})
        _thai_page(answer, 200)
        assert "ผ้าไหมมัดหมี่" not in answer.text


async def test_cancelling_an_order_of_a_malformed_id_is_a_thai_not_found_page(
    site: httpx.AsyncClient,
) -> None:
    token = await _csrf(site)
    answer = await site.post("/shop/orders/not-an-order/cancel", data={"csrf_token": token})
    _thai_page(answer, 404)


async def test_an_order_link_with_an_odd_code_keeps_no_cookie_and_fails_no_page(
    site: httpx.AsyncClient,
) -> None:
    for code in ("ก" * 20, "a b;c=d", "x" * 5000, ""):
        answer = await site.get(f"/shop/orders/{ORDER}", params={"code": code})
        assert answer.status_code == 303, answer.text
        assert "otop_order_" not in answer.headers.get("set-cookie", "")
    for code in ("ก" * 20, "x" * 300):
        cookie = f"otop_order_{ORDER.hex}={code}".encode()
        _thai_page(await site.get(f"/shop/orders/{ORDER}", headers={"cookie": cookie}), 404)


async def test_public_pages_say_in_thai_when_a_service_is_down(
    site_down: httpx.AsyncClient,
) -> None:
    for path in (
        "/shop",
        f"/shop/products/{PRODUCT}",
        "/communities",
        f"/communities/{uuid.uuid4()}",
        "/calendar",
    ):
        answer = await site_down.get(path)
        _thai_page(answer, 502)
        assert "ระบบขัดข้องชั่วคราว" in answer.text
        assert answer.headers["cache-control"] == "no-store"


async def test_catalogue_pages_are_kept_briefly_by_the_browser_only_and_the_cart_never(
    site: httpx.AsyncClient,
) -> None:
    for path in ("/shop", f"/shop/products/{PRODUCT}", "/communities", "/calendar"):
        answer = await site.get(path)
        assert answer.headers["cache-control"] == "private, max-age=60", path
    assert (await site.get("/shop/cart")).headers["cache-control"] == "no-store"
    missing = await site.get(f"/shop/products/{uuid.uuid4()}")
    assert missing.headers["cache-control"] == "no-store"


async def test_the_calendar_keeps_the_month_it_shows_not_what_was_asked(
    site: httpx.AsyncClient,
) -> None:
    shown = await site.get("/calendar", params={"month": "2027-01"})
    _thai_page(shown, 200)
    assert "มกราคม 2570" in shown.text
    assert 'name="month" value="2027-01"' in shown.text
    junk = await site.get("/calendar", params={"month": "<b>2027-13</b>" * 20})
    _thai_page(junk, 200)
    assert "2027-13" not in junk.text


async def test_the_cart_and_checkout_say_in_thai_when_the_shop_cannot_be_asked(
    site: httpx.AsyncClient, site_down: httpx.AsyncClient
) -> None:
    token = await _csrf(site)
    added = await site.post(
        "/shop/cart", data={"csrf_token": token, "product_id": str(PRODUCT), "quantity": "2"}
    )
    assert added.status_code == 303
    site_down.cookies.set("otop_cart", site.cookies["otop_cart"])

    for path in ("/shop/cart", "/shop/checkout"):
        answer = await site_down.get(path)
        _thai_page(answer, 502)
        assert "ระบบขัดข้องชั่วคราว" in answer.text


async def test_the_calendar_of_an_unknown_province_shows_every_province(
    site: httpx.AsyncClient,
) -> None:
    for code in ("99", "00", "9", "๙๐"):
        answer = await site.get("/calendar", params={"province_code": code})
        _thai_page(answer, 200)
        assert " selected>" not in answer.text  # no province chosen
    songkhla = await site.get("/calendar", params={"province_code": "90"})
    _thai_page(songkhla, 200)
    assert '<option value="90" selected>' in songkhla.text


_TEXT = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=60
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    segment=_TEXT,
    params=st.lists(
        st.tuples(
            st.sampled_from(["q", "category", "cursor", "month", "province_code", "code", "x"]),
            _TEXT,
        ),
        max_size=4,
    ),
    path=st.sampled_from(
        [
            "/shop",
            "/shop/products/{}",
            "/communities",
            "/communities/{}",
            "/calendar",
            "/shop/cart",
            "/shop/orders/{}",
            "/photos/{}/320.webp",
            "/photos/{}/{}",
        ]
    ),
)
async def test_any_path_or_query_is_answered_without_a_server_error(
    site: httpx.AsyncClient, segment: str, params: list[tuple[str, str]], path: str
) -> None:
    address = path.replace("{}", quote(segment, safe="") or "x")
    answer = await site.get(address, params=params)
    assert answer.status_code < 500, (address, params, answer.text[:300])


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    # Any text, and digits of every script a phone keyboard may send.
    quantity=st.one_of(_TEXT, st.from_regex(r"[0-9²³¹٠-٩๐-๙]{1,6}", fullmatch=True)),
    product=st.one_of(st.just(str(PRODUCT)), _TEXT),
    mode=st.sampled_from(["set", "add", ""]),
)
async def test_any_cart_form_is_answered_without_a_server_error(
    site: httpx.AsyncClient, quantity: str, product: str, mode: str
) -> None:
    token = await _csrf(site)
    sent = {"csrf_token": token, "product_id": product, "quantity": quantity, "mode": mode}
    answer = await site.post("/shop/cart", data=sent)
    assert answer.status_code in (303, 422), (sent, answer.text[:300])
