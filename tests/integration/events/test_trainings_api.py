"""Trainings with participants who are not members: per-district quota places raced for by
officials and members, the agenda and attendance, certificates, expenses against the budget."""

from __future__ import annotations

import asyncio
import re
import uuid
from datetime import date, timedelta
from typing import Any

import httpx

from shared.contracts.registry import NetworkRole, RoleAssigned
from shared.timeutil import now_bangkok
from tests.integration.events.registry_feed import RegistryFeed
from tests.integration.events.staff_calls import assert_problem, published_event, registrations

QUOTAS = [
    {"label": "เจ้าหน้าที่ OTOP อำเภอ", "places": 1, "per_district": True,
     "participant_kinds": ["official"]},
    {"label": "ประธานเครือข่ายอำเภอ", "places": 1, "per_district": True,
     "participant_kinds": ["office_holder", "member"], "network_roles": ["district_president"]},
    {"label": "เจ้าหน้าที่จังหวัด", "places": 2, "participant_kinds": ["official"]},
]  # fmt: skip


def training(started: bool = False, **overrides: Any) -> dict[str, Any]:
    """Songkhla's network training: 34 seats, all of them reserved by the quotas."""
    now = now_bangkok().replace(microsecond=0)
    start = now - timedelta(hours=3) if started else now + timedelta(days=30)
    body = {
        "kind": "training",
        "title_th": "โครงการพัฒนาศักยภาพเครือข่าย OTOP",
        "venue_th": "โรงแรมกรีนเวิลด์ อำเภอเมืองสงขลา",
        "starts_at": start.isoformat(),
        "ends_at": (start + timedelta(days=1, hours=8)).isoformat(),
        "registration_opens_at": (now - timedelta(days=3)).isoformat(),
        "registration_closes_at": (start + timedelta(hours=1)).isoformat(),
        "capacity": 34,
        "budget": "91000.00",
        "quotas": QUOTAS,
    }
    body.update(overrides)
    return body


def person(kind: str, name: str, district: str | None = None) -> dict[str, Any]:
    return {
        "kind": kind,
        "name_th": name,
        "position_th": "นักวิชาการพัฒนาชุมชน" if kind == "official" else "ประธานเครือข่าย",
        "province_code": "90",
        "district_code": district,
    }


async def district_president(feed: RegistryFeed, district: str) -> uuid.UUID:
    member_id = await feed.member()
    held = RoleAssigned(
        assignment_id=uuid.uuid4(),
        member_id=member_id,
        person_name="สมศรี ใจดี",
        role=NetworkRole.DISTRICT_PRESIDENT,
        province_code="90",
        district_code=district,
        term_start=date(2025, 1, 1),
        term_end=date(2035, 1, 1),
    )
    await feed.send(member_id, held)
    return member_id


def taken(quota_use: dict[str, Any], quota: str, district: str | None) -> int:
    (row,) = [
        r for r in quota_use["items"] if r["quota"] == quota and r["district_code"] == district
    ]
    return int(row["taken"])


async def test_officials_and_members_racing_for_a_districts_place_never_exceed_its_quota(
    events: httpx.AsyncClient, registry_feed: RegistryFeed
) -> None:
    event = await published_event(events, **training())
    event_id = event["event_id"]
    members = [await district_president(registry_feed, "9001") for _ in range(3)]
    racing = await asyncio.gather(
        *(
            events.post(f"/v1/events/{event_id}/registrations", json={"member_id": str(m)})
            for m in members
        ),
        *(
            events.post(
                f"/v1/events/{event_id}/participants",
                json=person("office_holder", f"ประธาน {i}", "9001"),
            )
            for i in range(3)
        ),
    )
    confirmed = [r for r in racing if r.status_code == 201 and r.json()["status"] == "confirmed"]
    assert len(confirmed) == 1, [r.text for r in racing]
    assert all(r.status_code in (201, 409) for r in racing)
    officials = await asyncio.gather(
        *(
            events.post(
                f"/v1/events/{event_id}/participants",
                json=person("official", f"เจ้าหน้าที่ {i}", "9002"),
            )
            for i in range(4)
        ),
        *(
            events.post(
                f"/v1/events/{event_id}/participants",
                json=person("official", f"เจ้าหน้าที่จังหวัด {i}"),
            )
            for i in range(3)
        ),
    )
    assert sorted(r.status_code for r in officials) == [201] * 3 + [409] * 4
    use = (await events.get(f"/v1/events/{event_id}/quota-use")).json()
    assert taken(use, "ประธานเครือข่ายอำเภอ", "9001") == 1
    assert taken(use, "เจ้าหน้าที่ OTOP อำเภอ", "9002") == 1
    assert taken(use, "เจ้าหน้าที่ OTOP อำเภอ", "9001") == 0
    assert taken(use, "เจ้าหน้าที่จังหวัด", None) == 2
    assert len([r for r in use["items"] if r["quota"] == "เจ้าหน้าที่ OTOP อำเภอ"]) == 16
    listed = await registrations(events, event_id, status="confirmed")
    assert len(listed) == use["confirmed"] == 4
    named = [r["participant"]["name_th"] for r in listed if r["participant"]]
    assert len(named) == 4 - sum(1 for r in listed if r["member_id"])
    # A member who is not a district president finds no place open to it.
    other = await registry_feed.member()
    applied = await events.post(
        f"/v1/events/{event_id}/registrations", json={"member_id": str(other)}
    )
    assert applied.status_code == 201 and applied.json()["status"] == "waitlisted"


