"""The public shop pages over the real sales and registry services: the catalogue with
photos and availability, the cart and checkout behind a CSRF check, an order placed once
however often its form is sent, its PromptPay QR, refusals shown in Thai, cancelling."""

from __future__ import annotations

import re
import uuid
from collections.abc import AsyncIterator
from decimal import Decimal

import httpx
import pytest

from services.web.adapters.imaging import prepare
from services.web.adapters.photo_store import PostgresPhotos
from services.web.domain.photos import Subject
from services.web.service_layer.photos import Photos
from tests.integration.sales.tills import list_product
from tests.integration.web_shop.conftest import ShopStack
from tests.integration.web_shop.test_product_photos import camera_jpeg

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
ORDER_ID = re.compile(r'name="order_id" value="([0-9a-f-]{36})"')


@pytest.fixture
async def visitor(shop_stack: ShopStack) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=shop_stack.web.app),  # type: ignore[attr-defined]
        base_url="http://web",
    ) as client:
        yield client


def token_of(page: str) -> str:
    found = TOKEN.search(page)
    assert found, "the page has no CSRF token"
    return found.group(1)


async def _to_cart(visitor: httpx.AsyncClient, product_id: uuid.UUID, quantity: int) -> None:
    token = token_of((await visitor.get(f"/shop/products/{product_id}")).text)
    added = await visitor.post(
        "/shop/cart",
        data={"csrf_token": token, "product_id": str(product_id), "quantity": str(quantity)},
    )
    assert added.status_code == 303, added.text


def _details(page: str, **overrides: str) -> dict[str, str]:
    return {
        "csrf_token": token_of(page),
        "order_id": ORDER_ID.search(page).group(1),  # type: ignore[union-attr]
        "name": "นายสมชาย ทดสอบ",
        "phone": "0812345678",
        "fulfilment": "pickup",
        **overrides,
    }


async def _orders(shop_stack: ShopStack) -> list[dict[str, object]]:
    listed = await shop_stack.sales.get("/v1/shop/orders")
    assert listed.status_code == 200, listed.text
    items: list[dict[str, object]] = listed.json()["items"]
    return items


async def test_the_catalogue_shows_approved_products_with_their_photo_price_and_availability(
    shop_stack: ShopStack, visitor: httpx.AsyncClient
) -> None:
    producer = uuid.uuid4()
    stocked = await list_product(shop_stack.sales_app, "KK-SILK", "1250.50", producer, stock=4)
    empty = await list_product(shop_stack.sales_app, "KK-RICE", "85.00", producer, stock=0)
    await list_product(shop_stack.sales_app, "KK-NOT", "10.00", producer, stock=None)
    photos = Photos(PostgresPhotos(shop_stack.web.app.state.web.pool), prepare)  # type: ignore[attr-defined]
    photo = await photos.add(
        Subject("product", stocked.product_id), camera_jpeg(), uploaded_by="test"
    )

    shown = await visitor.get("/shop")
    assert shown.status_code == 200, shown.text
    assert f'data-product-id="{stocked.product_id}"' in shown.text
    assert f'data-product-id="{empty.product_id}"' in shown.text
    assert "KK-NOT" not in shown.text
    assert "1,250.50 บาท" in shown.text
    assert "มีสินค้า" in shown.text and "สินค้าหมด" in shown.text
    assert "อาหาร" in shown.text  # categories in Thai
    assert photo.url(320, "webp") in shown.text

    detail = await visitor.get(f"/shop/products/{stocked.product_id}")
    assert detail.status_code == 200
    assert photo.url(960, "webp") in detail.text and 'id="add-to-cart"' in detail.text
    unknown = await visitor.get(f"/shop/products/{uuid.uuid4()}")
    assert unknown.status_code == 404 and "ไม่พบ" in unknown.text

    none = await visitor.get("/shop", params={"category": "beverages"})
    assert 'data-product-id="' not in none.text and "ไม่พบสินค้า" in none.text


async def test_an_order_is_placed_once_however_often_its_form_is_sent_and_shows_its_qr(
    shop_stack: ShopStack, visitor: httpx.AsyncClient
) -> None:
    product = await list_product(shop_stack.sales_app, "KK-MUD", "450.25", stock=5)
    await _to_cart(visitor, product.product_id, 2)
    cart = await visitor.get("/shop/cart")
    assert "900.50 บาท" in cart.text
    checkout = await visitor.get("/shop/checkout")
    assert checkout.status_code == 200
    details = _details(checkout.text)
    before = dict(visitor.cookies)

    placed = await visitor.post("/shop/checkout", data=details)
    assert placed.status_code == 303, placed.text
    location = placed.headers["location"]
    assert location == f"/shop/orders/{details['order_id']}"
    order = await visitor.get(location)
    assert order.status_code == 200, order.text
    assert order.headers["cache-control"] == "no-store"
    assert "รอชำระเงิน" in order.text
    assert "<svg" in order.text and "promptpay-qr" in order.text
    assert "900.50 บาท" in order.text
    assert "2569" in order.text or "2570" in order.text  # the expiry in B.E.

    # The same form sent again from a page that never saw the answer: a replay.
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=shop_stack.web.app),  # type: ignore[attr-defined]
        base_url="http://web",
        cookies=before,
    ) as again:
        resent = await again.post("/shop/checkout", data=details)
    assert resent.status_code == 303, resent.text
    assert resent.headers["location"] == location
    orders = await _orders(shop_stack)
    assert [o["order_id"] for o in orders] == [details["order_id"]]


