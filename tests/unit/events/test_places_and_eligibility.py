"""Who may take part, which place a member gets, which booth an exhibitor gets."""

from __future__ import annotations

import pytest

from services.events.domain.booths import Booth, check_booth_free, next_free_booth
from services.events.domain.members import NotEligible, snapshot_replaces_names
from services.events.domain.places import EventPlaces, Place, PlacesTaken, place_for
from shared.contracts.events import Eligibility, EventKind, Quota
from shared.contracts.registry import (
    DevelopmentSegment,
    MemberStatus,
    MemberType,
    NetworkRole,
    ProductCategory,
)
from shared.errors import Conflict
from tests.unit.events.conftest import member, new_event

GROUP_D = Quota(label="กลุ่ม D", places=2, segments=[DevelopmentSegment.D])
COMMITTEE = Quota(label="กรรมการ", places=1, network_roles=[NetworkRole.COMMITTEE_MEMBER])


def test_a_matching_member_takes_a_quota_place_before_a_general_one() -> None:
    event = new_event(kind=EventKind.DEVELOPMENT_PROJECT, capacity=3, quotas=[GROUP_D])
    d = member(segment=DevelopmentSegment.D)
    assert place_for(d, event, PlacesTaken()) == Place("กลุ่ม D")
    full_quota = PlacesTaken.of(["กลุ่ม D", "กลุ่ม D"])
    assert place_for(d, event, full_quota) == Place(None)


def test_others_never_take_a_reserved_place() -> None:
    event = new_event(kind=EventKind.DEVELOPMENT_PROJECT, capacity=3, quotas=[GROUP_D])
    other = member(segment=DevelopmentSegment.A)
    assert place_for(other, event, PlacesTaken()) == Place(None)
    assert place_for(other, event, PlacesTaken.of([None])) is None


def test_a_role_quota_matches_holders_of_the_role() -> None:
    event = new_event(kind=EventKind.DEVELOPMENT_PROJECT, capacity=3, quotas=[GROUP_D, COMMITTEE])
    holder = member(roles=frozenset({NetworkRole.COMMITTEE_MEMBER}))
    assert place_for(holder, event, PlacesTaken()) == Place("กรรมการ")
    assert place_for(member(), event, PlacesTaken()) is None


def test_a_full_event_has_no_place_for_anyone() -> None:
    event = new_event(capacity=2)
    assert place_for(member(), event, PlacesTaken.of([None, None])) is None


def test_eligibility_names_every_rule_the_member_fails() -> None:
    event = new_event(
        eligibility=Eligibility(
            province_codes=["90"],
            member_types=[MemberType.SME],
            segments=[DevelopmentSegment.D],
            min_stars=4,
        )
    )
    failing = member(status=MemberStatus.SUSPENDED, province="40", stars=3)
    with pytest.raises(NotEligible) as refused:
        failing.check_eligible(event)
    assert len(refused.value.extra["reasons"]) == 5
    fine = member(member_type=MemberType.SME, segment=DevelopmentSegment.D, stars=4)
    fine.check_eligible(event)


def test_booths_are_zoned_by_category_and_numbered_from_one() -> None:
    taken = {Booth("A", 1), Booth("A", 3)}
    assert next_free_booth(ProductCategory.FOOD, taken) == Booth("A", 2)
    assert next_free_booth(ProductCategory.NON_FOOD_HERBAL, taken) == Booth("E", 1)
    assert next_free_booth(None, taken) == Booth("G", 1)
    with pytest.raises(Conflict, match="A-3"):
        check_booth_free(Booth("A", 3), taken)


def test_the_main_category_is_the_most_listed_one() -> None:
    profile = member(category=ProductCategory.BEVERAGES)
    assert profile.main_category is ProductCategory.BEVERAGES


def test_the_event_places_take_and_release_and_know_when_they_are_full() -> None:
    event = new_event(kind=EventKind.DEVELOPMENT_PROJECT, capacity=2, quotas=[COMMITTEE])
    places = EventPlaces(event)
    holder = member(roles=frozenset({NetworkRole.COMMITTEE_MEMBER}))
    place = places.place_for(holder)
    assert place == Place("กรรมการ")
    places.take(place)
    places.take(Place(None))
    assert places.full
    assert places.place_for(member()) is None
    places.release(Place("กรรมการ"))
    assert not places.full
    assert places.place_for(holder) == Place("กรรมการ")


def test_the_event_places_refuse_a_capacity_below_the_confirmed() -> None:
    event = new_event(kind=EventKind.DEVELOPMENT_PROJECT, capacity=3, quotas=[COMMITTEE])
    places = EventPlaces(event, PlacesTaken.of(["กรรมการ", None, None]))
    places.check_room()
    event.capacity = 2
    with pytest.raises(Conflict, match="capacity cannot go below"):
        places.check_room()
    event.capacity, event.quotas = 3, []
    with pytest.raises(Conflict, match="quota 'กรรมการ'"):
        places.check_room()


def test_an_older_snapshot_never_writes_the_names_of_an_erased_member() -> None:
    assert snapshot_replaces_names(erased=False, newer=False)
    assert snapshot_replaces_names(erased=False, newer=True)
    assert snapshot_replaces_names(erased=True, newer=True)
    assert not snapshot_replaces_names(erased=True, newer=False)
