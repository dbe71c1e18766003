"""Staff account pages and the staff API: administrators only."""

from __future__ import annotations

from tests.conftest import ADMIN_TOKEN
from tests.integration.web.conftest import Web, create_account, csrf_of, sign_in

PASSWORD = "ยาวพอแล้ว-2569"


async def test_a_staff_member_who_is_not_an_administrator_is_refused(web: Web) -> None:
    await create_account(web, "officer", PASSWORD, [{"role": "provincial_officer", "area": "90"}])
    await sign_in(web, "officer", PASSWORD)

    page = await web.client.get("/console/staff")
    post = await web.client.post(
        "/console/staff",
        data={"csrf_token": await csrf_of(web), "username": "x", "display_name": "x"},
    )

    assert page.status_code == post.status_code == 403
    assert "ผู้ดูแลระบบเท่านั้น" in page.text


async def test_an_administrator_creates_an_account_with_a_grant_and_it_signs_in(web: Web) -> None:
    await create_account(web, "admin", PASSWORD, [{"role": "administrator", "area": None}])
    await sign_in(web, "admin", PASSWORD)

    created = await web.client.post(
        "/console/staff",
        data={
            "csrf_token": await csrf_of(web),
            "username": "Somsri",
            "display_name": "สมศรี ใจดี",
            "password": "เริ่มต้น-ยาวพอ",
            "role": ["district_officer", ""],
            "area": ["4001", ""],
        },
    )

    assert created.status_code == 303
    account = await web.client.get(created.headers["location"])
    assert "สมศรี ใจดี" in account.text and "อ.เมืองขอนแก่น จ.ขอนแก่น" in account.text
    listed = await web.client.get("/v1/staff", headers={"Authorization": f"Bearer {ADMIN_TOKEN}"})
    [somsri] = [a for a in listed.json() if a["username"] == "somsri"]
    assert somsri["grants"] == [{"role": "district_officer", "area": "4001"}]
    assert somsri["must_change_password"] is True


async def test_a_grant_with_an_area_that_does_not_fit_the_role_is_refused(web: Web) -> None:
    await create_account(web, "admin", PASSWORD, [{"role": "administrator", "area": None}])
    await sign_in(web, "admin", PASSWORD)

    answer = await web.client.post(
        "/console/staff",
        data={
            "csrf_token": await csrf_of(web),
            "username": "somsri",
            "display_name": "สมศรี",
            "password": "เริ่มต้น-ยาวพอ",
            "role": "district_officer",
            "area": "90",
        },
    )

    assert answer.status_code == 422
    assert "district code" in answer.text


async def test_a_deactivated_account_loses_its_session(web: Web) -> None:
    officer = await create_account(web, "officer", PASSWORD, [])
    await create_account(web, "admin", PASSWORD, [{"role": "administrator", "area": None}])
    await sign_in(web, "officer", PASSWORD)
    officer_cookie = web.client.cookies["otop_session"]
    web.client.cookies.clear()
    await sign_in(web, "admin", PASSWORD)

    done = await web.client.post(
        f"/console/staff/{officer['id']}/deactivate", data={"csrf_token": await csrf_of(web)}
    )

    assert done.status_code == 303
    web.client.cookies.clear()
    web.client.cookies.set("otop_session", officer_cookie)
    assert (await web.client.get("/console")).status_code == 303


async def test_the_staff_api_needs_the_admin_token_and_gives_names_by_id(web: Web) -> None:
    officer = await create_account(web, "officer", PASSWORD, [])

    refused = await web.client.get("/v1/staff", headers={"Authorization": "Bearer wrong"})
    names = await web.client.get(
        "/v1/staff/names",
        params={"ids": [officer["id"]]},
        headers={"Authorization": f"Bearer {ADMIN_TOKEN}"},
    )

    assert refused.status_code == 401
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert names.json() == {officer["id"]: "คุณ officer"}


async def test_the_health_routes_and_the_thai_font_are_served(web: Web) -> None:
    assert (await web.client.get("/readyz")).json()["checks"] == {"database": "ok"}
    font = await web.client.get("/static/fonts/Sarabun-Regular.ttf")
    assert font.status_code == 200 and font.headers["content-type"] == "font/ttf"
    assert (await web.client.get("/static/fonts/..%2Fsecret.ttf")).status_code == 404
    htmx = await web.client.get("/static/htmx.min.js")
    assert htmx.status_code == 200 and "htmx 2.0.4" in htmx.text[:200]
