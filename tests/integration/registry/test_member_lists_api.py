"""Lists of members over HTTP: filters by area, type, status, segment, category and name,
and cursor pages."""

from __future__ import annotations

import base64
import json
import uuid
from typing import Any

import httpx
import pytest

from tests.integration.registry.helpers import (
    SITES,
    all_pages,
    assert_problem,
    list_product,
    register,
    register_active,
)


async def _members_in_every_area(registry: httpx.AsyncClient) -> dict[str, dict[str, Any]]:
    made = {
        "hat_yai_group": await register(registry, site=SITES["hat_yai"]),
        "hat_yai_sme": await register(
            registry,
            member_type="sme",
            name_th="ห้างหุ้นส่วนจำกัด หาดใหญ่ผ้าบาติก",
            name_en="Hat Yai Batik Ltd.",
            community_enterprise=False,
            community_enterprise_no=None,
            site=SITES["hat_yai"],
        ),
        "songkhla_owner": await register_active(
            registry,
            member_type="single_owner",
            name_th="ร้านขนมบ้าหวัก ยายเนียม",
            name_en="Yai Niam Sweets",
            site=SITES["mueang_songkhla"],
        ),
        "khon_kaen": await register_active(
            registry,
            name_th="กลุ่มทอผ้าไหมมัดหมี่บ้านโนนสะอาด",
            name_en="Ban Non Sa-at Mudmee Silk Weavers",
            site=SITES["khon_kaen"],
        ),
        "mukdahan": await register(
            registry,
            name_th="กลุ่มผ้าฝ้ายย้อมครามภูไท",
            name_en=None,
            site=SITES["mukdahan"],
        ),
    }
    await list_product(registry, made["khon_kaen"]["member_id"], sku="KK-SILK-01", segment="D")
    await list_product(registry, made["songkhla_owner"]["member_id"], sku="SK-SW-01", segment="A")
    return made


async def _ids(registry: httpx.AsyncClient, **params: Any) -> set[str]:
    pages = await all_pages(registry, "/v1/members", params)
    return {m["member_id"] for page in pages for m in page}


async def test_members_can_be_filtered_by_area_type_status_segment_and_name(
    registry: httpx.AsyncClient,
) -> None:
    made = await _members_in_every_area(registry)
    ids = {key: m["member_id"] for key, m in made.items()}

    assert await _ids(registry) == set(ids.values())
    assert await _ids(registry, province="90") == {
        ids["hat_yai_group"],
        ids["hat_yai_sme"],
        ids["songkhla_owner"],
    }
    assert await _ids(registry, district="9011") == {ids["hat_yai_group"], ids["hat_yai_sme"]}
    assert await _ids(registry, province="49") == {ids["mukdahan"]}
    assert await _ids(registry, type="sme") == {ids["hat_yai_sme"]}
    assert await _ids(registry, type="single_owner") == {ids["songkhla_owner"]}
    assert await _ids(registry, status="active") == {ids["songkhla_owner"], ids["khon_kaen"]}
    assert await _ids(registry, status="active", province="40") == {ids["khon_kaen"]}
    assert await _ids(registry, segment="D") == {ids["khon_kaen"]}
    assert await _ids(registry, segment="A") == {ids["songkhla_owner"]}
    assert await _ids(registry, segment="C") == set()
    assert await _ids(registry, q="ผ้าไหม") == {ids["khon_kaen"]}
    assert await _ids(registry, q="ครามภูไท") == {ids["mukdahan"]}
    assert await _ids(registry, q="batik") == {ids["hat_yai_sme"]}
    assert await _ids(registry, q="SWEETS") == {ids["songkhla_owner"]}
    assert await _ids(registry, q="ผ้า") == {ids["hat_yai_sme"], ids["khon_kaen"], ids["mukdahan"]}
    assert await _ids(registry, q="100%") == set()
    assert await _ids(registry, q="_") == set()


async def test_a_delisted_product_no_longer_puts_its_member_in_a_segment(
    registry: httpx.AsyncClient,
) -> None:
    member = await register_active(registry)
    product = await list_product(registry, member["member_id"], segment="D")
    assert await _ids(registry, segment="D") == {member["member_id"]}

    delisted = await registry.post(f"/v1/products/{product['product_id']}/delist", json={})
    assert delisted.status_code == 200, delisted.text

    assert await _ids(registry, segment="D") == set()


