"""Network roles over HTTP: presidents one at a time per area, committees of many."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.integration.registry.helpers import assert_problem, register, register_active


def _role(member_id: str, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "member_id": member_id,
        "person_name": "นายประสิทธิ์ รักษ์ถิ่น",
        "role": "provincial_president",
        "province_code": "90",
        "term_start": "2025-01-01",
        "term_end": "2027-01-01",
    }
    body.update(overrides)
    return body


async def test_an_assigned_role_is_returned_and_listed_among_current_holders(
    registry: httpx.AsyncClient,
) -> None:
    member = await register_active(registry)

    response = await registry.post("/v1/roles", json=_role(member["member_id"]))

    assert response.status_code == 201, response.text
    role = response.json()
    assert role["member_id"] == member["member_id"]
    assert (role["role"], role["province_code"], role["district_code"]) == (
        "provincial_president",
        "90",
        None,
    )
    holders = await registry.get("/v1/roles", params={"province": "90", "on": "2026-06-01"})
    assert holders.status_code == 200
    assert holders.json() == {"on": "2026-06-01", "items": [role], "next_cursor": None}
    before = await registry.get("/v1/roles", params={"province": "90", "on": "2024-12-31"})
    assert before.json()["items"] == []
    on_end_day = await registry.get("/v1/roles", params={"on": "2027-01-01"})
    assert on_end_day.json()["items"] == []


@pytest.mark.parametrize(
    ("start", "end"),
    [("2026-06-01", "2028-06-01"), ("2024-06-01", "2025-01-02"), ("2024-01-01", "2028-01-01")],
)
async def test_an_overlapping_provincial_president_is_a_409_problem_naming_the_holder(
    registry: httpx.AsyncClient, start: str, end: str
) -> None:
    member = await register_active(registry)
    assert (await registry.post("/v1/roles", json=_role(member["member_id"]))).status_code == 201

    response = await registry.post(
        "/v1/roles",
        json=_role(
            member["member_id"], person_name="นางวันดี ศรีสงขลา", term_start=start, term_end=end
        ),
    )

    assert_problem(response, 409, "นายประสิทธิ์ รักษ์ถิ่น", "2025-01-01")
    holders = await registry.get("/v1/roles", params={"on": "2025-06-01"})
    assert [h["person_name"] for h in holders.json()["items"]] == ["นายประสิทธิ์ รักษ์ถิ่น"]


async def test_the_next_provincial_president_may_start_when_the_term_ends(
    registry: httpx.AsyncClient,
) -> None:
    member = await register_active(registry)
    await registry.post("/v1/roles", json=_role(member["member_id"]))

    response = await registry.post(
        "/v1/roles",
        json=_role(
            member["member_id"],
            person_name="นางวันดี ศรีสงขลา",
            term_start="2027-01-01",
            term_end="2029-01-01",
        ),
    )

    assert response.status_code == 201, response.text
    holders = await registry.get("/v1/roles", params={"on": "2027-01-01"})
    assert [h["person_name"] for h in holders.json()["items"]] == ["นางวันดี ศรีสงขลา"]


async def test_committees_have_many_members_in_one_area_and_term(
    registry: httpx.AsyncClient,
) -> None:
    member = await register_active(registry)
    people = ["นายหนึ่ง ใจงาม", "นางสอง สุขใจ", "นายสาม มีทรัพย์"]

    for person in people:
        response = await registry.post(
            "/v1/roles",
            json=_role(
                member["member_id"], person_name=person, role="committee_member", district_code=None
            ),
        )
        assert response.status_code == 201, response.text
    kbo = await registry.post(
        "/v1/roles",
        json=_role(member["member_id"], person_name="นางสี่ คิดดี", role="kbo_committee"),
    )
    assert kbo.status_code == 201, kbo.text

    committee = await registry.get(
        "/v1/roles", params={"role": "committee_member", "on": "2026-01-01"}
    )
    assert sorted(h["person_name"] for h in committee.json()["items"]) == sorted(people)


async def test_district_presidents_are_per_district(registry: httpx.AsyncClient) -> None:
    member = await register_active(registry)
    hat_yai = _role(member["member_id"], role="district_president", district_code="9011")
    assert (await registry.post("/v1/roles", json=hat_yai)).status_code == 201
    mueang = {**hat_yai, "person_name": "นายเอก ทะเลสาบ", "district_code": "9001"}
    assert (await registry.post("/v1/roles", json=mueang)).status_code == 201

    again = {**hat_yai, "person_name": "นายโท คลองแห"}
    assert_problem(await registry.post("/v1/roles", json=again), 409)

    in_hat_yai = await registry.get("/v1/roles", params={"district": "9011", "on": "2026-01-01"})
    assert [h["person_name"] for h in in_hat_yai.json()["items"]] == ["นายประสิทธิ์ รักษ์ถิ่น"]


@pytest.mark.parametrize(
    ("overrides", "status", "fragment"),
    [
        ({"role": "district_president"}, 422, "district_code"),
        ({"district_code": "9011"}, 422, "whole province"),
        ({"role": "committee_member", "district_code": "4001"}, 422, "4001"),
        ({"province_code": "99"}, 422, "99"),
        ({"term_end": "2024-01-01"}, 422, "term_end"),
        ({"role": "chairman"}, 422, "role"),
        ({"person_name": "ก" * 201}, 422, "person_name"),
        ({"term_start": "not-a-date"}, 422, "term_start"),
    ],
)
async def test_an_invalid_role_assignment_is_a_problem(
    registry: httpx.AsyncClient, overrides: dict[str, Any], status: int, fragment: str
) -> None:
    member = await register_active(registry)

    response = await registry.post("/v1/roles", json=_role(member["member_id"], **overrides))

    assert_problem(response, status, fragment)
    assert (await registry.get("/v1/roles", params={"on": "2026-01-01"})).json()["items"] == []


async def test_a_pending_members_person_cannot_hold_a_role(registry: httpx.AsyncClient) -> None:
    member = await register(registry)
    response = await registry.post("/v1/roles", json=_role(member["member_id"]))
    assert_problem(response, 409, "pending")


async def test_a_role_for_an_unknown_member_is_a_404_problem(registry: httpx.AsyncClient) -> None:
    missing = "9b2f0a57-3f2e-4d0c-8d5e-3c2b1a0f9e8d"
    response = await registry.post("/v1/roles", json=_role(missing))
    assert_problem(response, 404, missing)
