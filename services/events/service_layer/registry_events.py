"""Handlers of the registry's events: they keep the copy of its members, products and roles,
and withdraw the registrations of a member the registry suspends or withdraws.

Each runs with a unit of work inside the consumer's inbox transaction, so its effects and
the record of the event handled commit together."""

from __future__ import annotations

import uuid
from collections.abc import Mapping

from pydantic import BaseModel

from services.events.service_layer import commands
from services.events.service_layer.registration_handlers import (
    Clock,
    withdraw_member_registrations,
)
from services.events.service_layer.unit_of_work import EventsUnitOfWork
from shared.contracts.registry import (
    MemberErased,
    MemberRegistered,
    MemberSnapshot,
    MemberStatus,
    MemberStatusChanged,
    MemberUpdated,
    ProductDelisted,
    ProductListed,
    ProductRated,
    ProductSnapshot,
    ProductUpdated,
    RoleAssigned,
)
from shared.logging import get_logger
from shared.messaging.bus import EventHandler, EventMetadata
from shared.timeutil import now_bangkok

log = get_logger(__name__)

LEAVING = frozenset({MemberStatus.SUSPENDED, MemberStatus.WITHDRAWN})


async def on_member_described(
    data: MemberSnapshot,
    metadata: EventMetadata,
    uow: EventsUnitOfWork,
    clock: Clock = now_bangkok,
) -> None:
    async with uow:
        await uow.registry.record_member(data)
        await uow.commit()
    await _withdraw_if_leaving(uow, data.member_id, clock)


async def on_member_erased(
    data: MemberErased,
    metadata: EventMetadata,
    uow: EventsUnitOfWork,
    clock: Clock = now_bangkok,
) -> None:
    """The registry erased the member's personal data (PDPA): the copy takes the erased
    names and keeps them; registrations keep their ids and history."""
    async with uow:
        await uow.registry.record_member(data)
        await uow.registry.record_erasure(data.member_id, data.erased_at)
        await uow.commit()
    await _withdraw_if_leaving(uow, data.member_id, clock)


async def on_member_status_changed(
    data: MemberStatusChanged,
    metadata: EventMetadata,
    uow: EventsUnitOfWork,
    clock: Clock = now_bangkok,
) -> None:
    async with uow:
        await uow.registry.record_status(data)
        await uow.commit()
    await _withdraw_if_leaving(uow, data.member_id, clock)


async def _withdraw_if_leaving(uow: EventsUnitOfWork, member_id: uuid.UUID, clock: Clock) -> None:
    """Whatever event said so last (a status change, or a newer snapshot that overtook it),
    a member the copy knows as suspended or withdrawn keeps no open registration."""
    async with uow:
        status = await uow.registry.status_of(member_id)
    if status not in LEAVING:
        return
    withdrawn = await withdraw_member_registrations(
        commands.WithdrawMemberRegistrations(member_id=member_id), uow, clock
    )
    if withdrawn:
        log.info("registrations of a member leaving the network withdrawn", count=withdrawn)


async def on_role_assigned(
    data: RoleAssigned, metadata: EventMetadata, uow: EventsUnitOfWork
) -> None:
    async with uow:
        await uow.registry.record_role(data)
        await uow.commit()


async def on_product_described(
    data: ProductSnapshot, metadata: EventMetadata, uow: EventsUnitOfWork
) -> None:
    async with uow:
        await uow.registry.record_product(data)
        await uow.commit()


async def on_product_rated(
    data: ProductRated, metadata: EventMetadata, uow: EventsUnitOfWork
) -> None:
    async with uow:
        await uow.registry.record_rating(data)
        await uow.commit()


MEMBER_HANDLERS: Mapping[type[BaseModel], EventHandler] = {
    MemberRegistered: on_member_described,
    MemberUpdated: on_member_described,
    MemberErased: on_member_erased,
    MemberStatusChanged: on_member_status_changed,
    RoleAssigned: on_role_assigned,
}

PRODUCT_HANDLERS: Mapping[type[BaseModel], EventHandler] = {
    ProductListed: on_product_described,
    ProductUpdated: on_product_described,
    ProductDelisted: on_product_described,
    ProductRated: on_product_rated,
}
