"""The events service's logs never carry an official's or office holder's name, position or
organisation, whatever happens to their registration (registered, refused, cancelled,
attended, certified, read)."""

from __future__ import annotations

from datetime import timedelta

import httpx

from shared.logging import get_logger
from shared.timeutil import now_bangkok
from tests.integration.events.staff_calls import published_event
from tests.integration.events.test_trainings_api import training

PRIVATE = ("สมปอง", "Sompong", "ปลัดอำเภอพิเศษ", "สำนักงานลับเฉพาะ")


def official(**overrides: str) -> dict[str, str]:
    return {
        "kind": "official",
        "name_th": "นายสมปอง ส่วนตัว",
        "name_en": "Sompong Suantua",
        "position_th": "ปลัดอำเภอพิเศษ",
        "province_code": "90",
        "district_code": "9001",
        "organisation": "สำนักงานลับเฉพาะ",
        **overrides,
    }


async def test_nothing_of_an_official_reaches_the_logs(
    events: httpx.AsyncClient, capfd, caplog
) -> None:  # type: ignore[no-untyped-def]
    event = await published_event(events, **training(started=True))
    event_id = event["event_id"]
    participants = f"/v1/events/{event_id}/participants"
    added = await events.post(participants, json=official())
    assert added.status_code == 201, added.text
    registration_id = added.json()["registration_id"]
    assert (await events.post(participants, json=official())).status_code == 409
    assert (await events.post(participants, json=official(district_code="1001"))).status_code == 422
    assert (await events.post(participants, json=official(name_th="สมปอง" * 50))).status_code == 422
    assert (await events.post(participants, json=official(name_th="สมปอง\x00"))).status_code == 422
    start = now_bangkok().replace(microsecond=0) - timedelta(hours=2)
    session = await events.post(
        f"/v1/events/{event_id}/sessions",
        json={
            "title_th": "หัวข้อ",
            "starts_at": start.isoformat(),
            "ends_at": (start + timedelta(hours=1)).isoformat(),
        },
    )
    attendance = f"/v1/events/{event_id}/sessions/{session.json()['session_id']}/attendance"
    ticked = await events.post(attendance, json={"registration_ids": [registration_id]})
    assert ticked.status_code == 200, ticked.text
    issued = await events.post(f"/v1/events/{event_id}/certificates/issue")
    assert issued.status_code == 200 and issued.json()["items"][0]["name_th"] == "นายสมปอง ส่วนตัว"
    door = await events.post(f"/v1/registrations/{registration_id}/check-in")
    assert door.status_code == 409
    assert (await events.get(f"/v1/registrations/{registration_id}")).status_code == 200
    cancelled = await events.post(f"{participants}/{registration_id}/cancel")
    assert cancelled.status_code == 200
    get_logger("services.events.entrypoints").info("participants' log check")
    out, err = capfd.readouterr()
    logged = out + err + caplog.text
    assert "participants' log check" in logged  # the service's logs were captured
    for private in PRIVATE:
        assert private not in logged, private
