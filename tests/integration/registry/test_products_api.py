"""The products API over HTTP: listing, prices as decimal strings, SKUs, ratings, delisting."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest

from tests.integration.registry.helpers import (
    SITES,
    assert_problem,
    change_status,
    list_product,
    rate,
    register,
    register_active,
)
from tests.integration.registry.payloads import product_payload


async def test_a_listed_product_reads_back_with_its_price_as_a_decimal_string(
    registry: httpx.AsyncClient,
) -> None:
    member = await register_active(registry)

    response = await registry.post(
        f"/v1/members/{member['member_id']}/products", json=product_payload()
    )

    assert response.status_code == 201, response.text
    product = response.json()
    assert response.headers["Location"] == f"/v1/products/{product['product_id']}"
    assert product["price"] == "85.50"
    assert product["status"] == "listed"
    assert product["version"] == 1
    assert product["member_id"] == member["member_id"]
    assert product["province_code"] == "90"
    assert product["stars"] is None
    assert product["ratings"] == []
    got = await registry.get(f"/v1/products/{product['product_id']}")
    assert got.json() == product
    assert b'"price":"85.50"' in got.content
    listed = (await registry.get("/v1/products")).json()["items"]
    assert [p["price"] for p in listed] == ["85.50"]


@pytest.mark.parametrize(
    ("given", "returned"),
    [("1250.5", "1250.50"), ("19", "19.00"), ("0.01", "0.01"), ("10000000.00", None)],
)
async def test_prices_are_kept_exactly_to_the_satang(
    registry: httpx.AsyncClient, given: str, returned: str | None
) -> None:
    member = await register_active(registry)
    product = await list_product(registry, member["member_id"], price=given)
    got = (await registry.get(f"/v1/products/{product['product_id']}")).json()
    assert got["price"] == (returned or given)


@pytest.mark.parametrize("price", [" 12.00", "12.00 ", "10000000.01", "9924805588902.14"])
async def test_a_price_sales_could_not_take_is_refused(
    registry: httpx.AsyncClient, price: str
) -> None:
    member = await register_active(registry)
    answer = await registry.post(
        f"/v1/members/{member['member_id']}/products",
        json={
            "sku": "OTOP-LIMIT-1",
            "name_th": "ผ้าทอ",
            "category": "textiles_and_clothing",
            "unit": "ผืน",
            "price": price,
        },
    )
    assert answer.status_code == 422, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    assert (await registry.get("/v1/products")).json()["items"] == []


async def test_thai_product_names_and_units_round_trip_byte_exact(
    registry: httpx.AsyncClient,
) -> None:
    member = await register_active(registry)
    name = "น้ำพริกกุ้งเสียบ สูตรคุณยายเก๋ๆ (เผ็ดน้อย)"
    product = await list_product(registry, member["member_id"], name_th=name, unit="กระปุก")

    got = (await registry.get(f"/v1/products/{product['product_id']}")).json()

    assert got["name_th"].encode() == name.encode()
    assert got["unit"] == "กระปุก"


@pytest.mark.parametrize(
    "price",
    [85.5, 85, 19.999, "19.999", "1.005", "-1", "0", "0.00", "abc", "85,50", "", None, "1e2"],
    ids=lambda p: f"{type(p).__name__}:{p!r}",
)
async def test_a_price_that_is_not_a_positive_decimal_string_is_a_422_problem(
    registry: httpx.AsyncClient, price: Any
) -> None:
    member = await register_active(registry)

    response = await registry.post(
        f"/v1/members/{member['member_id']}/products", json=product_payload(price=price)
    )

    assert_problem(response, 422, "price")
    assert (await registry.get("/v1/products")).json()["items"] == []


async def test_a_float_price_on_update_is_a_422_problem(registry: httpx.AsyncClient) -> None:
    member = await register_active(registry)
    product = await list_product(registry, member["member_id"])

    response = await registry.patch(f"/v1/products/{product['product_id']}", json={"price": 90.5})

    assert_problem(response, 422, "price")
    got = (await registry.get(f"/v1/products/{product['product_id']}")).json()
    assert (got["price"], got["version"]) == ("85.50", 1)


@pytest.mark.parametrize("second", ["SK-KT-0001", "sk-kt-0001", " SK-KT-0001 "])
async def test_a_duplicate_sku_is_a_409_problem_whatever_its_case(
    registry: httpx.AsyncClient, second: str
) -> None:
    first = await register_active(registry)
    other = await register_active(registry, name_th="กลุ่มผ้าทอเกาะยอ")
    await list_product(registry, first["member_id"], sku="SK-KT-0001")

    response = await registry.post(
        f"/v1/members/{other['member_id']}/products",
        json=product_payload(sku=second, name_th="ผ้าทอลายราชวัตร"),
    )

    assert_problem(response, 409, second.strip())
    assert len((await registry.get("/v1/products")).json()["items"]) == 1


@pytest.mark.parametrize("sku", ["", "-lead", "x", "SKU WITH SPACE", "ข้าว-01", "A" * 41])
async def test_a_malformed_sku_is_a_422_problem(registry: httpx.AsyncClient, sku: str) -> None:
    member = await register_active(registry)
    response = await registry.post(
        f"/v1/members/{member['member_id']}/products", json=product_payload(sku=sku)
    )
    assert_problem(response, 422, "sku")


async def test_a_suspended_member_cannot_list_a_product(registry: httpx.AsyncClient) -> None:
    member = await register_active(registry)
    assert (await change_status(registry, member["member_id"], "suspended")).status_code == 200

    response = await registry.post(
        f"/v1/members/{member['member_id']}/products", json=product_payload()
    )

    assert_problem(response, 409, "suspended")
    assert (await registry.get("/v1/products")).json()["items"] == []


async def test_a_product_update_bumps_the_version_and_a_no_op_does_not(
    registry: httpx.AsyncClient,
) -> None:
    member = await register_active(registry)
    product = await list_product(registry, member["member_id"])
    path = f"/v1/products/{product['product_id']}"

    updated = await registry.patch(
        path, json={"price": "89", "segment": "D", "certifications": [{"scheme": "mpc"}]}
    )
    assert updated.status_code == 200, updated.text
    assert (updated.json()["price"], updated.json()["version"]) == ("89.00", 2)
    assert updated.json()["segment"] == "D"
    assert updated.json()["certifications"] == [
        {"scheme": "mpc", "number": None, "valid_until": None}
    ]

    same = await registry.patch(
        path, json={"price": "89.00", "segment": "D", "certifications": [{"scheme": "mpc"}]}
    )
    assert same.status_code == 200, same.text
    assert same.json()["version"] == 2
    assert (await registry.get(path)).json()["version"] == 2


async def test_a_delisted_product_cannot_be_changed_or_rated(registry: httpx.AsyncClient) -> None:
    member = await register_active(registry)
    product = await list_product(registry, member["member_id"])
    path = f"/v1/products/{product['product_id']}"

    delisted = await registry.post(f"{path}/delist", json={"reason": "เลิกผลิตแล้ว"})
    assert delisted.status_code == 200, delisted.text
    assert (delisted.json()["status"], delisted.json()["version"]) == ("delisted", 2)

    assert_problem(await registry.patch(path, json={"price": "99.00"}), 409, "delisted")
    assert_problem(await rate(registry, product["product_id"], 2024, 5), 409, "delisted")
    assert_problem(await registry.post(f"{path}/delist", json={}), 409, "delisted")
    got = (await registry.get(path)).json()
    assert (got["price"], got["version"], got["status"]) == ("85.50", 2, "delisted")


@pytest.mark.parametrize(
    ("method", "suffix", "body"),
    [
        ("GET", "", None),
        ("PATCH", "", {"price": "10.00"}),
        ("POST", "/delist", {}),
        ("POST", "/ratings", {"round_year": 2024, "stars": 4, "rated_on": "2024-08-01"}),
    ],
)
async def test_an_unknown_product_is_a_404_problem(
    registry: httpx.AsyncClient, method: str, suffix: str, body: Any
) -> None:
    missing = uuid.uuid4()
    response = await registry.request(method, f"/v1/products/{missing}{suffix}", json=body)
    assert_problem(response, 404, str(missing))


async def test_a_product_name_longer_than_200_characters_is_a_422_problem(
    registry: httpx.AsyncClient,
) -> None:
    member = await register(registry)
    response = await registry.post(
        f"/v1/members/{member['member_id']}/products", json=product_payload(name_th="ข" * 201)
    )
    assert_problem(response, 422, "name_th")


async def test_a_members_products_follow_it_when_its_site_moves_to_another_province(
    registry: httpx.AsyncClient,
) -> None:
    member = await register_active(registry)
    listed = await list_product(registry, member["member_id"], sku="SK-MOVE-01")
    delisted = await list_product(registry, member["member_id"], sku="SK-MOVE-02")
    await registry.post(f"/v1/products/{delisted['product_id']}/delist", json={})

    moved = await registry.patch(
        f"/v1/members/{member['member_id']}", json={"site": SITES["khon_kaen"]}
    )
    assert moved.status_code == 200, moved.text

    got = (await registry.get(f"/v1/products/{listed['product_id']}")).json()
    assert (got["province_code"], got["version"]) == ("40", 2)
    in_khon_kaen = (await registry.get("/v1/products", params={"province": "40"})).json()
    assert [p["product_id"] for p in in_khon_kaen["items"]] == [listed["product_id"]]
    # A delisted product stays as it was when it left the catalogue.
    gone = (await registry.get(f"/v1/products/{delisted['product_id']}")).json()
    assert (gone["province_code"], gone["version"]) == ("90", 2)
