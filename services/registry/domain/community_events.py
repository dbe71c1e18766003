"""What happened to a Nawatwithi community. Each event carries a copy of the community as
the change left it; adapters/community_events.py says how each is published."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the aggregate imports these events
    from services.registry.domain.communities import Community


@dataclass(frozen=True)
class CommunityRegistered:
    """A community was published."""

    community: Community


@dataclass(frozen=True)
class CommunityDetailsChanged:
    """Its names, village, story, wisdom, way of life, places, contact or photos changed."""

    community: Community
    changed_fields: tuple[str, ...]


@dataclass(frozen=True)
class MemberJoinedCommunity:
    community: Community
    member_id: uuid.UUID


@dataclass(frozen=True)
class MemberLeftCommunity:
    community: Community
    member_id: uuid.UUID


@dataclass(frozen=True)
class CommunityWithdrawn:
    """The community is no longer published."""

    community: Community
    reason: str | None


CommunityEvent = (
    CommunityRegistered
    | CommunityDetailsChanged
    | MemberJoinedCommunity
    | MemberLeftCommunity
    | CommunityWithdrawn
)
