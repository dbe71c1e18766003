"""Lists of products over HTTP: filters and cursor pages."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.integration.registry.helpers import (
    SITES,
    all_pages,
    assert_problem,
    list_product,
    rate,
    register_active,
)


async def test_products_can_be_filtered(registry: httpx.AsyncClient) -> None:
    songkhla = await register_active(registry)
    khon_kaen = await register_active(
        registry, name_th="กลุ่มทอผ้าไหมบ้านโนนสะอาด", site=SITES["khon_kaen"]
    )
    crackers = await list_product(registry, songkhla["member_id"], sku="SK-01", segment="B")
    silk = await list_product(
        registry,
        khon_kaen["member_id"],
        sku="KK-SILK-01",
        name_th="ผ้าไหมมัดหมี่ลายนาคน้อย",
        name_en="Mudmee silk, little naga pattern",
        category="textiles_and_clothing",
        segment="D",
        price="2500.00",
    )
    herbal = await list_product(
        registry,
        khon_kaen["member_id"],
        sku="KK-HERB-01",
        name_th="ยาหม่องสมุนไพรไพล",
        name_en="Plai herbal balm",
        category="non_food_herbal",
        segment=None,
    )
    await rate(registry, silk["product_id"], 2024, 5)
    await rate(registry, crackers["product_id"], 2024, 3)
    await registry.post(f"/v1/products/{herbal['product_id']}/delist", json={})

    async def ids(**params: Any) -> set[str]:
        pages = await all_pages(registry, "/v1/products", params)
        return {p["product_id"] for page in pages for p in page}

    all_three = {crackers["product_id"], silk["product_id"], herbal["product_id"]}
    assert await ids() == all_three
    assert await ids(member_id=khon_kaen["member_id"]) == {
        silk["product_id"],
        herbal["product_id"],
    }
    assert await ids(category="textiles_and_clothing") == {silk["product_id"]}
    assert await ids(segment="D") == {silk["product_id"]}
    assert await ids(status="listed") == {crackers["product_id"], silk["product_id"]}
    assert await ids(status="delisted") == {herbal["product_id"]}
    assert await ids(province="40") == {silk["product_id"], herbal["product_id"]}
    assert await ids(min_stars=4) == {silk["product_id"]}
    assert await ids(min_stars=3) == {silk["product_id"], crackers["product_id"]}
    assert await ids(q="มัดหมี่") == {silk["product_id"]}
    assert await ids(q="BALM") == {herbal["product_id"]}
    assert await ids(q="kk-") == {silk["product_id"], herbal["product_id"]}


async def test_product_pages_do_not_overlap_and_cover_every_product(
    registry: httpx.AsyncClient,
) -> None:
    member = await register_active(registry)
    listed = [
        (await list_product(registry, member["member_id"], sku=f"SK-PAGE-{n:02d}"))["product_id"]
        for n in range(5)
    ]

    pages = await all_pages(registry, "/v1/products", {"limit": 2})

    assert [len(page) for page in pages] == [2, 2, 1]
    seen = [p["product_id"] for page in pages for p in page]
    assert len(set(seen)) == len(seen)
    assert seen == listed
    assert all(p["ratings"] is None for page in pages for p in page)


@pytest.mark.parametrize(
    "params",
    [{"min_stars": 6}, {"min_stars": 0}, {"category": "toys"}, {"member_id": "abc"}],
)
async def test_bad_product_list_parameters_are_422_problems(
    registry: httpx.AsyncClient, params: dict[str, Any]
) -> None:
    assert_problem(await registry.get("/v1/products", params=params), 422)
