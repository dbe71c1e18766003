"""Staff routes of the members as known here: the copy of the registry's member used for
eligibility (any staff member), and everything held about a member (PDPA: the admin token or
a platform administrator)."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends

from services.events.adapters.members import member_profile
from services.events.adapters.personal_data import personal_data
from services.events.entrypoints.dependencies import Db
from services.events.entrypoints.schemas import MemberProfileOut
from services.privacy.document import PersonalDataHeld
from shared.errors import NotFound
from shared.http.auth import require_admin, require_staff
from shared.timeutil import business_day, now_bangkok

router = APIRouter(prefix="/v1")


@router.get(
    "/members/{member_id}",
    response_model=MemberProfileOut,
    tags=["members"],
    dependencies=[Depends(require_staff)],
)
async def get_member(member_id: uuid.UUID, conn: Db) -> MemberProfileOut:
    """The member as known here from the registry's events (eligibility, segments, stars)."""
    profile = await member_profile(conn, member_id, business_day(now_bangkok()))
    if profile is None:
        raise NotFound(f"member {member_id} is not known to the events service (yet)")
    return MemberProfileOut.of(profile)


@router.get(
    "/members/{member_id}/personal-data",
    response_model=PersonalDataHeld,
    tags=["personal data (PDPA)"],
    dependencies=[Depends(require_admin)],
)
async def member_personal_data(member_id: uuid.UUID, conn: Db) -> PersonalDataHeld:
    """Everything the events service holds about the member (the right to see, PDPA): its
    copy of the registry's member, products and roles, and the member's registrations."""
    held = await personal_data(conn, member_id)
    return PersonalDataHeld(
        service="events", member_id=member_id, exported_at=now_bangkok(), sections=held
    )
