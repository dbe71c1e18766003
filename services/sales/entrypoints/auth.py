"""Terminal authentication: `Authorization: Bearer otop_tk_…`. A key with a bad checksum is
refused before any lookup; a revoked key is refused like an unknown one (401). The admin
token on a terminal route, or a terminal's key on a staff route, is known but not allowed
there (403). Failures count towards the limit per address (`shared.http.rate_limit`).

A terminal whose key is verified becomes the request's actor: what it records is its own
doing, carries no staff member's id and goes to no audit trail."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from services.sales.adapters.terminals import authenticate
from services.sales.domain import keys
from services.sales.domain.terminals import Terminal
from shared.http.auth import bearer_token, is_admin_token, require_staff, staff_credential
from shared.http.rate_limit import authentication_failed
from shared.identity.actor import Actor, ActorKind, bind_actor
from shared.service.runtime import runtime_of

_terminal_bearer = HTTPBearer(
    auto_error=False, scheme_name="TerminalKey", description="Terminals: the terminal's API key."
)
_staff_or_terminal_bearer = HTTPBearer(
    auto_error=False,
    scheme_name="StaffOrTerminal",
    description=(
        "Staff: a staff token or the admin token; or a terminal's API key (its own records only)."
    ),
)

NOT_A_KEY = (
    f"this is not a terminal key (they start with {keys.PREFIX} and carry a checksum); "
    "check it for a typo"
)
UNKNOWN_KEY = "the terminal key is not valid or was revoked"


@dataclass(frozen=True)
class Caller:
    """Who reads: staff (a staff token or the admin token) or one terminal."""

    terminal: Terminal | None

    @property
    def is_staff(self) -> bool:
        return self.terminal is None


async def _terminal_of(request: Request, token: str) -> Terminal | None:
    if not keys.well_formed(token):
        return None
    async with runtime_of(request.app).pool.acquire() as conn:
        found = await authenticate(conn, keys.key_hash(token))
    return found.terminal if found is not None else None


async def _authenticated_terminal(request: Request, token: str) -> Terminal:
    if not keys.well_formed(token):
        raise authentication_failed(request, NOT_A_KEY)
    terminal = await _terminal_of(request, token)
    if terminal is None:
        raise authentication_failed(request, UNKNOWN_KEY)
    bind_actor(Actor(ActorKind.TERMINAL, str(terminal.terminal_id)))
    return terminal


async def current_terminal(
    request: Request,
    credentials: HTTPAuthorizationCredentials | None = Depends(_terminal_bearer),
) -> Terminal:
    token = bearer_token(request, credentials)
    staff = staff_credential(request, token)
    if staff is not None:
        what = "the admin token" if staff.kind is ActorKind.OPERATOR else "a staff token"
        raise HTTPException(
            403,
            "เส้นทางนี้สำหรับเครื่องขายเท่านั้น / this route is for sales terminals (their API "
            f"key); {what} is not allowed here",
        )
    return await _authenticated_terminal(request, token)


async def staff_or_terminal(
    request: Request,
    credentials: HTTPAuthorizationCredentials | None = Depends(_staff_or_terminal_bearer),
) -> Caller:
    token = bearer_token(request, credentials)
    if token.startswith(keys.PREFIX) and not is_admin_token(request, token):
        return Caller(terminal=await _authenticated_terminal(request, token))
    await require_staff(request, credentials)
    return Caller(terminal=None)


async def credential_kind(request: Request, token: str) -> str | None:
    """ "terminal" when the token is an active terminal key (for 403 on staff routes)."""
    return "terminal" if await _terminal_of(request, token) is not None else None
