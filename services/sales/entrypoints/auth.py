"""Terminal authentication: `Authorization: Bearer otop_tk_…`. A key with a bad checksum is
refused before any lookup; a revoked key is refused like an unknown one."""

from __future__ import annotations

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from services.sales.adapters.terminals import authenticate
from services.sales.domain import keys
from services.sales.domain.terminals import Terminal

_terminal_bearer = HTTPBearer(
    auto_error=False, scheme_name="TerminalKey", description="Terminals: the terminal's API key."
)


def _refuse(detail: str) -> HTTPException:
    return HTTPException(401, detail, headers={"WWW-Authenticate": "Bearer"})


async def current_terminal(
    request: Request,
    credentials: HTTPAuthorizationCredentials | None = Depends(_terminal_bearer),
) -> Terminal:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise _refuse("send Authorization: Bearer <the terminal's API key>")
    key = credentials.credentials.strip()
    if not keys.well_formed(key):
        raise _refuse(
            f"this is not a terminal key (they start with {keys.PREFIX} and carry a checksum); "
            "check it for a typo"
        )
    async with request.app.state.pool.acquire() as conn:
        found = await authenticate(conn, keys.key_hash(key))
    if found is None:
        raise _refuse("the terminal key is not valid or was revoked")
    return found.terminal
