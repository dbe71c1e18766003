"""The rules of a Nawatwithi community: its village by DOPA codes and village number, who
may manage it, its member producers (one community each, from its district), withdrawal."""

from __future__ import annotations

from typing import Any

import pytest

from services.registry.domain.communities import Community
from services.registry.service_layer import community_commands as commands
from services.registry.service_layer import community_handlers as handlers
from shared.contracts.communities import CommunityStatus
from shared.contracts.registry import MemberStatus
from shared.errors import Conflict, Forbidden, InvalidInput, InvalidTransition, NotFound
from shared.identity.actor import acting_as
from shared.identity.roles import Role
from tests.integration.registry.community_payloads import KHU_TAO_VILLAGE, community_payload
from tests.unit.registry.community_fakes import FakeCommunityUnitOfWork
from tests.unit.registry.conftest import RegisterMember, fixed_clock
from tests.unit.registry.staff import staff

HAT_YAI_OFFICER = staff((Role.DISTRICT_OFFICER, "9011"))
MUEANG_OFFICER = staff((Role.DISTRICT_OFFICER, "9001"))


@pytest.fixture
def uow() -> FakeCommunityUnitOfWork:
    return FakeCommunityUnitOfWork()


async def _register(uow: FakeCommunityUnitOfWork, **overrides: Any) -> Community:
    cmd = commands.RegisterCommunity(
        community=commands.CommunityInput.model_validate(community_payload(**overrides))
    )
    return await handlers.register_community(cmd, uow, clock=fixed_clock)


async def test_a_registered_community_carries_its_village_names_in_thai_and_english(uow):
    community = await _register(uow)

    village = community.village
    assert (village.subdistrict_name_th, village.district_name_th) == ("คูเต่า", "หาดใหญ่")
    assert (village.province_name_en, village.village_no) == ("Songkhla", 3)
    [event] = uow.events_of_type("community.registered")
    assert event.data.village.subdistrict_name_en == "Khu Tao"
    assert event.aggregate_id == str(community.community_id)


@pytest.mark.parametrize(
    "village, says",
    [
        ({"subdistrict_code": "900106"}, "is not in district 9011"),
        ({"district_code": "4001", "subdistrict_code": "400101"}, "is not in province 90"),
        ({"subdistrict_code": "901199"}, "there is no subdistrict"),
        ({"province_code": "99"}, "there is no province"),
        ({"village_no": 51}, "village number 51"),
    ],
)
async def test_a_village_outside_the_dopa_reference_is_refused(uow, village, says):
    with pytest.raises(InvalidInput, match=says):
        await _register(uow, village={**KHU_TAO_VILLAGE, **village})
    assert uow.commits == 0


def test_a_village_number_below_one_is_refused_as_input():
    with pytest.raises(ValueError, match="village_no"):
        commands.CommunityInput.model_validate(
            community_payload(village={**KHU_TAO_VILLAGE, "village_no": 0})
        )


async def test_an_officer_of_another_district_may_not_register_the_community(uow):
    with acting_as(MUEANG_OFFICER), pytest.raises(Forbidden):
        await _register(uow)
    with acting_as(HAT_YAI_OFFICER):
        await _register(uow)
    assert uow.commits == 1


async def test_a_place_named_twice_is_refused(uow):
    place = {"name_th": "ตลาดน้ำคลองแห"}
    with pytest.raises(InvalidInput, match="named twice"):
        await _register(uow, attractions=[place], activities=[place])


async def test_a_member_of_the_district_joins_and_the_join_is_published(
    uow, register: RegisterMember
):
    community = await _register(uow)
    member = await register(MemberStatus.ACTIVE)

    with acting_as(HAT_YAI_OFFICER):
        joined = await handlers.join_community(
            commands.JoinCommunity(community_id=community.community_id, member_id=member.member_id),
            uow,
        )

    assert joined.member_ids == [member.member_id] and joined.version == 2
    [event] = uow.events_of_type("community.member_joined")
    assert event.data.member_id == member.member_id
    assert event.data.member_ids == [member.member_id]


async def test_a_member_belongs_to_at_most_one_community(uow, register: RegisterMember):
    first = await _register(uow)
    second = await _register(uow, name_th="ชุมชนบ้านควนลัง")
    member = await register(MemberStatus.ACTIVE)
    await handlers.join_community(
        commands.JoinCommunity(community_id=first.community_id, member_id=member.member_id), uow
    )

    with pytest.raises(Conflict, match="another community"):
        await handlers.join_community(
            commands.JoinCommunity(community_id=second.community_id, member_id=member.member_id),
            uow,
        )
    with pytest.raises(Conflict, match="already belongs to this community"):
        await handlers.join_community(
            commands.JoinCommunity(community_id=first.community_id, member_id=member.member_id),
            uow,
        )