async def test_certificates_go_only_to_those_who_attended_enough_sessions(
    events: httpx.AsyncClient,
) -> None:
    event = await published_event(events, **training(started=True))
    event_id, start = event["event_id"], now_bangkok() - timedelta(hours=3)
    sessions = []
    for hours, title in [(0, "นโยบาย OTOP"), (1, "การตลาดออนไลน์"), (26, "แผนปฏิบัติการ")]:
        planned = await events.post(
            f"/v1/events/{event_id}/sessions",
            json={
                "title_th": title,
                "starts_at": (start + timedelta(hours=hours)).isoformat(),
                "ends_at": (start + timedelta(hours=hours + 1)).isoformat(),
                "speakers": ["นายจรัญ อินทสระ"],
                "room": "ห้องประชุม 1",
            },
        )
        assert planned.status_code == 201, planned.text
        sessions.append(planned.json()["session_id"])
    people = []
    for i, district in enumerate(["9001", "9002", "9003"]):
        added = await events.post(
            f"/v1/events/{event_id}/participants",
            json=person("official", f"ผู้เข้าอบรม {i}", district),
        )
        assert added.status_code == 201, added.text
        people.append(added.json()["registration_id"])
    attend = f"/v1/events/{event_id}/sessions/{{}}/attendance"
    first = await events.post(attend.format(sessions[0]), json={"registration_ids": people[:2]})
    assert first.status_code == 200, first.text
    assert first.json()["attended"] == 2
    again = await events.post(attend.format(sessions[0]), json={"registration_ids": people[:2]})
    assert again.json() == {"session_id": sessions[0], "recorded": [], "attended": 2}
    second = await events.post(attend.format(sessions[1]), json={"registration_ids": people[:1]})
    assert second.status_code == 200, second.text
    ahead = await events.post(attend.format(sessions[2]), json={"registration_ids": people[:1]})
    assert_problem(ahead, 409, "started")
    stranger = await events.post(
        attend.format(sessions[1]), json={"registration_ids": [str(uuid.uuid4())]}
    )
    assert_problem(stranger, 422, "confirmed")
    # Every session needed by default: nobody attended the third yet.
    none_due = (await events.get(f"/v1/events/{event_id}/certificates")).json()
    assert none_due["sessions_needed"] == 3 and none_due["items"] == []
    rule = await events.put(
        f"/v1/events/{event_id}/certificate-rule", json={"certificate_min_sessions": 2}
    )
    assert rule.status_code == 200, rule.text
    due = (await events.get(f"/v1/events/{event_id}/certificates")).json()
    assert [c["registration_id"] for c in due["items"]] == [people[0]]
    (certificate,) = due["items"]
    year = start.year + 543
    assert re.fullmatch(rf"{year}-\d{{3}}", certificate["number"])
    assert certificate["name_th"] == "ผู้เข้าอบรม 0" and certificate["sessions_attended"] == 2
    issued = await events.post(f"/v1/events/{event_id}/certificates/issue")
    assert issued.status_code == 200, issued.text
    assert [c["number"] for c in issued.json()["items"]] == [certificate["number"]]
    assert issued.json()["items"][0]["issued_at"] is not None
    # A session someone attended stays on the agenda.
    removed = await events.delete(f"/v1/events/{event_id}/sessions/{sessions[0]}")
    assert_problem(removed, 409, "attendance")
    assert (await events.delete(f"/v1/events/{event_id}/sessions/{sessions[2]}")).status_code == 204


