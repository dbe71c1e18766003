"""Small helpers the registry's HTTP tests share."""

from __future__ import annotations

from typing import Any

import httpx

from tests.integration.registry.payloads import member_payload, product_payload
from tests.paging import item_pages

PROBLEM_JSON = "application/problem+json"

# Real DOPA sites in the network's provinces.
SITES: dict[str, dict[str, str]] = {
    "hat_yai": {
        "address_line": "99 หมู่ 3",
        "province_code": "90",
        "district_code": "9011",
        "subdistrict_code": "901103",
    },
    "mueang_songkhla": {
        "address_line": "12 ถนนนครนอก",
        "province_code": "90",
        "district_code": "9001",
        "subdistrict_code": "900101",
    },
    "khon_kaen": {
        "address_line": "45 หมู่ 7",
        "province_code": "40",
        "district_code": "4001",
        "subdistrict_code": "400101",
    },
    "mukdahan": {
        "address_line": "8 ถนนสำราญชายโขง",
        "province_code": "49",
        "district_code": "4901",
        "subdistrict_code": "490101",
    },
}


def assert_problem(response: httpx.Response, status: int, *in_detail: str) -> dict[str, Any]:
    """The response is an RFC 9457 problem document with this status and a clear message."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM_JSON), response.headers
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    assert isinstance(body["title"], str) and body["title"]
    assert isinstance(body["detail"], str) and body["detail"]
    for fragment in in_detail:
        assert fragment in body["detail"], body
    return body


async def register(client: httpx.AsyncClient, **overrides: Any) -> dict[str, Any]:
    response = await client.post("/v1/members", json=member_payload(**overrides))
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


async def change_status(
    client: httpx.AsyncClient, member_id: str, status: str, reason: str | None = None
) -> httpx.Response:
    body: dict[str, Any] = {"status": status}
    if reason is not None:
        body["reason"] = reason
    return await client.post(f"/v1/members/{member_id}/status", json=body)


async def register_active(client: httpx.AsyncClient, **overrides: Any) -> dict[str, Any]:
    member = await register(client, **overrides)
    response = await change_status(client, member["member_id"], "active")
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def list_product(
    client: httpx.AsyncClient, member_id: str, **overrides: Any
) -> dict[str, Any]:
    response = await client.post(
        f"/v1/members/{member_id}/products", json=product_payload(**overrides)
    )
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


async def rate(
    client: httpx.AsyncClient, product_id: str, round_year: int, stars: Any, **extra: Any
) -> httpx.Response:
    body = {"round_year": round_year, "stars": stars, "rated_on": f"{round_year}-08-15", **extra}
    return await client.post(f"/v1/products/{product_id}/ratings", json=body)


async def all_pages(
    client: httpx.AsyncClient, path: str, params: dict[str, Any]
) -> list[list[dict[str, Any]]]:
    """Follow next_cursor to the end; the items of each page."""
    return await item_pages(client, path, **params)
