"""A signed-in staff member's session: who, with which grants, until when."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from shared.identity.roles import Action, Grant, Role, permits


@dataclass(frozen=True)
class SessionLifetime:
    idle: timedelta = timedelta(minutes=30)
    longest: timedelta = timedelta(hours=12)

    def expired(self, created_at: datetime, last_seen_at: datetime, now: datetime) -> bool:
        return now - last_seen_at >= self.idle or now - created_at >= self.longest


@dataclass(frozen=True)
class StaffSession:
    """The staff member behind a console request."""

    account_id: uuid.UUID
    username: str
    name: str
    grants: tuple[Grant, ...]
    csrf_token: str
    must_change_password: bool = False
    session_id: str = field(default="", repr=False)

    def may(self, action: Action, area: str | None = None) -> bool:
        return permits(self.grants, action, area)

    @property
    def is_administrator(self) -> bool:
        return any(g.role is Role.ADMINISTRATOR for g in self.grants)
