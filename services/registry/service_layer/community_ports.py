"""The port the community handlers store communities through; adapters/communities.py
implements it on Postgres."""

from __future__ import annotations

import uuid
from typing import Protocol

from services.registry.domain.communities import Community


class CommunityRepository(Protocol):
    async def add(self, community: Community) -> None: ...
    async def get(
        self, community_id: uuid.UUID, *, for_update: bool = False
    ) -> Community | None: ...
    async def save(self, community: Community) -> None:
        """Store the community and its member producers as they are now."""
        ...

    async def community_of_member(self, member_id: uuid.UUID) -> uuid.UUID | None: ...
