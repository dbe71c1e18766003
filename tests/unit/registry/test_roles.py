"""Network roles: one president per area and term, committees of many."""

from __future__ import annotations

from datetime import date

import pytest

from services.registry.domain.members import Member
from services.registry.domain.roles import RoleAssignment
from services.registry.service_layer import commands, handlers
from shared.contracts.registry import MemberStatus, NetworkRole, RoleAssigned
from shared.errors import Conflict, InvalidInput, InvalidTransition
from tests.unit.registry.conftest import RegisterMember
from tests.unit.registry.fakes import FakeRegistryUnitOfWork


def _assign(
    member: Member,
    role: NetworkRole = NetworkRole.PROVINCIAL_PRESIDENT,
    *,
    person: str = "นายประสิทธิ์ รักษ์ถิ่น",
    start: date = date(2025, 1, 1),
    end: date = date(2027, 1, 1),
    province: str = "90",
    district: str | None = None,
) -> commands.AssignRole:
    return commands.AssignRole(
        member_id=member.member_id,
        person_name=person,
        role=role,
        province_code=province,
        district_code=district,
        term_start=start,
        term_end=end,
    )


async def test_assigning_a_role_emits_role_assigned_keyed_by_the_member(
    uow: FakeRegistryUnitOfWork, register: RegisterMember
) -> None:
    member = await register(MemberStatus.ACTIVE)

    assignment = await handlers.assign_role(_assign(member), uow)

    assert assignment in uow.state.roles
    topic, envelope = uow.committed_events[-1]
    assert topic == "registry.members.v1"
    assert envelope.event_type == "role.assigned"
    assert envelope.aggregate_id == str(member.member_id)
    assert isinstance(envelope.data, RoleAssigned)
    assert envelope.data.assignment_id == assignment.assignment_id
    assert envelope.data.role is NetworkRole.PROVINCIAL_PRESIDENT


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (date(2026, 6, 1), date(2028, 6, 1)),  # starts inside the sitting term
        (date(2024, 6, 1), date(2025, 1, 2)),  # ends one day into it
        (date(2025, 3, 1), date(2025, 9, 1)),  # lies within it
        (date(2024, 1, 1), date(2028, 1, 1)),  # encloses it
    ],
)
async def test_a_provincial_president_whose_term_overlaps_the_sitting_one_is_refused(
    uow: FakeRegistryUnitOfWork, register: RegisterMember, start: date, end: date
) -> None:
    member = await register(MemberStatus.ACTIVE)
    await handlers.assign_role(_assign(member), uow)

    with pytest.raises(Conflict, match="นายประสิทธิ์ รักษ์ถิ่น"):
        await handlers.assign_role(
            _assign(member, person="นางวันดี ศรีสงขลา", start=start, end=end), uow
        )

    assert len(uow.state.roles) == 1
    assert len(uow.events_of_type("role.assigned")) == 1


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (date(2027, 1, 1), date(2029, 1, 1)),  # starts the day the sitting term ends
        (date(2023, 1, 1), date(2025, 1, 1)),  # ends the day it starts
    ],
)
async def test_a_provincial_president_for_a_term_that_does_not_overlap_is_accepted(
    uow: FakeRegistryUnitOfWork, register: RegisterMember, start: date, end: date
) -> None:
    member = await register(MemberStatus.ACTIVE)
    await handlers.assign_role(_assign(member), uow)

    await handlers.assign_role(_assign(member, person="นางวันดี ศรีสงขลา", start=start, end=end), uow)

    assert len(uow.state.roles) == 2


async def test_presidents_of_different_provinces_do_not_conflict(
    uow: FakeRegistryUnitOfWork, register: RegisterMember
) -> None:
    member = await register(MemberStatus.ACTIVE)
    await handlers.assign_role(_assign(member, province="90"), uow)

    await handlers.assign_role(_assign(member, person="นายอุดม ขอนแก่น", province="40"), uow)

    assert {r.province_code for r in uow.state.roles} == {"90", "40"}


async def test_district_presidents_conflict_only_within_their_district(
    uow: FakeRegistryUnitOfWork, register: RegisterMember
) -> None:
    member = await register(MemberStatus.ACTIVE)
    await handlers.assign_role(
        _assign(member, NetworkRole.DISTRICT_PRESIDENT, district="9011"), uow
    )
    await handlers.assign_role(
        _assign(member, NetworkRole.DISTRICT_PRESIDENT, person="นายเอก", district="9001"), uow
    )

    with pytest.raises(Conflict):
        await handlers.assign_role(
            _assign(member, NetworkRole.DISTRICT_PRESIDENT, person="นายโท", district="9011"), uow
        )
    assert len(uow.state.roles) == 2


