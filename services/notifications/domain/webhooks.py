"""Partner webhook subscriptions: what staff see of one, and where its copies go."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Subscription:
    """A subscription as staff see it (never its secret)."""

    subscription_id: uuid.UUID
    url: str
    kinds: list[str]
    description: str | None
    active: bool
    created_at: datetime


@dataclass(frozen=True)
class WebhookTarget:
    """Where a partner copy goes and the secret that signs it."""

    url: str
    secret: str
    active: bool
