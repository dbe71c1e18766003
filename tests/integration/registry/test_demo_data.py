"""The demo data loads through the registry's public API and reads back like the network's own."""

from __future__ import annotations

from collections import Counter
from typing import Any

import httpx
import pytest

from devstack.demo.registry import MEMBERS, ROLES, DemoDataError, load_demo_data
from tests.conftest import ADMIN_TOKEN

pytestmark = pytest.mark.integration

ALL_PRODUCTS = [p for m in MEMBERS for p in m.products]


@pytest.fixture
async def loaded(registry: httpx.AsyncClient) -> dict[str, int]:
    return await load_demo_data("http://registry", ADMIN_TOKEN, client=registry)


async def all_items(client: httpx.AsyncClient, path: str, **params: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor: str | None = None
    while True:
        query = {**params, "limit": 200, **({"cursor": cursor} if cursor else {})}
        response = await client.get(path, params=query)
        assert response.status_code == 200, response.text
        page = response.json()
        items.extend(page["items"])
        cursor = page["next_cursor"]
        if not cursor:
            return items


async def test_loading_reports_how_many_members_products_ratings_and_roles_it_loaded(
    registry: httpx.AsyncClient, loaded: dict[str, int]
) -> None:
    assert loaded == {
        "members": len(MEMBERS),
        "products": len(ALL_PRODUCTS),
        "ratings": sum(len(p.ratings) for p in ALL_PRODUCTS),
        "roles": len(ROLES),
    }
    assert len(await all_items(registry, "/v1/members")) == len(MEMBERS)
    assert len(await all_items(registry, "/v1/products")) == len(ALL_PRODUCTS)


async def test_members_are_in_songkhla_khon_kaen_mukdahan_and_the_southern_provinces(
    registry: httpx.AsyncClient, loaded: dict[str, int]
) -> None:
    for province, name_th in (("90", "สงขลา"), ("40", "ขอนแก่น"), ("49", "มุกดาหาร")):
        members = await all_items(registry, "/v1/members", province=province)
        assert members, f"no demo members in province {province}"
        assert {m["site"]["province_name_th"] for m in members} == {name_th}
    southern = {"94", "95", "96", "80", "93", "92", "91", "84", "86", "81"}
    members = await all_items(registry, "/v1/members")
    assert southern <= {m["site"]["province_code"] for m in members}
    assert {m["member_type"] for m in members} == {"community_group", "single_owner", "sme"}
    statuses = Counter(m["status"] for m in members)
    assert statuses["active"] > statuses["pending"] + statuses["suspended"]
    assert statuses["pending"] >= 2
    assert statuses["suspended"] == 1
    enterprises = [m for m in members if m["community_enterprise"]]
    assert enterprises
    assert all(m["community_enterprise_no"] for m in enterprises)


async def test_products_cover_all_five_otop_categories_and_every_segment(
    registry: httpx.AsyncClient, loaded: dict[str, int]
) -> None:
    for category in (
        "food",
        "beverages",
        "textiles_and_clothing",
        "household_decorative_souvenir",
        "non_food_herbal",
    ):
        products = await all_items(registry, "/v1/products", category=category)
        assert products, f"no demo products in category {category}"
    products = await all_items(registry, "/v1/products")
    segments = Counter(p["segment"] for p in products)
    assert set(segments) == {"A", "B", "C", "D"}
    assert segments["D"] >= 5
    assert all(isinstance(p["price"], str) and "." in p["price"] for p in products)
    schemes = {c["scheme"] for p in products for c in p["certifications"]}
    assert {"fda", "mpc", "gmp", "halal"} <= schemes
    khon_kaen_textiles = await all_items(
        registry, "/v1/products", province="40", category="textiles_and_clothing"
    )
    assert any("มัดหมี่" in p["name_th"] for p in khon_kaen_textiles)


async def test_ratings_keep_the_history_of_both_selection_rounds(
    registry: httpx.AsyncClient, loaded: dict[str, int]
) -> None:
    rated = await all_items(registry, "/v1/products", min_stars=1)
    assert len(rated) == sum(1 for p in ALL_PRODUCTS if p.ratings)
    with_history = [p for p in ALL_PRODUCTS if len(p.ratings) >= 2]
    assert with_history
    by_sku = {p["sku"]: p for p in rated}
    for demo in with_history:
        response = await registry.get(f"/v1/products/{by_sku[demo.sku]['product_id']}")
        assert response.status_code == 200, response.text
        product = response.json()
        assert [(r["round_year"], r["stars"]) for r in product["ratings"]] == list(demo.ratings)
        assert all(r["rated_on"].startswith(str(r["round_year"])) for r in product["ratings"])
        assert product["stars"] == demo.ratings[-1][1]


async def test_current_office_holders_are_listed_for_the_2025_2027_term(
    registry: httpx.AsyncClient, loaded: dict[str, int]
) -> None:
    contact_of = {m.key: m.contact_name for m in MEMBERS}
    response = await registry.get("/v1/roles", params={"on": "2026-06-01", "limit": 500})
    assert response.status_code == 200, response.text
    assert response.json()["next_cursor"] is None, "the demo's roles fit one page"
    holders = response.json()["items"]
    presidents = {
        h["province_code"]: h["person_name"] for h in holders if h["role"] == "provincial_president"
    }
    assert presidents == {
        "90": contact_of["hatyai-khuanlang"],
        "40": contact_of["chonnabot-mudmee"],
        "49": contact_of["dongluang-chanotnoi"],
    }
    district = [h for h in holders if h["role"] == "district_president"]
    assert district
    assert all(h["district_code"] for h in district)
    roles = Counter(h["role"] for h in holders)
    assert roles["committee_member"] >= 2
    assert roles["kbo_committee"] >= 1
    assert all(h["term_end"] == "2027-01-01" for h in holders)

    earlier = await registry.get(
        "/v1/roles", params={"on": "2024-06-01", "role": "provincial_president"}
    )
    assert [h["person_name"] for h in earlier.json()["items"]] == [
        contact_of["sathingphra-diluang"]
    ]


async def test_thai_names_round_trip_exactly(
    registry: httpx.AsyncClient, loaded: dict[str, int]
) -> None:
    members = await all_items(registry, "/v1/members")
    assert sorted((m["name_th"], m["contact"]["name"]) for m in members) == sorted(
        (m.name_th, m.contact_name) for m in MEMBERS
    )
    products = await all_items(registry, "/v1/products")
    assert sorted((p["sku"], p["name_th"], p["unit"]) for p in products) == sorted(
        (p.sku, p.name_th, p.unit) for p in ALL_PRODUCTS
    )
    found = [m["name_th"] for m in await all_items(registry, "/v1/members", q="ผ้าย้อมคราม")]
    assert "กลุ่มวิสาหกิจชุมชนผ้าย้อมครามบ้านชะโนดน้อย" in found
    assert sorted(found) == sorted(m.name_th for m in MEMBERS if "ผ้าย้อมคราม" in m.name_th)


async def test_a_second_load_loads_nothing(
    registry: httpx.AsyncClient, loaded: dict[str, int]
) -> None:
    again = await load_demo_data("http://registry", ADMIN_TOKEN, client=registry)
    assert again == {"members": 0, "products": 0, "ratings": 0, "roles": 0}
    assert len(await all_items(registry, "/v1/members")) == len(MEMBERS)
    assert len(await all_items(registry, "/v1/products")) == len(ALL_PRODUCTS)


async def test_a_refused_request_raises_with_the_registrys_problem_detail(
    registry: httpx.AsyncClient,
) -> None:
    with pytest.raises(DemoDataError) as refused:
        await load_demo_data("http://registry", "not-the-admin-token", client=registry)
    assert refused.value.status == 401
    assert refused.value.problem["detail"]
    assert refused.value.problem["detail"] in str(refused.value)
    assert (await all_items(registry, "/v1/members")) == []
