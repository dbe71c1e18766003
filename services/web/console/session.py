"""The signed-in staff member of a console request, the session cookie and the CSRF check."""

from __future__ import annotations

import hmac
from urllib.parse import quote

from fastapi import Request

from services.web.console.state import web_state
from services.web.domain.sessions import StaffSession

COOKIE = "otop_session"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
LOGIN_PATH = "/console/login"
PASSWORD_PATH = "/console/password"


class SignInRequired(Exception):
    """No live session: the visitor is sent to the sign-in page (then back to `next`)."""

    def __init__(self, next_path: str) -> None:
        super().__init__(next_path)
        self.next_path = next_path

    @property
    def location(self) -> str:
        return f"{LOGIN_PATH}?next={quote(self.next_path, safe='/')}"


class PasswordChangeRequired(Exception):
    """The account's password was set by an administrator: it is changed before anything."""


class ConsoleRefusal(Exception):
    """A console page refuses (403 by default); shown as a Thai-first page or box."""

    def __init__(self, message: str, status: int = 403) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


def _next_path(request: Request) -> str:
    path = request.url.path
    return f"{path}?{request.url.query}" if request.url.query else path


async def any_session(request: Request) -> StaffSession:
    """The signed-in staff member, even one who must still change the password."""
    found = getattr(request.state, "staff_session", None)
    if found is not None:
        return found
    sign_in, _ = web_state(request).started()
    session = await sign_in.current(request.cookies.get(COOKIE))
    if session is None:
        raise SignInRequired(_next_path(request) if request.method == "GET" else "/console")
    request.state.staff_session = session
    return session


async def signed_in(request: Request) -> StaffSession:
    session = await any_session(request)
    if session.must_change_password:
        raise PasswordChangeRequired()
    return session


async def administrator(request: Request) -> StaffSession:
    session = await signed_in(request)
    if not session.is_administrator:
        raise ConsoleRefusal(
            "หน้านี้สำหรับผู้ดูแลระบบเท่านั้น / this page is for platform administrators only"
        )
    return session


async def csrf_checked(request: Request) -> None:
    """Every console POST carries the session's CSRF token (form field or header)."""
    session = await any_session(request)
    sent = request.headers.get(CSRF_HEADER)
    if not sent:
        content_type = request.headers.get("content-type", "")
        if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            value = (await request.form()).get(CSRF_FIELD)
            sent = value if isinstance(value, str) else None
    if not sent or not hmac.compare_digest(sent.encode(), session.csrf_token.encode()):
        raise ConsoleRefusal(
            "แบบฟอร์มหมดอายุหรือไม่ถูกต้อง โปรดโหลดหน้าใหม่แล้วลองอีกครั้ง / the form has "
            "expired or is not valid (CSRF check); reload the page and try again"
        )
