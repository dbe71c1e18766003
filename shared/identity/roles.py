"""Staff roles, the area each one is granted, and what each role may do where.

Areas are DOPA codes: a province (2 digits) covers its districts (4) and subdistricts (6),
a district covers its subdistricts. A shop manager's area is a shop's code. Reading the
network's records is open to every staff role; changing them is limited to the role's area.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, model_validator


class Role(StrEnum):
    PROVINCIAL_OFFICER = "provincial_officer"
    DISTRICT_OFFICER = "district_officer"
    NETWORK_COMMITTEE = "network_committee"
    SHOP_MANAGER = "shop_manager"
    AUDITOR = "auditor"
    ADMINISTRATOR = "administrator"


ROLE_NAMES: dict[Role, tuple[str, str]] = {
    Role.PROVINCIAL_OFFICER: ("พัฒนาการจังหวัด", "Provincial officer"),
    Role.DISTRICT_OFFICER: ("พัฒนาการอำเภอ", "District officer"),
    Role.NETWORK_COMMITTEE: ("คณะกรรมการเครือข่าย", "Network committee"),
    Role.SHOP_MANAGER: ("ผู้จัดการร้าน", "Shop manager"),
    Role.AUDITOR: ("ผู้ตรวจสอบ", "Auditor"),
    Role.ADMINISTRATOR: ("ผู้ดูแลระบบ", "Platform administrator"),
}


class Action(StrEnum):
    READ = "read"  # lists and records, the audit trail included
    MANAGE_MEMBERS = "members.manage"  # members, products, ratings: the member's district
    MANAGE_ROLES = "roles.manage"  # network office holders: the office's area
    MANAGE_EVENTS = "events.manage"  # the calendar, booths, quotas: the host province
    MANAGE_REGISTRATIONS = "registrations.manage"  # apply, approve, check in: the host province
    MANAGE_CONTACTS = "contacts.manage"  # a member's notification preferences: its district
    RUN_SHOP = "shop.run"  # terminals, shifts, settlements: the shop
    READ_SHOP = "shop.read"  # the shop's reports: the shop
    ADMINISTER = "administer"  # operations, privacy requests, staff accounts: everywhere


_PROVINCE = re.compile(r"^\d{2}$")
_DISTRICT = re.compile(r"^\d{4}$")
_SHOP = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$")

# The pattern of the area each role is granted; None: the role has no area (everywhere).
_AREA_OF_ROLE: dict[Role, re.Pattern[str] | None] = {
    Role.PROVINCIAL_OFFICER: _PROVINCE,
    Role.DISTRICT_OFFICER: _DISTRICT,
    Role.NETWORK_COMMITTEE: _PROVINCE,
    Role.SHOP_MANAGER: _SHOP,
    Role.AUDITOR: None,
    Role.ADMINISTRATOR: None,
}


class Grant(BaseModel):
    """One role for one area."""

    model_config = ConfigDict(frozen=True)

    role: Role
    area: str | None = None

    @model_validator(mode="after")
    def _area_fits_the_role(self) -> Grant:
        pattern = _AREA_OF_ROLE[self.role]
        if pattern is None:
            if self.area is not None:
                raise ValueError(f"a {self.role.value} has no area")
        elif self.area is None or not pattern.match(self.area):
            kind = {
                _PROVINCE: "a province code (2 digits)",
                _DISTRICT: "a district code (4 digits)",
                _SHOP: "a shop code",
            }[pattern]
            raise ValueError(f"a {self.role.value} is granted {kind}")
        return self


# What each role may do, and over which part of its area: "area" its own area, "province"
# the province its district lies in, "anywhere" with no limit.
_RIGHTS: dict[Role, dict[Action, str]] = {
    Role.PROVINCIAL_OFFICER: {
        Action.READ: "anywhere",
        Action.MANAGE_MEMBERS: "area",
        Action.MANAGE_ROLES: "area",
        Action.MANAGE_EVENTS: "area",
        Action.MANAGE_REGISTRATIONS: "area",
        Action.MANAGE_CONTACTS: "area",
    },
    Role.DISTRICT_OFFICER: {
        Action.READ: "anywhere",
        Action.MANAGE_MEMBERS: "area",
        Action.MANAGE_CONTACTS: "area",
        Action.MANAGE_REGISTRATIONS: "province",
    },
    Role.NETWORK_COMMITTEE: {
        Action.READ: "anywhere",
        Action.MANAGE_EVENTS: "area",
        Action.MANAGE_REGISTRATIONS: "area",
    },
    Role.SHOP_MANAGER: {
        Action.READ: "anywhere",
        Action.RUN_SHOP: "area",
        Action.READ_SHOP: "area",
    },
    Role.AUDITOR: {Action.READ: "anywhere", Action.READ_SHOP: "anywhere"},
    Role.ADMINISTRATOR: {action: "anywhere" for action in Action},
}


def _covers(granted: str, target: str, role: Role) -> bool:
    if role is Role.SHOP_MANAGER:
        return granted == target
    return target.startswith(granted)


def grant_permits(grant: Grant, action: Action, area: str | None) -> bool:
    """Whether one grant allows `action` on something in `area` (None: no particular area,
    e.g. a list; only roles that may act anywhere, or reads, pass)."""
    reach = _RIGHTS[grant.role].get(action)
    if reach is None:
        return False
    if reach == "anywhere":
        return True
    if area is None or grant.area is None:
        return False
    granted = grant.area[:2] if reach == "province" else grant.area
    return _covers(granted, area, grant.role)


def permits(grants: Iterable[Grant], action: Action, area: str | None = None) -> bool:
    return any(grant_permits(grant, action, area) for grant in grants)


def areas_for(grants: Iterable[Grant], action: Action) -> list[str] | None:
    """The areas in which `action` is allowed; None when it is allowed everywhere."""
    areas: list[str] = []
    for grant in grants:
        reach = _RIGHTS[grant.role].get(action)
        if reach is None:
            continue
        if reach == "anywhere" or grant.area is None:
            return None
        areas.append(grant.area[:2] if reach == "province" else grant.area)
    return areas
