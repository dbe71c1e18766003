"""What the events service publishes about an event's life, read back from the real broker."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import httpx

from shared.contracts.events import (
    EventCancelled,
    EventClosed,
    EventPublished,
    EventUpdated,
    RegistrationCancelled,
    RegistrationCheckedIn,
)
from shared.timeutil import now_bangkok
from tests.conftest import eventually
from tests.infrastructure import Servers
from tests.integration.events.payloads import event_payload
from tests.integration.events.registry_feed import RegistryFeed
from tests.integration.events.staff_calls import apply, assert_problem, published_event
from tests.kafka_probe import KafkaProbe, Received, event_of_type

SHOWCASES = "events.showcases.v1"
REGISTRATIONS = "events.registrations.v1"
BANGKOK_OFFSET = timedelta(hours=7)


def _probe(servers: Servers) -> KafkaProbe:
    return KafkaProbe(servers.bootstrap_servers, [SHOWCASES, REGISTRATIONS])


def _envelope(message: Received, topic: str, aggregate_id: str) -> dict[str, Any]:
    assert message.topic == topic
    assert message.key == aggregate_id
    envelope: dict[str, Any] = message.json()
    assert envelope["producer"] == "events"
    assert envelope["event_version"] == 1
    assert datetime.fromisoformat(envelope["occurred_at"]).utcoffset() == BANGKOK_OFFSET
    return envelope


async def test_publishing_and_updating_an_event_are_published_with_its_full_state(
    events: httpx.AsyncClient, servers: Servers
) -> None:
    async with _probe(servers) as probe:
        event = await published_event(events, budget="91000.00", title_th="อบรมบรรจุภัณฑ์")
        changed = await events.patch(
            f"/v1/events/{event['event_id']}", json={"capacity": 5, "title_en": "Packaging"}
        )
        assert changed.status_code == 200, changed.text
        [published] = await probe.wait_for(event_of_type("event.published", event["event_id"]))
        [updated] = await probe.wait_for(event_of_type("event.updated", event["event_id"]))
    data = EventPublished.model_validate(_envelope(published, SHOWCASES, event["event_id"])["data"])
    assert (data.version, data.status, data.title_th) == (2, "published", "อบรมบรรจุภัณฑ์")
    assert str(data.budget) == "91000.00"
    change = EventUpdated.model_validate(_envelope(updated, SHOWCASES, event["event_id"])["data"])
    assert change.version == 3
    assert change.changed_fields == ["capacity", "title_en"]
    assert change.capacity == 5


async def test_a_draft_is_not_published_and_a_draft_change_sends_nothing(
    events: httpx.AsyncClient, servers: Servers
) -> None:
    async with _probe(servers) as probe:
        draft = (await events.post("/v1/events", json=event_payload())).json()
        await events.patch(f"/v1/events/{draft['event_id']}", json={"capacity": 9})
        await probe.settle(1.5)
    assert not [r for r in probe.received if r.json()["aggregate_id"] == draft["event_id"]]


async def test_cancelling_an_event_cancels_every_registration_and_lists_them(
    events: httpx.AsyncClient, servers: Servers, registry_feed: RegistryFeed
) -> None:
    event = await published_event(events, capacity=1)
    members = [await registry_feed.member() for _ in range(2)]
    regs = [await apply(events, event["event_id"], m) for m in members]
    async with _probe(servers) as probe:
        response = await events.post(
            f"/v1/events/{event['event_id']}/cancel", json={"reason": "พายุเข้าภาคใต้"}
        )
        assert response.status_code == 200, response.text
        [cancelled] = await probe.wait_for(event_of_type("event.cancelled", event["event_id"]))
        told = []
        for reg in regs:
            [message] = await probe.wait_for(
                event_of_type("registration.cancelled", reg["registration_id"])
            )
            told.append(
                RegistrationCancelled.model_validate(
                    _envelope(message, REGISTRATIONS, reg["registration_id"])["data"]
                )
            )
    data = EventCancelled.model_validate(_envelope(cancelled, SHOWCASES, event["event_id"])["data"])
    assert data.reason == "พายุเข้าภาคใต้"
    assert {(str(r.registration_id), r.previous_status) for r in data.registrations} == {
        (regs[0]["registration_id"], "confirmed"),
        (regs[1]["registration_id"], "waitlisted"),
    }
    assert {t.reason for t in told} == {"event_cancelled"}
    assert [t.version for t in told] == [3, 2]  # confirmed + booth, then cancelled; waitlisted
    again = await events.post(f"/v1/events/{event['event_id']}/cancel")
    assert_problem(again, 409, "already cancelled")


async def test_closing_an_ended_event_publishes_attendance_and_lists_no_shows(
    events: httpx.AsyncClient, servers: Servers, registry_feed: RegistryFeed
) -> None:
    start = now_bangkok() - timedelta(hours=3)
    event = await published_event(
        events,
        kind="training",
        capacity=3,
        starts_at=start.isoformat(),
        ends_at=(now_bangkok() + timedelta(seconds=4)).isoformat(),
        registration_opens_at=(start - timedelta(days=5)).isoformat(),
        registration_closes_at=(now_bangkok() + timedelta(seconds=3)).isoformat(),
    )
    members = [await registry_feed.member() for _ in range(3)]
    regs = [await apply(events, event["event_id"], m) for m in members]
    async with _probe(servers) as probe:
        await events.post(f"/v1/registrations/{regs[0]['registration_id']}/check-in")
        await events.post(f"/v1/registrations/{regs[0]['registration_id']}/check-in")

        async def ended() -> bool:
            return now_bangkok() >= datetime.fromisoformat(event["ends_at"])

        await eventually(ended, timeout=10)
        closed = await events.post(f"/v1/events/{event['event_id']}/close")
        assert closed.status_code == 200, closed.text
        [message] = await probe.wait_for(event_of_type("event.closed", event["event_id"]))
        checked_in = await probe.wait_for(
            event_of_type("registration.checked_in", regs[0]["registration_id"])
        )
        await probe.settle(0.5)
    data = EventClosed.model_validate(_envelope(message, SHOWCASES, event["event_id"])["data"])
    assert (data.confirmed, data.attended, data.no_shows) == (3, 1, 2)
    assert len(checked_in) == 1, "checking in twice is told once"
    RegistrationCheckedIn.model_validate(checked_in[0].json()["data"])
    no_shows = (await events.get(f"/v1/events/{event['event_id']}/no-shows")).json()
    assert {r["registration_id"] for r in no_shows["items"]} == {
        regs[1]["registration_id"],
        regs[2]["registration_id"],
    }
    attendance = (await events.get(f"/v1/events/{event['event_id']}/attendance")).json()
    assert attendance["no_shows"] == 2
    late = await events.post(f"/v1/registrations/{regs[1]['registration_id']}/check-in")
    assert_problem(late, 409, "closed")
