"""Topics created at start-up, idempotently, with a configurable partition count."""

from __future__ import annotations

from collections.abc import Iterable

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import TopicAlreadyExistsError

from shared.contracts.catalogue import TOPICS, Topic
from shared.logging import get_logger

log = get_logger(__name__)


def all_topic_names(topics: Iterable[Topic] = TOPICS) -> list[str]:
    names: list[str] = []
    for topic in topics:
        names += [topic.name, topic.dlq]
    return names


async def ensure_topics(
    bootstrap_servers: str,
    names: Iterable[str],
    *,
    partitions: int = 6,
    replication_factor: int = 1,
) -> list[str]:
    """Create the topics that do not exist yet. Returns the names it created."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap_servers, request_timeout_ms=15000)
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        missing = [n for n in dict.fromkeys(names) if n not in existing]
        if not missing:
            return []
        try:
            response = await admin.create_topics(
                [NewTopic(n, partitions, replication_factor) for n in missing]
            )
        except TopicAlreadyExistsError:
            return []
        created: list[str] = []
        for topic_error in getattr(response, "topic_errors", ()):
            name, code = topic_error[0], topic_error[1]
            if code == 0:
                created.append(name)
            elif code != TopicAlreadyExistsError.errno:
                raise RuntimeError(f"could not create topic {name}: error code {code}")
        if created:
            log.info("topics created", topics=created, partitions=partitions)
        return created
    finally:
        await admin.close()
