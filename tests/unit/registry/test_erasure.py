"""A member's erasure (PDPA): what the member keeps, and how its published events read after."""

from __future__ import annotations

from typing import Any

from services.registry.domain import events
from services.registry.domain.members import Member, erased_event_data
from shared.contracts.registry import ERASED_TEXT, MemberType
from tests.unit.registry.conftest import FIXED_NOW, RegisterMember


def _registered_event_data(member: Member) -> dict[str, Any]:
    return {
        "member_id": str(member.member_id),
        "name_th": member.name_th,
        "name_en": member.name_en,
        "contact": member.contact.model_dump(mode="json"),
        "site": member.site.model_dump(mode="json"),
        "status": member.status.value,
    }


async def test_erasure_clears_the_contact_and_address_and_keeps_a_groups_names(
    register: RegisterMember,
) -> None:
    member = await register(member_type="community_group")
    names = (member.name_th, member.name_en)
    area = member.site.model_dump(exclude={"address_line"})

    event = member.erase(FIXED_NOW)

    assert isinstance(event, events.MemberErased)
    assert event.erased_at == FIXED_NOW and member.erased_at == FIXED_NOW
    assert member.contact.name == ERASED_TEXT
    assert (member.contact.phone, member.contact.email, member.contact.line_id) == (None,) * 3
    assert member.site.address_line == ERASED_TEXT
    assert member.site.model_dump(exclude={"address_line"}) == area
    assert (member.name_th, member.name_en) == names
    assert member.version == 2


async def test_erasure_clears_the_names_of_a_member_that_may_be_a_person(
    register: RegisterMember,
) -> None:
    member = await register(member_type="single_owner", community_enterprise_no=None)
    assert member.member_type is MemberType.SINGLE_OWNER

    member.erase(FIXED_NOW)

    assert (member.name_th, member.name_en) == (ERASED_TEXT, None)


async def test_asking_for_erasure_again_changes_nothing(register: RegisterMember) -> None:
    member = await register()
    member.erase(FIXED_NOW)

    assert member.erase(FIXED_NOW) is None
    assert member.version == 2


async def test_an_earlier_event_reads_as_the_erased_member_does_now(
    register: RegisterMember,
) -> None:
    member = await register(member_type="sme", community_enterprise_no=None)
    data = _registered_event_data(member)
    member.erase(FIXED_NOW)

    erased = erased_event_data(data, member)

    assert erased["contact"] == {
        "name": ERASED_TEXT,
        "phone": None,
        "email": None,
        "line_id": None,
    }
    assert erased["site"]["address_line"] == ERASED_TEXT
    assert erased["site"]["subdistrict_code"] == member.site.subdistrict_code
    assert (erased["name_th"], erased["name_en"]) == (ERASED_TEXT, None)
    assert erased["member_id"] == str(member.member_id)
    assert erased["status"] == member.status.value


async def test_a_role_holders_name_in_an_earlier_event_reads_erased(
    register: RegisterMember,
) -> None:
    member = await register()
    member.erase(FIXED_NOW)
    data: dict[str, Any] = {"person_name": "นายประสิทธิ์ รักษ์ถิ่น", "role": "committee"}

    erased = erased_event_data(data, member)

    assert erased == {"person_name": ERASED_TEXT, "role": "committee"}
