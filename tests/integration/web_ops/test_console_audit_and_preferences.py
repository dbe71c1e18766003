"""The console's audit trail and a member's notification preferences over HTTP, with the
real registry and notifications services behind the web front (events and sales are down)."""

from __future__ import annotations

import uuid

from shared.identity.roles import Role
from tests.integration.events.registry_feed import registered
from tests.integration.registry.helpers import SITES, register
from tests.integration.web_calendar.console import staff_member
from tests.integration.web_members.test_console_members import MEMBER_FORM
from tests.integration.web_ops.conftest import Stack, signed_in


async def test_the_audit_page_names_the_staff_member_who_edited_a_member(stack: Stack):
    member = await register(stack.registry, site=SITES["hat_yai"])
    member_id = member["member_id"]
    await staff_member(stack.web, "songkhla.officer", Role.PROVINCIAL_OFFICER, "90")
    csrf = await signed_in(stack.web, "songkhla.officer")

    edited = await stack.web.post(
        f"/console/members/{member_id}/edit",
        data={**MEMBER_FORM, **SITES["hat_yai"], "name_th": "กลุ่มข้าวยำหาดใหญ่", "csrf_token": csrf},
    )
    assert edited.status_code == 303, edited.text

    page = await stack.web.get("/console/audit", params={"aggregate_id": member_id})

    assert page.status_code == 200, page.text
    assert 'id="audit-rows"' in page.text, page.text[page.text.find("<main") :]
    rows = page.text.split('id="audit-rows"', 1)[1]
    assert "เจ้าหน้าที่ songkhla.officer" in rows  # the account's display name
    assert "แก้ไขข้อมูลสมาชิก" in rows and "member updated" in rows
    assert "ผู้ดูแลระบบ (โทเคนผู้ดูแล)" in rows  # the registration made with the admin token
    assert "ลงทะเบียนสมาชิก" in rows
    assert f'href="/console/members/{member_id}"' in rows
    assert "กลุ่มข้าวยำหาดใหญ่" in page.text  # the member by name, not only its id
    assert "2569" in rows or "2570" in rows  # Buddhist-era year
    # events and sales are not running: named as unavailable, the registry's rows still shown
    assert 'data-service="events"' in page.text and 'data-service="sales"' in page.text
    assert 'data-service="registry"' not in page.text


async def test_the_audit_page_lists_what_one_staff_member_did(stack: Stack):
    member = await register(stack.registry, site=SITES["hat_yai"])
    await staff_member(stack.web, "songkhla.officer", Role.PROVINCIAL_OFFICER, "90")
    csrf = await signed_in(stack.web, "songkhla.officer")
    await stack.web.post(
        f"/console/members/{member['member_id']}/edit",
        data={**MEMBER_FORM, **SITES["hat_yai"], "csrf_token": csrf},
    )
    audit = await stack.web.get("/console/audit", params={"aggregate_id": member["member_id"]})
    actor_link = audit.text.split('href="/console/audit?actor_id=', 1)[1].split('"', 1)[0]

    page = await stack.web.get(f"/console/audit?actor_id={actor_link}")

    assert page.status_code == 200
    assert 'id="audit-actor"' in page.text and "เจ้าหน้าที่ songkhla.officer" in page.text
    rows = page.text.split('id="audit-rows"', 1)[1]
    assert "แก้ไขข้อมูลสมาชิก" in rows
    assert "ลงทะเบียนสมาชิก" not in rows  # the admin token's registration is not theirs


async def _member_known_to_notifications(stack: Stack) -> str:
    member = await register(stack.registry, site=SITES["hat_yai"])
    member_id = uuid.UUID(member["member_id"])
    outcome = await stack.notifications_feed.send(member_id, registered(member_id))
    assert outcome is not None
    return str(member_id)


async def test_preferences_outside_the_district_are_refused_with_the_thai_message(stack: Stack):
    member_id = await _member_known_to_notifications(stack)
    await staff_member(stack.web, "khonkaen.district", Role.DISTRICT_OFFICER, "4001")
    csrf = await signed_in(stack.web, "khonkaen.district")
    shown = await stack.web.get(f"/console/notifications/members/{member_id}")
    assert shown.status_code == 200, shown.text
    assert 'id="preferences-form"' not in shown.text  # no form where it may not change them

    answer = await stack.web.post(
        f"/console/notifications/members/{member_id}/preferences",
        data={"csrf_token": csrf, "channel_1": "sms", "language": "en"},
    )

    assert answer.status_code == 403
    assert "ไม่มีสิทธิ์เปลี่ยนการตั้งค่าการแจ้งเตือน" in answer.text
    prefs = await stack.web.get(f"/console/notifications/members/{member_id}")
    assert "1. ไลน์" in prefs.text  # still the default order: LINE first


async def test_a_district_officer_changes_preferences_in_its_district(stack: Stack):
    member_id = await _member_known_to_notifications(stack)
    await staff_member(stack.web, "hatyai.district", Role.DISTRICT_OFFICER, "9011")
    csrf = await signed_in(stack.web, "hatyai.district")
    shown = await stack.web.get(f"/console/notifications/members/{member_id}")
    assert 'id="preferences-form"' in shown.text

    answer = await stack.web.post(
        f"/console/notifications/members/{member_id}/preferences",
        data={
            "csrf_token": csrf,
            "language": "en",
            "channel_1": "sms",
            "channel_2": "email",
            "channel_3": "",
            "opt_out": ["event_reminder"],
            "quiet_start": "22:00",
            "quiet_end": "07:00",
        },
    )

    assert answer.status_code == 303, answer.text
    page = await stack.web.get(answer.headers["location"])
    assert "บันทึกการตั้งค่าแล้ว" in page.text
    channels = page.text.split('id="preferred-channels">', 1)[1].split("</dd>", 1)[0]
    assert channels.index("ข้อความ SMS") < channels.index("อีเมล") and "ไลน์" not in channels
    assert "เตือนก่อนวันกิจกรรม" in page.text and "22:00–07:00" in page.text
    audit = await stack.web.get("/console/audit", params={"aggregate_id": member_id})
    rows = audit.text.split('id="audit-rows"', 1)[1]
    assert "เปลี่ยนการตั้งค่าการแจ้งเตือน" in rows and "เจ้าหน้าที่ hatyai.district" in rows
