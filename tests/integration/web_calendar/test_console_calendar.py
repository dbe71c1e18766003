"""The console's calendar over HTTP: a provincial officer plans and publishes events in its
province and is refused outside it; the door checks a registration in once."""

from __future__ import annotations

from services.web.console.filters import be_datetime
from tests.integration.events.payloads import event_payload
from tests.integration.events.staff_calls import apply, published_event
from tests.integration.web_calendar.conftest import Console
from tests.integration.web_calendar.console import event_id_from, plan_form, signed_in


async def test_a_provincial_officer_plans_and_publishes_an_event_in_its_province(
    console: Console,
):
    csrf = await signed_in(console.web, "songkhla.officer")

    planned = await console.web.post("/console/calendar/new", data=plan_form(csrf))
    assert planned.status_code == 303, planned.text
    event_id = event_id_from(planned.headers["location"])
    page = await console.web.get(f"/console/calendar/{event_id}")
    assert "มหกรรมสินค้า OTOP สงขลา" in page.text
    assert "ร่าง" in page.text and "เผยแพร่ / Publish" in page.text
    assert "10 มี.ค. 2570 09:00 น." in page.text  # B.E. dates in Bangkok time
    assert f'href="/console/audit?aggregate_id={event_id}"' in page.text

    published = await console.web.post(
        f"/console/calendar/{event_id}/publish", data={"csrf_token": csrf}
    )

    assert published.status_code == 303, published.text
    event = (await console.events.get(f"/v1/events/{event_id}")).json()
    assert event["status"] == "published"
    assert event["starts_at"].startswith("2027-03-10T09:00:00+07:00")
    page = await console.web.get(f"/console/calendar/{event_id}")
    assert "เผยแพร่แล้ว" in page.text and "ยกเลิกกิจกรรม / Cancel the event" in page.text
    month = await console.web.get("/console/calendar", params={"month": "2027-03"})
    assert f"/console/calendar/{event_id}" in month.text and "มีนาคม 2570" in month.text


async def test_planning_an_event_in_another_province_is_refused_and_nothing_is_planned(
    console: Console,
):
    csrf = await signed_in(console.web, "songkhla.officer")

    refused = await console.web.post(
        "/console/calendar/new", data=plan_form(csrf, host_province_code="40")
    )

    assert refused.status_code == 403, refused.text
    assert "ไม่มีสิทธิ์สร้างกิจกรรมในจังหวัดนี้" in refused.text
    listed = (await console.events.get("/v1/events", params={"province": "40"})).json()
    assert listed["items"] == []


async def test_an_event_of_another_province_shows_no_controls_and_refuses_publishing(
    console: Console,
):
    created = await console.events.post(
        "/v1/events", json=event_payload(host_province_code="40", title_th="OTOP ขอนแก่น")
    )
    event_id = created.json()["event_id"]
    csrf = await signed_in(console.web, "songkhla.officer")

    page = await console.web.get(f"/console/calendar/{event_id}")
    assert "OTOP ขอนแก่น" in page.text and "จ.ขอนแก่น" in page.text
    assert "/publish" not in page.text and "/cancel" not in page.text
    refused = await console.web.post(
        f"/console/calendar/{event_id}/publish", data={"csrf_token": csrf}
    )

    assert refused.status_code == 403, refused.text
    event = (await console.events.get(f"/v1/events/{event_id}")).json()
    assert event["status"] == "draft"


async def test_checking_in_twice_admits_once_then_shows_the_first_arrival_time(
    console: Console,
):
    event = await published_event(console.events)
    member_id = await console.registry_feed.member(name_th="กลุ่มทอผ้าเกาะยอ")
    registration = await apply(console.events, event["event_id"], member_id)
    csrf = await signed_in(console.web, "songkhla.officer")
    door = {"csrf_token": csrf, "event": event["event_id"]}
    pass_page = await console.web.get(
        f"/console/checkin/registrations/{registration['registration_id']}"
    )
    assert "<svg" in pass_page.text
    code = f"OTOP-REG:{registration['registration_id']}"
    assert code in pass_page.text

    first = await console.web.post(
        "/console/checkin", data={**door, "code": code}, headers={"HX-Request": "true"}
    )
    second = await console.web.post(
        "/console/checkin", data={**door, "code": registration["registration_id"]}
    )

    assert 'data-outcome="admitted"' in first.text and "กลุ่มทอผ้าเกาะยอ" in first.text
    stored = await console.events.get(f"/v1/registrations/{registration['registration_id']}")
    checked_in_at = stored.json()["checked_in_at"]
    assert checked_in_at is not None
    assert 'data-outcome="already"' in second.text and "กลุ่มทอผ้าเกาะยอ" in second.text
    shown = " ".join(second.text.split())
    assert f"เข้างานเมื่อ / Checked in at {be_datetime(checked_in_at)}" in shown


async def test_the_door_refuses_a_code_that_is_no_registration_or_of_another_event(
    console: Console,
):
    event = await published_event(console.events)
    other = await published_event(console.events, title_th="งานอบรมการตลาดออนไลน์")
    member_id = await console.registry_feed.member()
    elsewhere = await apply(console.events, other["event_id"], member_id)
    csrf = await signed_in(console.web, "songkhla.officer")
    door = {"csrf_token": csrf, "event": event["event_id"]}

    typo = await console.web.post("/console/checkin", data={**door, "code": "OTOP-REG:12345"})
    wrong = await console.web.post(
        "/console/checkin", data={**door, "code": elsewhere["registration_id"]}
    )

    assert 'data-outcome="refused"' in typo.text and "รหัสไม่ถูกต้อง" in typo.text
    assert 'data-outcome="refused"' in wrong.text and "งานอบรมการตลาดออนไลน์" in wrong.text
    stored = await console.events.get(f"/v1/registrations/{elsewhere['registration_id']}")
    assert stored.json()["checked_in_at"] is None
