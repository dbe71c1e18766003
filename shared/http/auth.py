"""Bearer authentication. Staff use the admin token from the environment.

A caller without a valid credential gets 401 (and the failure counts towards the limit per
address, see `shared.http.rate_limit`); a caller the service knows under another kind of
credential (a sales terminal's key on a staff route) gets 403: known, but not allowed here.
A service that knows other credentials says so in its runtime's async `credential_kind(request,
token) -> str | None` (it names the kind, e.g. "terminal", or None).
"""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from shared.http.rate_limit import authentication_failed, refuse_if_limited
from shared.service.runtime import runtime_of

_bearer = HTTPBearer(auto_error=False, description="Staff: the admin token.")

CredentialKind = Callable[[Request, str], Awaitable[str | None]]

SEND_BEARER = "send Authorization: Bearer <token>"
NOT_VALID = "the token is not valid"


def is_admin_token(request: Request, token: str) -> bool:
    admin = runtime_of(request.app).admin_token
    return hmac.compare_digest(token.encode(), admin.encode())


def bearer_token(request: Request, credentials: HTTPAuthorizationCredentials | None) -> str:
    """The bearer token sent, after the limit per address is checked; 401 when none is."""
    refuse_if_limited(request)
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise authentication_failed(request, SEND_BEARER)
    token = credentials.credentials.strip()
    if not token or any(c.isspace() for c in token):
        raise authentication_failed(request, NOT_VALID)
    return token


async def require_admin(
    request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(_bearer)
) -> None:
    token = bearer_token(request, credentials)
    if is_admin_token(request, token):
        return
    kind_of: CredentialKind | None = runtime_of(request.app).credential_kind
    kind = await kind_of(request, token) if kind_of is not None else None
    if kind is not None:
        raise HTTPException(
            403,
            "เส้นทางนี้สำหรับเจ้าหน้าที่เท่านั้น / this route is for staff (the admin token); "
            f"a {kind} credential is not allowed here",
        )
    raise authentication_failed(request, NOT_VALID)
