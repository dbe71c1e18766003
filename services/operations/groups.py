"""The services' consumer groups and the topics each reads, from the topology."""

from __future__ import annotations

from services.topology import consumer_groups


def known_consumer_groups() -> dict[str, tuple[str, ...]]:
    """{group id: topics} of every subscription the services declare."""
    return {group: (topic.name,) for group, topic in consumer_groups().items()}
