"""Members apply for events: eligibility from the read model, quotas, approval, booths,
check-in and attendance, with real Postgres and the real consumers."""

from __future__ import annotations

import asyncio
import uuid
from datetime import timedelta

import httpx

from shared.contracts.registry import (
    DevelopmentSegment,
    MemberStatus,
    MemberType,
    NetworkRole,
    ProductCategory,
)
from shared.timeutil import now_bangkok
from tests.integration.events.payloads import event_payload
from tests.integration.events.registry_feed import RegistryFeed, status_changed
from tests.integration.events.staff_calls import (
    apply,
    assert_problem,
    published_event,
    registrations,
)


async def test_group_d_quota_places_go_only_to_group_d_producers(
    events: httpx.AsyncClient, registry_feed: RegistryFeed
) -> None:
    event = await published_event(
        events,
        kind="development_project",
        title_th="โครงการพัฒนาผลิตภัณฑ์กลุ่มปรับตัวสู่การพัฒนา",
        capacity=3,
        quotas=[{"label": "ผู้ผลิตกลุ่ม D", "places": 2, "segments": ["D"]}],
    )
    group_d = [await registry_feed.member(segment=DevelopmentSegment.D) for _ in range(3)]
    others = [await registry_feed.member(segment=DevelopmentSegment.A) for _ in range(2)]

    first_other = await apply(events, event["event_id"], others[0])
    assert (first_other["status"], first_other["quota"]) == ("confirmed", None)
    second_other = await apply(events, event["event_id"], others[1])
    assert second_other["status"] == "waitlisted"  # the 2 other places are reserved for group D

    d_places = [await apply(events, event["event_id"], m) for m in group_d]
    assert [(r["status"], r["quota"]) for r in d_places] == [
        ("confirmed", "ผู้ผลิตกลุ่ม D"),
        ("confirmed", "ผู้ผลิตกลุ่ม D"),
        ("waitlisted", None),
    ]
    # A general place comes free: the first in line (not group D) takes it.
    await events.post(f"/v1/registrations/{first_other['registration_id']}/cancel")
    assert (await events.get(f"/v1/registrations/{second_other['registration_id']}")).json()[
        "status"
    ] == "confirmed"
    # A group-D place comes free: only the group-D member waiting can take it.
    await events.post(f"/v1/registrations/{d_places[0]['registration_id']}/cancel")
    promoted = (await events.get(f"/v1/registrations/{d_places[2]['registration_id']}")).json()
    assert (promoted["status"], promoted["quota"]) == ("confirmed", "ผู้ผลิตกลุ่ม D")


async def test_committee_quota_matches_members_holding_the_network_role(
    events: httpx.AsyncClient, registry_feed: RegistryFeed
) -> None:
    event = await published_event(
        events,
        kind="development_project",
        capacity=2,
        quotas=[
            {"label": "กลุ่ม D", "places": 1, "segments": ["D"]},
            {"label": "กรรมการเครือข่าย", "places": 1, "network_roles": ["committee_member"]},
        ],
    )
    committee = await registry_feed.member(roles=(NetworkRole.COMMITTEE_MEMBER,))
    plain = await registry_feed.member()
    assert (await apply(events, event["event_id"], plain))["status"] == "waitlisted"
    taken = await apply(events, event["event_id"], committee)
    assert (taken["status"], taken["quota"]) == ("confirmed", "กรรมการเครือข่าย")


async def test_eligibility_rules_are_checked_against_the_read_model(
    events: httpx.AsyncClient, registry_feed: RegistryFeed
) -> None:
    event = await published_event(
        events,
        eligibility={
            "province_codes": ["90", "94"],
            "member_types": ["community_group", "single_owner"],
            "min_stars": 4,
        },
    )
    fine = await registry_feed.member(stars=5, province="94")
    assert (await apply(events, event["event_id"], fine))["status"] == "confirmed"
    far = await registry_feed.member(stars=5, province="40")
    low = await registry_feed.member(stars=3)
    sme = await registry_feed.member(stars=5, member_type=MemberType.SME)
    url = f"/v1/events/{event['event_id']}/registrations"
    assert_problem(await events.post(url, json={"member_id": str(far)}), 409, "provinces")
    assert_problem(await events.post(url, json={"member_id": str(low)}), 409, "4 stars")
    assert_problem(await events.post(url, json={"member_id": str(sme)}), 409, "sme")
    unknown = await events.post(url, json={"member_id": str(uuid.uuid4())})
    assert_problem(unknown, 422, "not known")
    assert len(await registrations(events, event["event_id"])) == 1


