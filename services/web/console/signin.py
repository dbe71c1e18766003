"""The console's own pages: sign in, sign out, change password, the dashboard."""

from __future__ import annotations

import hmac
import secrets
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from services.web.console.kit import CsrfChecked, SignedIn, render
from services.web.console.session import COOKIE, any_session
from services.web.console.state import web_state
from services.web.domain.sessions import StaffSession
from services.web.service_layer.signing_in import SignInRefused
from shared.errors import InvalidInput

router = APIRouter(prefix="/console", include_in_schema=False)

LOGIN_CSRF_COOKIE = "otop_login_csrf"


def _safe_next(value: str | None) -> str:
    """Only a path of the console itself: never another site."""
    if not value:
        return "/console"
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or not value.startswith("/console") or "\\" in value:
        return "/console"
    return value


def _address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _login_page(
    request: Request,
    *,
    next_path: str,
    message: str | None = None,
    status: int = 200,
    username: str | None = None,
    notice: str | None = None,
) -> HTMLResponse:
    token = secrets.token_urlsafe(24)
    response = render(
        request,
        "console/login.html",
        {
            "login_csrf": token,
            "next": next_path,
            "message": message,
            "username": username,
            "notice": notice,
        },
        status_code=status,
    )
    settings = web_state(request).settings
    response.set_cookie(
        LOGIN_CSRF_COOKIE,
        token,
        httponly=True,
        samesite="strict",
        path="/console/login",
        secure=settings.cookie_secure,
        max_age=3600,
    )
    return response


@router.get("", response_class=HTMLResponse)
async def dashboard(request: Request, session: SignedIn) -> HTMLResponse:
    return render(request, "console/dashboard.html")


@router.get("/login", response_class=HTMLResponse)
async def login_form(request: Request, next: str | None = None) -> HTMLResponse:
    notice = "ออกจากระบบแล้ว / signed out" if request.query_params.get("out") else None
    return _login_page(request, next_path=_safe_next(next), notice=notice)


@router.post("/login", response_class=HTMLResponse)
async def login(
    request: Request,
    username: Annotated[str, Form(max_length=200)] = "",
    password: Annotated[str, Form(max_length=1000)] = "",
    csrf_token: Annotated[str, Form(max_length=200)] = "",
    next: Annotated[str, Form(max_length=2000)] = "/console",
) -> Response:
    expected = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    next_path = _safe_next(next)
    if not expected or not hmac.compare_digest(csrf_token.encode(), expected.encode()):
        return _login_page(
            request,
            next_path=next_path,
            status=403,
            username=username,
            message="แบบฟอร์มหมดอายุ โปรดลองอีกครั้ง / the form has expired; try again",
        )
    state = web_state(request)
    sign_in, _ = state.started()
    try:
        signed = await sign_in.sign_in(username, password, _address(request))
    except SignInRefused as exc:
        return _login_page(
            request, next_path=next_path, message=exc.detail, status=401, username=username
        )
    target = "/console/password" if signed.session.must_change_password else next_path
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(
        COOKIE,
        signed.cookie_token,
        httponly=True,
        samesite="lax",
        path="/",
        secure=state.settings.cookie_secure,
    )
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/console/login")
    return response


@router.post("/logout", dependencies=[CsrfChecked])
async def logout(request: Request) -> Response:
    sign_in, _ = web_state(request).started()
    await sign_in.sign_out(request.cookies.get(COOKIE))
    response = RedirectResponse("/console/login?out=1", status_code=303)
    response.delete_cookie(COOKIE, path="/")
    return response


AnySession = Annotated[StaffSession, Depends(any_session)]


@router.get("/password", response_class=HTMLResponse)
async def password_form(request: Request, session: AnySession) -> HTMLResponse:
    return render(request, "console/password.html")


@router.post("/password", response_class=HTMLResponse, dependencies=[CsrfChecked])
async def change_password(
    request: Request,
    session: AnySession,
    current_password: Annotated[str, Form(max_length=1000)],
    new_password: Annotated[str, Form(max_length=1000)],
    new_password_again: Annotated[str, Form(max_length=1000)],
) -> Response:
    sign_in, _ = web_state(request).started()
    try:
        if new_password != new_password_again:
            raise InvalidInput("รหัสผ่านใหม่ทั้งสองช่องไม่ตรงกัน / the new passwords differ")
        await sign_in.change_password(session, current_password, new_password)
    except InvalidInput as exc:
        return render(request, "console/password.html", {"message": exc.detail}, status_code=422)
    return RedirectResponse("/console", status_code=303)
