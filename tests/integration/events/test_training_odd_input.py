"""Odd requests to trainings' and projects' routes answer a 4xx problem, never a 500."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import httpx

from shared.timeutil import now_bangkok
from tests.integration.events.project_calls import kbo_project
from tests.integration.events.staff_calls import assert_problem, published_event
from tests.integration.events.test_trainings_api import person, training

ODD_VALUES: list[Any] = [
    None, "", " ", "๑๒๓", "💥" * 5, "x" * 5000, 10**30, -(10**30), 1.5, -1, 0, True, [], {},
    "1e5", "NaN", "Infinity", "12.345", "-0.01", "99999999999999999.99", "2027-02-30",
    "\u0000", str(uuid.uuid4()),
]  # fmt: skip


def variants(body: dict[str, Any]) -> list[dict[str, Any]]:
    """The body with each field in turn missing or given each odd value."""
    out: list[dict[str, Any]] = [{}, body | {"unknown": 1}]
    for key in body:
        out.append({k: v for k, v in body.items() if k != key})
        out.extend(body | {key: value} for value in ODD_VALUES)
    return out


async def probe(client: httpx.AsyncClient, method: str, path: str, body: Any) -> None:
    response = await client.request(method, path, json=body)
    assert response.status_code < 500, (method, path, body, response.text)
    if response.status_code >= 400:
        assert response.headers["content-type"].startswith("application/problem+json"), (
            path,
            body,
            response.text,
        )


async def test_odd_bodies_to_a_trainings_routes_answer_problems_never_500(
    events: httpx.AsyncClient,
) -> None:
    event = await published_event(events, **training(started=True))
    eid = event["event_id"]
    start = now_bangkok().replace(microsecond=0) - timedelta(hours=2)
    session_body = {
        "title_th": "หัวข้อ",
        "starts_at": start.isoformat(),
        "ends_at": (start + timedelta(hours=1)).isoformat(),
        "speakers": ["วิทยากร"],
    }
    session = await events.post(f"/v1/events/{eid}/sessions", json=session_body)
    assert session.status_code == 201, session.text
    sid = session.json()["session_id"]
    for body in variants(person("official", "ทดสอบ", "9001")):
        await probe(events, "POST", f"/v1/events/{eid}/participants", body)
    for body in variants(session_body):
        await probe(events, "POST", f"/v1/events/{eid}/sessions", body)
        await probe(events, "PUT", f"/v1/events/{eid}/sessions/{sid}", body)
    for body in variants({"registration_ids": [str(uuid.uuid4())]}):
        await probe(events, "POST", f"/v1/events/{eid}/sessions/{sid}/attendance", body)
    for body in variants({"certificate_min_sessions": 1}):
        await probe(events, "PUT", f"/v1/events/{eid}/certificate-rule", body)
    for body in variants({"item_th": "ค่าอาหาร", "amount": "10.00", "spent_on": "2027-03-15"}):
        await probe(events, "POST", f"/v1/events/{eid}/expenses", body)
    for bad in ("x", str(uuid.uuid4())):
        await probe(events, "GET", f"/v1/events/{bad}/sessions", None)
        await probe(events, "GET", f"/v1/events/{bad}/quota-use", None)
        await probe(events, "POST", f"/v1/events/{bad}/certificates/issue", None)
        await probe(events, "DELETE", f"/v1/events/{eid}/sessions/{bad}", None)
        await probe(events, "POST", f"/v1/events/{eid}/participants/{bad}/cancel", None)


async def test_odd_trainings_and_quotas_planned_answer_problems_never_500(
    events: httpx.AsyncClient,
) -> None:
    body = training()
    for variant in variants(body):
        await probe(events, "POST", "/v1/events", variant)
    quota = {"label": "เจ้าหน้าที่", "places": 1, "per_district": True,
             "participant_kinds": ["official"]}  # fmt: skip
    for odd in variants(quota):
        await probe(events, "POST", "/v1/events", body | {"quotas": [odd]})
    event = await published_event(events, **training())
    for odd in variants(quota):
        await probe(events, "PATCH", f"/v1/events/{event['event_id']}", {"quotas": [odd]})
    for value in ODD_VALUES:
        await probe(events, "PATCH", f"/v1/events/{event['event_id']}", {"budget": value})


async def test_odd_bodies_to_a_projects_routes_answer_problems_never_500(
    events: httpx.AsyncClient,
) -> None:
    eid = await kbo_project(events)
    member = str(uuid.uuid4())
    for body in variants({"segments": ["D"], "max_stars": 3, "network_roles": ["kbo_committee"],
                          "province_codes": ["49"]}):  # fmt: skip
        await probe(events, "PUT", f"/v1/projects/{eid}/rules", body)
    for body in variants({"member_ids": [member]}):
        await probe(events, "POST", f"/v1/projects/{eid}/selections", body)
    for body in variants({"member_id": member, "recipient_kind": "group", "amount": "10.00",
                          "purpose_th": "ทุน"}):  # fmt: skip
        await probe(events, "POST", f"/v1/projects/{eid}/grants", body)
    grant = str(uuid.uuid4())
    for body in variants({"amount": "1.00", "disbursed_on": "2026-01-01", "note_th": "ก"}):
        await probe(events, "POST", f"/v1/projects/{eid}/grants/{grant}/disbursements", body)
    for body in variants({"goal_th": "ดีขึ้น", "actions": ["ก"], "target_stars": 4}):
        await probe(events, "PUT", f"/v1/projects/{eid}/plans/{member}", body)
    for body in variants({"product_id": member, "nominated_by_member_id": member}):
        await probe(events, "POST", f"/v1/projects/{eid}/nominations", body)
    for bad in ("x", str(uuid.uuid4())):
        await probe(events, "GET", f"/v1/projects/{bad}", None)
        await probe(events, "GET", f"/v1/projects/{bad}/candidates", None)
        await probe(events, "GET", f"/v1/projects/{eid}/grants/{bad}", None)


async def test_ids_of_another_event_or_kind_are_refused_with_problems(
    events: httpx.AsyncClient,
) -> None:
    ours = await published_event(events, **training(started=True))
    theirs = await published_event(events, **training(started=True, title_th="อบรมอีกงาน"))
    project_id = await kbo_project(events)
    start = now_bangkok().replace(microsecond=0) - timedelta(hours=2)
    session_body = {
        "title_th": "หัวข้อ",
        "starts_at": start.isoformat(),
        "ends_at": (start + timedelta(hours=1)).isoformat(),
    }
    session = await events.post(f"/v1/events/{ours['event_id']}/sessions", json=session_body)
    sid = session.json()["session_id"]
    elsewhere = await events.post(
        f"/v1/events/{theirs['event_id']}/participants", json=person("official", "ค", "9001")
    )
    theirs_registration = elsewhere.json()["registration_id"]

    foreign = await events.post(
        f"/v1/events/{ours['event_id']}/sessions/{sid}/attendance",
        json={"registration_ids": [theirs_registration]},
    )
    assert_problem(foreign, 422, "ของงานนี้", theirs_registration)
    wrong_session = await events.post(
        f"/v1/events/{theirs['event_id']}/sessions/{sid}/attendance",
        json={"registration_ids": [theirs_registration]},
    )
    assert_problem(wrong_session, 404, "ไม่พบหัวข้อนี้")
    cancel_here = await events.post(
        f"/v1/events/{ours['event_id']}/participants/{theirs_registration}/cancel"
    )
    assert_problem(cancel_here, 404, "ไม่พบการลงทะเบียนนี้")
    to_project = await events.post(
        f"/v1/events/{project_id}/participants", json=person("official", "ง", "9001")
    )
    assert_problem(to_project, 409, "รับผู้เข้าร่วมที่ไม่ใช่สมาชิก")
    assert_problem(await events.get(f"/v1/projects/{ours['event_id']}"), 404)
    assert_problem(
        await events.put(f"/v1/projects/{ours['event_id']}/rules", json={}), 409, "โครงการพัฒนา"
    )
