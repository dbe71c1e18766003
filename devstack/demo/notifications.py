"""Demo notification preferences for a few of the registry's demo members, set through the
notifications API as staff would (`data/notifications_preferences.json`): one member reads
English and prefers e-mail, one keeps quiet hours at night, one does not want rating
notices. Everyone else keeps the defaults (Thai, LINE → e-mail → SMS). Loads once: a member
whose preferences were set is left alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from devstack.demo.client import DemoApi, demo_api, demo_file, wait_until

CATCH_UP_SECONDS = 60.0

DEMO_PREFERENCES: tuple[dict[str, Any], ...] = tuple(demo_file("notifications_preferences.json"))


async def _wait_until_known(api: DemoApi, notifications_url: str, member_id: str) -> None:
    """The contacts read model fills from Kafka: wait (bounded) until it has the member."""
    url = f"{notifications_url}/v1/members/{member_id}/preferences"

    async def known() -> bool:
        return (await api.send("GET", url, ok=(404,))).status_code == 200

    await wait_until(
        known,
        patience=CATCH_UP_SECONDS,
        where=url,
        failure=lambda: (
            f"the notifications service did not learn of member {member_id} "
            f"within {CATCH_UP_SECONDS:.0f}s"
        ),
    )


async def load_demo_data(registry_url: str, notifications_url: str, admin_token: str) -> int:
    """Set the demo preferences; returns for how many members they were set now."""
    async with demo_api(admin_token) as api:
        listed = await api.call(
            "GET", f"{registry_url}/v1/members", params={"limit": len(DEMO_PREFERENCES)}
        )
        members = [m["member_id"] for m in listed["items"]]
        loaded = 0
        for member_id, preferences in zip(members, DEMO_PREFERENCES, strict=False):
            await _wait_until_known(api, notifications_url, member_id)
            url = f"{notifications_url}/v1/members/{member_id}/preferences"
            current = await api.call("GET", url)
            if current["language"] or current["quiet_hours"] or current["opt_outs"]:
                continue
            await api.call("PUT", url, preferences)
            loaded += 1
        return loaded


async def load_stack_demo(urls: Mapping[str, str], admin_token: str) -> dict[str, int]:
    """The one-machine stack's entry point."""
    count = await load_demo_data(urls["registry"], urls["notifications"], admin_token)
    return {"member preferences": count}
