"""What the shop pages ask the services: names for ids (members, products, events), the shop's
code and name, and the staff member's rights over the shop."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterable

from fastapi import Request

from services.web.console.kit import ServiceCalls, ServiceProblem, StaffSession
from services.web.console.state import web_state
from shared.identity.roles import Action

DEFAULT_SHOP_CODE = "centre"
DEFAULT_SHOP_NAME = "ศูนย์จำหน่ายสินค้า OTOP / OTOP centre shop"
MOST_LOOKUPS = 60  # names looked up for one page; the rest show their code

# (service, path of one record, its Thai name field)
KINDS = {
    "producer": ("registry", "/v1/members/{}", "name_th"),
    "product": ("registry", "/v1/products/{}", "name_th"),
    "event": ("events", "/v1/events/{}", "title_th"),
}


def shop_code(request: Request) -> str:
    settings = web_state(request).settings
    return str(getattr(settings, "shop_code", None) or DEFAULT_SHOP_CODE)


def shop_name(request: Request) -> str:
    settings = web_state(request).settings
    return str(getattr(settings, "shop_name", None) or DEFAULT_SHOP_NAME)


def sales_url(request: Request) -> str:
    return web_state(request).service_urls["sales"]


def rights(request: Request, session: StaffSession) -> dict[str, bool]:
    code = shop_code(request)
    return {
        "may_run": session.may(Action.RUN_SHOP, code),
        "may_read": session.may(Action.READ_SHOP, code),
    }


async def _one(calls: ServiceCalls, kind: str, key: str) -> tuple[str, str | None]:
    service, path, field = KINDS[kind]
    try:
        uuid.UUID(key)
    except ValueError:
        return key, None
    try:
        found = await calls.get(service, path.format(key))
    except ServiceProblem:
        return key, None
    name = found.get(field) if isinstance(found, dict) else None
    return key, str(name) if name else None


async def names_of(calls: ServiceCalls, kind: str, keys: Iterable[str | None]) -> dict[str, str]:
    """{id: Thai name} for the ids the services know; an unknown id is left out."""
    wanted = sorted({str(k) for k in keys if k})[:MOST_LOOKUPS]
    found = await asyncio.gather(*(_one(calls, kind, key) for key in wanted))
    return {key: name for key, name in found if name}
