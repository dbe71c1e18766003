"""Bearer authentication. Staff use the admin token from the environment."""

from __future__ import annotations

import hmac

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

_bearer = HTTPBearer(auto_error=False, description="Staff: the admin token.")


def _admin_token(request: Request) -> str:
    token: str = request.app.state.admin_token
    return token


async def require_admin(
    request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(_bearer)
) -> None:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise HTTPException(
            401, "send Authorization: Bearer <token>", headers={"WWW-Authenticate": "Bearer"}
        )
    if not hmac.compare_digest(credentials.credentials.encode(), _admin_token(request).encode()):
        raise HTTPException(401, "the token is not valid", headers={"WWW-Authenticate": "Bearer"})
