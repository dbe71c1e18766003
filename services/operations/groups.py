"""The services' consumer groups and the topics each reads, as declared in their code."""

from __future__ import annotations


def known_consumer_groups() -> dict[str, tuple[str, ...]]:
    """{group id: topics} of every subscriber the services register."""
    from services.events.entrypoints import subscribers as events
    from services.notifications.entrypoints import subscribers as notifications
    from services.sales.entrypoints import subscribers as sales
    from shared.contracts.catalogue import EVENTS_SHOWCASES, REGISTRY_MEMBERS, REGISTRY_PRODUCTS

    groups: dict[str, tuple[str, ...]] = {
        events.MEMBERS_GROUP: (REGISTRY_MEMBERS.name,),
        events.PRODUCTS_GROUP: (REGISTRY_PRODUCTS.name,),
        sales.PRODUCTS_GROUP: (REGISTRY_PRODUCTS.name,),
        sales.EVENTS_GROUP: (EVENTS_SHOWCASES.name,),
    }
    for topic in notifications.CONSUMED_TOPICS:
        groups[notifications.group_id(topic.name)] = (topic.name,)
    return groups
