"""Staff plan, change, publish, list, cancel and close events over HTTP."""

from __future__ import annotations

from datetime import datetime, timedelta

import httpx

from shared.timeutil import BANGKOK, now_bangkok
from tests.integration.events.payloads import event_payload
from tests.integration.events.staff_calls import assert_problem, published_event


async def test_a_planned_event_is_a_draft_with_exact_budget_and_thai_text_intact(
    events: httpx.AsyncClient,
) -> None:
    body = event_payload(
        kind="training",
        title_th="อบรมการพัฒนาบรรจุภัณฑ์ผลิตภัณฑ์ OTOP",
        capacity=34,
        budget="91000.00",
    )
    response = await events.post("/v1/events", json=body)
    assert response.status_code == 201, response.text
    event = response.json()
    assert response.headers["location"] == f"/v1/events/{event['event_id']}"
    assert event["status"] == "draft"
    assert event["version"] == 1
    assert event["capacity_unit"] == "seats"
    assert event["budget"] == "91000.00"
    assert event["title_th"] == "อบรมการพัฒนาบรรจุภัณฑ์ผลิตภัณฑ์ OTOP"
    assert datetime.fromisoformat(event["starts_at"]) == datetime.fromisoformat(body["starts_at"])
    fetched = (await events.get(f"/v1/events/{event['event_id']}")).json()
    assert fetched["registrations"]["confirmed"] == 0
    assert fetched["title_th"] == body["title_th"]


async def test_an_event_that_ends_before_it_starts_is_refused_and_not_stored(
    events: httpx.AsyncClient,
) -> None:
    body = event_payload()
    body["ends_at"] = (datetime.fromisoformat(body["starts_at"]) - timedelta(hours=1)).isoformat()
    assert_problem(await events.post("/v1/events", json=body), 422, "ends before it starts")
    assert (await events.get("/v1/events")).json()["items"] == []


async def test_a_naive_datetime_is_refused(events: httpx.AsyncClient) -> None:
    body = event_payload(starts_at="2027-01-10T09:00:00")
    problem = assert_problem(await events.post("/v1/events", json=body), 422)
    assert any(e["field"] == "starts_at" for e in problem["errors"])


async def test_quotas_larger_than_the_capacity_are_refused(events: httpx.AsyncClient) -> None:
    body = event_payload(
        kind="development_project",
        capacity=30,
        quotas=[
            {"label": "กลุ่ม D", "places": 20, "segments": ["D"]},
            {"label": "กรรมการเครือข่าย", "places": 20, "network_roles": ["committee_member"]},
        ],
    )
    assert_problem(await events.post("/v1/events", json=body), 422, "more than the capacity")


async def test_a_budget_as_a_json_number_and_an_unknown_province_are_refused(
    events: httpx.AsyncClient,
) -> None:
    assert_problem(await events.post("/v1/events", json=event_payload(budget=91000.5)), 422)
    assert_problem(
        await events.post("/v1/events", json=event_payload(host_province_code="99")),
        422,
        "no province",
    )


async def test_publishing_flags_thai_public_holidays_and_bumps_the_version(
    events: httpx.AsyncClient,
) -> None:
    songkran = datetime(2027, 4, 12, 9, tzinfo=BANGKOK)
    event = await published_event(
        events,
        starts_at=songkran.isoformat(),
        ends_at=(songkran + timedelta(days=3)).isoformat(),
        registration_closes_at=(songkran - timedelta(days=1)).isoformat(),
    )
    assert event["status"] == "published"
    assert event["version"] == 2
    days = {h["day"]: h["name"] for h in event["public_holidays"]}
    assert days.keys() == {"2027-04-13", "2027-04-14", "2027-04-15"}
    assert days["2027-04-13"] == "วันสงกรานต์"
    again = await events.post(f"/v1/events/{event['event_id']}/publish")
    assert_problem(again, 409, "only a draft")


async def test_updating_a_published_event_changes_only_what_was_sent(
    events: httpx.AsyncClient,
) -> None:
    event = await published_event(events)
    response = await events.patch(
        f"/v1/events/{event['event_id']}", json={"venue_th": "ลานหน้าศาลากลางจังหวัดสงขลา"}
    )
    assert response.status_code == 200, response.text
    updated = response.json()
    assert updated["venue_th"] == "ลานหน้าศาลากลางจังหวัดสงขลา"
    assert updated["title_th"] == event["title_th"]
    assert updated["version"] == event["version"] + 1
    bad = await events.patch(
        f"/v1/events/{event['event_id']}", json={"ends_at": event["starts_at"]}
    )
    assert_problem(bad, 422, "ends before it starts")
    assert (await events.get(f"/v1/events/{event['event_id']}")).json()["ends_at"] == event[
        "ends_at"
    ]


