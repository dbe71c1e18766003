"""An in-memory community repository beside the registry's fakes: the fake unit of work
with communities as well."""

from __future__ import annotations

import copy
import uuid
from dataclasses import dataclass, field

from services.registry.adapters import community_events  # noqa: F401 (publishes communities)
from services.registry.domain.communities import Community
from tests.unit.registry.fakes import FakeRegistryUnitOfWork, FakeState


@dataclass
class CommunityState(FakeState):
    communities: dict[uuid.UUID, Community] = field(default_factory=dict)


class FakeCommunityRepository:
    def __init__(self, state: CommunityState) -> None:
        self._state = state

    async def add(self, community: Community) -> None:
        assert community.community_id not in self._state.communities
        self._state.communities[community.community_id] = copy.deepcopy(community)

    async def get(self, community_id: uuid.UUID, *, for_update: bool = False) -> Community | None:
        found = self._state.communities.get(community_id)
        return copy.deepcopy(found) if found is not None else None

    async def save(self, community: Community) -> None:
        assert community.community_id in self._state.communities, "saved before it was added"
        self._state.communities[community.community_id] = copy.deepcopy(community)

    async def community_of_member(self, member_id: uuid.UUID) -> uuid.UUID | None:
        for community in self._state.communities.values():
            if member_id in community.member_ids:
                return community.community_id
        return None


class FakeCommunityUnitOfWork(FakeRegistryUnitOfWork):
    def __init__(self) -> None:
        super().__init__(CommunityState())

    async def _begin(self) -> None:
        await super()._begin()
        assert isinstance(self._working, CommunityState)
        self.communities = FakeCommunityRepository(self._working)
