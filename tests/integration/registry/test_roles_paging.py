"""Current office holders come a page at a time, in the order the roles were assigned."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.integration.registry.helpers import assert_problem, register_active

PEOPLE = [f"กรรมการคนที่ {n} ใจดี" for n in range(1, 8)]


async def _committee(registry: httpx.AsyncClient) -> list[dict[str, Any]]:
    member = await register_active(registry)
    assigned = []
    for person in PEOPLE:
        response = await registry.post(
            "/v1/roles",
            json={
                "member_id": member["member_id"],
                "person_name": person,
                "role": "committee_member",
                "province_code": "90",
                "term_start": "2025-01-01",
                "term_end": "2027-01-01",
            },
        )
        assert response.status_code == 201, response.text
        assigned.append(response.json())
    return assigned


async def _pages(registry: httpx.AsyncClient, **params: Any) -> list[list[dict[str, Any]]]:
    pages: list[list[dict[str, Any]]] = []
    cursor: str | None = None
    while True:
        query = {**params, **({"cursor": cursor} if cursor else {})}
        response = await registry.get("/v1/roles", params=query)
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["on"] == params["on"]
        pages.append(body["items"])
        cursor = body["next_cursor"]
        if cursor is None:
            return pages
        assert len(pages) <= len(PEOPLE), "the pages never end"


async def test_office_holders_page_through_every_role_once_in_the_order_assigned(
    registry: httpx.AsyncClient,
) -> None:
    assigned = await _committee(registry)

    pages = await _pages(registry, on="2026-01-01", province="90", limit=3)

    assert [len(p) for p in pages] == [3, 3, 1]
    assert [r["assignment_id"] for p in pages for r in p] == [r["assignment_id"] for r in assigned]
    assert [r["person_name"] for p in pages for r in p] == PEOPLE


async def test_a_full_last_page_has_no_next_cursor_after_it(registry: httpx.AsyncClient) -> None:
    assigned = await _committee(registry)

    pages = await _pages(registry, on="2026-01-01", limit=len(assigned))

    assert [[r["assignment_id"] for r in p] for p in pages] == [
        [r["assignment_id"] for r in assigned]
    ]


@pytest.mark.parametrize(
    "cursor",
    [
        "not a cursor",
        "bm90LWpzb24",  # base64 of "not-json"
        "WzEsMl0",  # [1, 2]: not a moment and an id
        "WyIyMDI2LTAxLTAxVDAwOjAwOjAwIiwgIngiXQ",  # a moment without a timezone
    ],
)
async def test_a_cursor_this_service_did_not_give_out_is_a_422_problem(
    registry: httpx.AsyncClient, cursor: str
) -> None:
    response = await registry.get("/v1/roles", params={"on": "2026-01-01", "cursor": cursor})

    assert_problem(response, 422, "cursor")


@pytest.mark.parametrize("limit", [0, 501])
async def test_a_page_size_outside_1_to_500_is_a_422_problem(
    registry: httpx.AsyncClient, limit: int
) -> None:
    assert_problem(await registry.get("/v1/roles", params={"limit": limit}), 422, "limit")
