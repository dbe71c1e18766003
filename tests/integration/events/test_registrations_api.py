"""Members apply for events: eligibility from the read model, places, quotas, waitlist,
approval, booths, check-in and attendance, with real Postgres and the real consumers."""

from __future__ import annotations

import asyncio
import uuid
from datetime import timedelta

import asyncpg
import httpx

from services.events.adapters.unit_of_work import PostgresEventsUnitOfWork
from services.events.service_layer.registry_events import on_member_status_changed
from shared.contracts.registry import (
    DevelopmentSegment,
    MemberStatus,
    MemberType,
    MemberUpdated,
    NetworkRole,
    ProductCategory,
)
from shared.db.pool import connect
from shared.messaging.bus import EventMetadata
from shared.messaging.outbox import envelope_for
from shared.timeutil import now_bangkok
from tests.conftest import eventually
from tests.integration.events.payloads import event_payload
from tests.integration.events.registry_feed import RegistryFeed, registered, status_changed
from tests.integration.events.staff_calls import (
    apply,
    assert_problem,
    published_event,
    registrations,
)


async def test_two_requests_for_the_last_seat_at_once_confirm_exactly_one(
    events: httpx.AsyncClient, registry_feed: RegistryFeed
) -> None:
    event = await published_event(events, kind="training", capacity=1)
    first, second = [await registry_feed.member() for _ in range(2)]
    for _ in range(5):  # several rounds: the race must never be won twice
        responses = await asyncio.gather(
            *(
                events.post(
                    f"/v1/events/{event['event_id']}/registrations",
                    json={"member_id": str(member)},
                )
                for member in (first, second)
            )
        )
        assert [r.status_code for r in responses] == [201, 201]
        statuses = sorted(r.json()["status"] for r in responses)
        assert statuses == ["confirmed", "waitlisted"]
        for r in responses:
            cancelled = await events.post(
                f"/v1/registrations/{r.json()['registration_id']}/cancel",
                json={"reason": "staff_cancelled"},
            )
            assert cancelled.status_code == 200, cancelled.text
    counts = (await events.get(f"/v1/events/{event['event_id']}")).json()["registrations"]
    assert counts["confirmed"] == 0


async def test_many_members_at_once_never_overfill_the_event(
    events: httpx.AsyncClient, registry_feed: RegistryFeed
) -> None:
    event = await published_event(events, kind="workshop", capacity=4)
    members = [await registry_feed.member() for _ in range(10)]
    responses = await asyncio.gather(
        *(
            events.post(f"/v1/events/{event['event_id']}/registrations", json={"member_id": str(m)})
            for m in members
        )
    )
    assert all(r.status_code == 201 for r in responses), [r.text for r in responses]
    confirmed = await registrations(events, event["event_id"], status="confirmed")
    waitlisted = await registrations(events, event["event_id"], status="waitlisted")
    assert len(confirmed) == 4
    assert len(waitlisted) == 6
    assert [r["waitlist_position"] for r in waitlisted] == [1, 2, 3, 4, 5, 6]


async def test_a_cancellation_promotes_the_first_waitlisted_member_with_the_freed_booth(
    events: httpx.AsyncClient, registry_feed: RegistryFeed
) -> None:
    event = await published_event(events, capacity=3)
    members = [await registry_feed.member() for _ in range(5)]
    applied = [await apply(events, event["event_id"], m) for m in members]
    assert [a["status"] for a in applied] == ["confirmed"] * 3 + ["waitlisted"] * 2
    booths = [(a["booth"]["zone"], a["booth"]["booth_number"]) for a in applied[:3]]
    assert booths == [("A", 1), ("A", 2), ("A", 3)]
    assert [a["waitlist_position"] for a in applied[3:]] == [1, 2]

    cancelled = await events.post(f"/v1/registrations/{applied[1]['registration_id']}/cancel")
    assert cancelled.status_code == 200, cancelled.text
    assert cancelled.json()["status"] == "cancelled"
    assert cancelled.json()["cancel_reason"] == "member_cancelled"
    assert cancelled.json()["booth"] is None

    promoted = (await events.get(f"/v1/registrations/{applied[3]['registration_id']}")).json()
    assert promoted["status"] == "confirmed"
    assert (promoted["booth"]["zone"], promoted["booth"]["booth_number"]) == ("A", 2)
    still_waiting = (await events.get(f"/v1/registrations/{applied[4]['registration_id']}")).json()
    assert still_waiting["status"] == "waitlisted"
    assert still_waiting["waitlist_position"] == 1


async def test_the_promotion_skips_a_waitlisted_member_no_longer_eligible(
    events: httpx.AsyncClient, registry_feed: RegistryFeed
) -> None:
    event = await published_event(
        events, kind="training", capacity=1, eligibility={"province_codes": ["90"]}
    )
    holder, moved_away, next_in_line = [await registry_feed.member() for _ in range(3)]
    first = await apply(events, event["event_id"], holder)
    skipped = await apply(events, event["event_id"], moved_away)
    waiting = await apply(events, event["event_id"], next_in_line)
    # The member moves to Khon Kaen: still waitlisted, no longer eligible for Songkhla's event.
    moved = registered(moved_away, province="40", status=MemberStatus.ACTIVE, version=3)
    await registry_feed.send(
        moved_away, MemberUpdated(**moved.model_dump(), changed_fields=["site"])
    )
    assert (await events.get(f"/v1/registrations/{skipped['registration_id']}")).json()[
        "status"
    ] == "waitlisted"
    await events.post(f"/v1/registrations/{first['registration_id']}/cancel")
    promoted = (await events.get(f"/v1/registrations/{waiting['registration_id']}")).json()
    assert promoted["status"] == "confirmed"
    still = (await events.get(f"/v1/registrations/{skipped['registration_id']}")).json()
    assert (still["status"], still["waitlist_position"]) == ("waitlisted", 1)


