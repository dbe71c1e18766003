"""The web front and the events service started together, the console driven over HTTP as a
browser would: staff accounts made through the web front's API, signed in through the login
form, forms posted with the session's CSRF token."""

from __future__ import annotations

import re
from typing import Any

import httpx

from shared.identity.roles import Grant, Role
from tests.conftest import ADMIN_TOKEN

CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')
PASSWORD = "correct horse battery staple"


class ServiceRouter(httpx.AsyncBaseTransport):
    """Sends each request to the in-process app named by the URL's host (http://events/…)."""

    def __init__(self, apps: dict[str, httpx.AsyncBaseTransport]) -> None:
        self._apps = apps

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        transport = self._apps.get(request.url.host)
        if transport is None:
            raise httpx.ConnectError(f"no service at {request.url.host}", request=request)
        return await transport.handle_async_request(request)


async def staff_member(web: httpx.AsyncClient, username: str, role: Role, area: str | None):
    """A staff account with one role (made through the web front's admin API)."""
    body = {
        "username": username,
        "display_name": f"เจ้าหน้าที่ {username}",
        "password": PASSWORD,
        "grants": [Grant(role=role, area=area).model_dump(mode="json")],
        "must_change_password": False,
    }
    response = await web.post(
        "/v1/staff", json=body, headers={"Authorization": f"Bearer {ADMIN_TOKEN}"}
    )
    assert response.status_code == 201, response.text


async def signed_in(web: httpx.AsyncClient, username: str) -> str:
    """Signs in through the login form; the session's CSRF token for the console's forms."""
    form = await web.get("/console/login")
    login_csrf = CSRF_FIELD.search(form.text)
    assert login_csrf, form.text
    answer = await web.post(
        "/console/login",
        data={"username": username, "password": PASSWORD, "csrf_token": login_csrf.group(1)},
    )
    assert answer.status_code == 303, answer.text
    page = await web.get("/console/calendar")
    assert page.status_code == 200, page.text
    token = CSRF_FIELD.search(page.text)
    assert token, page.text
    return token.group(1)


def plan_form(csrf: str, **overrides: Any) -> dict[str, str]:
    """The console's plan-an-event form as a person fills it in (datetime-local fields)."""
    form = {
        "csrf_token": csrf,
        "kind": "showcase",
        "title_th": "มหกรรมสินค้า OTOP สงขลา",
        "title_en": "Songkhla OTOP fair",
        "host_province_code": "90",
        "venue_th": "ลานหน้าศาลากลางจังหวัดสงขลา",
        "starts_at": "2027-03-10T09:00",
        "ends_at": "2027-03-14T18:00",
        "registration_opens_at": "2026-11-01T08:30",
        "registration_closes_at": "2027-03-01T17:00",
        "capacity": "40",
    }
    form.update(overrides)
    return form


def event_id_from(location: str) -> str:
    found = re.fullmatch(r"/console/calendar/([0-9a-f-]{36})", location)
    assert found, location
    return found.group(1)
