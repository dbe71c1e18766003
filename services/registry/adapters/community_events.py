"""How community events are published: each maps to its public contract model
(shared/contracts/communities.py), registered with the registry's `to_contract`."""

from __future__ import annotations

from typing import Any

from services.registry.adapters.contract_events import to_contract
from services.registry.domain import community_events as events
from services.registry.domain.communities import Community
from shared.contracts import communities as contract


def community_snapshot(community: Community) -> dict[str, Any]:
    """The community's public page as its events carry it."""
    return {
        "community_id": community.community_id,
        "version": community.version,
        "name_th": community.name_th,
        "name_en": community.name_en,
        "village": community.village,
        "story_th": community.story_th,
        "story_en": community.story_en,
        "wisdom_th": community.wisdom_th,
        "wisdom_en": community.wisdom_en,
        "way_of_life_th": community.way_of_life_th,
        "way_of_life_en": community.way_of_life_en,
        "attractions": community.attractions,
        "activities": community.activities,
        "contact": community.contact,
        "photos": community.photos,
        "member_ids": community.member_ids,
        "status": community.status,
        "registered_at": community.registered_at,
    }


@to_contract.register
def _(event: events.CommunityRegistered) -> contract.CommunityRegistered:
    return contract.CommunityRegistered(**community_snapshot(event.community))


@to_contract.register
def _(event: events.CommunityDetailsChanged) -> contract.CommunityUpdated:
    return contract.CommunityUpdated(
        **community_snapshot(event.community), changed_fields=list(event.changed_fields)
    )


@to_contract.register
def _(event: events.MemberJoinedCommunity) -> contract.CommunityMemberJoined:
    return contract.CommunityMemberJoined(
        **community_snapshot(event.community), member_id=event.member_id
    )


@to_contract.register
def _(event: events.MemberLeftCommunity) -> contract.CommunityMemberLeft:
    return contract.CommunityMemberLeft(
        **community_snapshot(event.community), member_id=event.member_id
    )


@to_contract.register
def _(event: events.CommunityWithdrawn) -> contract.CommunityWithdrawn:
    return contract.CommunityWithdrawn(**community_snapshot(event.community), reason=event.reason)
