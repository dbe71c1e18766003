"""Who may change a member's notification preferences: staff in the member's area."""

from __future__ import annotations

import uuid

import pytest

from services.notifications.service_layer import commands, handlers
from services.notifications.service_layer.member_events import on_member_snapshot
from shared.errors import Forbidden
from shared.identity.actor import OPERATOR, Actor, ActorKind, acting_as
from shared.identity.roles import Grant, Role
from tests.unit.notifications import samples
from tests.unit.notifications.fakes import FakeUnitOfWork


def staff(role: Role, area: str | None) -> Actor:
    return Actor(ActorKind.STAFF, str(uuid.uuid4()), (Grant(role=role, area=area),))


def change(member_id: uuid.UUID) -> commands.SetPreferences:
    return commands.SetPreferences(
        member_id=member_id, preferences=commands.PreferencesInput(channels=["email"])
    )


async def known_member(uow: FakeUnitOfWork) -> uuid.UUID:
    """A Songkhla member (district 9011, Hat Yai) the service learnt from the registry."""
    member = samples.member()
    await on_member_snapshot(member, samples.metadata("member.registered"), uow)
    return member.member_id


@pytest.mark.parametrize(
    "actor",
    [
        staff(Role.DISTRICT_OFFICER, "9011"),
        staff(Role.PROVINCIAL_OFFICER, "90"),
        staff(Role.ADMINISTRATOR, None),
        OPERATOR,
    ],
    ids=["district officer of Hat Yai", "Songkhla officer", "administrator", "admin token"],
)
async def test_staff_of_the_members_area_change_its_preferences_and_it_is_audited(
    actor: Actor,
) -> None:
    uow = FakeUnitOfWork()
    member_id = await known_member(uow)
    with acting_as(actor):
        await handlers.set_preferences(change(member_id), uow)
    assert [c.value for c in uow.preferences.rows[member_id].channels] == ["email"]
    assert [(a.action, a.aggregate_id) for a in uow.audited] == [
        ("preferences.changed", str(member_id))
    ]


@pytest.mark.parametrize(
    "actor",
    [
        staff(Role.DISTRICT_OFFICER, "4001"),
        staff(Role.PROVINCIAL_OFFICER, "40"),
        staff(Role.NETWORK_COMMITTEE, "90"),
        staff(Role.SHOP_MANAGER, "centre"),
        staff(Role.AUDITOR, None),
    ],
    ids=["Khon Kaen district", "Khon Kaen officer", "committee", "shop manager", "auditor"],
)
async def test_staff_outside_the_members_area_are_refused_and_nothing_changes(
    actor: Actor,
) -> None:
    uow = FakeUnitOfWork()
    member_id = await known_member(uow)
    with acting_as(actor), pytest.raises(Forbidden, match="ไม่มีสิทธิ์"):
        await handlers.set_preferences(change(member_id), uow)
    assert member_id not in uow.preferences.rows
    assert uow.audited == []


async def test_a_member_whose_area_is_not_known_yet_is_left_to_those_who_act_anywhere() -> None:
    uow = FakeUnitOfWork()
    unknown = uuid.uuid4()
    with acting_as(staff(Role.PROVINCIAL_OFFICER, "90")), pytest.raises(Forbidden):
        await handlers.set_preferences(change(unknown), uow)
    with acting_as(staff(Role.ADMINISTRATOR, None)):
        await handlers.set_preferences(change(unknown), uow)
    assert unknown in uow.preferences.rows
