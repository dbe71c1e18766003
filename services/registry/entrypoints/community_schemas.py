"""What the registry's community routes return: the staff record, and the public page with
public fields only."""

from __future__ import annotations

import uuid

from pydantic import AwareDatetime, BaseModel

from services.registry.adapters.community_views import Producer
from services.registry.domain.communities import Community
from shared.contracts.communities import (
    CommunityContact,
    CommunityStatus,
    Photo,
    Place,
    Village,
)
from shared.contracts.registry import MemberType, ProductCategory
from shared.money import Baht


class CommunityOut(BaseModel):
    community_id: uuid.UUID
    version: int
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
    member_ids: list[uuid.UUID]
    status: CommunityStatus
    withdrawn_reason: str | None
    registered_at: AwareDatetime

    @classmethod
    def of(cls, c: Community) -> CommunityOut:
        return cls(**{name: getattr(c, name) for name in cls.model_fields})


class CommunityList(BaseModel):
    items: list[CommunityOut]


class PublicCommunitySummary(BaseModel):
    """A community in the public list."""

    community_id: uuid.UUID
    name_th: str
    name_en: str | None
    village: Village
    story_th: str
    story_en: str | None
    photo: Photo | None
    producer_count: int

    @classmethod
    def of(cls, c: Community, producer_count: int) -> PublicCommunitySummary:
        return cls(
            community_id=c.community_id,
            name_th=c.name_th,
            name_en=c.name_en,
            village=c.village,
            story_th=c.story_th,
            story_en=c.story_en,
            photo=c.photos[0] if c.photos else None,
            producer_count=producer_count,
        )


class PublicCommunityList(BaseModel):
    items: list[PublicCommunitySummary]


class PublicProductOut(BaseModel):
    product_id: uuid.UUID
    name_th: str
    name_en: str | None
    category: ProductCategory
    unit: str
    price: Baht
    stars: int | None


class PublicProducerOut(BaseModel):
    member_id: uuid.UUID
    name_th: str
    name_en: str | None
    member_type: MemberType
    products: list[PublicProductOut]


class PublicCommunity(BaseModel):
    """A community's public page: no version, no staff notes, its active producers and
    their listed products."""

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
    producers: list[PublicProducerOut]

    @classmethod
    def of(cls, c: Community, producers: list[Producer]) -> PublicCommunity:
        fields = {n: getattr(c, n) for n in cls.model_fields if n != "producers"}
        return cls(
            **fields,
            producers=[
                PublicProducerOut(
                    member_id=p.member_id,
                    name_th=p.name_th,
                    name_en=p.name_en,
                    member_type=MemberType(p.member_type),
                    products=[PublicProductOut(**vars(x)) for x in p.products],
                )
                for p in producers
            ],
        )
