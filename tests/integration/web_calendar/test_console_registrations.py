"""An event's registrations in the console over HTTP: approval, quota usage, the booth plan,
cancelling the event with a reason."""

from __future__ import annotations

import re

from tests.integration.events.staff_calls import apply, published_event
from tests.integration.web_calendar.conftest import Console
from tests.integration.web_calendar.console import signed_in


def text_of(html: str) -> str:
    """What a person reads on the page: the text without tags, spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


async def test_an_officer_approves_a_registration_gives_a_booth_and_sees_the_plan(
    console: Console,
):
    quota = {"label": "กลุ่ม D", "places": 2, "segments": ["D"]}
    event = await published_event(
        console.events, requires_approval=True, capacity=5, quotas=[quota]
    )
    event_id = event["event_id"]
    member_id = await console.registry_feed.member(name_th="วิสาหกิจชุมชนบ้านท่าข้าม", segment="D")
    registration = await apply(console.events, event_id, member_id)
    csrf = await signed_in(console.web, "songkhla.officer")
    page = await console.web.get(f"/console/calendar/{event_id}")
    assert "รออนุมัติ" in page.text and "อนุมัติ / Approve" in page.text
    registration_path = (
        f"/console/calendar/{event_id}/registrations/{registration['registration_id']}"
    )

    approved = await console.web.post(f"{registration_path}/approve", data={"csrf_token": csrf})
    booth = await console.web.post(
        f"/console/calendar/{event_id}/booths/{registration['registration_id']}",
        data={"csrf_token": csrf, "zone": "D", "booth_number": "7"},
    )

    assert approved.status_code == 303 and booth.status_code == 303, booth.text
    stored = await console.events.get(f"/v1/registrations/{registration['registration_id']}")
    assert stored.json()["status"] == "confirmed"
    assert stored.json()["booth"]["zone"] == "D" and stored.json()["booth"]["booth_number"] == 7
    shown = text_of((await console.web.get(f"/console/calendar/{event_id}")).text)
    assert "กลุ่ม D 1 / 2" in shown  # quota usage
    assert "D-7 วิสาหกิจชุมชนบ้านท่าข้าม" in shown  # the booth plan


async def test_an_officer_cancels_an_event_with_a_reason(console: Console):
    event = await published_event(console.events)
    csrf = await signed_in(console.web, "songkhla.officer")

    cancelled = await console.web.post(
        f"/console/calendar/{event['event_id']}/cancel",
        data={"csrf_token": csrf, "reason": "น้ำท่วมสถานที่จัดงาน"},
    )

    assert cancelled.status_code == 303, cancelled.text
    stored = (await console.events.get(f"/v1/events/{event['event_id']}")).json()
    assert stored["status"] == "cancelled" and stored["cancel_reason"] == "น้ำท่วมสถานที่จัดงาน"
    html = (await console.web.get(f"/console/calendar/{event['event_id']}")).text
    assert "ยกเลิกแล้ว" in text_of(html) and "น้ำท่วมสถานที่จัดงาน" in text_of(html)
    assert "/publish" not in html and "/close" not in html and "/cancel" not in html


async def test_a_form_without_the_session_csrf_token_changes_nothing(console: Console):
    event = await published_event(console.events)
    await signed_in(console.web, "songkhla.officer")

    refused = await console.web.post(
        f"/console/calendar/{event['event_id']}/cancel", data={"reason": "ทดลอง"}
    )

    assert refused.status_code == 403
    stored = (await console.events.get(f"/v1/events/{event['event_id']}")).json()
    assert stored["status"] == "published"
