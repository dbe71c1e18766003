"""The public calendar in JSON: no token, events hosted in a province on the days asked
for, public fields only (never registrations)."""

from __future__ import annotations

from datetime import datetime, timedelta

import httpx

from tests.integration.events.payloads import event_payload
from tests.integration.events.staff_calls import assert_problem, published_event


async def test_the_public_calendar_lists_events_hosted_in_a_province_on_the_days_asked(
    events: httpx.AsyncClient,
) -> None:
    songkhla = await published_event(events, host_province_code="90", title_th="งานสงขลา")
    await published_event(
        events, host_province_code="49", eligibility={"province_codes": ["49", "90"]}
    )
    draft = await events.post("/v1/events", json=event_payload(host_province_code="90"))
    assert draft.status_code == 201
    starts = datetime.fromisoformat(songkhla["starts_at"])

    anonymous = {"Authorization": ""}
    on_its_days = await events.get(
        "/v1/public/calendar",
        params={"province_code": "90", "from": starts.date().isoformat(), "to": starts.date()},
        headers=anonymous,
    )
    later = await events.get(
        "/v1/public/calendar",
        params={"province_code": "90", "from": (starts + timedelta(days=30)).date()},
        headers=anonymous,
    )

    assert on_its_days.status_code == 200, on_its_days.text
    [item] = on_its_days.json()["items"]
    assert item["event_id"] == songkhla["event_id"]
    assert (item["title_th"], item["province_name_th"]) == ("งานสงขลา", "สงขลา")
    assert datetime.fromisoformat(item["starts_at"]) == starts
    assert item["starts_at"].endswith("+07:00")
    assert "registrations" not in item and "capacity" not in item and "budget" not in item
    assert later.json()["items"] == []


async def test_the_public_calendar_refuses_a_backwards_span_or_a_bad_province(
    events: httpx.AsyncClient,
) -> None:
    backwards = await events.get(
        "/v1/public/calendar", params={"from": "2027-02-01", "to": "2027-01-01"}
    )
    assert_problem(backwards, 422)
    assert_problem(await events.get("/v1/public/calendar", params={"province_code": "9"}), 422)
    assert_problem(await events.get("/v1/public/calendar", params={"province_code": "99"}), 422)
    assert_problem(await events.get("/v1/public/calendar", params={"from": "20270101"}), 422)


async def test_a_span_without_an_end_is_bounded_and_a_century_is_refused(
    events: httpx.AsyncClient,
) -> None:
    coming = await published_event(events, host_province_code="90")  # a month from now
    today = datetime.fromisoformat(coming["starts_at"]).date() - timedelta(days=30)

    def listed(answer: httpx.Response) -> list[str]:
        assert answer.status_code == 200, answer.text
        return [item["event_id"] for item in answer.json()["items"]]

    calendar = "/v1/public/calendar"
    assert listed(await events.get(calendar)) == [coming["event_id"]]
    assert listed(await events.get(calendar, params={"from": today.isoformat()})) == [
        coming["event_id"]
    ]
    two_years_back = (today - timedelta(days=730)).isoformat()
    assert listed(await events.get(calendar, params={"from": two_years_back})) == []
    century = {"from": "1950-01-01", "to": "2050-12-31"}
    assert_problem(await events.get(calendar, params=century), 422)


async def test_days_at_the_ends_of_the_calendar_are_refused_not_failed(
    events: httpx.AsyncClient,
) -> None:
    for params in ({"to": "9999-12-31"}, {"from": "9999-12-31"}, {"from": "0001-01-01"}):
        assert_problem(await events.get("/v1/public/calendar", params=params), 422)
