"""Training quotas per kind of participant and per district, certificates due, and spending
against the budget."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from decimal import Decimal

import pytest

from services.events.domain.agenda import certificate_due, certificate_number, check_expense
from services.events.domain.participants import Participant
from services.events.domain.places import Place, PlacesTaken, place_for
from services.events.domain.quotas import open_place, quota_label, reserved_total
from shared.contracts.events import EventKind, ParticipantKind, Quota
from shared.contracts.registry import NetworkRole
from shared.errors import Conflict, InvalidInput
from shared.timeutil import BANGKOK
from tests.unit.events.conftest import member, new_event

OFFICERS = Quota(
    label="เจ้าหน้าที่อำเภอ",
    places=1,
    per_district=True,
    participant_kinds=[ParticipantKind.OFFICIAL],
)
PRESIDENTS = Quota(
    label="ประธานอำเภอ",
    places=1,
    per_district=True,
    participant_kinds=[ParticipantKind.OFFICE_HOLDER, ParticipantKind.MEMBER],
    network_roles=[NetworkRole.DISTRICT_PRESIDENT],
)
PROVINCIAL = Quota(label="เจ้าหน้าที่จังหวัด", places=2, participant_kinds=[ParticipantKind.OFFICIAL])


def songkhla_training(capacity: int = 34):
    return new_event(
        kind=EventKind.TRAINING, capacity=capacity, quotas=[OFFICERS, PRESIDENTS, PROVINCIAL]
    )


def official(district: str | None, kind: ParticipantKind = ParticipantKind.OFFICIAL):
    return Participant(
        kind=kind,
        name_th="นางสาวทดสอบ ใจดี",
        position_th="นักวิชาการพัฒนาชุมชน",
        province_code="90",
        district_code=district,
    )


def test_a_per_district_quota_reserves_its_places_in_each_of_the_host_provinces_districts() -> None:
    assert reserved_total([OFFICERS, PRESIDENTS, PROVINCIAL], "90") == 16 + 16 + 2
    assert songkhla_training().general_places == 0


def test_quotas_reserving_more_than_the_capacity_are_refused() -> None:
    with pytest.raises(InvalidInput, match="reserve 34"):
        songkhla_training(capacity=33)


def test_an_official_takes_its_districts_place_then_any_other_place_open_to_officials() -> None:
    event = songkhla_training()
    taken = PlacesTaken()
    claimant = official("9001").claimant

    def place(taken: PlacesTaken) -> Place | None:
        return open_place(claimant, event.quotas, event.capacity, "90", taken.counts)

    assert place(taken) == Place("เจ้าหน้าที่อำเภอ#9001")
    district_taken = taken.plus(Place("เจ้าหน้าที่อำเภอ#9001"))
    assert place(district_taken) == Place("เจ้าหน้าที่จังหวัด")
    provincial = Place("เจ้าหน้าที่จังหวัด")
    assert place(district_taken.plus(provincial).plus(provincial)) is None
    assert place(taken.plus(Place("เจ้าหน้าที่อำเภอ#9002"))) == Place("เจ้าหน้าที่อำเภอ#9001")


def test_an_official_without_a_district_takes_a_provincial_place() -> None:
    event = songkhla_training()
    claimant = official(None).claimant
    assert open_place(claimant, event.quotas, 34, "90", PlacesTaken().counts) == Place(
        "เจ้าหน้าที่จังหวัด"
    )
    two = PlacesTaken.of(["เจ้าหน้าที่จังหวัด", "เจ้าหน้าที่จังหวัด"])
    assert open_place(claimant, event.quotas, 34, "90", two.counts) is None


def test_an_office_holder_never_takes_an_officials_place() -> None:
    event = songkhla_training()
    holder = official("9003", ParticipantKind.OFFICE_HOLDER).claimant
    assert open_place(holder, event.quotas, 34, "90", PlacesTaken().counts) == Place(
        "ประธานอำเภอ#9003"
    )
    taken = PlacesTaken.of(["ประธานอำเภอ#9003"])
    assert open_place(holder, event.quotas, 34, "90", taken.counts) is None


def test_a_district_president_member_races_officials_for_the_same_place() -> None:
    event = songkhla_training()
    president = dataclasses.replace(
        member(roles=frozenset({NetworkRole.DISTRICT_PRESIDENT})), districts=frozenset({"9001"})
    )
    assert place_for(president, event, PlacesTaken()) == Place("ประธานอำเภอ#9001")
    taken_by_holder = PlacesTaken.of(["ประธานอำเภอ#9001"])
    assert place_for(president, event, taken_by_holder) is None
    no_role = dataclasses.replace(member(), districts=frozenset({"9001"}))
    assert place_for(no_role, event, PlacesTaken()) is None


def test_a_members_district_outside_the_host_province_takes_no_district_place() -> None:
    event = songkhla_training()
    elsewhere = dataclasses.replace(
        member(roles=frozenset({NetworkRole.DISTRICT_PRESIDENT})), districts=frozenset({"1001"})
    )
    assert place_for(elsewhere, event, PlacesTaken()) is None


def test_a_quota_naming_no_kind_stays_for_members_only() -> None:
    event = new_event(kind=EventKind.TRAINING, capacity=3, quotas=[Quota(label="สมาชิก", places=3)])
    claimant = official("9001").claimant
    assert open_place(claimant, event.quotas, 3, "90", PlacesTaken().counts) is None


def test_a_place_label_names_its_quota() -> None:
    assert quota_label("ประธานอำเภอ#9001") == "ประธานอำเภอ"
    assert quota_label("กลุ่ม D") == "กลุ่ม D"


def test_a_participant_names_a_district_of_its_province() -> None:
    with pytest.raises(InvalidInput, match="no district 1001"):
        official("1001")
    with pytest.raises(InvalidInput, match="member_id"):
        official("9001", ParticipantKind.MEMBER)


def test_a_certificate_is_due_only_to_those_who_attended_enough() -> None:
    assert certificate_due(attended=8, min_sessions=None, sessions=8)
    assert not certificate_due(attended=7, min_sessions=None, sessions=8)
    assert certificate_due(attended=6, min_sessions=6, sessions=8)
    assert not certificate_due(attended=0, min_sessions=None, sessions=0)
    assert not certificate_due(attended=0, min_sessions=1, sessions=8)
    # A rule above the agenda's length needs every session, not more.
    assert certificate_due(attended=2, min_sessions=5, sessions=2)


def test_a_certificate_number_carries_the_buddhist_era_year() -> None:
    assert certificate_number(datetime(2022, 3, 15, 9, tzinfo=BANGKOK), 7) == "2565-007"


def test_an_expense_beyond_what_remains_of_the_budget_is_refused() -> None:
    check_expense(Decimal("1000.00"), Decimal("90000.00"), Decimal("91000.00"))
    with pytest.raises(Conflict, match="beyond"):
        check_expense(Decimal("0.01"), Decimal("91000.00"), Decimal("91000.00"))
    with pytest.raises(Conflict, match="no budget"):
        check_expense(Decimal("1.00"), Decimal("0"), None)
