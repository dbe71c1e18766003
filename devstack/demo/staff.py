"""Demo staff accounts, one for each role, created through the web front's API with the admin
token (`data/staff.json`): a Songkhla provincial officer, a Mueang Khon Kaen district
officer, a Mukdahan network committee member, the centre shop's manager, an auditor and an
administrator, each with a simple demo password the stack's banner prints. An account that
already exists is left as it is."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import geothai

from devstack.demo.client import demo_api, demo_file
from shared.identity.roles import ROLE_NAMES, Role

# What the centre shop's code stands for (the sales service's SHOP_CODE default).
SHOP_NAMES = {"centre": "ศูนย์จำหน่ายสินค้า OTOP (OTOP centre shop)"}


@dataclass(frozen=True)
class DemoStaff:
    username: str
    name: str
    password: str
    grants: tuple[dict[str, str | None], ...]

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> DemoStaff:
        return cls(
            username=record["username"],
            name=record["name"],
            password=record["password"],
            grants=tuple(record["grants"]),
        )

    @property
    def role(self) -> Role:
        return Role(self.grants[0]["role"])

    @property
    def area(self) -> str | None:
        return self.grants[0]["area"]

    def body(self) -> dict[str, Any]:
        """The web front's `POST /v1/staff` request; the demo password stays the account's
        own (nobody is asked to choose another at first sign-in), as the banner prints it."""
        return {
            "username": self.username,
            "display_name": self.name,
            "password": self.password,
            "grants": [dict(grant) for grant in self.grants],
            "must_change_password": False,
        }

    def describe(self) -> str:
        """Its role and area in Thai first, e.g. 'พัฒนาการจังหวัด (Provincial officer),
        จังหวัดสงขลา (90)'."""
        thai, english = ROLE_NAMES[self.role]
        return f"{thai} ({english}), {area_name(self.area)}"


def area_name(area: str | None) -> str:
    """A grant's area in words: a province, a district with its province, or a shop."""
    if area is None:
        return "ทุกพื้นที่ (every area)"
    if area in SHOP_NAMES:
        return SHOP_NAMES[area]
    if len(area) == 2 and (province := geothai.province(area)) is not None:
        return f"จังหวัด{province.name_th} ({area})"
    if len(area) == 4 and (district := geothai.district(area)) is not None:
        province = geothai.province(district.province_code)
        in_province = f" จังหวัด{province.name_th}" if province is not None else ""
        return f"อำเภอ{district.name_th}{in_province} ({area})"
    return area


DEMO_STAFF: tuple[DemoStaff, ...] = tuple(
    DemoStaff.from_record(record) for record in demo_file("staff.json")
)


def staff_account(username: str) -> DemoStaff:
    """The demo account of that username."""
    for account in DEMO_STAFF:
        if account.username == username:
            return account
    known = ", ".join(a.username for a in DEMO_STAFF)
    raise KeyError(f"no demo staff account {username!r} (known: {known})")


async def load_demo_data(web_url: str, admin_token: str) -> int:
    """Create every demo account the web front does not have yet; returns how many now."""
    created = 0
    async with demo_api(admin_token) as api:
        for account in DEMO_STAFF:
            response = await api.send("POST", f"{web_url}/v1/staff", account.body(), ok=(409,))
            created += response.status_code != 409
    return created


async def load_stack_demo(urls: Mapping[str, str], admin_token: str) -> dict[str, int]:
    """The one-machine stack's entry point."""
    return {"staff accounts": await load_demo_data(urls["web"], admin_token)}
