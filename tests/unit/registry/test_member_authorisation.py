"""Who may register and change members: the member's district decides, for every role."""

from __future__ import annotations

import pytest

from services.registry.domain.members import Member
from services.registry.service_layer import commands, handlers
from shared.contracts.registry import MemberStatus
from shared.errors import Forbidden
from shared.identity.actor import Actor, acting_as
from shared.identity.roles import Role
from tests.integration.registry.payloads import member_payload
from tests.unit.registry.conftest import RegisterMember, fixed_clock
from tests.unit.registry.fakes import FakeRegistryUnitOfWork
from tests.unit.registry.staff import MAY_MANAGE_THE_MEMBER, MAY_NOT_MANAGE_THE_MEMBER, staff

ALLOWED = pytest.mark.parametrize(
    "actor", MAY_MANAGE_THE_MEMBER.values(), ids=MAY_MANAGE_THE_MEMBER.keys()
)
REFUSED = pytest.mark.parametrize(
    "actor", MAY_NOT_MANAGE_THE_MEMBER.values(), ids=MAY_NOT_MANAGE_THE_MEMBER.keys()
)

MUEANG_SONGKHLA = {
    "address_line": "12 ถนนนครนอก",
    "province_code": "90",
    "district_code": "9001",
    "subdistrict_code": "900101",
}


def _register_cmd() -> commands.RegisterMember:
    return commands.RegisterMember.model_validate(member_payload())


def _rename(member: Member) -> commands.UpdateMember:
    return commands.UpdateMember(
        member_id=member.member_id,
        changes=commands.MemberChanges(name_th="กลุ่มทอผ้าบ้านคูเต่า"),
    )


def _activate(member: Member) -> commands.ChangeMemberStatus:
    return commands.ChangeMemberStatus(
        member_id=member.member_id,
        change=commands.StatusChange(status=MemberStatus.ACTIVE),
    )


@ALLOWED
async def test_staff_with_the_member_s_district_in_their_area_register_it(
    uow: FakeRegistryUnitOfWork, actor: Actor
) -> None:
    with acting_as(actor):
        member = await handlers.register_member(_register_cmd(), uow, clock=fixed_clock)
    assert member.member_id in uow.state.members
    [registered] = uow.events_of_type("member.registered")
    assert registered.aggregate_id == str(member.member_id)


@REFUSED
async def test_staff_without_the_member_s_district_cannot_register_it(
    uow: FakeRegistryUnitOfWork, actor: Actor
) -> None:
    with acting_as(actor), pytest.raises(Forbidden) as refused:
        await handlers.register_member(_register_cmd(), uow, clock=fixed_clock)
    assert "9011" in str(refused.value)
    assert uow.state.members == {}
    assert uow.committed_events == []


@ALLOWED
async def test_staff_with_the_member_s_district_in_their_area_edit_it_and_change_its_status(
    uow: FakeRegistryUnitOfWork, register: RegisterMember, actor: Actor
) -> None:
    member = await register()
    with acting_as(actor):
        await handlers.update_member(_rename(member), uow)
        await handlers.change_member_status(_activate(member), uow)
    stored = uow.state.members[member.member_id]
    assert stored.name_th == "กลุ่มทอผ้าบ้านคูเต่า"
    assert stored.status is MemberStatus.ACTIVE


@REFUSED
async def test_staff_without_the_member_s_district_can_neither_edit_it_nor_change_its_status(
    uow: FakeRegistryUnitOfWork, register: RegisterMember, actor: Actor
) -> None:
    member = await register()
    commits = uow.commits
    with acting_as(actor):
        with pytest.raises(Forbidden):
            await handlers.update_member(_rename(member), uow)
        with pytest.raises(Forbidden):
            await handlers.change_member_status(_activate(member), uow)
    stored = uow.state.members[member.member_id]
    assert (stored.name_th, stored.status) == (member.name_th, MemberStatus.PENDING)
    assert uow.commits == commits


async def test_a_district_officer_cannot_move_its_member_to_another_district(
    uow: FakeRegistryUnitOfWork, register: RegisterMember
) -> None:
    member = await register()
    move = commands.UpdateMember(
        member_id=member.member_id,
        changes=commands.MemberChanges(site=commands.SiteInput(**MUEANG_SONGKHLA)),
    )
    with acting_as(staff((Role.DISTRICT_OFFICER, "9011"))), pytest.raises(Forbidden) as refused:
        await handlers.update_member(move, uow)
    assert "9001" in str(refused.value)
    assert uow.state.members[member.member_id].site.district_code == "9011"


@pytest.mark.parametrize(
    "actor",
    [
        staff((Role.PROVINCIAL_OFFICER, "90")),
        staff((Role.DISTRICT_OFFICER, "9011"), (Role.DISTRICT_OFFICER, "9001")),
    ],
    ids=["provincial officer of the province", "district officer of both districts"],
)
async def test_staff_with_both_districts_move_a_member_between_them(
    uow: FakeRegistryUnitOfWork, register: RegisterMember, actor: Actor
) -> None:
    member = await register()
    move = commands.UpdateMember(
        member_id=member.member_id,
        changes=commands.MemberChanges(site=commands.SiteInput(**MUEANG_SONGKHLA)),
    )
    with acting_as(actor):
        await handlers.update_member(move, uow)
    assert uow.state.members[member.member_id].site.district_code == "9001"


async def test_only_an_administrator_erases_a_member_s_personal_data(
    uow: FakeRegistryUnitOfWork, register: RegisterMember
) -> None:
    member = await register()
    erase = commands.EraseMember(member_id=member.member_id)
    with acting_as(staff((Role.PROVINCIAL_OFFICER, "90"))), pytest.raises(Forbidden):
        await handlers.erase_member(erase, uow, clock=fixed_clock)
    assert uow.state.members[member.member_id].erased_at is None

    with acting_as(staff((Role.ADMINISTRATOR, None))):
        await handlers.erase_member(erase, uow, clock=fixed_clock)
    assert uow.state.members[member.member_id].erased_at is not None
