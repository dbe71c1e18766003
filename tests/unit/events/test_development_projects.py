"""Development projects' rules: who the selection rules take, the budget's and a grant's
arithmetic in satang, and the rating a project's outcome reads."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from services.events.domain.projects import (
    CandidateMember,
    CandidateProduct,
    OverBudget,
    OverGrant,
    Rating,
    SelectionRules,
    check_recipient,
    check_within_budget,
    check_within_grant,
    reasons_chosen,
    stars_after,
)
from shared.contracts.development import RecipientKind
from shared.contracts.registry import DevelopmentSegment, MemberType, NetworkRole
from shared.errors import InvalidInput
from shared.timeutil import BANGKOK

D, B = DevelopmentSegment.D, DevelopmentSegment.B
MUKDAHAN_KBO = SelectionRules(
    segments=frozenset({D}),
    max_stars=3,
    network_roles=frozenset({NetworkRole.KBO_COMMITTEE}),
    province_codes=frozenset({"49"}),
)


def member(
    *products: tuple[DevelopmentSegment | None, int | None],
    roles: frozenset[NetworkRole] = frozenset(),
    province: str = "49",
) -> CandidateMember:
    return CandidateMember(
        member_id=uuid.uuid4(),
        name_th="กลุ่มทอผ้าบ้านนาโด่",
        member_type=MemberType.COMMUNITY_GROUP,
        province_code=province,
        products=tuple(CandidateProduct(uuid.uuid4(), "ผ้าไหม", s, stars) for s, stars in products),
        roles=roles,
    )


def test_a_group_d_producer_is_taken_for_its_segment() -> None:
    assert reasons_chosen(MUKDAHAN_KBO, member((D, None))) == ["segment D"]


def test_a_producer_rated_three_stars_is_taken_and_one_rated_four_is_not() -> None:
    assert reasons_chosen(MUKDAHAN_KBO, member((B, 3))) == ["3 stars"]
    assert reasons_chosen(MUKDAHAN_KBO, member((B, 4))) == []


def test_a_kbo_committee_member_is_taken_for_its_role_without_a_product() -> None:
    chosen = reasons_chosen(MUKDAHAN_KBO, member(roles=frozenset({NetworkRole.KBO_COMMITTEE})))
    assert chosen == ["kbo_committee"]


def test_a_member_outside_the_rules_provinces_is_not_taken() -> None:
    assert reasons_chosen(MUKDAHAN_KBO, member((D, 1), province="90")) == []


def test_a_district_president_is_not_taken_by_a_rule_asking_for_kbo_committee() -> None:
    president = member((B, 5), roles=frozenset({NetworkRole.DISTRICT_PRESIDENT}))
    assert reasons_chosen(MUKDAHAN_KBO, president) == []


def test_rules_naming_nothing_take_every_member_of_their_provinces() -> None:
    rules = SelectionRules(province_codes=frozenset({"49"}))
    assert reasons_chosen(rules, member((B, 5))) == ["every member"]


def test_stars_beyond_five_are_refused_in_a_rule() -> None:
    with pytest.raises(InvalidInput):
        SelectionRules(max_stars=6)


def test_an_allocation_filling_the_budget_to_the_satang_is_allowed() -> None:
    check_within_budget(budget=100_000_00, allocated=50_000_00, amount=50_000_00)


def test_an_allocation_one_satang_beyond_the_budget_is_refused() -> None:
    with pytest.raises(OverBudget) as refused:
        check_within_budget(budget=100_000_00, allocated=50_000_00, amount=50_000_01)
    assert refused.value.extra["remaining"] == "50000.00"


def test_a_project_without_a_budget_allocates_nothing() -> None:
    with pytest.raises(OverBudget):
        check_within_budget(budget=None, allocated=0, amount=1)


@given(
    budget=st.integers(min_value=0, max_value=10**10),
    amounts=st.lists(st.integers(min_value=1, max_value=10**9), max_size=40),
)
def test_allocations_checked_one_after_another_never_sum_beyond_the_budget(
    budget: int, amounts: list[int]
) -> None:
    allocated = 0
    for amount in amounts:
        try:
            check_within_budget(budget, allocated, amount)
        except OverBudget:
            continue
        allocated += amount
    assert allocated <= budget


def test_a_disbursement_may_pay_what_is_left_of_the_grant_and_no_more() -> None:
    check_within_grant(allocated=50_000_00, disbursed=20_000_00, amount=30_000_00)
    with pytest.raises(OverGrant):
        check_within_grant(allocated=50_000_00, disbursed=20_000_00, amount=30_000_01)


def test_a_disbursement_of_nothing_is_invalid() -> None:
    with pytest.raises(InvalidInput):
        check_within_grant(allocated=50_000_00, disbursed=0, amount=0)


def test_a_grant_per_group_goes_only_to_a_community_producer_group() -> None:
    check_recipient(RecipientKind.GROUP, MemberType.COMMUNITY_GROUP)
    check_recipient(RecipientKind.MEMBER, MemberType.SME)
    with pytest.raises(InvalidInput):
        check_recipient(RecipientKind.GROUP, MemberType.SME)


END = datetime(2021, 6, 8, 16, 30, tzinfo=BANGKOK)


def test_the_outcome_is_the_latest_rating_received_after_the_project_ended() -> None:
    ratings = [
        Rating(current_stars=2, version=3, received_at=END - timedelta(days=1)),
        Rating(current_stars=3, version=4, received_at=END + timedelta(days=30)),
        Rating(current_stars=4, version=5, received_at=END + timedelta(days=400)),
    ]
    assert stars_after(ratings, END) == 4


def test_no_outcome_while_no_rating_came_after_the_project_ended() -> None:
    assert stars_after([Rating(2, 3, END - timedelta(minutes=1))], END) is None
