"""The door: a phone scans or types a registration's code, reads who it is and for which
event, and checks the member in once; staff of another province cannot."""

from __future__ import annotations

import pytest

from shared.identity.roles import Role
from tests.integration.events.conftest import StaffEvents
from tests.integration.events.staff_calls import apply, assert_problem, published_event
from tests.integration.events.test_trainings_api import person, training

pytestmark = pytest.mark.integration


async def test_a_scanned_code_reads_the_members_name_and_the_event(
    staff_events: StaffEvents,
) -> None:
    event = await published_event(staff_events.admin)
    member_id = await staff_events.registry_feed.member(name_th="กลุ่มทอผ้าบ้านเกาะยอ")
    registration = await apply(staff_events.admin, event["event_id"], member_id)
    auditor = staff_events.staff((Role.AUDITOR, None))
    read = await auditor.client.get(f"/v1/registrations/{registration['registration_id']}")
    assert read.status_code == 200, read.text
    body = read.json()
    assert (body["member_name_th"], body["status"]) == ("กลุ่มทอผ้าบ้านเกาะยอ", "confirmed")
    assert body["event"]["event_id"] == event["event_id"]
    assert body["event"]["title_th"] == event["title_th"]
    assert body["event"]["venue_th"] == event["venue_th"]
    assert body["event"]["starts_at"] == event["starts_at"]


async def test_checking_in_twice_answers_200_with_the_first_arrival(
    staff_events: StaffEvents,
) -> None:
    event = await published_event(staff_events.admin)
    registration = await apply(
        staff_events.admin, event["event_id"], await staff_events.registry_feed.member()
    )
    path = f"/v1/registrations/{registration['registration_id']}/check-in"
    outsider = staff_events.staff((Role.PROVINCIAL_OFFICER, "40"))
    assert_problem(await outsider.client.post(path), 403, "ไม่มีสิทธิ์จัดการการลงทะเบียน")

    door = staff_events.staff((Role.NETWORK_COMMITTEE, "90"))
    first = await door.client.post(path, params={"event_id": event["event_id"]})
    again = await door.client.post(path, params={"event_id": event["event_id"]})
    assert first.status_code == again.status_code == 200, (first.text, again.text)
    assert first.json()["checked_in_at"] is not None
    assert again.json()["checked_in_at"] == first.json()["checked_in_at"]
    assert again.json()["event"]["title_th"] == event["title_th"]

    trail = await staff_events.admin.get(
        "/v1/audit", params={"aggregate_id": registration["registration_id"]}
    )
    checked = [r for r in trail.json()["items"] if r["action"] == "registration.checked_in"]
    assert [r["actor"]["id"] for r in checked] == [door.account_id]


async def test_a_registration_not_confirmed_is_refused_at_the_door_with_a_409(
    staff_events: StaffEvents,
) -> None:
    event = await published_event(staff_events.admin, requires_approval=True)
    registration = await apply(
        staff_events.admin, event["event_id"], await staff_events.registry_feed.member()
    )
    assert registration["status"] == "pending_approval"
    door = staff_events.staff((Role.NETWORK_COMMITTEE, "90"))
    refused = await door.client.post(
        f"/v1/registrations/{registration['registration_id']}/check-in"
    )
    assert_problem(refused, 409, "เช็คอินไม่ได้", "รอการอนุมัติ", "pending_approval")
    read = await door.client.get(f"/v1/registrations/{registration['registration_id']}")
    assert read.json()["checked_in_at"] is None


async def test_a_code_for_another_event_is_refused_at_this_door(
    staff_events: StaffEvents,
) -> None:
    event = await published_event(staff_events.admin)
    other = await published_event(staff_events.admin, title_th="อบรมบรรจุภัณฑ์", kind="training")
    registration = await apply(
        staff_events.admin, event["event_id"], await staff_events.registry_feed.member()
    )
    door = staff_events.staff((Role.PROVINCIAL_OFFICER, "90"))
    path = f"/v1/registrations/{registration['registration_id']}/check-in"
    wrong = await door.client.post(path, params={"event_id": other["event_id"]})
    assert_problem(wrong, 409, "another event")
    read = await door.client.get(f"/v1/registrations/{registration['registration_id']}")
    assert read.json()["checked_in_at"] is None


async def test_an_official_at_the_door_is_refused_and_told_attendance_is_per_session(
    staff_events: StaffEvents,
) -> None:
    event = await published_event(staff_events.admin, **training(started=True))
    added = await staff_events.admin.post(
        f"/v1/events/{event['event_id']}/participants", json=person("official", "ก", "9001")
    )
    assert added.status_code == 201, added.text
    path = f"/v1/registrations/{added.json()['registration_id']}/check-in"
    refused = await staff_events.admin.post(path, params={"event_id": event["event_id"]})
    body = assert_problem(refused, 409, "บันทึกการเข้าร่วมรายหัวข้อ", "per session")
    assert body["participant_kind"] == "official"
    stored = await staff_events.admin.get(f"/v1/registrations/{added.json()['registration_id']}")
    assert stored.json()["checked_in_at"] is None
