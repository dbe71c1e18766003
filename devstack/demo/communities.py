"""Demo OTOP Nawatwithi tourism communities of Songkhla, loaded through the registry's API.

A handful of Songkhla's villages (`data/registry_communities.json`) with real DOPA district
and subdistrict codes and village numbers, their story, wisdom and way of life in Thai, the
places and activities a visitor finds there, and the demo members of the village as their
producers. Phone numbers, LINE ids and Facebook pages are fictitious. Loads once: when the
registry already has communities, nothing is loaded; a producer the registry does not hold
is left out.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import httpx

from devstack.demo.client import DemoApi, DemoDataError, demo_api, demo_file

__all__ = ["COMMUNITIES", "DemoDataError", "load_demo_data"]

COMMUNITIES: tuple[dict[str, Any], ...] = tuple(demo_file("registry_communities.json"))


def community_body(record: dict[str, Any]) -> dict[str, Any]:
    """The POST /v1/communities body for one demo community."""
    return {k: v for k, v in record.items() if k not in ("key", "producers")}


async def _member_named(api: DemoApi, name_th: str, province: str) -> str | None:
    found = await api.call(
        "GET", "/v1/members", params={"province": province, "q": name_th, "limit": 50}
    )
    for member in found["items"]:
        if member["name_th"] == name_th and member["status"] != "withdrawn":
            return str(member["member_id"])
    return None


async def _load(api: DemoApi) -> dict[str, int]:
    counts = {"communities": 0, "producers": 0}
    existing = await api.call("GET", "/v1/communities")
    if existing["items"]:
        return counts
    for record in COMMUNITIES:
        created = await api.call("POST", "/v1/communities", community_body(record))
        counts["communities"] += 1
        province = record["village"]["province_code"]
        for name in record.get("producers", ()):
            member_id = await _member_named(api, name, province)
            if member_id is None:
                continue
            await api.call(
                "POST",
                f"/v1/communities/{created['community_id']}/members",
                {"member_id": member_id},
            )
            counts["producers"] += 1
    return counts


async def load_demo_data(
    base_url: str, admin_token: str, *, client: httpx.AsyncClient | None = None
) -> dict[str, int]:
    """Load the demo communities through the registry's API; how many were loaded."""
    async with demo_api(admin_token, client, base_url) as api:
        return await _load(api)


async def load_stack_demo(urls: Mapping[str, str], admin_token: str) -> dict[str, int]:
    """The one-machine stack's entry point: load into the registry at `urls["registry"]`."""
    return await load_demo_data(urls["registry"], admin_token)
