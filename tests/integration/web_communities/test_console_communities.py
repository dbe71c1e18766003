"""Staff manage the Nawatwithi communities in the console over the real registry: register
with the DOPA picker's codes and a village number, members join and leave, photos, withdraw;
edit controls only in the community's district, where the registry refuses anyway."""

from __future__ import annotations

import io
import re
from typing import Any

import httpx
from PIL import Image

from tests.integration.registry.community_payloads import community_payload
from tests.integration.registry.helpers import register_active
from tests.integration.web_members.conftest import csrf_of

COMMUNITY_PATH = re.compile(r"/console/communities/([0-9a-f-]{36})$")


def _form(**overrides: Any) -> dict[str, Any]:
    form = {
        "name_th": "ชุมชนท่องเที่ยว OTOP นวัตวิถีบ้านคูเต่า",
        "name_en": "Ban Khu Tao Community",
        "province_code": "90",
        "district_code": "9011",
        "subdistrict_code": "901103",
        "village_no": "3",
        "village_name_th": "บ้านคูเต่า",
        "story_th": "ชุมชนริมคลองอู่ตะเภา ชาวบ้านสานเสื่อกระจูด",
        "attractions": "ตลาดน้ำคลองแห | Khlong Hae floating market | ตลาดน้ำเก่าแก่",
        "activities": "สานเสื่อกระจูด",
        "contact_phone": "074-200-100",
        "contact_line_id": "@khutao",
    }
    form.update(overrides)
    return form


async def _post(client: httpx.AsyncClient, page: str, action: str, data: dict[str, Any]):
    csrf = csrf_of((await client.get(page)).text)
    return await client.post(action, data={**data, "csrf_token": csrf})


async def test_an_officer_registers_a_community_and_its_producers_join_and_leave(
    console, registry: httpx.AsyncClient
):
    member = await register_active(registry)
    officer = await console("district_officer", "9011")

    created = await _post(officer, "/console/communities/new", "/console/communities/new", _form())

    assert created.status_code == 303, created.text
    path = created.headers["location"]
    community_id = COMMUNITY_PATH.search(path)[1]
    stored = (await registry.get(f"/v1/communities/{community_id}")).json()
    assert stored["village"]["village_no"] == 3
    assert stored["attractions"][0] == {
        "name_th": "ตลาดน้ำคลองแห",
        "name_en": "Khlong Hae floating market",
        "description_th": "ตลาดน้ำเก่าแก่",
        "description_en": None,
    }
    page = await officer.get(path)
    assert "หมู่ที่ 3 บ้านคูเต่า ต.คูเต่า อ.หาดใหญ่" in page.text and 'id="join-form"' in page.text

    joined = await _post(officer, path, f"{path}/members", {"member_id": member["member_id"]})
    assert joined.status_code == 303
    assert (await registry.get(f"/v1/communities/{community_id}")).json()["member_ids"] == [
        member["member_id"]
    ]
    left = await _post(officer, path, f"{path}/members/{member['member_id']}/leave", {})
    assert left.status_code == 303
    assert (await registry.get(f"/v1/communities/{community_id}")).json()["member_ids"] == []

    withdrawn = await _post(officer, path, f"{path}/withdraw", {"reason": "ยุบรวมชุมชน"})
    assert withdrawn.status_code == 303
    after = await officer.get(path)
    assert "ยุติแล้ว" in after.text and 'id="join-form"' not in after.text


async def test_a_village_number_out_of_range_is_shown_beside_the_form(console):
    officer = await console("district_officer", "9011")

    refused = await _post(
        officer, "/console/communities/new", "/console/communities/new", _form(village_no="51")
    )

    assert refused.status_code == 422
    assert "village number 51" in refused.text and 'id="community-form"' in refused.text


async def test_an_officer_of_another_district_reads_without_edit_controls_and_is_refused(
    console, registry: httpx.AsyncClient
):
    created = await registry.post("/v1/communities", json=community_payload())
    community_id = created.json()["community_id"]
    path = f"/console/communities/{community_id}"
    outsider = await console("district_officer", "9001")

    page = await outsider.get(path)
    assert page.status_code == 200
    assert f"{path}/edit" not in page.text and 'id="withdraw"' not in page.text

    refused = await _post(outsider, path, f"{path}/withdraw", {"reason": "x"})
    assert refused.status_code == 403
    assert (await registry.get(f"/v1/communities/{community_id}")).json()["status"] == "active"
    photo = await outsider.get(f"{path}/photos")
    assert 'enctype="multipart/form-data"' not in photo.text


async def test_a_photo_uploaded_in_the_console_shows_on_the_public_page(
    console, registry: httpx.AsyncClient
):
    created = await registry.post("/v1/communities", json=community_payload(photos=[]))
    community_id = created.json()["community_id"]
    officer = await console("district_officer", "9011")
    image = io.BytesIO()
    Image.new("RGB", (800, 600), "green").save(image, "JPEG")
    photos_page = f"/console/communities/{community_id}/photos"
    csrf = csrf_of((await officer.get(photos_page)).text)

    uploaded = await officer.post(
        photos_page,
        data={"csrf_token": csrf},
        files={"photo": ("koyo.jpg", image.getvalue(), "image/jpeg")},
    )

    assert uploaded.status_code == 303, uploaded.text
    listed = await officer.get(photos_page)
    [photo_id] = re.findall(r'data-photo-id="([0-9a-f-]{36})"', listed.text)
    public = await officer.get(f"/communities/{community_id}")
    assert public.status_code == 200
    assert f"/photos/{photo_id}/960.webp" in public.text
