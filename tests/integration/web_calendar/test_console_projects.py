"""A development project run from the console over HTTP: rules set, candidates ticked and
selected, a grant allocated and partly paid (baht, Buddhist-era date), a plan recorded with
the product's stars before, the province's nomination; staff of another province read the
page without its forms."""

from __future__ import annotations

from shared.contracts.registry import DevelopmentSegment, NetworkRole
from shared.timeutil import now_bangkok
from tests.integration.events.staff_calls import published_event
from tests.integration.web_calendar.conftest import Console
from tests.integration.web_calendar.console import signed_in
from tests.integration.web_calendar.test_console_registrations import text_of


async def test_an_officer_runs_a_project_from_selection_to_grants_plans_and_nomination(
    console: Console,
) -> None:
    group = await console.registry_feed.member(
        segment=DevelopmentSegment.D, stars=2, name_th="กลุ่มทอผ้าบ้านควนลัง"
    )
    committee = await console.registry_feed.member(
        segment=None, roles=(NetworkRole.KBO_COMMITTEE,), name_th="กลุ่มกรรมการ KBO สงขลา"
    )
    event = await published_event(
        console.events,
        kind="development_project",
        title_th="พี่สอนน้อง เพื่อนช่วยเพื่อน สงขลา",
        capacity=10,
        budget="100000.00",
    )
    event_id = event["event_id"]
    page_url = f"/console/projects/{event_id}"
    csrf = await signed_in(console.web, "songkhla.officer")
    listed = await console.web.get("/console/projects")
    assert listed.status_code == 200 and event["title_th"] in listed.text

    rules = await console.web.post(
        f"{page_url}/rules",
        data={
            "csrf_token": csrf,
            "segments": "D",
            "network_roles": "kbo_committee",
            "province_codes": "90",
        },
    )
    assert rules.status_code == 303, rules.text
    selected = await console.web.post(
        f"{page_url}/selections",
        data={"csrf_token": csrf, "member_ids": [str(group), str(committee)]},
    )
    assert selected.status_code == 303, selected.text
    allocated = await console.web.post(
        f"{page_url}/grants",
        data={
            "csrf_token": csrf,
            "member_id": str(group),
            "recipient_kind": "group",
            "amount": "50,000.00",
            "purpose_th": "ทุนพัฒนาบรรจุภัณฑ์",
        },
    )
    assert allocated.status_code == 303, allocated.text
    grants = (await console.events.get(f"/v1/projects/{event_id}/grants")).json()["items"]
    today = now_bangkok().date()
    paid = await console.web.post(
        f"{page_url}/grants/{grants[0]['grant_id']}/disbursements",
        data={"csrf_token": csrf, "amount": "20000", "disbursed_on": today.isoformat()},
    )
    assert paid.status_code == 303, paid.text
    plans = (await console.events.get(f"/v1/projects/{event_id}/plans")).json()["items"]
    product = next(p for p in plans if p["member_id"] == str(group))
    planned = await console.web.post(
        f"{page_url}/plans/{product['product_id']}",
        data={
            "csrf_token": csrf,
            "goal_th": "ยกระดับเป็น 4 ดาว",
            "actions": "ออกแบบบรรจุภัณฑ์ใหม่\nขอ มผช.",
            "target_stars": "4",
        },
    )
    assert planned.status_code == 303, planned.text
    nominated = await console.web.post(
        f"{page_url}/nominations",
        data={
            "csrf_token": csrf,
            "product_id": product["product_id"],
            "nominated_by_member_id": str(committee),
        },
    )
    assert nominated.status_code == 303, nominated.text

    page = await console.web.get(page_url)
    assert page.status_code == 200, page.text
    text = text_of(page.text)
    assert "คงเหลือให้จัดสรร / Remaining to allocate 50,000.00 บาท" in text
    assert "เบิกจ่ายแล้ว / Disbursed 20,000.00 บาท" in text
    assert f"{today.year + 543}" in text
    assert "ยกระดับเป็น 4 ดาว" in text and "2 ดาว" in text
    assert "กลุ่มกรรมการ KBO สงขลา" in text
    assert 'name="nominated_by_member_id"' not in page.text  # the province has its product
    assert 'action="/console/projects/' in page.text

    over = await console.web.post(
        f"{page_url}/grants",
        data={
            "csrf_token": csrf,
            "member_id": str(committee),
            "recipient_kind": "member",
            "amount": "50000.01",
            "purpose_th": "เกินงบ",
        },
    )
    assert over.status_code == 409
    assert "50000.00 THB of the budget remain" in text_of(over.text)

    await console.web.post("/console/logout", data={"csrf_token": csrf})
    await signed_in(console.web, "khonkaen.officer")
    read_only = await console.web.get(page_url)
    assert read_only.status_code == 200
    assert "ทุนพัฒนาบรรจุภัณฑ์" in read_only.text
    assert 'action="/console/projects/' not in read_only.text