@pytest.mark.parametrize("role", [NetworkRole.COMMITTEE_MEMBER, NetworkRole.KBO_COMMITTEE])
async def test_a_committee_can_have_many_members_in_the_same_area_and_term(
    uow: FakeRegistryUnitOfWork, register: RegisterMember, role: NetworkRole
) -> None:
    member = await register(MemberStatus.ACTIVE)
    people = ["นายหนึ่ง ใจงาม", "นางสอง สุขใจ", "นายสาม มีทรัพย์"]

    for person in people:
        await handlers.assign_role(_assign(member, role, person=person), uow)

    assert sorted(r.person_name for r in uow.state.roles) == sorted(people)
    assert len(uow.events_of_type("role.assigned")) == 3


@pytest.mark.parametrize("status", [MemberStatus.PENDING, MemberStatus.SUSPENDED])
async def test_only_an_active_members_person_can_hold_a_role(
    uow: FakeRegistryUnitOfWork, register: RegisterMember, status: MemberStatus
) -> None:
    member = await register(status)
    with pytest.raises(InvalidTransition, match=status.value):
        await handlers.assign_role(_assign(member), uow)
    assert uow.state.roles == []


async def test_a_term_must_end_after_it_starts(
    uow: FakeRegistryUnitOfWork, register: RegisterMember
) -> None:
    member = await register(MemberStatus.ACTIVE)
    with pytest.raises(InvalidInput, match="term_end"):
        await handlers.assign_role(
            _assign(member, start=date(2026, 1, 1), end=date(2026, 1, 1)), uow
        )


async def test_a_district_president_needs_a_district_and_a_provincial_one_has_none(
    uow: FakeRegistryUnitOfWork, register: RegisterMember
) -> None:
    member = await register(MemberStatus.ACTIVE)
    with pytest.raises(InvalidInput, match="district_code"):
        await handlers.assign_role(_assign(member, NetworkRole.DISTRICT_PRESIDENT), uow)
    with pytest.raises(InvalidInput, match="whole province"):
        await handlers.assign_role(_assign(member, district="9011"), uow)
    assert uow.state.roles == []


async def test_a_role_for_a_district_outside_the_province_is_refused(
    uow: FakeRegistryUnitOfWork, register: RegisterMember
) -> None:
    member = await register(MemberStatus.ACTIVE)
    with pytest.raises(InvalidInput, match="4001"):
        await handlers.assign_role(
            _assign(member, NetworkRole.COMMITTEE_MEMBER, province="90", district="4001"), uow
        )
    assert uow.state.roles == []


async def test_a_term_touching_the_holders_term_is_not_an_overlap(
    register: RegisterMember,
) -> None:
    member = await register(status=MemberStatus.ACTIVE)
    holder, _ = RoleAssignment.assign(
        member,
        person_name="นายประสิทธิ์ รักษ์ถิ่น",
        role=NetworkRole.PROVINCIAL_PRESIDENT,
        province_code="90",
        district_code=None,
        term_start=date(2025, 1, 1),
        term_end=date(2027, 1, 1),
    )
    after, _ = RoleAssignment.assign(
        member,
        person_name="นางสาวมาลี ศรีสุข",
        role=NetworkRole.PROVINCIAL_PRESIDENT,
        province_code="90",
        district_code=None,
        term_start=date(2027, 1, 1),
        term_end=date(2029, 1, 1),
    )
    during, _ = RoleAssignment.assign(
        member,
        person_name="นางสาวมาลี ศรีสุข",
        role=NetworkRole.PROVINCIAL_PRESIDENT,
        province_code="90",
        district_code=None,
        term_start=date(2026, 12, 31),
        term_end=date(2029, 1, 1),
    )

    after.refuse_overlap_with([holder])
    with pytest.raises(Conflict) as refused:
        during.refuse_overlap_with([holder])
    assert refused.value.detail == (
        "provincial president of this area is held by นายประสิทธิ์ รักษ์ถิ่น "
        "from 2025-01-01 to 2027-01-01, overlapping this term"
    )