async def test_a_member_of_another_district_or_withdrawn_cannot_join(uow, register: RegisterMember):
    community = await _register(uow)
    elsewhere = await register(
        MemberStatus.ACTIVE,
        site={
            "address_line": "12 หมู่ 4",
            "province_code": "90",
            "district_code": "9001",
            "subdistrict_code": "900106",
        },
    )
    withdrawn = await register(MemberStatus.WITHDRAWN)

    with pytest.raises(InvalidInput, match="not in the community's district"):
        await handlers.join_community(
            commands.JoinCommunity(
                community_id=community.community_id, member_id=elsewhere.member_id
            ),
            uow,
        )
    with pytest.raises(InvalidTransition, match="withdrawn member"):
        await handlers.join_community(
            commands.JoinCommunity(
                community_id=community.community_id, member_id=withdrawn.member_id
            ),
            uow,
        )


async def test_an_officer_of_another_district_may_not_change_the_community(
    uow, register: RegisterMember
):
    community = await _register(uow)
    member = await register(MemberStatus.ACTIVE)
    with acting_as(MUEANG_OFFICER):
        with pytest.raises(Forbidden):
            await handlers.join_community(
                commands.JoinCommunity(
                    community_id=community.community_id, member_id=member.member_id
                ),
                uow,
            )
        with pytest.raises(Forbidden):
            await handlers.withdraw_community(
                commands.WithdrawCommunity(community_id=community.community_id), uow
            )


async def test_a_member_leaves_and_a_stranger_cannot_leave(uow, register: RegisterMember):
    community = await _register(uow)
    member = await register(MemberStatus.ACTIVE)
    ids = {"community_id": community.community_id, "member_id": member.member_id}
    await handlers.join_community(commands.JoinCommunity(**ids), uow)

    left = await handlers.leave_community(commands.LeaveCommunity(**ids), uow)

    assert left.member_ids == []
    [event] = uow.events_of_type("community.member_left")
    assert event.data.member_id == member.member_id
    with pytest.raises(Conflict, match="does not belong"):
        await handlers.leave_community(commands.LeaveCommunity(**ids), uow)


async def test_an_update_publishes_only_what_changed_and_nothing_when_nothing_did(uow):
    community = await _register(uow)
    same = commands.CommunityChanges(name_th=community.name_th)
    await handlers.update_community(
        commands.UpdateCommunity(community_id=community.community_id, changes=same), uow
    )
    assert uow.events_of_type("community.updated") == []

    story = commands.CommunityChanges(story_th="เรื่องเล่าใหม่ของหมู่บ้าน", wisdom_th=None)
    updated = await handlers.update_community(
        commands.UpdateCommunity(community_id=community.community_id, changes=story), uow
    )

    assert updated.wisdom_th is None and updated.version == 2
    [event] = uow.events_of_type("community.updated")
    assert event.data.changed_fields == ["story_th", "wisdom_th"]


async def test_a_community_with_producers_cannot_move_to_another_district(
    uow, register: RegisterMember
):
    community = await _register(uow)
    member = await register(MemberStatus.ACTIVE)
    await handlers.join_community(
        commands.JoinCommunity(community_id=community.community_id, member_id=member.member_id),
        uow,
    )
    koyo = commands.VillageInput(
        province_code="90", district_code="9001", subdistrict_code="900106", village_no=4
    )
    with pytest.raises(InvalidTransition, match="cannot move"):
        await handlers.update_community(
            commands.UpdateCommunity(
                community_id=community.community_id,
                changes=commands.CommunityChanges(village=koyo),
            ),
            uow,
        )


async def test_withdrawal_frees_the_producers_and_is_final(uow, register: RegisterMember):
    community = await _register(uow)
    other = await _register(uow, name_th="ชุมชนบ้านควนลัง")
    member = await register(MemberStatus.ACTIVE)
    await handlers.join_community(
        commands.JoinCommunity(community_id=community.community_id, member_id=member.member_id),
        uow,
    )

    withdrawn = await handlers.withdraw_community(
        commands.WithdrawCommunity(community_id=community.community_id, reason="ยุบรวมชุมชน"),
        uow,
    )

    assert withdrawn.status is CommunityStatus.WITHDRAWN and withdrawn.member_ids == []
    [event] = uow.events_of_type("community.withdrawn")
    assert event.data.reason == "ยุบรวมชุมชน"
    await handlers.join_community(
        commands.JoinCommunity(community_id=other.community_id, member_id=member.member_id), uow
    )
    with pytest.raises(InvalidTransition, match="withdrawn"):
        await handlers.update_community(
            commands.UpdateCommunity(
                community_id=community.community_id,
                changes=commands.CommunityChanges(name_th="ชื่อใหม่"),
            ),
            uow,
        )
    with pytest.raises(InvalidTransition, match="already withdrawn"):
        await handlers.withdraw_community(
            commands.WithdrawCommunity(community_id=community.community_id), uow
        )


async def test_an_unknown_community_is_not_found(uow, register: RegisterMember):
    member = await register(MemberStatus.ACTIVE)
    with pytest.raises(NotFound):
        await handlers.join_community(
            commands.JoinCommunity(community_id=member.member_id, member_id=member.member_id),
            uow,
        )


def test_the_public_contact_refuses_what_is_not_a_facebook_page():
    with pytest.raises(ValueError, match="Facebook"):
        commands.ContactInput(facebook_url="https://evil.example/khutao")
    with pytest.raises(ValueError, match="path on the web front"):
        commands.PhotoInput(url="javascript:alert(1)")
