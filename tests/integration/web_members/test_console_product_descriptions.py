"""The console's product form writes the description in Thai and English, and the product
page shows it, with the real registry behind the web front."""

from __future__ import annotations

import httpx

from tests.integration.registry.helpers import SITES, list_product, register_active
from tests.integration.web_members.conftest import Console, csrf_of

STORY_TH = "ผ้าทอมือลายราชวัตรของกลุ่มแม่บ้านเกาะยอ\r\nย้อมสีจากเปลือกมะพร้าวและใบหูกวาง"
STORY_EN = "Hand-woven Ratchawat cloth of the Ko Yo housewives, dyed with coconut husk."
FORM = {
    "sku": "SK-KY-0101",
    "name_th": "ผ้าทอเกาะยอลายราชวัตร",
    "name_en": "Ko Yo woven cloth",
    "category": "textiles_and_clothing",
    "unit": "ผืน",
    "price": "1250.50",
    "description_th": STORY_TH,
    "description_en": STORY_EN,
}


async def _form_post(
    client: httpx.AsyncClient, page: str, action: str, data: dict[str, str]
) -> httpx.Response:
    shown = await client.get(page)
    assert shown.status_code == 200, shown.text
    return await client.post(action, data={**data, "csrf_token": csrf_of(shown.text)})


async def test_a_product_registered_with_a_thai_and_english_story_shows_it_on_its_page(
    registry: httpx.AsyncClient, console: Console
):
    member = await register_active(registry, site=SITES["mueang_songkhla"])
    officer = await console("district_officer", "9001")
    new = f"/console/products/new?member_id={member['member_id']}"

    answer = await _form_post(officer, new, new, FORM)

    assert answer.status_code == 303, answer.text
    product_id = answer.headers["location"].rsplit("/", 1)[1]
    stored = (await registry.get(f"/v1/products/{product_id}")).json()
    assert stored["description_th"] == STORY_TH.replace("\r\n", "\n")
    assert stored["description_en"] == STORY_EN
    page = (await officer.get(answer.headers["location"])).text
    assert "เรื่องราวของผลิตภัณฑ์" in page
    assert "ย้อมสีจากเปลือกมะพร้าวและใบหูกวาง" in page
    assert "dyed with coconut husk" in page
    assert page.index("ผ้าทอมือลายราชวัตร") < page.index("Hand-woven Ratchawat")


async def test_editing_shows_the_story_written_and_an_emptied_english_field_removes_it(
    registry: httpx.AsyncClient, console: Console
):
    member = await register_active(registry, site=SITES["mueang_songkhla"])
    product = await list_product(
        registry, member["member_id"], description_th="เรื่องเดิม", description_en="Old story"
    )
    officer = await console("district_officer", "9001")
    path = f"/console/products/{product['product_id']}"
    shown = await officer.get(f"{path}/edit")
    assert ">เรื่องเดิม</textarea>" in shown.text and ">Old story</textarea>" in shown.text

    answer = await _form_post(
        officer,
        f"{path}/edit",
        f"{path}/edit",
        {**{k: v for k, v in FORM.items() if k != "sku"}, "description_en": "  "},
    )

    assert answer.status_code == 303, answer.text
    stored = (await registry.get(f"/v1/products/{product['product_id']}")).json()
    assert stored["description_th"] == STORY_TH.replace("\r\n", "\n")
    assert stored["description_en"] is None
    assert "Old story" not in (await officer.get(path)).text


async def test_a_product_without_a_story_says_so_and_a_too_long_one_is_refused_beside_the_form(
    registry: httpx.AsyncClient, console: Console
):
    member = await register_active(registry, site=SITES["mueang_songkhla"])
    product = await list_product(registry, member["member_id"])
    officer = await console("district_officer", "9001")
    path = f"/console/products/{product['product_id']}"
    assert "ยังไม่มีเรื่องราว" in (await officer.get(path)).text

    body = {**{k: v for k, v in FORM.items() if k != "sku"}, "description_th": "ก" * 4001}
    answer = await _form_post(officer, f"{path}/edit", f"{path}/edit", body)

    assert answer.status_code == 422, answer.text
    assert "ก" * 4001 in answer.text  # what was typed is kept to correct it
    stored = (await registry.get(f"/v1/products/{product['product_id']}")).json()
    assert stored["description_th"] is None
