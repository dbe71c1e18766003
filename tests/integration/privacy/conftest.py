from tests.integration.events.conftest import events, events_dsn, registry_feed
from tests.integration.registry.conftest import registry, registry_dsn

__all__ = ["events", "events_dsn", "registry", "registry_dsn", "registry_feed"]