async def test_expenses_racing_for_the_budget_never_spend_beyond_it(
    events: httpx.AsyncClient,
) -> None:
    event = await published_event(events, **training())
    expenses = f"/v1/events/{event['event_id']}/expenses"
    today = now_bangkok().date().isoformat()
    racing = await asyncio.gather(
        *(
            events.post(
                expenses, json={"item_th": f"ค่าอาหาร {i}", "amount": "10000.00", "spent_on": today}
            )
            for i in range(10)
        )
    )
    assert sorted(r.status_code for r in racing) == [201] * 9 + [409]
    last = await events.post(
        expenses, json={"item_th": "ค่าวิทยากร", "amount": "1000.00", "spent_on": today}
    )
    assert last.status_code == 201, last.text
    beyond = await events.post(
        expenses, json={"item_th": "ค่าเอกสาร", "amount": "0.01", "spent_on": today}
    )
    assert_problem(beyond, 409, "budget")
    spent = (await events.get(expenses)).json()
    assert (spent["budget"], spent["spent"], spent["remaining"]) == ("91000.00", "91000.00", "0.00")
    assert len(spent["items"]) == 10


async def test_bad_training_input_is_refused_with_a_clear_problem(
    events: httpx.AsyncClient,
) -> None:
    event = await published_event(events, **training())
    event_id = event["event_id"]
    participants = f"/v1/events/{event_id}/participants"
    elsewhere = await events.post(participants, json=person("official", "ก", "1001"))
    assert_problem(elsewhere, 422, "district")
    member_kind = await events.post(participants, json=person("member", "ข", "9001"))
    assert_problem(member_kind, 422)
    nameless = await events.post(participants, json={**person("official", "ค"), "name_th": " "})
    assert_problem(nameless, 422)
    twice = [await events.post(participants, json=person("official", "ง")) for _ in range(2)]
    assert twice[0].status_code == 201
    assert_problem(twice[1], 409, "already")
    outside = await events.post(
        f"/v1/events/{event_id}/sessions",
        json={
            "title_th": "ก่อนงาน",
            "starts_at": (now_bangkok() - timedelta(days=1)).isoformat(),
            "ends_at": now_bangkok().isoformat(),
        },
    )
    assert_problem(outside, 422, "within")
    for amount in ("-5", "0", "12.345", "abc"):
        bad = await events.post(
            f"/v1/events/{event_id}/expenses",
            json={
                "item_th": "ค่าอาหาร",
                "amount": amount,
                "spent_on": now_bangkok().date().isoformat(),
            },
        )
        assert bad.status_code == 422, (amount, bad.text)
    showcase = await published_event(events)
    not_a_training = await events.post(
        f"/v1/events/{showcase['event_id']}/participants", json=person("official", "จ")
    )
    assert_problem(not_a_training, 409, "training")
    no_budget = await events.post(
        f"/v1/events/{showcase['event_id']}/expenses",
        json={
            "item_th": "ค่าอาหาร",
            "amount": "10.00",
            "spent_on": now_bangkok().date().isoformat(),
        },
    )
    assert_problem(no_budget, 409, "budget")
    missing = await events.get(f"/v1/events/{uuid.uuid4()}/certificates")
    assert_problem(missing, 404)
    cancel_here = await events.post(
        f"/v1/registrations/{twice[0].json()['registration_id']}/cancel"
    )
    assert_problem(cancel_here, 409, "participant")
    cancelled = await events.post(f"{participants}/{twice[0].json()['registration_id']}/cancel")
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"


async def test_cancelling_a_training_cancels_its_participants_places(
    events: httpx.AsyncClient,
) -> None:
    event = await published_event(events, **training())
    event_id = event["event_id"]
    added = await events.post(
        f"/v1/events/{event_id}/participants", json=person("official", "ฉ", "9004")
    )
    assert added.status_code == 201, added.text
    cancelled = await events.post(f"/v1/events/{event_id}/cancel", json={"reason": "น้ำท่วม"})
    assert cancelled.status_code == 200, cancelled.text
    (registration,) = await registrations(events, event_id)
    assert registration["status"] == "cancelled"
    assert registration["cancel_reason"] == "event_cancelled"
    use = (await events.get(f"/v1/events/{event_id}/quota-use")).json()
    assert use["confirmed"] == 0 and taken(use, "เจ้าหน้าที่ OTOP อำเภอ", "9004") == 0
