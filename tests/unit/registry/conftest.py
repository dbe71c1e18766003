from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

import pytest

from services.registry.domain.members import Member
from services.registry.domain.products import Product
from services.registry.service_layer import commands, handlers
from shared.contracts.registry import MemberStatus
from shared.timeutil import BANGKOK
from tests.integration.registry.payloads import member_payload, product_payload
from tests.unit.registry.fakes import FakeRegistryUnitOfWork

FIXED_NOW = datetime(2026, 11, 21, 9, 30, tzinfo=BANGKOK)


def fixed_clock() -> datetime:
    return FIXED_NOW


@pytest.fixture
def uow() -> FakeRegistryUnitOfWork:
    return FakeRegistryUnitOfWork()


RegisterMember = Callable[..., Awaitable[Member]]
ListProduct = Callable[..., Awaitable[Product]]


@pytest.fixture
def register(uow: FakeRegistryUnitOfWork) -> RegisterMember:
    """Register a member through the handler; `status` moves it on afterwards."""

    async def _register(status: MemberStatus = MemberStatus.PENDING, **overrides: Any) -> Member:
        cmd = commands.RegisterMember.model_validate(member_payload(**overrides))
        member = await handlers.register_member(cmd, uow, clock=fixed_clock)
        path = {
            MemberStatus.PENDING: [],
            MemberStatus.ACTIVE: [MemberStatus.ACTIVE],
            MemberStatus.SUSPENDED: [MemberStatus.ACTIVE, MemberStatus.SUSPENDED],
            MemberStatus.WITHDRAWN: [MemberStatus.WITHDRAWN],
        }[status]
        for step in path:
            member = await handlers.change_member_status(
                commands.ChangeMemberStatus(
                    member_id=member.member_id, change=commands.StatusChange(status=step)
                ),
                uow,
            )
        return member

    return _register


@pytest.fixture
def list_product(uow: FakeRegistryUnitOfWork) -> ListProduct:
    async def _list(member: Member, **overrides: Any) -> Product:
        cmd = commands.ListProduct(
            member_id=member.member_id,
            product=commands.ProductInput.model_validate(product_payload(**overrides)),
        )
        return await handlers.list_product(cmd, uow)

    return _list
