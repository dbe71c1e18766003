"""Handlers of the registry's events: they keep the read model of members, products and
roles, and withdraw the registrations of a member the registry suspends or withdraws.

Each runs in the consumer's transaction, with the inbox record of the event it handles."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

import asyncpg

from services.events.adapters import members as read_model
from services.events.service_layer import commands
from services.events.service_layer.registration_handlers import withdraw_member_registrations
from services.events.service_layer.unit_of_work import PostgresEventsUnitOfWork
from shared.contracts.registry import MemberStatus
from shared.logging import get_logger
from shared.messaging.consumer import Handler
from shared.messaging.envelope import EventEnvelope

log = get_logger(__name__)

LEAVING = frozenset({MemberStatus.SUSPENDED, MemberStatus.WITHDRAWN})


async def member_described(conn: asyncpg.Connection, envelope: EventEnvelope[Any]) -> None:
    await read_model.apply_member_snapshot(conn, envelope.data)
    await _withdraw_if_leaving(conn, envelope.data.member_id)


async def member_erased(conn: asyncpg.Connection, envelope: EventEnvelope[Any]) -> None:
    """The registry erased the member's personal data (PDPA): the read model takes the
    erased names and keeps them; registrations keep their ids and history."""
    await read_model.apply_member_snapshot(conn, envelope.data)
    await read_model.mark_member_erased(conn, envelope.data.member_id, envelope.data.erased_at)
    await _withdraw_if_leaving(conn, envelope.data.member_id)


async def member_status_changed(conn: asyncpg.Connection, envelope: EventEnvelope[Any]) -> None:
    await read_model.apply_member_status(conn, envelope.data)
    await _withdraw_if_leaving(conn, envelope.data.member_id)


async def _withdraw_if_leaving(conn: asyncpg.Connection, member_id: uuid.UUID) -> None:
    """Whatever event said so last (a status change, or a newer snapshot that overtook it),
    a member the model knows as suspended or withdrawn keeps no open registration."""
    if await read_model.member_status(conn, member_id) not in LEAVING:
        return
    withdrawn = await withdraw_member_registrations(
        commands.WithdrawMemberRegistrations(member_id=member_id),
        PostgresEventsUnitOfWork(within=conn),
    )
    if withdrawn:
        log.info("registrations of a member leaving the network withdrawn", count=withdrawn)


async def role_assigned(conn: asyncpg.Connection, envelope: EventEnvelope[Any]) -> None:
    await read_model.add_role(conn, envelope.data)


async def product_described(conn: asyncpg.Connection, envelope: EventEnvelope[Any]) -> None:
    await read_model.apply_product_snapshot(conn, envelope.data)


async def product_rated(conn: asyncpg.Connection, envelope: EventEnvelope[Any]) -> None:
    await read_model.apply_product_rating(conn, envelope.data)


MEMBER_HANDLERS: Mapping[tuple[str, int], Handler] = {
    ("member.registered", 1): member_described,
    ("member.updated", 1): member_described,
    ("member.erased", 1): member_erased,
    ("member.status_changed", 1): member_status_changed,
    ("role.assigned", 1): role_assigned,
}

PRODUCT_HANDLERS: Mapping[tuple[str, int], Handler] = {
    ("product.listed", 1): product_described,
    ("product.updated", 1): product_described,
    ("product.delisted", 1): product_described,
    ("product.rated", 1): product_rated,
}
