"""Staff over HTTP with tokens the web front signed: each changes members, products and
network offices only in its area (403 problem elsewhere, nothing stored) and reads all."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from shared.identity.roles import Role
from shared.identity.tokens import StaffTokenSigner
from tests.integration.registry.helpers import (
    SITES,
    assert_problem,
    list_product,
    register,
    register_active,
)
from tests.integration.registry.payloads import member_payload, product_payload
from tests.integration.registry.staff_tokens import (
    AUDITOR,
    HAT_YAI_OFFICER,
    KHON_KAEN_OFFICER,
    MUEANG_SONGKHLA_OFFICER,
    SHOP_MANAGER,
    SONGKHLA_COMMITTEE,
    SONGKHLA_OFFICER,
    as_staff,
)

OUTSIDE_HAT_YAI = {
    "district officer of Mueang Songkhla": MUEANG_SONGKHLA_OFFICER,
    "provincial officer of Khon Kaen": KHON_KAEN_OFFICER,
    "network committee": SONGKHLA_COMMITTEE,
    "auditor": AUDITOR,
    "shop manager": SHOP_MANAGER,
}


async def _member_ids(registry: httpx.AsyncClient) -> set[str]:
    response = await registry.get("/v1/members", params={"limit": 200})
    assert response.status_code == 200, response.text
    return {m["member_id"] for m in response.json()["items"]}


async def test_a_district_officer_registers_members_in_its_district_and_not_in_another(
    registry: httpx.AsyncClient, staff_signer: StaffTokenSigner
) -> None:
    officer = as_staff(staff_signer, HAT_YAI_OFFICER)

    refused = await registry.post(
        "/v1/members", json=member_payload(site=SITES["mueang_songkhla"]), headers=officer
    )
    assert_problem(refused, 403, "9001")
    assert await _member_ids(registry) == set()

    made = await registry.post(
        "/v1/members", json=member_payload(site=SITES["hat_yai"]), headers=officer
    )
    assert made.status_code == 201, made.text
    assert await _member_ids(registry) == {made.json()["member_id"]}


@pytest.mark.parametrize("grant", OUTSIDE_HAT_YAI.values(), ids=OUTSIDE_HAT_YAI.keys())
async def test_staff_outside_the_member_s_district_are_refused_every_change_and_nothing_is_stored(
    registry: httpx.AsyncClient, staff_signer: StaffTokenSigner, grant: tuple[Role, str | None]
) -> None:
    member = await register_active(registry, site=SITES["hat_yai"])
    member_id = member["member_id"]
    product = await list_product(registry, member_id)
    product_path = f"/v1/products/{product['product_id']}"
    headers = as_staff(staff_signer, grant)

    attempts: list[tuple[str, str, dict[str, Any]]] = [
        ("POST", "/v1/members", member_payload(site=SITES["hat_yai"])),
        ("PATCH", f"/v1/members/{member_id}", {"name_th": "ชื่อใหม่"}),
        ("POST", f"/v1/members/{member_id}/status", {"status": "suspended"}),
        ("POST", f"/v1/members/{member_id}/products", product_payload(sku="SK-KT-0009")),
        ("PATCH", product_path, {"price": "1.00"}),
        (
            "POST",
            f"{product_path}/ratings",
            {"round_year": 2026, "stars": 5, "rated_on": "2026-08-15"},
        ),
        ("POST", f"{product_path}/delist", {}),
    ]
    for method, path, body in attempts:
        response = await registry.request(method, path, json=body, headers=headers)
        assert_problem(response, 403)

    assert await _member_ids(registry) == {member_id}
    assert (await registry.get(f"/v1/members/{member_id}")).json() == member
    stored = (await registry.get(product_path)).json()
    assert (stored["price"], stored["status"], stored["ratings"]) == ("85.50", "listed", [])
    products = await registry.get("/v1/products", params={"member_id": member_id})
    assert [p["product_id"] for p in products.json()["items"]] == [product["product_id"]]


@pytest.mark.parametrize(
    "grant", [HAT_YAI_OFFICER, SONGKHLA_OFFICER], ids=["district officer", "provincial officer"]
)
async def test_staff_of_the_member_s_area_edit_it_and_manage_its_products(
    registry: httpx.AsyncClient, staff_signer: StaffTokenSigner, grant: tuple[Role, str | None]
) -> None:
    member = await register(registry, site=SITES["hat_yai"])
    member_id = member["member_id"]
    headers = as_staff(staff_signer, grant)

    for method, path, body, status in [
        ("PATCH", f"/v1/members/{member_id}", {"name_th": "กลุ่มทอผ้าบ้านคูเต่า"}, 200),
        ("POST", f"/v1/members/{member_id}/status", {"status": "active"}, 200),
        ("POST", f"/v1/members/{member_id}/products", product_payload(), 201),
    ]:
        response = await registry.request(method, path, json=body, headers=headers)
        assert response.status_code == status, response.text
    product_path = response.headers["Location"]

    rated = await registry.post(
        f"{product_path}/ratings",
        json={"round_year": 2026, "stars": 4, "rated_on": "2026-08-15"},
        headers=headers,
    )
    assert rated.status_code == 201, rated.text
    delisted = await registry.post(f"{product_path}/delist", json={}, headers=headers)
    assert delisted.status_code == 200, delisted.text
    assert (delisted.json()["stars"], delisted.json()["status"]) == (4, "delisted")


async def test_every_staff_role_reads_members_products_and_offices_of_any_area(
    registry: httpx.AsyncClient, staff_signer: StaffTokenSigner
) -> None:
    member = await register_active(registry, site=SITES["khon_kaen"])
    await list_product(registry, member["member_id"])
    for grant in (SHOP_MANAGER, AUDITOR, HAT_YAI_OFFICER, SONGKHLA_COMMITTEE):
        headers = as_staff(staff_signer, grant)
        for path in (
            "/v1/members",
            f"/v1/members/{member['member_id']}",
            "/v1/products",
            "/v1/roles",
        ):
            response = await registry.get(path, headers=headers)
            assert response.status_code == 200, (grant, path, response.text)


def _office(member_id: str, role: str, district: str | None) -> dict[str, Any]:
    return {
        "member_id": member_id,
        "person_name": "นายประสิทธิ์ รักษ์ถิ่น",
        "role": role,
        "province_code": "90",
        "district_code": district,
        "term_start": "2025-01-01",
        "term_end": "2027-01-01",
    }


async def test_only_a_provincial_officer_of_the_province_assigns_its_network_offices(
    registry: httpx.AsyncClient, staff_signer: StaffTokenSigner
) -> None:
    member = await register_active(registry, site=SITES["hat_yai"])
    district_office = _office(member["member_id"], "district_president", "9011")

    for grant in (HAT_YAI_OFFICER, KHON_KAEN_OFFICER, SONGKHLA_COMMITTEE, AUDITOR):
        refused = await registry.post(
            "/v1/roles", json=district_office, headers=as_staff(staff_signer, grant)
        )
        assert_problem(refused, 403)
    holders = await registry.get("/v1/roles", params={"on": "2026-01-01"})
    assert holders.json()["items"] == []

    assigned = await registry.post(
        "/v1/roles", json=district_office, headers=as_staff(staff_signer, SONGKHLA_OFFICER)
    )
    assert assigned.status_code == 201, assigned.text
    holders = await registry.get("/v1/roles", params={"on": "2026-01-01"})
    assert [h["assignment_id"] for h in holders.json()["items"]] == [
        assigned.json()["assignment_id"]
    ]