async def test_a_suspended_waitlisted_member_is_withdrawn_at_once(
    events: httpx.AsyncClient, registry_feed: RegistryFeed
) -> None:
    event = await published_event(events, kind="training", capacity=1)
    holder, suspended_later = await registry_feed.member(), await registry_feed.member()
    await apply(events, event["event_id"], holder)
    waiting = await apply(events, event["event_id"], suspended_later)
    await registry_feed.send(
        suspended_later,
        status_changed(suspended_later, MemberStatus.SUSPENDED, 3, MemberStatus.ACTIVE),
    )
    withdrawn = (await events.get(f"/v1/registrations/{waiting['registration_id']}")).json()
    assert withdrawn["status"] == "cancelled"
    assert withdrawn["cancel_reason"] == "member_suspended"


async def test_a_suspended_members_confirmed_place_goes_to_the_waitlist(
    events: httpx.AsyncClient, registry_feed: RegistryFeed
) -> None:
    event = await published_event(events, capacity=1)
    holder, waiting = await registry_feed.member(), await registry_feed.member()
    first = await apply(events, event["event_id"], holder)
    second = await apply(events, event["event_id"], waiting)
    await registry_feed.send(
        holder, status_changed(holder, MemberStatus.WITHDRAWN, 3, MemberStatus.ACTIVE)
    )
    assert (await events.get(f"/v1/registrations/{first['registration_id']}")).json()[
        "cancel_reason"
    ] == "member_suspended"
    promoted = (await events.get(f"/v1/registrations/{second['registration_id']}")).json()
    assert promoted["status"] == "confirmed"
    assert promoted["booth"]["booth_number"] == first["booth"]["booth_number"]
    # An old status event arriving late changes nothing.
    await registry_feed.send(
        holder, status_changed(holder, MemberStatus.ACTIVE, 2, MemberStatus.PENDING)
    )
    assert (await events.get(f"/v1/members/{holder}")).json()["status"] == "withdrawn"


async def test_a_newer_snapshot_of_a_suspended_member_overtaking_the_suspension_withdraws(
    events: httpx.AsyncClient, registry_feed: RegistryFeed
) -> None:
    event = await published_event(events, capacity=1)
    holder, waiting = await registry_feed.member(), await registry_feed.member()
    first = await apply(events, event["event_id"], holder)
    second = await apply(events, event["event_id"], waiting)
    # Suspended (version 3), then renamed (version 4); the rename is delivered first.
    renamed = registered(holder, name_th="วิสาหกิจชุมชนบ้านควนลัง", version=4)
    snapshot = renamed.model_dump() | {"status": MemberStatus.SUSPENDED}
    await registry_feed.send(holder, MemberUpdated(**snapshot, changed_fields=["name_th"]))
    withdrawn = (await events.get(f"/v1/registrations/{first['registration_id']}")).json()
    assert (withdrawn["status"], withdrawn["cancel_reason"]) == ("cancelled", "member_suspended")
    promoted = (await events.get(f"/v1/registrations/{second['registration_id']}")).json()
    assert promoted["status"] == "confirmed"
    # The suspension itself, arriving late, changes nothing more.
    await registry_feed.send(
        holder, status_changed(holder, MemberStatus.SUSPENDED, 3, MemberStatus.ACTIVE)
    )
    assert [r["registration_id"] for r in await registrations(events, event["event_id"])] == [
        first["registration_id"],
        second["registration_id"],
    ]
    assert (await events.get(f"/v1/registrations/{second['registration_id']}")).json()[
        "status"
    ] == "confirmed"


async def test_an_application_during_the_members_suspension_leaves_no_open_registration(
    events: httpx.AsyncClient, registry_feed: RegistryFeed, events_dsn: str
) -> None:
    event = await published_event(events, kind="training", capacity=2)
    member = await registry_feed.member()
    suspension = status_changed(member, MemberStatus.SUSPENDED, 3, MemberStatus.ACTIVE)
    topic, envelope = envelope_for("registry", str(member), suspension)
    consumer = await connect(events_dsn, schema="events")
    try:
        # The consumer has applied the suspension and found no open registration to withdraw,
        # but not committed yet, when the member's application comes in.
        transaction = consumer.transaction()
        await transaction.start()
        await on_member_status_changed(
            suspension, EventMetadata.of(envelope, topic), PostgresEventsUnitOfWork(within=consumer)
        )
        application = asyncio.create_task(
            events.post(
                f"/v1/events/{event['event_id']}/registrations",
                json={"member_id": str(member)},
            )
        )
        await eventually(lambda: _waiting_for_a_lock(consumer))
        assert not application.done()
        await transaction.commit()
        assert_problem(await application, 409, "suspended")
    finally:
        await consumer.close()
    assert await registrations(events, event["event_id"]) == []


async def _waiting_for_a_lock(conn: asyncpg.Connection) -> bool:
    waiting = await conn.fetchval(
        "SELECT count(*) FROM pg_stat_activity "
        "WHERE wait_event_type = 'Lock' AND datname = current_database()"
    )
    return bool(waiting)


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
