"""The demo products carry their stories: the hand-written ones each their own, in Thai and
English; the rest of the network one for its kind of goods."""

from __future__ import annotations

import httpx
import pytest

from devstack.demo.client import demo_file
from devstack.demo.registry import MEMBERS, load_demo_data
from tests.conftest import ADMIN_TOKEN
from tests.integration.registry.test_demo_data import all_items

pytestmark = pytest.mark.integration

HAND_WRITTEN = {p["sku"] for m in demo_file("registry_members.json") for p in m["products"]}


def test_every_hand_written_demo_product_has_its_own_thai_and_english_story() -> None:
    products = [p for m in MEMBERS for p in m.products if p.sku in HAND_WRITTEN]
    stories = [p.description_th for p in products]

    assert len(products) == len(HAND_WRITTEN) and all(stories)
    assert len(set(stories)) == len(stories)
    assert all(p.description_en for p in products)
    assert all(any("\u0e00" <= c <= "\u0e7f" for c in s or "") for s in stories)


async def test_the_loaded_demo_products_read_back_with_their_stories(
    registry: httpx.AsyncClient,
) -> None:
    await load_demo_data("http://registry", ADMIN_TOKEN, client=registry)

    read = {p["sku"]: p for p in await all_items(registry, "/v1/products")}

    for member in MEMBERS:
        for product in member.products:
            assert read[product.sku]["description_th"] == product.description_th
            assert read[product.sku]["description_en"] == product.description_en
    assert all(p["description_th"] for p in read.values())
