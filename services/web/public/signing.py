"""What the public pages sign: the cart cookie, and the CSRF token of every public form
(a signed double-submit: the same signed random token in a cookie and in the form, so a
form posted from another site is refused). The key is derived from the web front's admin
token, which only the server knows."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from typing import Any

from fastapi import Request
from fastapi.responses import Response

CSRF_COOKIE = "otop_public_csrf"
CSRF_FIELD = "csrf_token"

FORM_EXPIRED = (
    "แบบฟอร์มหมดอายุหรือไม่ถูกต้อง โปรดโหลดหน้าใหม่แล้วลองอีกครั้ง / the form has expired or "
    "is not valid; reload the page and try again"
)


class FormRefused(Exception):
    """A public form failed its CSRF check (403)."""


def _key(request: Request, purpose: str) -> bytes:
    secret = request.app.state.web.settings.admin_token.get_secret_value().encode()
    return hmac.new(secret, f"otop-public:{purpose}".encode(), hashlib.sha256).digest()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def sign(request: Request, purpose: str, value: Any) -> str:
    body = _b64(json.dumps(value, separators=(",", ":")).encode())
    mac = hmac.new(_key(request, purpose), body.encode(), hashlib.sha256).digest()
    return f"{body}.{_b64(mac)}"


def unsign(request: Request, purpose: str, token: str | None) -> Any:
    """The signed value, or None when the token is missing, altered or not ours."""
    if not token or token.count(".") != 1:
        return None
    body, mac = token.split(".")
    expected = hmac.new(_key(request, purpose), body.encode(), hashlib.sha256).digest()
    try:
        if not hmac.compare_digest(_unb64(mac), expected):
            return None
        return json.loads(_unb64(body))
    except (ValueError, UnicodeDecodeError):
        return None


def csrf_token(request: Request) -> str:
    """The visitor's CSRF token (the cookie's, or a new one set by `keep_csrf`)."""
    existing = request.cookies.get(CSRF_COOKIE)
    if unsign(request, "csrf", existing) is not None:
        return str(existing)
    fresh = getattr(request.state, "public_csrf", None)
    if fresh is None:
        fresh = sign(request, "csrf", secrets.token_urlsafe(18))
        request.state.public_csrf = fresh
    return str(fresh)


def keep_csrf(request: Request, response: Response) -> Response:
    """Set the CSRF cookie when this request made a new token."""
    fresh = getattr(request.state, "public_csrf", None)
    if fresh is not None:
        response.set_cookie(
            CSRF_COOKIE,
            fresh,
            httponly=True,
            samesite="strict",
            secure=request.app.state.web.settings.cookie_secure,
            path="/",
        )
    return response


def check_csrf(request: Request, sent: object) -> None:
    """The form's token equals the cookie's and carries our signature, else FormRefused."""
    cookie = request.cookies.get(CSRF_COOKIE)
    if (
        not isinstance(sent, str)
        or not cookie
        or not hmac.compare_digest(sent.encode(), cookie.encode())
        or unsign(request, "csrf", cookie) is None
    ):
        raise FormRefused(FORM_EXPIRED)
