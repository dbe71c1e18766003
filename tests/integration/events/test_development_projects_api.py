"""Development projects over HTTP on real Postgres: candidates from the registry copy,
selection into registrations under the project's quotas, grants that never pass the budget
however many are asked at once, disbursements, plans, one KBO nomination per province."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from decimal import Decimal

import httpx
import pytest

from shared.contracts.registry import DevelopmentSegment, MemberType, NetworkRole
from shared.timeutil import now_bangkok
from tests.integration.events.project_calls import allocate, kbo_project, plans, select
from tests.integration.events.registry_feed import RegistryFeed
from tests.integration.events.staff_calls import assert_problem, published_event

pytestmark = pytest.mark.integration

D = DevelopmentSegment.D
KBO = (NetworkRole.KBO_COMMITTEE,)


async def test_candidates_are_the_members_the_rules_take_and_selection_registers_them_in_quotas(
    events: httpx.AsyncClient, registry_feed: RegistryFeed
) -> None:
    group_d = await registry_feed.member(segment=D, province="49")
    three_stars = await registry_feed.member(segment=DevelopmentSegment.B, stars=3, province="49")
    four_stars = await registry_feed.member(segment=DevelopmentSegment.B, stars=4, province="49")
    committee = await registry_feed.member(segment=None, roles=KBO, province="49")
    elsewhere = await registry_feed.member(segment=D, province="90")
    event_id = await kbo_project(events)

    listed = await events.get(f"/v1/projects/{event_id}/candidates")
    assert listed.status_code == 200, listed.text
    reasons = {c["member_id"]: c["reasons"] for c in listed.json()["items"]}
    assert reasons == {
        str(group_d): ["segment D"],
        str(three_stars): ["3 stars"],
        str(committee): ["kbo_committee"],
    }
    assert str(four_stars) not in reasons and str(elsewhere) not in reasons

    outcomes = {o["member_id"]: o for o in await select(events, event_id, group_d, committee)}
    assert outcomes[str(group_d)]["status"] == "confirmed"
    assert outcomes[str(group_d)]["quota"] == "กลุ่ม D"
    assert outcomes[str(committee)]["quota"] == "กรรมการ KBO"
    again = await select(events, event_id, group_d)
    assert again[0]["registration_id"] == outcomes[str(group_d)]["registration_id"]

    refused = await events.post(
        f"/v1/projects/{event_id}/selections", json={"member_ids": [str(four_stars)]}
    )
    assert_problem(refused, 409, str(four_stars))
    kept = {p["member_id"]: p["stars_before"] for p in await plans(events, event_id)}
    assert kept == {str(group_d): None, str(committee): None}


async def test_grants_asked_all_at_once_never_pass_the_budget_to_the_satang(
    events: httpx.AsyncClient, registry_feed: RegistryFeed
) -> None:
    groups = [await registry_feed.member(segment=D, province="49") for _ in range(14)]
    event_id = await kbo_project(events, budget="500000.01")
    await select(events, event_id, *groups)

    answers = await asyncio.gather(*(allocate(events, event_id, g, "50000.00") for g in groups))

    assert sorted(a.status_code for a in answers) == [201] * 10 + [409] * 4
    for refused in (a for a in answers if a.status_code == 409):
        assert_problem(refused, 409, "0.01 THB of the budget remain")
    project = (await events.get(f"/v1/projects/{event_id}")).json()
    assert Decimal(project["allocated"]) == Decimal("500000.00")
    assert project["remaining"] == "0.01"
    grants = (await events.get(f"/v1/projects/{event_id}/grants")).json()["items"]
    assert sum(Decimal(g["amount"]) for g in grants) == Decimal("500000.00")
    lowered = await events.patch(f"/v1/events/{event_id}", json={"budget": "499999.99"})
    assert_problem(lowered, 409, "ลดงบประมาณต่ำกว่าที่ใช้ไปแล้ว", "grants (500,000.00 THB)")


async def test_a_disbursement_records_its_approver_and_cannot_pay_beyond_the_grant(
    events: httpx.AsyncClient, registry_feed: RegistryFeed
) -> None:
    group = await registry_feed.member(segment=D, province="49")
    event_id = await kbo_project(events)
    await select(events, event_id, group)
    grant = (await allocate(events, event_id, group, "50000.00")).json()
    path = f"/v1/projects/{event_id}/grants/{grant['grant_id']}/disbursements"

    paid = await events.post(path, json={"amount": "30000.50", "disbursed_on": "2021-06-08"})
    assert paid.status_code == 201, paid.text
    assert paid.json()["remaining"] == "19999.50"
    assert paid.json()["disbursements"][0]["approved_by"]
    assert paid.json()["disbursements"][0]["disbursed_on"] == "2021-06-08"
    tomorrow = (now_bangkok() + timedelta(days=1)).date().isoformat()
    early = await events.post(path, json={"amount": "1.00", "disbursed_on": tomorrow})
    assert_problem(early, 422, "future")
    too_much = await events.post(path, json={"amount": "19999.51", "disbursed_on": "2021-07-01"})
    assert_problem(too_much, 409, "19999.50 THB of the grant remain")
    project = (await events.get(f"/v1/projects/{event_id}")).json()
    assert project["disbursed"] == "30000.50"


async def test_a_province_gets_one_kbo_nomination_by_a_committee_member_taking_part(
    events: httpx.AsyncClient, registry_feed: RegistryFeed
) -> None:
    first = await registry_feed.member(segment=D, province="49")
    second = await registry_feed.member(segment=D, province="49")
    committee = await registry_feed.member(segment=None, roles=KBO, province="49")
    event_id = await kbo_project(events, eligibility={"province_codes": []})
    await select(events, event_id, first, second, committee)
    products = {p["member_id"]: p["product_id"] for p in await plans(events, event_id)}
    path = f"/v1/projects/{event_id}/nominations"

    by_group = await events.post(
        path, json={"product_id": products[str(first)], "nominated_by_member_id": str(second)}
    )
    assert_problem(by_group, 409, "KBO committee")
    nominated = await events.post(
        path, json={"product_id": products[str(first)], "nominated_by_member_id": str(committee)}
    )
    assert nominated.status_code == 201, nominated.text
    assert nominated.json()["province_code"] == "49"
    again = await events.post(
        path, json={"product_id": products[str(second)], "nominated_by_member_id": str(committee)}
    )
    assert_problem(again, 409, "province 49 already has its nominated product")
    listed = (await events.get(path)).json()["items"]
    assert [n["product_id"] for n in listed] == [products[str(first)]]


async def test_a_plan_is_recorded_for_a_participants_product_and_versioned(
    events: httpx.AsyncClient, registry_feed: RegistryFeed
) -> None:
    group = await registry_feed.member(segment=D, stars=2, province="49")
    event_id = await kbo_project(events)
    await select(events, event_id, group)
    product_id = (await plans(events, event_id))[0]["product_id"]
    body = {
        "goal_th": "ยกระดับเป็นสินค้า 4 ดาว",
        "actions": ["ออกแบบบรรจุภัณฑ์ใหม่", "ขอ มผช."],
        "target_stars": 4,
    }
    path = f"/v1/projects/{event_id}/plans/{product_id}"
    assert (await events.put(path, json=body)).json()["version"] == 1
    recorded = await events.put(path, json={**body, "target_stars": 5})
    assert recorded.status_code == 200, recorded.text
    assert recorded.json()["version"] == 2
    assert recorded.json()["stars_before"] == 2
    assert recorded.json()["actions"] == body["actions"]


async def test_bad_requests_to_a_project_are_refused_with_problems(
    events: httpx.AsyncClient, registry_feed: RegistryFeed
) -> None:
    sme = await registry_feed.member(segment=D, province="49", member_type=MemberType.SME)
    outsider = await registry_feed.member(segment=D, province="49")
    event_id = await kbo_project(events)
    await select(events, event_id, sme)
    showcase = await published_event(events)

    assert_problem(await allocate(events, event_id, sme, "12.345"), 422)
    assert_problem(await allocate(events, event_id, sme, "1000.00"), 422, "community producer")
    assert_problem(await allocate(events, event_id, outsider, "1000.00"), 409, "participant")
    assert_problem(await allocate(events, event_id, sme, "-5.00"), 422)
    rules = await events.put(f"/v1/projects/{event_id}/rules", json={"max_stars": 9})
    assert_problem(rules, 422)
    assert_problem(
        await events.put(f"/v1/projects/{showcase['event_id']}/rules", json={}), 409, "showcase"
    )
    assert_problem(await events.get(f"/v1/projects/{showcase['event_id']}"), 404)
    unknown_plan = await events.put(
        f"/v1/projects/{event_id}/plans/{outsider}", json={"goal_th": "ดีขึ้น"}
    )
    assert_problem(unknown_plan, 404)
    assert_problem(
        await events.post(f"/v1/projects/{event_id}/selections", json={"member_ids": []}), 422
    )
