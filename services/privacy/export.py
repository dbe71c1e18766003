"""One document of everything the platform holds about a member (the right to see, PDPA).

Each service answers for its own data at `GET /v1/members/{id}/personal-data` (the admin
token or a platform administrator's staff token); services never read each other's tables,
so the document is assembled here from the four answers, one section per service.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Mapping
from typing import Any

import httpx
from pydantic import ValidationError

from services.privacy.document import PersonalDataHeld
from shared.timeutil import now_bangkok

SERVICES: tuple[str, ...] = ("registry", "events", "sales", "notifications")


class MemberNotFound(LookupError):
    """The registry has no such member."""


class ExportFailed(RuntimeError):
    """A service did not answer with its part of the document."""


def personal_data_path(member_id: uuid.UUID) -> str:
    return f"/v1/members/{member_id}/personal-data"


async def _held_by(
    client: httpx.AsyncClient, service: str, base_url: str, member_id: uuid.UUID
) -> PersonalDataHeld:
    url = f"{base_url.rstrip('/')}{personal_data_path(member_id)}"
    try:
        response = await client.get(url)
    except httpx.HTTPError as exc:
        raise ExportFailed(f"{service} ({base_url}) unreachable: {type(exc).__name__}") from exc
    if response.status_code == 404 and service == "registry":
        raise MemberNotFound(f"there is no member {member_id}")
    if response.status_code != 200:
        raise ExportFailed(f"{service} answered HTTP {response.status_code}: {_detail(response)}")
    try:
        held = PersonalDataHeld.model_validate_json(response.content)
    except ValidationError as exc:
        raise ExportFailed(f"{service} answered something other than its personal data") from exc
    if held.member_id != member_id:
        raise ExportFailed(f"{service} answered for member {held.member_id}, not {member_id}")
    return held


def _detail(response: httpx.Response) -> str:
    """The problem document's detail (or title), else the start of the body."""
    try:
        body = response.json()
    except ValueError:
        return response.text[:200]
    if isinstance(body, dict):
        return str(body.get("detail") or body.get("title") or body)[:200]
    return str(body)[:200]


def _staff_client(
    admin_token: str, seconds_per_request: float, transport: httpx.AsyncBaseTransport | None
) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        headers={"Authorization": f"Bearer {admin_token}"},
        timeout=seconds_per_request,
        transport=transport,
    )


async def export_member(
    member_id: uuid.UUID,
    base_urls: Mapping[str, str],
    admin_token: str,
    *,
    seconds_per_request: float = 30.0,
    transport: httpx.AsyncBaseTransport | None = None,
) -> dict[str, Any]:
    """Ask the four services what they hold about the member; one JSON document with a
    section per service. Raises MemberNotFound when the registry does not know the member
    and ExportFailed when any service does not answer: a partial export is never returned."""
    missing = [s for s in SERVICES if s not in base_urls]
    if missing:
        raise ValueError(f"no base URL for {', '.join(missing)}")
    async with _staff_client(admin_token, seconds_per_request, transport) as client:
        answers = await asyncio.gather(
            *(_held_by(client, s, base_urls[s], member_id) for s in SERVICES)
        )
    return {
        "member_id": str(member_id),
        "exported_at": now_bangkok().isoformat(),
        "services": {
            held.service: held.model_dump(mode="json", exclude={"member_id"}) for held in answers
        },
    }


async def request_erasure(
    member_id: uuid.UUID,
    registry_url: str,
    admin_token: str,
    *,
    seconds_per_request: float = 30.0,
    transport: httpx.AsyncBaseTransport | None = None,
) -> dict[str, Any]:
    """Ask the registry to erase the member's personal data (`member.erased` tells the other
    services); returns the member as it reads afterwards. Asking again changes nothing."""
    async with _staff_client(admin_token, seconds_per_request, transport) as client:
        try:
            response = await client.post(
                f"{registry_url.rstrip('/')}/v1/members/{member_id}/erasure"
            )
        except httpx.HTTPError as exc:
            raise ExportFailed(f"registry unreachable: {type(exc).__name__}") from exc
    if response.status_code == 404:
        raise MemberNotFound(f"there is no member {member_id}")
    if response.status_code != 200:
        raise ExportFailed(f"registry answered HTTP {response.status_code}: {_detail(response)}")
    member: dict[str, Any] = response.json()
    return member
