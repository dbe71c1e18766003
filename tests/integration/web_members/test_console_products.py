"""The console's product pages over HTTP, with the real registry behind the web front."""

from __future__ import annotations

import httpx

from tests.integration.registry.helpers import SITES, list_product, rate, register_active
from tests.integration.web_members.conftest import Console, csrf_of

PRODUCT_FORM = {
    "sku": "SK-KY-0001",
    "name_th": "ผ้าทอเกาะยอลายราชวัตร",
    "name_en": "Ko Yo woven cloth",
    "category": "textiles_and_clothing",
    "unit": "ผืน",
    "price": "1250.50",
    "segment": "D",
    "cert": "mpc",
    "cert_number_mpc": "มผช. 18/2565",
}


async def _form_post(
    client: httpx.AsyncClient, page: str, action: str, data: dict[str, str]
) -> httpx.Response:
    shown = await client.get(page)
    assert shown.status_code == 200, shown.text
    return await client.post(action, data={**data, "csrf_token": csrf_of(shown.text)})


async def test_an_officer_registers_a_product_and_sees_it_in_thai(
    registry: httpx.AsyncClient, console: Console
):
    member = await register_active(registry, site=SITES["mueang_songkhla"])
    officer = await console("district_officer", "9001")
    new = f"/console/products/new?member_id={member['member_id']}"

    answer = await _form_post(officer, new, new, PRODUCT_FORM)

    assert answer.status_code == 303, answer.text
    page = await officer.get(answer.headers["location"])
    product_id = answer.headers["location"].rsplit("/", 1)[1]
    assert "ผ้าทอเกาะยอลายราชวัตร" in page.text
    assert "ผ้า เครื่องแต่งกาย" in page.text
    assert "1,250.50 บาท" in page.text
    assert "มผช. มผช. 18/2565" in page.text
    assert "กลุ่ม D ปรับตัวสู่การพัฒนา" in page.text
    assert f"/console/audit?aggregate_id={product_id}" in page.text
    stored = (await registry.get(f"/v1/products/{product_id}")).json()
    assert stored["price"] == "1250.50"
    assert stored["certifications"] == [
        {"scheme": "mpc", "number": "มผช. 18/2565", "valid_until": None}
    ]


async def test_a_rating_typed_in_the_buddhist_era_is_kept_by_round_and_shown_in_history(
    registry: httpx.AsyncClient, console: Console
):
    member = await register_active(registry, site=SITES["mueang_songkhla"])
    product = await list_product(registry, member["member_id"])
    assert (await rate(registry, product["product_id"], 2022, 3)).status_code == 201
    officer = await console("provincial_officer", "90")
    path = f"/console/products/{product['product_id']}"

    answer = await _form_post(
        officer,
        path,
        f"{path}/ratings",
        {"round_year": "2567", "stars": "4", "rated_on": "2024-08-15"},
    )

    assert answer.status_code == 303, answer.text
    stored = (await registry.get(f"/v1/products/{product['product_id']}")).json()
    assert [(r["round_year"], r["stars"]) for r in stored["ratings"]] == [(2022, 3), (2024, 4)]
    page = await officer.get(path)
    assert '<td data-label="รอบ">2567</td>' in page.text
    assert '<td data-label="รอบ">2565</td>' in page.text


async def test_a_second_rating_for_the_same_round_is_refused_beside_the_form(
    registry: httpx.AsyncClient, console: Console
):
    member = await register_active(registry, site=SITES["mueang_songkhla"])
    product = await list_product(registry, member["member_id"])
    assert (await rate(registry, product["product_id"], 2024, 4)).status_code == 201
    officer = await console("district_officer", "9001")
    path = f"/console/products/{product['product_id']}"

    answer = await _form_post(
        officer,
        path,
        f"{path}/ratings",
        {"round_year": "2567", "stars": "5", "rated_on": "2024-09-01"},
    )

    assert answer.status_code == 409
    assert "ทำรายการนี้ไม่ได้ในสถานะปัจจุบัน" in answer.text
    assert 'value="2567"' in answer.text


async def test_products_of_another_district_show_no_edit_controls_and_refuse_a_rating(
    registry: httpx.AsyncClient, console: Console
):
    member = await register_active(registry, site=SITES["khon_kaen"])
    product = await list_product(registry, member["member_id"])
    officer = await console("district_officer", "9001")
    path = f"/console/products/{product['product_id']}"

    page = await officer.get(path)
    answer = await officer.post(
        f"{path}/ratings",
        data={
            "round_year": "2567",
            "stars": "5",
            "rated_on": "2024-08-15",
            "csrf_token": csrf_of(page.text),
        },
    )

    assert 'id="edit-product"' not in page.text
    assert f"{path}/ratings" not in page.text
    assert answer.status_code == 403
    assert "ไม่มีสิทธิ์" in answer.text
    assert (await registry.get(f"/v1/products/{product['product_id']}")).json()["ratings"] == []


async def test_a_refused_edit_keeps_the_entered_values(
    registry: httpx.AsyncClient, console: Console
):
    member = await register_active(registry, site=SITES["mueang_songkhla"])
    product = await list_product(registry, member["member_id"])
    officer = await console("district_officer", "9001")
    edit = f"/console/products/{product['product_id']}/edit"

    answer = await _form_post(
        officer, edit, edit, {**PRODUCT_FORM, "name_th": "ชื่อใหม่", "price": "0"}
    )

    assert answer.status_code == 422
    assert "ข้อมูลไม่ถูกต้อง" in answer.text
    assert 'value="ชื่อใหม่"' in answer.text
    assert (await registry.get(f"/v1/products/{product['product_id']}")).json()["price"] == "85.50"


async def test_the_product_list_filters_by_category_and_stars(
    registry: httpx.AsyncClient, console: Console
):
    member = await register_active(registry, site=SITES["mueang_songkhla"])
    crackers = await list_product(registry, member["member_id"], name_th="ข้าวเกรียบปลา")
    await list_product(
        registry, member["member_id"], sku="SK-KT-0002", name_th="น้ำตาลโตนด", category="beverages"
    )
    assert (await rate(registry, crackers["product_id"], 2024, 5)).status_code == 201
    officer = await console("auditor", None)

    food = await officer.get("/console/products", params={"category": "food", "min_stars": "4"})
    drinks = await officer.get("/console/products", params={"category": "beverages"})

    assert "ข้าวเกรียบปลา" in food.text and "น้ำตาลโตนด" not in food.text
    assert "น้ำตาลโตนด" in drinks.text and "ข้าวเกรียบปลา" not in drinks.text
