"""What each staff role may do, and where."""

from __future__ import annotations

import uuid

import pytest
from pydantic import ValidationError

from shared.errors import Forbidden
from shared.identity.actor import (
    OPERATOR,
    SYSTEM,
    Actor,
    ActorKind,
    acting_as,
    authorize,
    current_actor,
)
from shared.identity.roles import Action, Grant, Role, permits

SONGKHLA, HAT_YAI, KHON_KAEN, MUEANG_KHON_KAEN = "90", "9011", "40", "4001"


def staff(*grants: Grant) -> Actor:
    return Actor(ActorKind.STAFF, str(uuid.uuid4()), grants)


@pytest.mark.parametrize(
    ("grant", "action", "area", "allowed"),
    [
        (Grant(role=Role.DISTRICT_OFFICER, area=HAT_YAI), Action.MANAGE_MEMBERS, "9011", True),
        (Grant(role=Role.DISTRICT_OFFICER, area=HAT_YAI), Action.MANAGE_MEMBERS, "9001", False),
        (Grant(role=Role.DISTRICT_OFFICER, area=HAT_YAI), Action.MANAGE_MEMBERS, "901103", True),
        (Grant(role=Role.DISTRICT_OFFICER, area=HAT_YAI), Action.MANAGE_REGISTRATIONS, "90", True),
        (Grant(role=Role.DISTRICT_OFFICER, area=HAT_YAI), Action.MANAGE_REGISTRATIONS, "40", False),
        (Grant(role=Role.DISTRICT_OFFICER, area=HAT_YAI), Action.MANAGE_EVENTS, "90", False),
        (Grant(role=Role.PROVINCIAL_OFFICER, area=SONGKHLA), Action.MANAGE_MEMBERS, "9011", True),
        (Grant(role=Role.PROVINCIAL_OFFICER, area=SONGKHLA), Action.MANAGE_MEMBERS, "4001", False),
        (Grant(role=Role.PROVINCIAL_OFFICER, area=SONGKHLA), Action.MANAGE_EVENTS, "90", True),
        (Grant(role=Role.PROVINCIAL_OFFICER, area=SONGKHLA), Action.RUN_SHOP, "centre", False),
        (Grant(role=Role.NETWORK_COMMITTEE, area=SONGKHLA), Action.MANAGE_EVENTS, "90", True),
        (Grant(role=Role.NETWORK_COMMITTEE, area=SONGKHLA), Action.MANAGE_MEMBERS, "9011", False),
        (Grant(role=Role.SHOP_MANAGER, area="centre"), Action.RUN_SHOP, "centre", True),
        (Grant(role=Role.SHOP_MANAGER, area="centre"), Action.RUN_SHOP, "centre2", False),
        (Grant(role=Role.SHOP_MANAGER, area="centre"), Action.MANAGE_MEMBERS, "9011", False),
        (Grant(role=Role.AUDITOR), Action.READ_SHOP, "centre", True),
        (Grant(role=Role.AUDITOR), Action.RUN_SHOP, "centre", False),
        (Grant(role=Role.AUDITOR), Action.MANAGE_MEMBERS, "9011", False),
        (Grant(role=Role.ADMINISTRATOR), Action.MANAGE_MEMBERS, "4001", True),
        (Grant(role=Role.ADMINISTRATOR), Action.ADMINISTER, None, True),
        (Grant(role=Role.PROVINCIAL_OFFICER, area=SONGKHLA), Action.ADMINISTER, None, False),
    ],
)
def test_a_grant_allows_its_roles_work_in_its_area_only(
    grant: Grant, action: Action, area: str | None, allowed: bool
) -> None:
    assert permits([grant], action, area) is allowed


def test_a_change_with_no_area_given_is_refused_to_area_roles() -> None:
    assert not permits([Grant(role=Role.PROVINCIAL_OFFICER, area=SONGKHLA)], Action.MANAGE_MEMBERS)


def test_every_staff_role_reads_everywhere() -> None:
    for role, area in [
        (Role.PROVINCIAL_OFFICER, SONGKHLA),
        (Role.DISTRICT_OFFICER, HAT_YAI),
        (Role.NETWORK_COMMITTEE, SONGKHLA),
        (Role.SHOP_MANAGER, "centre"),
        (Role.AUDITOR, None),
        (Role.ADMINISTRATOR, None),
    ]:
        assert staff(Grant(role=role, area=area)).may(Action.READ, KHON_KAEN)


def test_a_member_with_several_grants_may_act_in_each_area() -> None:
    actor = staff(
        Grant(role=Role.DISTRICT_OFFICER, area=HAT_YAI),
        Grant(role=Role.DISTRICT_OFFICER, area=MUEANG_KHON_KAEN),
    )
    assert actor.may(Action.MANAGE_MEMBERS, "9011")
    assert actor.may(Action.MANAGE_MEMBERS, "4001")
    assert not actor.may(Action.MANAGE_MEMBERS, "4002")
    assert actor.areas_for(Action.MANAGE_MEMBERS) == ["9011", "4001"]
    assert actor.areas_for(Action.RUN_SHOP) == []


@pytest.mark.parametrize(
    ("role", "area"),
    [
        (Role.PROVINCIAL_OFFICER, "9011"),
        (Role.PROVINCIAL_OFFICER, None),
        (Role.DISTRICT_OFFICER, "90"),
        (Role.SHOP_MANAGER, "a shop"),
        (Role.AUDITOR, "90"),
        (Role.ADMINISTRATOR, "90"),
    ],
)
def test_a_grant_names_the_kind_of_area_its_role_has(role: Role, area: str | None) -> None:
    with pytest.raises(ValidationError):
        Grant(role=role, area=area)


def test_terminals_may_not_do_staff_work_and_operators_and_the_system_may_do_anything() -> None:
    terminal = Actor(ActorKind.TERMINAL, str(uuid.uuid4()))
    assert not terminal.may(Action.READ)
    assert OPERATOR.may(Action.MANAGE_MEMBERS, "4001") and SYSTEM.may(Action.ADMINISTER)
    assert OPERATOR.audited and not SYSTEM.audited and not terminal.audited


def test_authorize_refuses_the_current_actor_in_thai_and_english() -> None:
    officer = staff(Grant(role=Role.DISTRICT_OFFICER, area=MUEANG_KHON_KAEN))
    with acting_as(officer):
        assert current_actor() is officer
        authorize(Action.MANAGE_MEMBERS, "4001")
        with pytest.raises(Forbidden) as refused:
            authorize(Action.MANAGE_MEMBERS, "9011")
    message = str(refused.value)
    assert "ไม่มีสิทธิ์จัดการสมาชิกและผลิตภัณฑ์ ในพื้นที่ 9011" in message
    assert "not allowed to manage members and products in area 9011" in message
    assert "District officer (4001)" in message
    assert current_actor() is SYSTEM
