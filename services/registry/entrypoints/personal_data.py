"""The registry's personal data routes (PDPA): the member's rights to see and to erasure."""

from __future__ import annotations

import uuid

from services.privacy.document import PersonalDataHeld
from services.registry.adapters.personal_data import personal_data
from services.registry.entrypoints.dependencies import Bus, Db, admin_router
from services.registry.entrypoints.schemas import MemberOut
from services.registry.service_layer import commands
from shared.errors import NotFound
from shared.timeutil import now_bangkok

router = admin_router()


@router.get(
    "/members/{member_id}/personal-data",
    response_model=PersonalDataHeld,
    tags=["personal data (PDPA)"],
)
async def member_personal_data(member_id: uuid.UUID, conn: Db) -> PersonalDataHeld:
    """Everything the registry holds about the member: the member's right to see (PDPA)."""
    held = await personal_data(conn, member_id)
    if held is None:
        raise NotFound(f"there is no member {member_id}")
    return PersonalDataHeld(
        service="registry", member_id=member_id, exported_at=now_bangkok(), sections=held
    )


@router.post(
    "/members/{member_id}/erasure", response_model=MemberOut, tags=["personal data (PDPA)"]
)
async def erase_member(member_id: uuid.UUID, bus: Bus) -> MemberOut:
    """Erase the member's personal data on request (PDPA) and publish `member.erased`:
    contact person, phone, e-mail, LINE id, address line, role holders' names and, unless
    the member is a community group, its names. Asking again changes nothing."""
    member = await bus.handle(commands.EraseMember(member_id=member_id))
    return MemberOut.of(member)
