"""A console page calling a service through the kit: a staff token signed for the signed-in
member, the correlation id passed on, and a refusal shown Thai first."""

from __future__ import annotations

import uuid

from tests.integration.web.conftest import Web, create_account, csrf_of, sign_in

PASSWORD = "ยาวพอแล้ว-2569"


async def test_a_page_calls_the_registry_as_the_signed_in_staff_member(web: Web) -> None:
    account = await create_account(
        web, "somchai", PASSWORD, [{"role": "district_officer", "area": "9001"}]
    )
    await sign_in(web, "somchai", PASSWORD)
    correlation = str(uuid.uuid4())

    page = await web.client.get("/console/probe", headers={"X-Correlation-ID": correlation})

    assert page.status_code == 200
    assert page.text == "กลุ่มทอผ้าบ้านนา"
    [call] = web.registry.seen
    assert call["actor"] == account["id"]
    assert [(g.role.value, g.area) for g in call["grants"]] == [("district_officer", "9001")]
    assert call["correlation"] == correlation


async def test_a_service_refusal_is_shown_as_a_thai_first_error_page(web: Web) -> None:
    await create_account(web, "somchai", PASSWORD, [])
    await sign_in(web, "somchai", PASSWORD)

    page = await web.client.post("/console/probe", data={"csrf_token": await csrf_of(web)})

    assert page.status_code == 403
    assert "ไม่มีสิทธิ์ / not allowed in area 40" in page.text
    assert 'class="problem"' in page.text
