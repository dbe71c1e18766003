"""A Khon Kaen district officer cannot change a Songkhla member: the console shows it no
edit controls, a change pushed through the console's own form is refused, and so is a
change sent straight to the registry's API with the officer's staff token."""

from __future__ import annotations

import json
import uuid

import httpx
from playwright.async_api import expect

from services.topology import REGISTRY
from shared.identity.roles import Grant, Role
from shared.identity.tokens import StaffTokenSigner
from tests.browser.conftest import SignedInPage
from tests.browser.helpers import screenshot
from tests.browser.stack import BrowserStack
from tests.integration.registry.payloads import member_payload


async def a_songkhla_member(stack: BrowserStack) -> str:
    async with httpx.AsyncClient(
        base_url=stack.url(REGISTRY),
        headers={"Authorization": f"Bearer {stack.admin_token}"},
    ) as registry:
        created = await registry.post(
            "/v1/members", json=member_payload(name_th=f"กลุ่มแม่บ้านคูเต่า {uuid.uuid4().hex[:6]}")
        )
        assert created.status_code == 201, created.text
        return str(created.json()["member_id"])


async def test_a_khon_kaen_district_officer_cannot_change_a_songkhla_member(
    signed_in_page: SignedInPage, browser_stack: BrowserStack
) -> None:
    member_id = await a_songkhla_member(browser_stack)
    page = await signed_in_page("khonkaen.district")

    await page.goto(f"/console/members/{member_id}")
    await expect(page.locator("h1")).to_contain_text("กลุ่มแม่บ้านคูเต่า")
    await expect(page.locator("#edit-member")).to_have_count(0)
    await expect(page.get_by_role("button", name="เปลี่ยนสถานะ")).to_have_count(0)
    await screenshot(page, "console-member-outside-area")

    # The console's form, posted anyway with the session's CSRF token: refused.
    csrf = await page.evaluate(
        "() => JSON.parse(document.body.getAttribute('hx-headers') || '{}')['X-CSRF-Token']"
    )
    answer = await page.request.post(
        f"/console/members/{member_id}/edit",
        form={
            "csrf_token": csrf,
            "name_th": "ชื่อที่ไม่ควรเปลี่ยน",
            "contact_name": "นางสมศรี ใจดี",
            "contact_phone": "0812345678",
            "address_line": "99 หมู่ 3",
            "province_code": "90",
            "district_code": "9011",
            "subdistrict_code": "901103",
        },
    )
    assert answer.status == 403, await answer.text()
    assert "ไม่มีสิทธิ์" in await answer.text()

    # Straight to the registry with a staff token for the officer's grant: 403, unchanged.
    keys = json.loads((browser_stack.data_dir / "secrets.json").read_text())
    token = StaffTokenSigner(keys["staff_token_private_key"]).sign(
        uuid.uuid4(), [Grant(role=Role.DISTRICT_OFFICER, area="4001")]
    )
    async with httpx.AsyncClient(base_url=browser_stack.url(REGISTRY)) as registry:
        refused = await registry.patch(
            f"/v1/members/{member_id}",
            json={"name_th": "ชื่อที่ไม่ควรเปลี่ยน"},
            headers={"Authorization": f"Bearer {token}"},
        )
        assert refused.status_code == 403, refused.text
        assert refused.headers["content-type"].startswith("application/problem+json")
        stored = await registry.get(
            f"/v1/members/{member_id}",
            headers={"Authorization": f"Bearer {browser_stack.admin_token}"},
        )
    assert stored.json()["name_th"].startswith("กลุ่มแม่บ้านคูเต่า")
