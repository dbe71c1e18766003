"""Bearer authentication for staff routes.

Three credentials reach a service's staff routes: the admin token from the environment
(machines and operators), a staff token the web front signed for a staff member (verified
with its public key; its roles and areas travel in it), and, refused here with 403, a
credential the service knows of another kind (a sales terminal's key). The caller becomes
the actor of the request (`shared.identity.actor`), which service layers authorize against
and the unit of work records in the audit trail.

A caller without a valid credential gets 401 (and the failure counts towards the limit per
address, see `shared.http.rate_limit`). A service that knows other credentials says so in its
runtime's async `credential_kind(request, token) -> str | None` (e.g. "terminal", or None).
"""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from shared.http.rate_limit import authentication_failed, refuse_if_limited
from shared.identity.actor import OPERATOR, Actor, authorize, bind_actor
from shared.identity.roles import Action
from shared.identity.tokens import StaffTokenInvalid, looks_like_a_token
from shared.service.runtime import runtime_of

_bearer = HTTPBearer(
    auto_error=False,
    description="Staff: a staff token from the web front's console, or the admin token.",
)

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


def staff_credential(request: Request, token: str) -> Actor | None:
    """The operator or staff member `token` stands for, or None when it is neither (for a
    403 where another kind of credential is expected)."""
    if is_admin_token(request, token):
        return OPERATOR
    verifier = runtime_of(request.app).staff_tokens
    if looks_like_a_token(token) and verifier is not None:
        try:
            return verifier.verify(token)
        except StaffTokenInvalid:
            return None
    return None


async def require_staff(
    request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(_bearer)
) -> Actor:
    """The staff member or operator calling; binds it as the request's actor."""
    token = bearer_token(request, credentials)
    runtime = runtime_of(request.app)
    if is_admin_token(request, token):
        bind_actor(OPERATOR)
        return OPERATOR
    if looks_like_a_token(token) and runtime.staff_tokens is not None:
        try:
            actor = runtime.staff_tokens.verify(token)
        except StaffTokenInvalid as exc:
            raise authentication_failed(request, str(exc)) from exc
        bind_actor(actor)
        return actor
    kind_of: CredentialKind | None = runtime.credential_kind
    kind = await kind_of(request, token) if kind_of is not None else None
    if kind is not None:
        raise HTTPException(
            403,
            "เส้นทางนี้สำหรับเจ้าหน้าที่เท่านั้น / this route is for staff (a staff token or "
            f"the admin token); a {kind} credential is not allowed here",
        )
    raise authentication_failed(request, NOT_VALID)


async def require_admin(actor: Annotated[Actor, Depends(require_staff)]) -> Actor:
    """Operations and privacy requests: the admin token or a platform administrator."""
    authorize(Action.ADMINISTER)
    return actor


def requires(action: Action) -> Callable[..., Awaitable[Actor]]:
    """A route dependency refusing (403) staff whose roles do not allow `action` anywhere;
    the area of the record, where one applies, is checked by the service layer."""

    async def dependency(actor: Annotated[Actor, Depends(require_staff)]) -> Actor:
        if actor.areas_for(action) == []:
            authorize(action)
        return actor

    return dependency


Staff = Annotated[Actor, Depends(require_staff)]