async def test_a_public_form_without_its_csrf_token_is_refused_and_nothing_is_placed(
    shop_stack: ShopStack, visitor: httpx.AsyncClient
) -> None:
    product = await list_product(shop_stack.sales_app, "KK-CSRF", "20.00", stock=5)
    await _to_cart(visitor, product.product_id, 1)
    checkout = await visitor.get("/shop/checkout")
    forged = _details(checkout.text, csrf_token="forged.token")

    refused = await visitor.post("/shop/checkout", data=forged)
    assert refused.status_code == 403
    assert "แบบฟอร์มหมดอายุ" in refused.text
    no_cookie = await visitor.post(
        "/shop/cart",
        data={"product_id": str(product.product_id), "quantity": "1"},
        cookies={"otop_public_csrf": ""},
    )
    assert no_cookie.status_code == 403
    assert await _orders(shop_stack) == []


async def test_ordering_more_than_is_available_shows_the_refusal_in_thai_on_the_form(
    shop_stack: ShopStack, visitor: httpx.AsyncClient
) -> None:
    product = await list_product(shop_stack.sales_app, "KK-LAST", "99.00", stock=1)
    await _to_cart(visitor, product.product_id, 3)
    checkout = await visitor.get("/shop/checkout")

    refused = await visitor.post("/shop/checkout", data=_details(checkout.text))
    assert refused.status_code == 409, refused.text
    assert 'id="shop-problem"' in refused.text
    assert "นายสมชาย ทดสอบ" in refused.text  # what was typed is kept
    assert await _orders(shop_stack) == []

    no_contact = await visitor.post(
        "/shop/checkout", data=_details(checkout.text, phone="", email="")
    )
    assert no_contact.status_code == 422, no_contact.text


async def test_the_customer_cancels_an_unpaid_order_and_strangers_cannot_see_it(
    shop_stack: ShopStack, visitor: httpx.AsyncClient
) -> None:
    product = await list_product(shop_stack.sales_app, "KK-CNL", "35.00", stock=5)
    await _to_cart(visitor, product.product_id, 1)
    checkout = await visitor.get("/shop/checkout")
    details = _details(checkout.text)
    placed = await visitor.post("/shop/checkout", data=details)
    order_path = placed.headers["location"]
    page = await visitor.get(order_path)

    cancelled = await visitor.post(f"{order_path}/cancel", data={"csrf_token": token_of(page.text)})
    assert cancelled.status_code == 303, cancelled.text
    after = await visitor.get(order_path)
    assert "ยกเลิกแล้ว" in after.text
    assert 'id="cancel-order"' not in after.text and "promptpay-qr" not in after.text

    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=shop_stack.web.app),  # type: ignore[attr-defined]
        base_url="http://web",
    ) as stranger:
        unseen = await stranger.get(order_path)
        assert unseen.status_code == 404 and "ไม่พบคำสั่งซื้อ" in unseen.text
        guessed = await stranger.get(f"{order_path}?code=not-the-code", follow_redirects=True)
        assert guessed.status_code == 404 and "นายสมชาย" not in guessed.text


async def test_an_order_by_post_needs_an_address_and_pays_the_postage_of_the_fee_table(
    shop_stack: ShopStack, visitor: httpx.AsyncClient
) -> None:
    product = await list_product(shop_stack.sales_app, "KK-POST", "120.00", stock=5)
    await _to_cart(visitor, product.product_id, 2)
    checkout = await visitor.get("/shop/checkout")
    assert 'id="shipping-fees"' in checkout.text

    no_address = await visitor.post(
        "/shop/checkout", data=_details(checkout.text, fulfilment="post")
    )
    assert no_address.status_code == 422, no_address.text
    assert 'id="shop-problem"' in no_address.text

    sent = await visitor.post(
        "/shop/checkout",
        data=_details(
            checkout.text,
            fulfilment="post",
            recipient="นายสมชาย ทดสอบ",
            address="99 หมู่ 3\nต.ในเมือง อ.เมืองขอนแก่น",
            province="ขอนแก่น",
            postal_code="40000",
        ),
    )
    assert sent.status_code == 303, sent.text
    order = await visitor.get(sent.headers["location"])
    fees = (await shop_stack.sales.get("/v1/public/shop/shipping")).json()["post"]
    postage = Decimal(fees["first_item"]) + Decimal(fees["each_further_item"])
    assert "จัดส่งทางไปรษณีย์" in order.text
    assert f"{postage:,.2f} บาท" in order.text
    assert f"{Decimal('240.00') + postage:,.2f} บาท" in order.text
