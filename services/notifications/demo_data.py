"""Demo notification preferences for a few of the registry's demo members, set through the
notifications API as staff would: one member reads English and prefers e-mail, one keeps
quiet hours at night, one does not want rating notices. Everyone else keeps the defaults
(Thai, LINE → e-mail → SMS). Loads once: a member whose preferences were set is left alone.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import Any

import httpx

CATCH_UP_SECONDS = 60.0

DEMO_PREFERENCES: tuple[dict[str, Any], ...] = (
    {"language": "en", "channels": ["email", "line", "sms"]},
    {"quiet_hours": {"start": "21:00", "end": "07:00"}},
    {"opt_outs": ["product_rated"], "channels": ["line", "sms", "email"]},
)


async def _wait_until_known(client: httpx.AsyncClient, member_id: str) -> None:
    """The contacts read model fills from Kafka: wait (bounded) until it has the member."""
    deadline = asyncio.get_running_loop().time() + CATCH_UP_SECONDS
    while True:
        answer = await client.get(f"/v1/members/{member_id}/preferences")
        if answer.status_code == 200:
            return
        if asyncio.get_running_loop().time() > deadline:
            raise RuntimeError(
                f"the notifications service did not learn of member {member_id} "
                f"within {CATCH_UP_SECONDS:.0f}s"
            )
        await asyncio.sleep(0.5)


async def load_demo_data(registry_url: str, notifications_url: str, admin_token: str) -> int:
    headers = {"Authorization": f"Bearer {admin_token}"}
    async with (
        httpx.AsyncClient(base_url=registry_url, headers=headers, timeout=10) as registry,
        httpx.AsyncClient(base_url=notifications_url, headers=headers, timeout=10) as notify,
    ):
        listed = await registry.get("/v1/members", params={"limit": len(DEMO_PREFERENCES)})
        listed.raise_for_status()
        members = [m["member_id"] for m in listed.json()["items"]]
        loaded = 0
        for member_id, preferences in zip(members, DEMO_PREFERENCES, strict=False):
            await _wait_until_known(notify, member_id)
            current = (await notify.get(f"/v1/members/{member_id}/preferences")).json()
            if current["language"] or current["quiet_hours"] or current["opt_outs"]:
                continue
            answer = await notify.put(f"/v1/members/{member_id}/preferences", json=preferences)
            answer.raise_for_status()
            loaded += 1
        return loaded


async def load_stack_demo(urls: Mapping[str, str], admin_token: str) -> dict[str, int]:
    """The one-machine stack's entry point."""
    count = await load_demo_data(urls["registry"], urls["notifications"], admin_token)
    return {"member preferences": count}
