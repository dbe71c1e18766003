"""Songkhla's network training loads through the API as its report tells it: 34 people by
district, eight topics, attendance, expenses within 91,000 THB, certificates for those who
attended enough; loading again loads nothing."""

from __future__ import annotations

import httpx

from devstack.demo.trainings import load_demo_data
from tests.conftest import ADMIN_TOKEN


async def test_songkhlas_training_loads_once_with_its_34_participants_and_certificates(
    events: httpx.AsyncClient,
) -> None:
    counts = await load_demo_data("http://events", ADMIN_TOKEN, client=events)

    assert counts == {
        "trainings": 1,
        "participants": 34,
        "sessions": 8,
        "attendances": 34 * 8 - 4,
        "expenses": 6,
    }
    (event,) = (await events.get("/v1/events", params={"kind": "training"})).json()["items"]
    event_id = event["event_id"]
    use = (await events.get(f"/v1/events/{event_id}/quota-use")).json()
    assert use["confirmed"] == 34
    assert all(row["taken"] == row["places"] for row in use["items"])
    assert len([row for row in use["items"] if row["district_code"]]) == 32
    agenda = (await events.get(f"/v1/events/{event_id}/sessions")).json()
    assert len(agenda["items"]) == 8 and agenda["sessions_needed"] == 7
    certificates = (await events.get(f"/v1/events/{event_id}/certificates")).json()
    assert len(certificates["items"]) == 33  # the one who missed two topics gets none
    assert all(c["sessions_attended"] >= 7 and c["issued_at"] for c in certificates["items"])
    assert all(c["number"].startswith(f"{int(event['starts_at'][:4]) + 543}-") for c in
               certificates["items"])  # fmt: skip
    spent = (await events.get(f"/v1/events/{event_id}/expenses")).json()
    assert (spent["budget"], spent["spent"]) == ("91000.00", "71960.00")

    again = await load_demo_data("http://events", ADMIN_TOKEN, client=events)
    assert not any(again.values())
