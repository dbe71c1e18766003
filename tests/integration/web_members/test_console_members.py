"""The console's member pages over HTTP, with the real registry behind the web front."""

from __future__ import annotations

import httpx

from tests.integration.registry.helpers import SITES, register, register_active
from tests.integration.web_members.conftest import Console, csrf_of

MEMBER_FORM = {
    "member_type": "community_group",
    "name_th": "กลุ่มทอผ้าบ้านเกาะยอ",
    "name_en": "Ko Yo Weavers",
    "contact_name": "นางมาลี ศรีสุข",
    "contact_phone": "0812345678",
    "contact_email": "",
    "contact_line_id": "",
    "address_line": "15 หมู่ 2",
    "province_code": "90",
    "district_code": "9001",
    "subdistrict_code": "900106",
    "community_enterprise": "on",
    "community_enterprise_no": "9001-0042",
    "preferred_language": "th",
}


async def _form_post(
    client: httpx.AsyncClient, page: str, action: str, data: dict[str, str]
) -> httpx.Response:
    shown = await client.get(page)
    assert shown.status_code == 200, shown.text
    return await client.post(action, data={**data, "csrf_token": csrf_of(shown.text)})


async def test_a_district_officer_sees_edit_controls_only_for_members_of_the_district(
    registry: httpx.AsyncClient, console: Console
):
    ours = await register(registry, site=SITES["mueang_songkhla"])
    theirs = await register(registry, site=SITES["khon_kaen"], name_th="กลุ่มผ้าไหมขอนแก่น")
    officer = await console("district_officer", "9001")

    own_page = await officer.get(f"/console/members/{ours['member_id']}")
    other_page = await officer.get(f"/console/members/{theirs['member_id']}")

    assert own_page.status_code == 200 and other_page.status_code == 200
    assert 'id="edit-member"' in own_page.text
    assert f"/console/members/{ours['member_id']}/status" in own_page.text
    assert 'id="edit-member"' not in other_page.text
    assert "/status" not in other_page.text
    assert "กลุ่มผ้าไหมขอนแก่น" in other_page.text
    assert f"/console/audit?aggregate_id={theirs['member_id']}" in other_page.text
    own_form = await officer.get(f"/console/members/{ours['member_id']}/edit")
    other_form = await officer.get(f"/console/members/{theirs['member_id']}/edit")
    assert own_form.status_code == 200
    assert other_form.status_code == 403 and "ไม่มีสิทธิ์" in other_form.text


async def test_editing_a_member_outside_the_district_is_refused_with_the_thai_message(
    registry: httpx.AsyncClient, console: Console
):
    theirs = await register(registry, site=SITES["khon_kaen"], name_th="กลุ่มผ้าไหมขอนแก่น")
    officer = await console("district_officer", "9001")
    member_page = await officer.get(f"/console/members/{theirs['member_id']}")

    answer = await officer.post(
        f"/console/members/{theirs['member_id']}/edit",
        data={
            **MEMBER_FORM,
            **SITES["khon_kaen"],
            "name_th": "ชื่อที่ไม่ควรถูกบันทึก",
            "csrf_token": csrf_of(member_page.text),
        },
    )

    assert answer.status_code == 403
    assert "ไม่มีสิทธิ์" in answer.text
    assert 'value="ชื่อที่ไม่ควรถูกบันทึก"' in answer.text  # the entered values are kept
    still = (await registry.get(f"/v1/members/{theirs['member_id']}")).json()
    assert still["name_th"] == "กลุ่มผ้าไหมขอนแก่น"


async def test_a_provincial_officer_registers_a_member_and_lands_on_its_page(console: Console):
    officer = await console("provincial_officer", "90")

    answer = await _form_post(officer, "/console/members/new", "/console/members/new", MEMBER_FORM)

    assert answer.status_code == 303, answer.text
    member_path = answer.headers["location"]
    page = await officer.get(member_path)
    assert "กลุ่มทอผ้าบ้านเกาะยอ" in page.text
    assert "ต.เกาะยอ อ.เมืองสงขลา จ.สงขลา" in page.text
    assert "รอพิจารณา" in page.text
    member_id = member_path.rsplit("/", 1)[1]
    assert f"/console/audit?aggregate_id={member_id}" in page.text


