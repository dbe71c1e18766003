"""The iCalendar feed parses with a real parser and carries every published event."""

from __future__ import annotations

from datetime import datetime, timedelta

import httpx
from icalendar import Calendar

from shared.timeutil import BANGKOK
from tests.integration.events.payloads import event_payload
from tests.integration.events.staff_calls import assert_problem, published_event


def _parse(response: httpx.Response) -> Calendar:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


async def test_the_feed_has_every_published_event_and_needs_no_token(
    events: httpx.AsyncClient,
) -> None:
    published = [
        await published_event(events, host_province_code=p, title_th=f"งาน OTOP จังหวัด {p}")
        for p in ("90", "40", "49")
    ]
    draft = await events.post("/v1/events", json=event_payload(title_th="ร่างยังไม่ประกาศ"))
    assert draft.status_code == 201

    response = await events.get("/v1/calendar.ics", headers={"Authorization": ""})
    calendar = _parse(response)
    vevents = calendar.walk("VEVENT")
    by_uid = {str(v["UID"]): v for v in vevents}
    assert set(by_uid) == {f"{e['event_id']}@events.otop-network" for e in published}
    for event in published:
        entry = by_uid[f"{event['event_id']}@events.otop-network"]
        assert str(entry["SUMMARY"]) == event["title_th"]
        assert str(entry["LOCATION"]) == event["venue_th"]
        start = entry.decoded("DTSTART")
        assert start == datetime.fromisoformat(event["starts_at"])
        assert str(start.tzinfo) == "Asia/Bangkok"
        assert entry["DTSTART"].params["TZID"] == "Asia/Bangkok"
        assert entry.decoded("DTEND") == datetime.fromisoformat(event["ends_at"])
        assert str(entry["STATUS"]) == "CONFIRMED"
        assert int(entry["SEQUENCE"]) == event["version"]
    assert calendar.walk("VTIMEZONE"), "the feed carries the VTIMEZONE its TZIDs refer to"


async def test_the_feed_for_a_province_and_a_cancelled_event_marked_cancelled(
    events: httpx.AsyncClient,
) -> None:
    songkhla = await published_event(events, host_province_code="90")
    khon_kaen = await published_event(events, host_province_code="40")
    open_to_40 = await published_event(
        events, host_province_code="49", eligibility={"province_codes": ["40", "49"]}
    )
    cancelled = await events.post(
        f"/v1/events/{khon_kaen['event_id']}/cancel", json={"reason": "น้ำท่วมสถานที่จัดงาน"}
    )
    assert cancelled.status_code == 200, cancelled.text

    calendar = _parse(await events.get("/v1/calendar.ics", params={"province": "40"}))
    entries = {str(v["UID"]).split("@")[0]: v for v in calendar.walk("VEVENT")}
    assert set(entries) == {khon_kaen["event_id"], open_to_40["event_id"]}
    gone = entries[khon_kaen["event_id"]]
    assert str(gone["STATUS"]) == "CANCELLED"
    assert int(gone["SEQUENCE"]) == cancelled.json()["version"]
    assert "น้ำท่วมสถานที่จัดงาน" in str(gone["DESCRIPTION"])
    assert "ขอนแก่น" in str(calendar["X-WR-CALNAME"])
    assert songkhla["event_id"] not in entries


async def test_the_uid_stays_the_same_when_the_event_changes(events: httpx.AsyncClient) -> None:
    event = await published_event(events)
    before = _parse(await events.get("/v1/calendar.ics")).walk("VEVENT")[0]
    later = datetime.fromisoformat(event["starts_at"]) + timedelta(days=1)
    changed = await events.patch(
        f"/v1/events/{event['event_id']}",
        json={"starts_at": later.isoformat(), "ends_at": (later + timedelta(days=1)).isoformat()},
    )
    assert changed.status_code == 200, changed.text
    after = _parse(await events.get("/v1/calendar.ics")).walk("VEVENT")[0]
    assert str(after["UID"]) == str(before["UID"])
    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"])
    assert after.decoded("DTSTART") == later.astimezone(BANGKOK)


async def test_an_unknown_province_is_a_problem_document(events: httpx.AsyncClient) -> None:
    assert_problem(await events.get("/v1/calendar.ics", params={"province": "99"}), 422)
    # The feed of a province without events still parses.
    assert (
        _parse(await events.get("/v1/calendar.ics", params={"province": "10"})).walk("VEVENT") == []
    )


async def test_the_feed_folds_long_thai_lines_by_octets_escapes_text_and_stamps_in_utc(
    events: httpx.AsyncClient,
) -> None:
    title = "งานแสดงสินค้า OTOP; ผ้าบาติก, ผ้าทอ\\ และเครื่องจักสาน " * 3
    description = "บรรทัดแรก\nบรรทัดที่สอง; มีจุลภาค, และเซมิโคลอน"
    event = await published_event(events, title_th=title.strip(), description_th=description)
    response = await events.get("/v1/calendar.ics")
    raw = response.content
    assert raw.endswith(b"\r\n")
    lines = raw.split(b"\r\n")[:-1]
    assert all(b"\n" not in line and b"\r" not in line for line in lines)
    assert all(len(line) <= 75 for line in lines), max(lines, key=len)
    for line in lines:
        line.decode("utf-8")  # a fold never splits a Thai character
    unfolded = raw.replace(b"\r\n ", b"").decode()
    assert "SUMMARY:งานแสดงสินค้า OTOP\\; ผ้าบาติก\\, ผ้าทอ\\\\ และ" in unfolded
    [stamp] = [line for line in unfolded.split("\r\n") if line.startswith("DTSTAMP")]
    assert stamp.startswith("DTSTAMP:") and stamp.endswith("Z"), stamp
    [entry] = _parse(response).walk("VEVENT")
    assert str(entry["SUMMARY"]) == event["title_th"]
    assert description in str(entry["DESCRIPTION"])