async def test_members_can_be_filtered_by_the_category_of_a_listed_product(
    registry: httpx.AsyncClient,
) -> None:
    weavers = await register_active(registry, site=SITES["khon_kaen"])
    cooks = await register_active(registry, site=SITES["hat_yai"])
    await register(registry, site=SITES["mukdahan"])  # no product at all
    silk = await list_product(
        registry, weavers["member_id"], sku="KK-SILK-02", category="textiles_and_clothing"
    )
    await list_product(registry, cooks["member_id"], sku="SK-FOOD-01", category="food")

    assert await _ids(registry, category="textiles_and_clothing") == {weavers["member_id"]}
    assert await _ids(registry, category="food", province="90") == {cooks["member_id"]}
    assert await _ids(registry, category="beverages") == set()

    delisted = await registry.post(f"/v1/products/{silk['product_id']}/delist", json={})
    assert delisted.status_code == 200, delisted.text
    assert await _ids(registry, category="textiles_and_clothing") == set()


async def test_cursor_pages_do_not_overlap_and_cover_every_member(
    registry: httpx.AsyncClient,
) -> None:
    registered = [
        (await register(registry, name_th=f"กลุ่มวิสาหกิจชุมชนลำดับที่ {n}"))["member_id"] for n in range(7)
    ]

    pages = await all_pages(registry, "/v1/members", {"limit": 3})

    assert [len(page) for page in pages] == [3, 3, 1]
    seen = [m["member_id"] for page in pages for m in page]
    assert len(seen) == len(set(seen))
    assert seen == registered  # oldest first, in registration order


async def test_filtered_pagination_stays_within_the_filter(registry: httpx.AsyncClient) -> None:
    songkhla = [(await register(registry, site=SITES["hat_yai"]))["member_id"] for _ in range(3)]
    for _ in range(2):
        await register(registry, site=SITES["khon_kaen"])

    pages = await all_pages(registry, "/v1/members", {"limit": 2, "province": "90"})

    assert [len(page) for page in pages] == [2, 1]
    assert [m["member_id"] for page in pages for m in page] == songkhla


async def test_a_page_exactly_full_has_no_next_cursor(registry: httpx.AsyncClient) -> None:
    for _ in range(2):
        await register(registry)
    response = await registry.get("/v1/members", params={"limit": 2})
    assert len(response.json()["items"]) == 2
    assert response.json()["next_cursor"] is None


def _cursor(obj: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(obj).encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "cursor",
    [
        "not-a-cursor",
        "!!!",
        "ก",
        _cursor([1, 2]),
        _cursor({"after": "x"}),
        _cursor(["2026-01-01T00:00:00+07:00", 5]),
        _cursor(["2026-01-01T00:00:00+07:00", ["x"]]),
        _cursor(["2026-01-01T00:00:00+07:00", "not-a-uuid"]),
        _cursor(["yesterday", str(uuid.uuid4())]),
        _cursor(["2026-01-01T00:00:00", str(uuid.uuid4())]),
        _cursor(["0001-01-01T00:00:00+14:00", str(uuid.uuid4())]),
        _cursor(["9999-12-31T23:59:59-14:00", str(uuid.uuid4())]),
    ],
    ids=[
        "not-base64-json",
        "punctuation",
        "thai-letter",
        "numbers",
        "object",
        "id-is-a-number",
        "id-is-a-list",
        "id-is-not-a-uuid",
        "moment-is-not-a-time",
        "moment-without-timezone",
        "moment-before-year-one-in-utc",
        "moment-after-year-9999-in-utc",
    ],
)
@pytest.mark.parametrize("path", ["/v1/members", "/v1/products"])
async def test_a_malformed_cursor_is_a_422_problem_not_a_500(
    registry: httpx.AsyncClient, path: str, cursor: str
) -> None:
    response = await registry.get(path, params={"cursor": cursor})
    assert_problem(response, 422, "cursor")


@pytest.mark.parametrize(
    "params",
    [
        {"province": "9"},
        {"province": "ab"},
        {"district": "90110"},
        {"type": "cooperative"},
        {"status": "gone"},
        {"segment": "E"},
        {"category": "toys"},
        {"limit": 0},
        {"limit": 201},
        {"limit": "many"},
        {"q": ""},
        {"q": "x" * 101},
        {"q": "\x00"},
    ],
)
async def test_bad_list_parameters_are_4xx_problems(
    registry: httpx.AsyncClient, params: dict[str, Any]
) -> None:
    response = await registry.get("/v1/members", params=params)
    assert_problem(response, 422)