async def test_the_calendar_lists_by_date_range_province_kind_and_status_a_page_at_a_time(
    events: httpx.AsyncClient,
) -> None:
    base = now_bangkok().replace(hour=9, minute=0, second=0, microsecond=0) + timedelta(days=10)
    created = []
    for i, (province, kind) in enumerate(
        [("90", "showcase"), ("40", "training"), ("49", "fair"), ("90", "workshop")]
    ):
        start = base + timedelta(days=7 * i)
        event = await published_event(
            events,
            host_province_code=province,
            kind=kind,
            starts_at=start.isoformat(),
            ends_at=(start + timedelta(hours=8)).isoformat(),
            registration_closes_at=(start - timedelta(hours=1)).isoformat(),
        )
        created.append(event)
    draft = await events.post("/v1/events", json=event_payload(host_province_code="90"))
    assert draft.status_code == 201

    songkhla = (await events.get("/v1/events", params={"province": "90"})).json()["items"]
    assert {e["event_id"] for e in songkhla} >= {created[0]["event_id"], created[3]["event_id"]}
    assert all(e["host_province_code"] == "90" for e in songkhla)
    trainings = (await events.get("/v1/events", params={"kind": "training"})).json()["items"]
    assert [e["event_id"] for e in trainings] == [created[1]["event_id"]]
    drafts = (await events.get("/v1/events", params={"status": "draft"})).json()["items"]
    assert [e["event_id"] for e in drafts] == [draft.json()["event_id"]]
    second_week = (base + timedelta(days=7)).date()
    in_range = await events.get(
        "/v1/events",
        params={
            "from": second_week.isoformat(),
            "to": (second_week + timedelta(days=8)).isoformat(),
        },
    )
    assert [e["event_id"] for e in in_range.json()["items"]] == [
        created[1]["event_id"],
        created[2]["event_id"],
    ]
    seen: list[str] = []
    cursor = None
    while True:
        params = {"status": "published", "limit": 3, **({"cursor": cursor} if cursor else {})}
        page = (await events.get("/v1/events", params=params)).json()
        seen += [e["event_id"] for e in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert seen == [e["event_id"] for e in created]
    assert_problem(await events.get("/v1/events", params={"cursor": "nonsense"}), 422, "cursor")


async def test_an_event_can_be_closed_only_after_it_ends(events: httpx.AsyncClient) -> None:
    event = await published_event(events)
    assert_problem(await events.post(f"/v1/events/{event['event_id']}/close"), 409, "ends at")


async def test_staff_calls_need_the_admin_token(events: httpx.AsyncClient) -> None:
    response = await events.get("/v1/events", headers={"Authorization": "Bearer wrong-token"})
    assert_problem(response, 401)


async def test_times_beyond_the_calendar_are_refused_and_the_calendar_still_lists(
    events: httpx.AsyncClient,
) -> None:
    kept = await published_event(events)
    for far in ({"ends_at": "9999-12-31T23:00:00+00:00"}, {"starts_at": "1900-01-01T09:00:00Z"}):
        assert_problem(await events.post("/v1/events", json=event_payload(**far)), 422, "between")
    changed = await events.patch(
        f"/v1/events/{kept['event_id']}", json={"ends_at": "9999-12-31T23:00:00+00:00"}
    )
    assert_problem(changed, 422, "between")
    listed = await events.get("/v1/events")
    assert listed.status_code == 200, listed.text
    assert [e["event_id"] for e in listed.json()["items"]] == [kept["event_id"]]
    assert (await events.get("/v1/calendar.ics")).status_code == 200


async def test_an_event_lasting_longer_than_two_years_is_refused(
    events: httpx.AsyncClient,
) -> None:
    body = event_payload()
    starts = datetime.fromisoformat(body["starts_at"])
    body["ends_at"] = (starts + timedelta(days=3 * 365)).isoformat()
    assert_problem(await events.post("/v1/events", json=body), 422, "at most 732 days")
    assert (await events.get("/v1/events")).json()["items"] == []


async def test_a_date_range_to_the_last_day_there_is_lists_every_later_event(
    events: httpx.AsyncClient,
) -> None:
    event = await published_event(events)
    response = await events.get("/v1/events", params={"to": "9999-12-31"})
    assert response.status_code == 200, response.text
    assert [e["event_id"] for e in response.json()["items"]] == [event["event_id"]]


async def test_a_day_not_written_as_a_day_is_refused(events: httpx.AsyncClient) -> None:
    for day in ("0", "20270115", "15/01/2027"):
        for name in ("from", "to"):
            problem = assert_problem(await events.get("/v1/events", params={name: day}), 422)
            assert any(e["field"] == f"query.{name}" for e in problem["errors"]), problem


async def test_a_plan_that_could_never_be_published_is_refused_as_a_draft(
    events: httpx.AsyncClient,
) -> None:
    for quotas, eligibility, fragment in [
        ([{"label": "ก" * 2_000_000, "places": 1}], {}, "label"),
        ([{"label": "   ", "places": 1}], {}, "label"),
        ([], {"province_codes": ["90"] * 50_000}, "more than once"),
        ([{"label": "D", "places": 1, "segments": ["D"] * 50_000}], {}, "more than once"),
    ]:
        body = event_payload(quotas=quotas, eligibility=eligibility)
        assert_problem(await events.post("/v1/events", json=body), 422, fragment)
    assert (await events.get("/v1/events")).json()["items"] == []
