"""How the platform's Kafka clients ask for metadata: never creating a topic by asking.

A Kafka metadata request that names topics may let the broker create them with the broker's
own default partition count (`allow_auto_topic_creation`, true unless the client says no;
aiokafka never says no). The embedded broker has no setting to refuse, and after it restarts
empty, a consumer or producer asking for its topic would get one with the wrong number of
partitions. Every aiokafka client in a platform process therefore asks with
`allow_auto_topic_creation=False`; topics are created only by `shared.messaging.topics`, with
the catalogue's partition count.
"""

from __future__ import annotations

from typing import Any

from aiokafka.protocol.metadata import MetadataRequest

_PATCHED = "_otop_refuses_auto_creation"


def refuse_topic_auto_creation() -> None:
    """Make every metadata request of this process refuse topic auto-creation (idempotent)."""
    if getattr(MetadataRequest, _PATCHED, False):
        return
    original = MetadataRequest.__init__

    def __init__(
        self: MetadataRequest,
        topics: list[str] | None = None,
        allow_auto_topic_creation: bool | None = None,
        *args: Any,
        **kwargs: Any,
    ) -> None:
        allow = False if allow_auto_topic_creation is None else allow_auto_topic_creation
        original(self, topics, allow, *args, **kwargs)

    MetadataRequest.__init__ = __init__  # type: ignore[method-assign]
    setattr(MetadataRequest, _PATCHED, True)
