"""A training's state changes raced by two requests: one wins, the other is told why; nothing
is counted twice."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import httpx

from shared.timeutil import now_bangkok
from tests.integration.events.staff_calls import assert_problem, published_event
from tests.integration.events.test_trainings_api import person, training


async def test_two_cancellations_of_one_participant_free_its_place_once(
    events: httpx.AsyncClient,
) -> None:
    event = await published_event(events, **training())
    event_id = event["event_id"]
    added = await events.post(
        f"/v1/events/{event_id}/participants", json=person("official", "ก", "9001")
    )
    path = f"/v1/events/{event_id}/participants/{added.json()['registration_id']}/cancel"

    first, second = await asyncio.gather(events.post(path), events.post(path))

    assert sorted((first.status_code, second.status_code)) == [200, 409]
    assert_problem(first if first.status_code == 409 else second, 409, "already cancelled")
    use = (await events.get(f"/v1/events/{event_id}/quota-use")).json()
    assert use["confirmed"] == 0


async def test_attendance_and_certificates_raced_are_recorded_and_numbered_once(
    events: httpx.AsyncClient,
) -> None:
    event = await published_event(events, **training(started=True))
    event_id = event["event_id"]
    added = await events.post(
        f"/v1/events/{event_id}/participants", json=person("official", "ข", "9002")
    )
    registration_id = added.json()["registration_id"]
    start = now_bangkok().replace(microsecond=0) - timedelta(hours=2)
    session = await events.post(
        f"/v1/events/{event_id}/sessions",
        json={
            "title_th": "หัวข้อเดียว",
            "starts_at": start.isoformat(),
            "ends_at": (start + timedelta(hours=1)).isoformat(),
        },
    )
    attendance = f"/v1/events/{event_id}/sessions/{session.json()['session_id']}/attendance"
    body = {"registration_ids": [registration_id]}

    ticked = await asyncio.gather(*(events.post(attendance, json=body) for _ in range(3)))
    issued = await asyncio.gather(
        *(events.post(f"/v1/events/{event_id}/certificates/issue") for _ in range(3))
    )

    assert [t.status_code for t in ticked] == [200] * 3
    assert sorted(len(t.json()["recorded"]) for t in ticked) == [0, 0, 1]
    assert {t.json()["attended"] for t in ticked} == {1}
    assert [i.status_code for i in issued] == [200] * 3
    numbers = {i.json()["items"][0]["number"] for i in issued}
    assert len(numbers) == 1 and numbers.pop().startswith(str(start.year + 543))
