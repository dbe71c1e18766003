"""Who may list, edit, delist and rate a member's products (the member's district) and who
may assign network offices (the office's area)."""

from __future__ import annotations

from datetime import date

import pytest

from services.registry.domain.members import Member
from services.registry.domain.products import Product
from services.registry.service_layer import commands, handlers
from shared.contracts.registry import MemberStatus, NetworkRole, ProductStatus
from shared.errors import Forbidden
from shared.identity.actor import Actor, acting_as
from shared.identity.roles import Role
from tests.integration.registry.payloads import product_payload
from tests.unit.registry.conftest import ListProduct, RegisterMember
from tests.unit.registry.fakes import FakeRegistryUnitOfWork
from tests.unit.registry.staff import MAY_MANAGE_THE_MEMBER, MAY_NOT_MANAGE_THE_MEMBER, staff

ALLOWED = pytest.mark.parametrize(
    "actor", MAY_MANAGE_THE_MEMBER.values(), ids=MAY_MANAGE_THE_MEMBER.keys()
)
REFUSED = pytest.mark.parametrize(
    "actor", MAY_NOT_MANAGE_THE_MEMBER.values(), ids=MAY_NOT_MANAGE_THE_MEMBER.keys()
)


def _list_cmd(member: Member) -> commands.ListProduct:
    return commands.ListProduct(
        member_id=member.member_id,
        product=commands.ProductInput.model_validate(product_payload(sku="SK-KT-0002")),
    )


def _reprice(product: Product) -> commands.UpdateProduct:
    return commands.UpdateProduct(
        product_id=product.product_id, changes=commands.ProductChanges(price="99.00")
    )


def _rate(product: Product) -> commands.RateProduct:
    return commands.RateProduct(
        product_id=product.product_id,
        rating=commands.RatingInput(round_year=2026, stars=4, rated_on=date(2026, 8, 15)),
    )


def _delist(product: Product) -> commands.DelistProduct:
    return commands.DelistProduct(product_id=product.product_id, reason="เลิกผลิต")


@ALLOWED
async def test_staff_with_the_member_s_district_list_edit_rate_and_delist_its_products(
    uow: FakeRegistryUnitOfWork, register: RegisterMember, list_product: ListProduct, actor: Actor
) -> None:
    member = await register(MemberStatus.ACTIVE)
    product = await list_product(member)
    with acting_as(actor):
        listed = await handlers.list_product(_list_cmd(member), uow)
        await handlers.update_product(_reprice(product), uow)
        await handlers.rate_product(_rate(product), uow)
        await handlers.delist_product(_delist(product), uow)
    assert listed.product_id in uow.state.products
    stored = uow.state.products[product.product_id]
    assert (str(stored.price), stored.stars, stored.status) == ("99.00", 4, ProductStatus.DELISTED)


@REFUSED
async def test_staff_without_the_member_s_district_cannot_touch_its_products(
    uow: FakeRegistryUnitOfWork, register: RegisterMember, list_product: ListProduct, actor: Actor
) -> None:
    member = await register(MemberStatus.ACTIVE)
    product = await list_product(member)
    before = uow.state.products[product.product_id]
    commits = uow.commits
    with acting_as(actor):
        for refused in (
            handlers.list_product(_list_cmd(member), uow),
            handlers.update_product(_reprice(product), uow),
            handlers.rate_product(_rate(product), uow),
            handlers.delist_product(_delist(product), uow),
        ):
            with pytest.raises(Forbidden):
                await refused
    assert list(uow.state.products) == [product.product_id]
    assert uow.state.products[product.product_id] == before
    assert uow.state.ratings == {}
    assert uow.commits == commits


def _assign(member: Member, role: NetworkRole, district: str | None) -> commands.AssignRole:
    return commands.AssignRole(
        member_id=member.member_id,
        person_name="นายประสิทธิ์ รักษ์ถิ่น",
        role=role,
        province_code="90",
        district_code=district,
        term_start=date(2025, 1, 1),
        term_end=date(2027, 1, 1),
    )


@pytest.mark.parametrize(
    ("actor", "role", "district"),
    [
        (staff((Role.PROVINCIAL_OFFICER, "90")), NetworkRole.PROVINCIAL_PRESIDENT, None),
        (staff((Role.PROVINCIAL_OFFICER, "90")), NetworkRole.DISTRICT_PRESIDENT, "9011"),
        (staff((Role.ADMINISTRATOR, None)), NetworkRole.PROVINCIAL_PRESIDENT, None),
    ],
    ids=["provincial officer, province office", "provincial officer, district", "administrator"],
)
async def test_staff_with_the_office_s_area_assign_it(
    uow: FakeRegistryUnitOfWork,
    register: RegisterMember,
    actor: Actor,
    role: NetworkRole,
    district: str | None,
) -> None:
    member = await register(MemberStatus.ACTIVE)
    with acting_as(actor):
        assignment = await handlers.assign_role(_assign(member, role, district), uow)
    assert uow.state.roles == [assignment]


@pytest.mark.parametrize(
    ("actor", "role", "district"),
    [
        (staff((Role.PROVINCIAL_OFFICER, "40")), NetworkRole.PROVINCIAL_PRESIDENT, None),
        (staff((Role.DISTRICT_OFFICER, "9011")), NetworkRole.DISTRICT_PRESIDENT, "9011"),
        (staff((Role.DISTRICT_OFFICER, "9011")), NetworkRole.PROVINCIAL_PRESIDENT, None),
        (staff((Role.NETWORK_COMMITTEE, "90")), NetworkRole.PROVINCIAL_PRESIDENT, None),
        (staff((Role.AUDITOR, None)), NetworkRole.PROVINCIAL_PRESIDENT, None),
        (staff((Role.SHOP_MANAGER, "centre")), NetworkRole.PROVINCIAL_PRESIDENT, None),
    ],
    ids=[
        "provincial officer of another province",
        "district officer, its own district",
        "district officer, its province",
        "network committee",
        "auditor",
        "shop manager",
    ],
)
async def test_staff_without_the_office_s_area_cannot_assign_it(
    uow: FakeRegistryUnitOfWork,
    register: RegisterMember,
    actor: Actor,
    role: NetworkRole,
    district: str | None,
) -> None:
    member = await register(MemberStatus.ACTIVE)
    with acting_as(actor), pytest.raises(Forbidden) as refused:
        await handlers.assign_role(_assign(member, role, district), uow)
    assert (district or "90") in str(refused.value)
    assert uow.state.roles == []
    assert uow.events_of_type("role.assigned") == []
