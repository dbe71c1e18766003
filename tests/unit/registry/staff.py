"""Staff actors the registry's authorisation tests act as: each role inside and outside
the area of the member they work on (registered in Hat Yai, district 9011 of Songkhla, 90)."""

from __future__ import annotations

import uuid

from shared.identity.actor import Actor, ActorKind
from shared.identity.roles import Grant, Role


def staff(*grants: tuple[Role, str | None]) -> Actor:
    return Actor(
        ActorKind.STAFF,
        str(uuid.uuid4()),
        tuple(Grant(role=role, area=area) for role, area in grants),
    )


MEMBERS_DISTRICT = "9011"  # Hat Yai, where the default member's site lies
MEMBERS_PROVINCE = "90"  # Songkhla

# Who may manage a member of Hat Yai (and its products and ratings), and who may not.
MAY_MANAGE_THE_MEMBER: dict[str, Actor] = {
    "district officer of Hat Yai": staff((Role.DISTRICT_OFFICER, "9011")),
    "provincial officer of Songkhla": staff((Role.PROVINCIAL_OFFICER, "90")),
    "administrator": staff((Role.ADMINISTRATOR, None)),
}
MAY_NOT_MANAGE_THE_MEMBER: dict[str, Actor] = {
    "district officer of Mueang Songkhla": staff((Role.DISTRICT_OFFICER, "9001")),
    "provincial officer of Khon Kaen": staff((Role.PROVINCIAL_OFFICER, "40")),
    "network committee of Songkhla": staff((Role.NETWORK_COMMITTEE, "90")),
    "auditor": staff((Role.AUDITOR, None)),
    "shop manager": staff((Role.SHOP_MANAGER, "centre")),
}
