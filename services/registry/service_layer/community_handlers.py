"""Command handlers for Nawatwithi communities: load, let the domain decide, store it and
its events. A community is managed by those who may manage members in its district
(`Action.MANAGE_MEMBERS`); moving it to another district needs that right there as well."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

from services.registry.domain.communities import Community
from services.registry.domain.villages import resolve_village
from services.registry.service_layer import community_commands as commands
from services.registry.service_layer.unit_of_work import RegistryUnitOfWork
from shared.contracts.communities import CommunityContact, Photo, Place, Village
from shared.errors import NotFound
from shared.identity.actor import authorize
from shared.identity.roles import Action
from shared.messaging.bus import CommandHandler
from shared.timeutil import now_bangkok

Clock = Callable[[], datetime]


def _village(given: commands.VillageInput) -> Village:
    return resolve_village(**given.model_dump())


def _details(given: dict[str, Any], source: commands.Command) -> dict[str, object]:
    """The domain's values of the fields `given` names, read from the command `source`."""
    out: dict[str, object] = {}
    for name in given:
        value = getattr(source, name)
        if name == "village":
            value = _village(value) if value is not None else None
        elif name in ("attractions", "activities"):
            value = [Place(**p.model_dump()) for p in value] if value is not None else None
        elif name == "photos":
            value = [Photo(**p.model_dump()) for p in value] if value is not None else None
        elif name == "contact":
            value = CommunityContact(**value.model_dump()) if value is not None else None
        out[name] = value
    return out


async def register_community(
    cmd: commands.RegisterCommunity, uow: RegistryUnitOfWork, clock: Clock = now_bangkok
) -> Community:
    details = _details(cmd.community.model_dump(), cmd.community)
    village = details["village"]
    assert isinstance(village, Village)
    authorize(Action.MANAGE_MEMBERS, village.district_code)
    async with uow:
        community, event = Community.register(now=clock(), **details)
        await uow.communities.add(community)
        uow.publish(community.community_id, event)
        await uow.commit()
    return community


async def _managed_community(uow: RegistryUnitOfWork, community_id: uuid.UUID) -> Community:
    """The community, locked, once the actor may manage members in its district."""
    community = await uow.communities.get(community_id, for_update=True)
    if community is None:
        raise NotFound(f"there is no community {community_id}")
    authorize(Action.MANAGE_MEMBERS, community.district_code)
    return community


# Fields a community cannot be without: null in a change leaves them as they are.
_REQUIRED = ("name_th", "village", "story_th", "attractions", "activities", "contact", "photos")


async def update_community(cmd: commands.UpdateCommunity, uow: RegistryUnitOfWork) -> Community:
    changes = _details(cmd.changes.model_dump(exclude_unset=True), cmd.changes)
    for required in _REQUIRED:
        if required in changes and changes[required] is None:
            del changes[required]
    async with uow:
        community = await _managed_community(uow, cmd.community_id)
        village = changes.get("village")
        if isinstance(village, Village) and village.district_code != community.district_code:
            authorize(Action.MANAGE_MEMBERS, village.district_code)
        event = community.update(**changes)
        if event is not None:
            await uow.communities.save(community)
            uow.publish(community.community_id, event)
        await uow.commit()
    return community


async def join_community(cmd: commands.JoinCommunity, uow: RegistryUnitOfWork) -> Community:
    async with uow:
        community = await _managed_community(uow, cmd.community_id)
        # The community is locked before the member, as in every community change.
        member = await uow.members.get(cmd.member_id, for_update=True)
        if member is None:
            raise NotFound(f"there is no member {cmd.member_id}")
        current = await uow.communities.community_of_member(member.member_id)
        event = community.join(member, current)
        await uow.communities.save(community)
        uow.publish(community.community_id, event)
        await uow.commit()
    return community


async def leave_community(cmd: commands.LeaveCommunity, uow: RegistryUnitOfWork) -> Community:
    async with uow:
        community = await _managed_community(uow, cmd.community_id)
        event = community.leave(cmd.member_id)
        await uow.communities.save(community)
        uow.publish(community.community_id, event)
        await uow.commit()
    return community


async def withdraw_community(cmd: commands.WithdrawCommunity, uow: RegistryUnitOfWork) -> Community:
    async with uow:
        community = await _managed_community(uow, cmd.community_id)
        event = community.withdraw(cmd.reason)
        await uow.communities.save(community)
        uow.publish(community.community_id, event)
        await uow.commit()
    return community


COMMUNITY_COMMANDS: dict[type[Any], CommandHandler] = {
    commands.RegisterCommunity: register_community,
    commands.UpdateCommunity: update_community,
    commands.JoinCommunity: join_community,
    commands.LeaveCommunity: leave_community,
    commands.WithdrawCommunity: withdraw_community,
}
