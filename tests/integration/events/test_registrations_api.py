"""Members apply for events: places taken at once, the waitlist and its promotions, members
leaving the network, with real Postgres and the real consumers."""

from __future__ import annotations

import asyncio

import asyncpg
import httpx

from services.events.adapters.unit_of_work import PostgresEventsUnitOfWork
from services.events.service_layer.registry_events import on_member_status_changed
from shared.contracts.registry import (
    MemberStatus,
    MemberUpdated,
)
from shared.db.pool import connect
from shared.messaging.bus import EventMetadata
from shared.messaging.envelope import envelope_for
from tests.conftest import eventually
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
