"""What the members API refuses, and how: sites that do not exist as given, invalid input,
unknown members and missing credentials, each a problem document."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest

from tests.conftest import ADMIN_TOKEN
from tests.integration.registry.helpers import (
    SITES,
    assert_problem,
    register,
)
from tests.integration.registry.payloads import member_payload, product_payload


@pytest.mark.parametrize(
    ("site", "fragments"),
    [
        ({**SITES["hat_yai"], "province_code": "99"}, ["99"]),
        ({**SITES["hat_yai"], "province_code": "9"}, ["9"]),
        ({**SITES["hat_yai"], "district_code": "4001"}, ["4001", "90"]),
        ({**SITES["hat_yai"], "district_code": "9099"}, ["9099"]),
        ({**SITES["hat_yai"], "subdistrict_code": "900101"}, ["900101", "9011"]),
        ({**SITES["hat_yai"], "subdistrict_code": "901199"}, ["901199"]),
        ({**SITES["hat_yai"], "postal_code": "90000"}, ["90000"]),
    ],
    ids=[
        "unknown-province",
        "malformed-province",
        "district-in-another-province",
        "unknown-district",
        "subdistrict-in-another-district",
        "unknown-subdistrict",
        "wrong-postal-code",
    ],
)
async def test_a_site_that_does_not_exist_as_given_is_rejected_with_a_problem_document(
    registry: httpx.AsyncClient, site: dict[str, str], fragments: list[str]
) -> None:
    response = await registry.post("/v1/members", json=member_payload(site=site))

    assert_problem(response, 422, *fragments)
    assert (await registry.get("/v1/members")).json()["items"] == []


async def test_the_district_outside_the_province_is_rejected_with_a_problem_document(
    registry: httpx.AsyncClient,
) -> None:
    site = {**SITES["khon_kaen"], "province_code": "90"}
    response = await registry.post("/v1/members", json=member_payload(site=site))
    problem = assert_problem(response, 422, "4001", "เมืองขอนแก่น", "สงขลา")
    assert problem["type"].endswith("invalid-input")


async def test_moving_a_member_to_a_site_outside_its_district_is_rejected(
    registry: httpx.AsyncClient,
) -> None:
    member = await register(registry)
    site = {**SITES["hat_yai"], "subdistrict_code": "400101"}

    response = await registry.patch(f"/v1/members/{member['member_id']}", json={"site": site})

    assert_problem(response, 422, "400101")
    assert (await registry.get(f"/v1/members/{member['member_id']}")).json() == member


async def test_a_thai_name_longer_than_200_characters_is_a_422_problem(
    registry: httpx.AsyncClient,
) -> None:
    response = await registry.post("/v1/members", json=member_payload(name_th="ก" * 201))
    body = assert_problem(response, 422, "name_th")
    assert any(e["field"] == "name_th" for e in body["errors"])

    exactly = await registry.post("/v1/members", json=member_payload(name_th="ก" * 200))
    assert exactly.status_code == 201, exactly.text


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"member_type": "cooperative"}, "member_type"),
        ({"name_th": ""}, "name_th"),
        ({"name_th": "   "}, "name_th"),
        ({"preferred_language": "fr"}, "preferred_language"),
        ({"contact": {"name": "นายเอ", "phone": "12345"}}, "contact.phone"),
        ({"contact": {"name": "นายเอ", "email": "not-mail"}}, "contact.email"),
        ({"unexpected": True}, "unexpected"),
        ({"community_enterprise": False}, "community_enterprise"),
    ],
)
async def test_invalid_member_input_is_a_422_problem_naming_the_field(
    registry: httpx.AsyncClient, overrides: dict[str, Any], field: str
) -> None:
    response = await registry.post("/v1/members", json=member_payload(**overrides))
    assert_problem(response, 422, field)


async def test_a_body_that_is_not_json_is_a_422_problem(registry: httpx.AsyncClient) -> None:
    response = await registry.post(
        "/v1/members", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert_problem(response, 422)


@pytest.mark.parametrize(
    ("method", "suffix", "body"),
    [
        ("GET", "", None),
        ("PATCH", "", {"name_en": "x"}),
        ("POST", "/status", {"status": "active"}),
        ("POST", "/products", None),
    ],
)
async def test_an_unknown_member_is_a_404_problem(
    registry: httpx.AsyncClient, method: str, suffix: str, body: Any
) -> None:
    missing = uuid.uuid4()
    if suffix == "/products":
        body = product_payload()
    response = await registry.request(method, f"/v1/members/{missing}{suffix}", json=body)
    assert_problem(response, 404, str(missing))


async def test_a_member_id_that_is_not_a_uuid_is_a_422_problem(
    registry: httpx.AsyncClient,
) -> None:
    response = await registry.get("/v1/members/12345")
    assert_problem(response, 422, "member_id")


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer wrong-token"},
        {"Authorization": f"Basic {ADMIN_TOKEN}"},
        {"Authorization": ADMIN_TOKEN},
        {"Authorization": "Bearer "},
    ],
    ids=["missing", "wrong-token", "basic-scheme", "no-scheme", "empty"],
)
async def test_a_missing_or_wrong_bearer_token_is_a_401_problem(
    registry: httpx.AsyncClient, headers: dict[str, str]
) -> None:
    transport = httpx.ASGITransport(app=registry.app)  # type: ignore[attr-defined]
    async with httpx.AsyncClient(transport=transport, base_url="http://registry") as anonymous:
        for method, path in [("GET", "/v1/members"), ("POST", "/v1/members")]:
            response = await anonymous.request(method, path, headers=headers, json=member_payload())
            assert_problem(response, 401)
            assert response.headers["WWW-Authenticate"] == "Bearer"
    assert (await registry.get("/v1/members")).json()["items"] == []
