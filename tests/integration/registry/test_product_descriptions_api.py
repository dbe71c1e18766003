"""A product's description in Thai and English: written on listing and by PATCH, read back as
written, and carried on the product snapshots the registry publishes."""

from __future__ import annotations

import httpx

from shared.contracts.registry import ProductListed, ProductUpdated
from tests.infrastructure import Servers
from tests.integration.registry.helpers import assert_problem, list_product, register_active
from tests.integration.registry.payloads import product_payload
from tests.kafka_probe import KafkaProbe, event_of_type

PRODUCTS = "registry.products.v1"
STORY_TH = (
    "ข้าวเกรียบปลาทำมือจากปลาทะเลสดของชาวประมงพื้นบ้านทะเลสาบสงขลา\n"
    "ตากแดดธรรมชาติ ไม่ใส่สารกันบูด กรอบ หอม อร่อย"
)
STORY_EN = "Hand-made fish crackers from the fresh catch of Songkhla lake's small fishers."


async def test_a_product_keeps_its_thai_and_english_description_from_listing_to_reading(
    registry: httpx.AsyncClient,
) -> None:
    member = await register_active(registry)

    listed = await list_product(
        registry, member["member_id"], description_th=STORY_TH, description_en=STORY_EN
    )
    read = (await registry.get(f"/v1/products/{listed['product_id']}")).json()
    page = (await registry.get("/v1/products", params={"member_id": member["member_id"]})).json()

    assert listed["description_th"] == STORY_TH
    assert read["description_th"] == STORY_TH
    assert read["description_en"] == STORY_EN
    assert page["items"][0]["description_th"] == STORY_TH


async def test_a_product_listed_without_a_description_reads_back_without_one(
    registry: httpx.AsyncClient,
) -> None:
    member = await register_active(registry)

    product = await list_product(registry, member["member_id"])

    assert product["description_th"] is None
    assert product["description_en"] is None


async def test_patching_the_description_changes_it_and_null_clears_the_english_one(
    registry: httpx.AsyncClient,
) -> None:
    member = await register_active(registry)
    product = await list_product(
        registry, member["member_id"], description_th="เดิม", description_en="Old"
    )
    path = f"/v1/products/{product['product_id']}"

    changed = await registry.patch(path, json={"description_th": STORY_TH})
    cleared = await registry.patch(path, json={"description_en": None})

    assert changed.status_code == 200, changed.text
    assert changed.json()["description_th"] == STORY_TH
    assert changed.json()["description_en"] == "Old"
    assert changed.json()["version"] == 2
    assert cleared.json()["description_en"] is None
    assert (await registry.get(path)).json()["description_th"] == STORY_TH


async def test_a_description_too_long_or_with_control_characters_is_refused(
    registry: httpx.AsyncClient,
) -> None:
    member = await register_active(registry)
    path = f"/v1/members/{member['member_id']}/products"

    too_long = await registry.post(
        path, json={**product_payload(sku="SK-DS-0001"), "description_th": "ก" * 4001}
    )
    control = await registry.post(
        path, json={**product_payload(sku="SK-DS-0002"), "description_th": "ข้าว\x00เกรียบ"}
    )
    blank = await registry.post(
        path, json={**product_payload(sku="SK-DS-0003"), "description_en": "  "}
    )

    assert_problem(too_long, 422)
    assert_problem(control, 422)
    assert_problem(blank, 422)


async def test_product_snapshots_on_the_topic_carry_the_description(
    registry: httpx.AsyncClient, servers: Servers
) -> None:
    member = await register_active(registry)
    async with KafkaProbe(servers.bootstrap_servers, [PRODUCTS]) as probe:
        product = await list_product(registry, member["member_id"], description_th=STORY_TH)
        pid = product["product_id"]
        patched = await registry.patch(f"/v1/products/{pid}", json={"description_en": STORY_EN})
        assert patched.status_code == 200, patched.text

        [listed_message] = await probe.wait_for(event_of_type("product.listed", pid))
        [updated_message] = await probe.wait_for(event_of_type("product.updated", pid))

    listed = ProductListed.model_validate(listed_message.json()["data"])
    updated = ProductUpdated.model_validate(updated_message.json()["data"])
    assert listed.description_th == STORY_TH
    assert listed.description_en is None
    assert STORY_TH.split("\n")[0].encode() in listed_message.value
    assert updated.changed_fields == ["description_en"]
    assert (updated.description_th, updated.description_en) == (STORY_TH, STORY_EN)
