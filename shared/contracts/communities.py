"""OTOP Nawatwithi tourism communities (on `registry.communities.v1`, keyed by the
community's id).

Every event carries the community's public page as the change left it (with its `version`),
so a consumer can keep a copy from the events alone and ignore a stale one arriving late.
Nothing here is personal data: the contact is the community's own public channel.
"""

from __future__ import annotations

import uuid
from enum import StrEnum

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from shared.contracts.topics import REGISTRY_COMMUNITIES, EventType


class CommunityStatus(StrEnum):
    ACTIVE = "active"
    WITHDRAWN = "withdrawn"


class _Contract(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class Village(_Contract):
    """The village (หมู่บ้าน) by DOPA subdistrict and village number (หมู่ที่)."""

    province_code: str
    district_code: str
    subdistrict_code: str
    village_no: int = Field(ge=1, le=99)
    village_name_th: str | None = None
    province_name_th: str
    district_name_th: str
    subdistrict_name_th: str
    province_name_en: str
    district_name_en: str
    subdistrict_name_en: str


class Place(_Contract):
    """An attraction (แหล่งท่องเที่ยว) or an activity (กิจกรรม) of the community."""

    name_th: str
    name_en: str | None = None
    description_th: str | None = None
    description_en: str | None = None


class CommunityContact(_Contract):
    """The community's public channel: no person's name."""

    phone: str | None = None
    line_id: str | None = None
    facebook_url: str | None = None
    website_url: str | None = None


class Photo(_Contract):
    """A photo the web front stores; `url` is its path there."""

    url: str
    caption_th: str | None = None
    caption_en: str | None = None


class CommunitySnapshot(_Contract):
    community_id: uuid.UUID
    version: int = Field(ge=1)
    name_th: str
    name_en: str | None = None
    village: Village
    story_th: str
    story_en: str | None = None
    wisdom_th: str | None = None
    wisdom_en: str | None = None
    way_of_life_th: str | None = None
    way_of_life_en: str | None = None
    attractions: list[Place]
    activities: list[Place]
    contact: CommunityContact
    photos: list[Photo]
    # The member producers of the community (a member belongs to at most one).
    member_ids: list[uuid.UUID]
    status: CommunityStatus
    registered_at: AwareDatetime


class CommunityRegistered(CommunitySnapshot):
    """`community.registered` v1: a Nawatwithi community was published."""


class CommunityUpdated(CommunitySnapshot):
    """`community.updated` v1: its names, village, story, wisdom, way of life, attractions,
    activities, contact or photos changed."""

    changed_fields: list[str]


class CommunityMemberJoined(CommunitySnapshot):
    """`community.member_joined` v1: a member producer joined the community."""

    member_id: uuid.UUID


class CommunityMemberLeft(CommunitySnapshot):
    """`community.member_left` v1: a member producer left the community."""

    member_id: uuid.UUID


class CommunityWithdrawn(CommunitySnapshot):
    """`community.withdrawn` v1: the community is no longer published."""

    reason: str | None = None


EVENT_TYPES: tuple[EventType, ...] = (
    EventType(
        "community.registered",
        1,
        REGISTRY_COMMUNITIES,
        CommunityRegistered,
        "A Nawatwithi tourism community was published.",
    ),
    EventType(
        "community.updated",
        1,
        REGISTRY_COMMUNITIES,
        CommunityUpdated,
        "A community's page changed.",
    ),
    EventType(
        "community.member_joined",
        1,
        REGISTRY_COMMUNITIES,
        CommunityMemberJoined,
        "A member producer joined a community.",
    ),
    EventType(
        "community.member_left",
        1,
        REGISTRY_COMMUNITIES,
        CommunityMemberLeft,
        "A member producer left a community.",
    ),
    EventType(
        "community.withdrawn",
        1,
        REGISTRY_COMMUNITIES,
        CommunityWithdrawn,
        "A community is no longer published.",
    ),
)
