"""Loading every service's demo data, in topology order, through the services' own APIs."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping

from services.topology import SERVICES


async def load_all_demo_data(
    urls: Mapping[str, str], admin_token: str, say: Callable[[str], None]
) -> None:
    """`urls` maps each service's name to its base URL. A service that already has its
    demo data loads nothing and says so."""
    for spec in SERVICES:
        if spec.demo_loader is None:
            continue
        module, _, function = spec.demo_loader.partition(":")
        load = getattr(importlib.import_module(module), function)
        summary: dict[str, int] = await load(urls, admin_token)
        if any(summary.values()):
            loaded = ", ".join(f"{count} {what}" for what, count in summary.items())
            say(f"demo data loaded into {spec.name}: {loaded}")
        else:
            say(f"demo data: {spec.name} already has its data; nothing loaded")
