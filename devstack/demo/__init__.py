"""The demo data: a provincial OTOP network's members, a year of events, a day of shop sales,
a few members' notification preferences and a staff account for each role, as data files
(`data/`) loaded through the services' and the web front's own APIs by one small loader
each."""

from __future__ import annotations

import importlib
from collections.abc import Awaitable, Callable, Mapping
from typing import Protocol


class StackDemoLoader(Protocol):
    def __call__(self, urls: Mapping[str, str], admin_token: str) -> Awaitable[dict[str, int]]: ...


# In this order: each service's data refers to what the ones before it loaded (members
# apply for events, the shop sells members' products, members' preferences are set).
LOADERS: tuple[tuple[str, str], ...] = (
    ("registry", "devstack.demo.registry"),
    ("registry", "devstack.demo.communities"),
    ("events", "devstack.demo.events"),
    ("events", "devstack.demo.trainings"),
    ("events", "devstack.demo.projects"),
    ("sales", "devstack.demo.consignment"),
    ("sales", "devstack.demo.sales"),
    ("sales", "devstack.demo.orders"),
    ("notifications", "devstack.demo.notifications"),
    ("web", "devstack.demo.staff"),
)


async def load_all_demo_data(
    urls: Mapping[str, str], admin_token: str, say: Callable[[str], None]
) -> None:
    """`urls` maps each service's name to its base URL. A service that already has its
    demo data loads nothing and says so."""
    for service, module in LOADERS:
        load: StackDemoLoader = importlib.import_module(module).load_stack_demo
        summary = await load(urls, admin_token)
        if any(summary.values()):
            loaded = ", ".join(f"{count} {what}" for what, count in summary.items())
            say(f"demo data loaded into {service}: {loaded}")
        else:
            say(f"demo data: {service} already has its data; nothing loaded")