async def test_a_refused_registration_shows_the_problem_beside_the_form_with_the_values_kept(
    console: Console,
):
    officer = await console("provincial_officer", "90")

    answer = await _form_post(
        officer,
        "/console/members/new",
        "/console/members/new",
        {**MEMBER_FORM, "contact_phone": "12345"},
    )

    assert answer.status_code == 422
    assert "ข้อมูลไม่ถูกต้อง" in answer.text
    assert 'value="กลุ่มทอผ้าบ้านเกาะยอ"' in answer.text
    assert 'value="12345"' in answer.text
    assert 'value="900106" selected' in answer.text


async def test_a_post_without_the_csrf_token_changes_nothing(
    registry: httpx.AsyncClient, console: Console
):
    officer = await console("provincial_officer", "90")

    answer = await officer.post("/console/members/new", data=MEMBER_FORM)

    assert answer.status_code == 403
    listed = (await registry.get("/v1/members", params={"q": "เกาะยอ"})).json()
    assert listed["items"] == []


async def test_the_area_picker_lists_the_districts_of_the_chosen_province_in_thai(
    console: Console,
):
    officer = await console("district_officer", "9001")

    picker = await officer.get(
        "/console/areas/picker", params={"province_code": "90", "district_code": "9011"}
    )

    assert picker.status_code == 200
    assert ">เมืองสงขลา (Mueang Songkhla)<" in picker.text
    assert 'value="9011" selected' in picker.text
    assert "คอหงส์" in picker.text  # a subdistrict of Hat Yai
    assert "เมืองขอนแก่น" not in picker.text


async def test_the_member_list_filters_by_district_and_pages(
    registry: httpx.AsyncClient, console: Console
):
    await register(registry, site=SITES["mueang_songkhla"], name_th="กลุ่มเมืองสงขลา")
    await register(registry, site=SITES["hat_yai"], name_th="กลุ่มหาดใหญ่")
    officer = await console("auditor", None)

    page = await officer.get(
        "/console/members", params={"province_code": "90", "district_code": "9011"}
    )

    assert page.status_code == 200
    assert "กลุ่มหาดใหญ่" in page.text and "กลุ่มเมืองสงขลา" not in page.text
    assert "ลงทะเบียนสมาชิกใหม่" not in page.text  # an auditor registers nobody


async def test_an_officer_activates_a_member_and_assigns_a_network_role(
    registry: httpx.AsyncClient, console: Console
):
    member = await register(registry, site=SITES["mueang_songkhla"])
    path = f"/console/members/{member['member_id']}"
    officer = await console("provincial_officer", "90")

    activated = await _form_post(officer, path, f"{path}/status", {"status": "active"})
    assert activated.status_code == 303, activated.text
    assigned = await _form_post(
        officer,
        path,
        f"{path}/roles",
        {
            "person_name": "นางสมศรี ใจดี",
            "role": "district_president",
            "area_code": "9001",
            "term_start": "2026-01-01",
            "term_end": "2028-01-01",
        },
    )

    assert assigned.status_code == 303, assigned.text
    page = await officer.get(path)
    assert "เป็นสมาชิก" in page.text
    assert "ประธานเครือข่ายระดับอำเภอ" in page.text


async def test_a_refused_status_change_shows_the_reason_on_the_member_page(
    registry: httpx.AsyncClient, console: Console
):
    member = await register_active(registry, site=SITES["mueang_songkhla"])
    path = f"/console/members/{member['member_id']}"
    officer = await console("district_officer", "9001")

    answer = await _form_post(officer, path, f"{path}/status", {"status": "pending"})

    assert answer.status_code == 409
    assert "ทำรายการนี้ไม่ได้ในสถานะปัจจุบัน" in answer.text
