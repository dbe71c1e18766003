"""A training run from the console over HTTP: an official added by district, the agenda,
attendance ticked per session, an expense against the budget, the certificates' PDF."""

from __future__ import annotations

import io
from datetime import timedelta

import pypdf

from shared.timeutil import now_bangkok
from tests.integration.events.staff_calls import published_event
from tests.integration.events.test_trainings_api import training
from tests.integration.web_calendar.conftest import Console
from tests.integration.web_calendar.console import signed_in
from tests.integration.web_calendar.test_console_registrations import text_of


async def test_an_officer_runs_a_training_from_registration_to_certificates(console: Console):
    event = await published_event(console.events, **training(started=True))
    event_id = event["event_id"]
    csrf = await signed_in(console.web, "songkhla.officer")
    listed = await console.web.get("/console/trainings")
    assert listed.status_code == 200 and event["title_th"] in listed.text

    added = await console.web.post(
        f"/console/trainings/{event_id}/participants",
        data={
            "csrf_token": csrf,
            "kind": "official",
            "name_th": "นางสาวพรทิพย์ รักงาน",
            "position_th": "นักวิชาการพัฒนาชุมชน",
            "province_code": "90",
            "district_code": "9003",
            "organisation": "สำนักงานพัฒนาชุมชนอำเภอจะนะ",
        },
    )
    assert added.status_code == 303, added.text
    start = (now_bangkok() - timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    end = (now_bangkok() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    session = await console.web.post(
        f"/console/trainings/{event_id}/sessions",
        data={
            "csrf_token": csrf,
            "title_th": "นโยบายการขับเคลื่อน OTOP",
            "starts_at": start,
            "ends_at": end,
            "speakers": "นายจรัญ อินทสระ, นางปราณี อ่อนมณี",
        },
    )
    assert session.status_code == 303, session.text
    agenda = (await console.events.get(f"/v1/events/{event_id}/sessions")).json()
    (planned,) = agenda["items"]
    assert planned["speakers"] == ["นายจรัญ อินทสระ", "นางปราณี อ่อนมณี"]
    (registration,) = (await console.events.get(f"/v1/events/{event_id}/registrations")).json()[
        "items"
    ]
    ticked = await console.web.post(
        f"/console/trainings/{event_id}/sessions/{planned['session_id']}/attendance",
        data={"csrf_token": csrf, "registration_id": registration["registration_id"]},
    )
    assert ticked.status_code == 303, ticked.text
    paid = await console.web.post(
        f"/console/trainings/{event_id}/expenses",
        data={
            "csrf_token": csrf,
            "item_th": "ค่าอาหารกลางวัน",
            "amount": "5100.00",
            "spent_on": now_bangkok().date().isoformat(),
        },
    )
    assert paid.status_code == 303, paid.text

    shown = text_of((await console.web.get(f"/console/trainings/{event_id}")).text)
    assert "จะนะ 1 / 1" in shown  # the district's officer place is taken
    assert "นางสาวพรทิพย์ รักงาน" in shown and "เข้าร่วม / attended 1" in shown
    assert "5,100.00" in shown and "85,900.00" in shown  # spent and what remains
    assert "มีสิทธิ์ 1 คน" in shown
    document = await console.web.get(f"/console/trainings/{event_id}/certificates.pdf")
    assert document.status_code == 200
    assert document.headers["content-type"] == "application/pdf"
    text = pypdf.PdfReader(io.BytesIO(document.content)).pages[0].extract_text()
    assert "นางสาวพรทิพย์ รักงาน" in text
    assert str(now_bangkok().year + 543) in text and "สำนักงานพัฒนาชุมชนจังหวัดสงขลา" in text


async def test_the_door_sends_an_official_to_the_trainings_page_for_attendance_per_session(
    console: Console,
):
    event = await published_event(console.events, **training(started=True))
    event_id = event["event_id"]
    added = await console.events.post(
        f"/v1/events/{event_id}/participants",
        json={
            "kind": "official",
            "name_th": "นายสมชาย ตั้งใจ",
            "position_th": "พัฒนาการอำเภอ",
            "province_code": "90",
            "district_code": "9001",
        },
    )
    assert added.status_code == 201, added.text
    csrf = await signed_in(console.web, "songkhla.officer")

    door = await console.web.post(
        "/console/checkin",
        data={"csrf_token": csrf, "event": event_id, "code": added.json()["registration_id"]},
        headers={"HX-Request": "true"},
    )

    assert door.status_code == 200, door.text
    assert 'data-outcome="refused"' in door.text
    shown = text_of(door.text)
    assert "บันทึกการเข้าร่วมรายหัวข้อ / Attendance is recorded per session" in shown
    assert "นายสมชาย ตั้งใจ" in shown and "เจ้าหน้าที่ · พัฒนาการอำเภอ" in shown
    assert f'href="/console/trainings/{event_id}"' in door.text
    stored = await console.events.get(f"/v1/registrations/{added.json()['registration_id']}")
    assert stored.json()["checked_in_at"] is None


async def test_odd_attendance_and_certificate_rule_forms_are_refused_with_a_problem_page(
    console: Console,
):
    event = await published_event(console.events, **training(started=True))
    event_id = event["event_id"]
    start = now_bangkok().replace(microsecond=0) - timedelta(hours=2)
    session = await console.events.post(
        f"/v1/events/{event_id}/sessions",
        json={
            "title_th": "หัวข้อ",
            "starts_at": start.isoformat(),
            "ends_at": (start + timedelta(hours=1)).isoformat(),
        },
    )
    csrf = await signed_in(console.web, "songkhla.officer")

    ticked = await console.web.post(
        f"/console/trainings/{event_id}/sessions/{session.json()['session_id']}/attendance",
        data={"csrf_token": csrf, "registration_id": "not-an-id"},
    )
    rule = await console.web.post(
        f"/console/trainings/{event_id}/certificate-rule",
        data={"csrf_token": csrf, "certificate_min_sessions": "x"},
    )

    assert ticked.status_code == 422 and "รหัสการลงทะเบียนไม่ถูกต้อง" in ticked.text
    assert rule.status_code == 422 and "จำนวนหัวข้อต้องเป็นตัวเลข" in rule.text
    agenda = (await console.events.get(f"/v1/events/{event_id}/sessions")).json()
    assert agenda["certificate_min_sessions"] is None