async def test_bad_registrations_are_refused_with_problem_documents(
    events: httpx.AsyncClient, registry_feed: RegistryFeed
) -> None:
    member = await registry_feed.member()
    event = await published_event(events)
    await apply(events, event["event_id"], member)
    url = f"/v1/events/{event['event_id']}/registrations"
    assert_problem(await events.post(url, json={"member_id": str(member)}), 409, "already")

    later = await published_event(
        events, registration_opens_at=(now_bangkok() + timedelta(days=2)).isoformat()
    )
    assert_problem(
        await events.post(
            f"/v1/events/{later['event_id']}/registrations", json={"member_id": str(member)}
        ),
        409,
        "registration opens",
    )
    draft = (await events.post("/v1/events", json=event_payload())).json()
    assert_problem(
        await events.post(
            f"/v1/events/{draft['event_id']}/registrations", json={"member_id": str(member)}
        ),
        409,
        "not published",
    )
    gone = await published_event(events)
    assert (await events.post(f"/v1/events/{gone['event_id']}/cancel")).status_code == 200
    assert_problem(
        await events.post(
            f"/v1/events/{gone['event_id']}/registrations", json={"member_id": str(member)}
        ),
        409,
        "cancelled",
    )
    pending = await registry_feed.member()
    await registry_feed.send(
        pending, status_changed(pending, MemberStatus.SUSPENDED, 3, MemberStatus.ACTIVE)
    )
    assert_problem(await events.post(url, json={"member_id": str(pending)}), 409, "suspended")
    assert_problem(await events.post(url, json={"member_id": "not-a-uuid"}), 422)


async def test_an_event_needing_approval_confirms_or_waitlists_on_approval(
    events: httpx.AsyncClient, registry_feed: RegistryFeed
) -> None:
    event = await published_event(events, kind="training", capacity=1, requires_approval=True)
    a, b, c = [await registry_feed.member() for _ in range(3)]
    applications = [await apply(events, event["event_id"], m) for m in (a, b, c)]
    assert {r["status"] for r in applications} == {"pending_approval"}
    approved = await events.post(f"/v1/registrations/{applications[0]['registration_id']}/approve")
    assert approved.json()["status"] == "confirmed"
    second = await events.post(f"/v1/registrations/{applications[1]['registration_id']}/approve")
    assert second.json()["status"] == "waitlisted"
    rejected = await events.post(f"/v1/registrations/{applications[2]['registration_id']}/reject")
    assert (rejected.json()["status"], rejected.json()["cancel_reason"]) == (
        "cancelled",
        "rejected",
    )
    again = await events.post(f"/v1/registrations/{applications[0]['registration_id']}/approve")
    assert_problem(again, 409, "awaiting approval")


async def test_staff_set_booths_and_no_booth_is_given_twice(
    events: httpx.AsyncClient, registry_feed: RegistryFeed
) -> None:
    event = await published_event(events, kind="fair", capacity=5)
    food = await registry_feed.member(category=ProductCategory.FOOD)
    cloth = await registry_feed.member(category=ProductCategory.TEXTILES_AND_CLOTHING)
    herbal = await registry_feed.member(category=ProductCategory.NON_FOOD_HERBAL)
    regs = [await apply(events, event["event_id"], m) for m in (food, cloth, herbal)]
    assert [(r["booth"]["zone"], r["booth"]["booth_number"]) for r in regs] == [
        ("A", 1),
        ("C", 1),
        ("E", 1),
    ]
    moved = await events.put(
        f"/v1/registrations/{regs[0]['registration_id']}/booth",
        json={"zone": "VIP", "booth_number": 7},
    )
    assert moved.status_code == 200, moved.text
    assert moved.json()["booth"] == {"zone": "VIP", "booth_number": 7, "assigned_by": "staff"}
    taken = await events.put(
        f"/v1/registrations/{regs[1]['registration_id']}/booth",
        json={"zone": "VIP", "booth_number": 7},
    )
    assert_problem(taken, 409, "already given")
    # Two staff putting two exhibitors in the same booth at once: one wins.
    racing = await asyncio.gather(
        *(
            events.put(
                f"/v1/registrations/{r['registration_id']}/booth",
                json={"zone": "VIP", "booth_number": 8},
            )
            for r in regs[1:]
        )
    )
    assert sorted(r.status_code for r in racing) == [200, 409]
    listed = await registrations(events, event["event_id"], status="confirmed")
    booths = [(r["booth"]["zone"], r["booth"]["booth_number"]) for r in listed]
    assert len(set(booths)) == len(booths) == 3


