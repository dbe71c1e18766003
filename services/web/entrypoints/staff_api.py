"""Staff accounts for machines (the demo loader, provisioning): the admin token only."""

from __future__ import annotations

import hmac
import uuid
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, ConfigDict, Field

from services.web.console.state import web_state
from services.web.domain.accounts import StaffAccount
from shared.http.problems import problem_responses
from shared.identity.roles import Grant

_bearer = HTTPBearer(auto_error=False, description="The admin token")

OPERATOR = "admin-token"


def admin_token(
    request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(_bearer)
) -> str:
    expected = web_state(request).settings.admin_token.get_secret_value()
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise HTTPException(401, "send Authorization: Bearer <admin token>")
    if not hmac.compare_digest(credentials.credentials.strip().encode(), expected.encode()):
        raise HTTPException(401, "the token is not valid")
    return OPERATOR


router = APIRouter(
    prefix="/v1/staff",
    tags=["staff accounts"],
    dependencies=[Depends(admin_token)],
    responses=problem_responses(401, 409, 422),
)


class NewStaffAccount(BaseModel):
    model_config = ConfigDict(extra="forbid")

    username: str = Field(min_length=3, max_length=64, examples=["somchai.k"])
    display_name: str = Field(min_length=1, max_length=200, examples=["สมชาย ขยันดี"])
    password: str = Field(min_length=10, max_length=256)
    grants: list[Grant] = Field(default_factory=list)
    must_change_password: bool = Field(
        default=True, description="The staff member chooses a password at first sign-in"
    )


class StaffAccountView(BaseModel):
    id: uuid.UUID
    username: str
    display_name: str
    active: bool
    must_change_password: bool
    locked_until: datetime | None
    grants: list[Grant]
    created_at: datetime | None

    @classmethod
    def of(cls, account: StaffAccount) -> StaffAccountView:
        return cls(
            id=account.id,
            username=account.username,
            display_name=account.display_name,
            active=account.active,
            must_change_password=account.must_change_password,
            locked_until=account.locked_until,
            grants=list(account.grants),
            created_at=account.created_at,
        )


@router.post("", status_code=201, summary="Create a staff account with its roles and areas")
async def create_staff(body: NewStaffAccount, request: Request) -> StaffAccountView:
    _, accounts = web_state(request).started()
    created = await accounts.create(
        username=body.username,
        display_name=body.display_name,
        password=body.password,
        grants=body.grants,
        changed_by=OPERATOR,
        must_change_password=body.must_change_password,
    )
    return StaffAccountView.of(await accounts.get(created.id))


@router.get("", summary="Every staff account")
async def list_staff(request: Request) -> list[StaffAccountView]:
    _, accounts = web_state(request).started()
    return [StaffAccountView.of(a) for a in await accounts.list()]


@router.get("/names", summary="Display names of staff accounts by id (for audit lists)")
async def staff_names(
    request: Request, ids: Annotated[list[uuid.UUID], Query(max_length=500)]
) -> dict[str, str]:
    _, accounts = web_state(request).started()
    return {str(k): v for k, v in (await accounts.names(ids)).items()}
