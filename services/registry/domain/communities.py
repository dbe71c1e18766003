"""The Nawatwithi community aggregate: an OTOP tourism village, its story and wisdom, its
places and activities, its public contact, photos and member producers.

Pure Python: no I/O. Each change bumps the community's version and returns the event that
says what happened (domain/community_events.py).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from datetime import datetime

from services.registry.domain import community_events as events
from services.registry.domain.members import Member
from shared.contracts.communities import (
    CommunityContact,
    CommunityStatus,
    Photo,
    Place,
    Village,
)
from shared.contracts.registry import MemberStatus
from shared.errors import Conflict, InvalidInput, InvalidTransition

# What `update` may change; everything else changes through its own step.
EDITABLE = frozenset(
    {
        "name_th",
        "name_en",
        "village",
        "story_th",
        "story_en",
        "wisdom_th",
        "wisdom_en",
        "way_of_life_th",
        "way_of_life_en",
        "attractions",
        "activities",
        "contact",
        "photos",
    }
)


@dataclass
class Community:
    community_id: uuid.UUID
    name_th: str
    name_en: str | None
    village: Village
    story_th: str
    story_en: str | None
    wisdom_th: str | None
    wisdom_en: str | None
    way_of_life_th: str | None
    way_of_life_en: str | None
    attractions: list[Place]
    activities: list[Place]
    contact: CommunityContact
    photos: list[Photo]
    status: CommunityStatus
    registered_at: datetime
    member_ids: list[uuid.UUID] = field(default_factory=list)
    version: int = 1
    withdrawn_reason: str | None = None

    @classmethod
    def register(
        cls, *, now: datetime, **details: object
    ) -> tuple[Community, events.CommunityRegistered]:
        unknown = set(details) - EDITABLE
        if unknown:
            raise InvalidInput(f"unknown community fields: {', '.join(sorted(unknown))}")
        community = cls(
            community_id=uuid.uuid4(),
            status=CommunityStatus.ACTIVE,
            registered_at=now,
            **{name: details.get(name) for name in EDITABLE},  # type: ignore[arg-type]
        )
        community.attractions = list(community.attractions or [])
        community.activities = list(community.activities or [])
        community.photos = list(community.photos or [])
        community.contact = community.contact or CommunityContact()
        community._check()
        return community, events.CommunityRegistered(community.copy())

    def copy(self) -> Community:
        return replace(self, member_ids=list(self.member_ids))

    @property
    def district_code(self) -> str:
        return self.village.district_code

    def _check(self) -> None:
        if not self.name_th:
            raise InvalidInput("a community needs its Thai name (name_th)")
        if not self.story_th:
            raise InvalidInput("a community needs its story in Thai (story_th)")
        names = [p.name_th for p in self.attractions] + [p.name_th for p in self.activities]
        repeated = sorted({n for n in names if names.count(n) > 1})
        if repeated:
            raise InvalidInput(
                f"ชื่อสถานที่หรือกิจกรรมซ้ำ / a place or activity is named twice: {', '.join(repeated)}"
            )
        urls = [p.url for p in self.photos]
        if len(set(urls)) != len(urls):
            raise InvalidInput("a photo is listed twice")

    def _still_active(self) -> None:
        if self.status is CommunityStatus.WITHDRAWN:
            raise InvalidTransition("the community was withdrawn; it cannot be changed")

    def update(self, **changes: object) -> events.CommunityDetailsChanged | None:
        """Apply the given field changes; None when nothing actually changed."""
        self._still_active()
        unknown = set(changes) - EDITABLE
        if unknown:
            raise InvalidInput(f"these fields cannot be changed here: {', '.join(sorted(unknown))}")
        changed = sorted(k for k, v in changes.items() if getattr(self, k) != v)
        if not changed:
            return None
        candidate = replace(self, **{k: changes[k] for k in changed})  # type: ignore[arg-type]
        candidate._check()
        if candidate.district_code != self.district_code and self.member_ids:
            raise InvalidTransition(
                "ชุมชนที่มีผู้ผลิตสมาชิกย้ายอำเภอไม่ได้ / a community with member producers "
                "cannot move to another district: its producers leave it first"
            )
        for name in changed:
            setattr(self, name, changes[name])
        self.version += 1
        return events.CommunityDetailsChanged(self.copy(), changed_fields=tuple(changed))

    def join(
        self, member: Member, member_community: uuid.UUID | None
    ) -> events.MemberJoinedCommunity:
        """`member_community`: the community the member belongs to now, if any."""
        self._still_active()
        if member_community == self.community_id or member.member_id in self.member_ids:
            raise Conflict("the member already belongs to this community")
        if member_community is not None:
            raise Conflict(
                "สมาชิกอยู่ในชุมชนอื่นแล้ว / the member already belongs to another community "
                f"({member_community}); it must leave that one first"
            )
        if member.status is MemberStatus.WITHDRAWN or member.erased_at is not None:
            raise InvalidTransition("a withdrawn member cannot join a community")
        if member.site.district_code != self.district_code:
            raise InvalidInput(
                f"ผู้ผลิตต้องอยู่ในอำเภอ{self.village.district_name_th} / the member's "
                f"production site is in district {member.site.district_code}, not in the "
                f"community's district {self.district_code}"
            )
        self.member_ids.append(member.member_id)
        self.version += 1
        return events.MemberJoinedCommunity(self.copy(), member_id=member.member_id)

    def leave(self, member_id: uuid.UUID) -> events.MemberLeftCommunity:
        self._still_active()
        if member_id not in self.member_ids:
            raise Conflict("the member does not belong to this community")
        self.member_ids.remove(member_id)
        self.version += 1
        return events.MemberLeftCommunity(self.copy(), member_id=member_id)

    def withdraw(self, reason: str | None) -> events.CommunityWithdrawn:
        if self.status is CommunityStatus.WITHDRAWN:
            raise InvalidTransition("the community was already withdrawn")
        self.status = CommunityStatus.WITHDRAWN
        self.withdrawn_reason = reason
        # Its producers are free to join another community.
        self.member_ids = []
        self.version += 1
        return events.CommunityWithdrawn(self.copy(), reason=reason)