async def test_check_in_is_idempotent_and_attendance_is_counted(
    events: httpx.AsyncClient, registry_feed: RegistryFeed
) -> None:
    event = await published_event(events, kind="workshop", capacity=3)
    members = [await registry_feed.member() for _ in range(3)]
    regs = [await apply(events, event["event_id"], m) for m in members]
    first = await events.post(f"/v1/registrations/{regs[0]['registration_id']}/check-in")
    again = await events.post(f"/v1/registrations/{regs[0]['registration_id']}/check-in")
    assert first.status_code == again.status_code == 200
    assert first.json()["checked_in_at"] == again.json()["checked_in_at"]
    assert again.json()["version"] == first.json()["version"]
    attendance = (await events.get(f"/v1/events/{event['event_id']}/attendance")).json()
    assert (attendance["confirmed"], attendance["checked_in"], attendance["no_shows"]) == (
        3,
        1,
        None,
    )
    assert [r["member_id"] for r in attendance["items"]] == [str(members[0])]
    assert_problem(await events.get(f"/v1/events/{event['event_id']}/no-shows"), 409, "closed")


async def test_more_capacity_promotes_the_waitlist_and_less_than_confirmed_is_refused(
    events: httpx.AsyncClient, registry_feed: RegistryFeed
) -> None:
    event = await published_event(events, kind="training", capacity=1)
    regs = [await apply(events, event["event_id"], await registry_feed.member()) for _ in range(3)]
    grown = await events.patch(f"/v1/events/{event['event_id']}", json={"capacity": 2})
    assert grown.status_code == 200, grown.text
    assert grown.json()["registrations"]["confirmed"] == 2
    assert (await events.get(f"/v1/registrations/{regs[1]['registration_id']}")).json()[
        "status"
    ] == "confirmed"
    shrunk = await events.patch(f"/v1/events/{event['event_id']}", json={"capacity": 1})
    assert_problem(shrunk, 409, "capacity cannot go below")
    assert (await events.get(f"/v1/events/{event['event_id']}")).json()["capacity"] == 2


async def test_unknown_registrations_and_booths_at_a_training_are_problems(
    events: httpx.AsyncClient, registry_feed: RegistryFeed
) -> None:
    missing = uuid.uuid4()
    assert_problem(await events.post(f"/v1/registrations/{missing}/cancel"), 404, str(missing))
    assert_problem(await events.get(f"/v1/events/{missing}/registrations"), 404)
    training = await published_event(events, kind="training", capacity=2)
    seat = await apply(events, training["event_id"], await registry_feed.member())
    assert seat["booth"] is None
    booth = await events.put(
        f"/v1/registrations/{seat['registration_id']}/booth", json={"zone": "A", "booth_number": 1}
    )
    assert_problem(booth, 409, "only showcases and fairs")
    bad_zone = await events.put(
        f"/v1/registrations/{seat['registration_id']}/booth",
        json={"zone": "A; DROP", "booth_number": 0},
    )
    assert_problem(bad_zone, 422)
    twice = await events.post(f"/v1/registrations/{seat['registration_id']}/cancel")
    assert twice.status_code == 200
    assert_problem(
        await events.post(f"/v1/registrations/{seat['registration_id']}/cancel"),
        409,
        "already cancelled",
    )
