"""Staff tokens for the registry's HTTP tests: headers as the web front's console sends them."""

from __future__ import annotations

import uuid

from shared.identity.roles import Grant, Role
from shared.identity.tokens import StaffTokenSigner


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def as_staff(
    signer: StaffTokenSigner, *grants: tuple[Role, str | None], account_id: str | None = None
) -> dict[str, str]:
    """Headers carrying a fresh staff token for an account holding `grants`."""
    account = account_id or str(uuid.uuid4())
    token = signer.sign(account, [Grant(role=role, area=area) for role, area in grants])
    return bearer(token)


HAT_YAI_OFFICER = (Role.DISTRICT_OFFICER, "9011")
MUEANG_SONGKHLA_OFFICER = (Role.DISTRICT_OFFICER, "9001")
SONGKHLA_OFFICER = (Role.PROVINCIAL_OFFICER, "90")
KHON_KAEN_OFFICER = (Role.PROVINCIAL_OFFICER, "40")
SONGKHLA_COMMITTEE = (Role.NETWORK_COMMITTEE, "90")
AUDITOR = (Role.AUDITOR, None)
SHOP_MANAGER = (Role.SHOP_MANAGER, "centre")
ADMINISTRATOR = (Role.ADMINISTRATOR, None)
