"""Each domain event of the registry maps to the public contract model its topic carries,
with every field as consumers read it."""

from __future__ import annotations

import dataclasses
import inspect
import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest

from services.registry.adapters.contract_events import to_contract
from services.registry.domain import events
from services.registry.domain.members import Member
from services.registry.domain.products import Product, Rating
from services.registry.domain.roles import RoleAssignment
from shared.contracts import registry as contract
from shared.contracts.registry import (
    ERASED_TEXT,
    Certification,
    Contact,
    DevelopmentSegment,
    MemberStatus,
    MemberType,
    NetworkRole,
    ProductCategory,
    SiteAddress,
)
from shared.timeutil import BANGKOK

MEMBER_ID = uuid.UUID("5b0c8a57-0f0e-4a55-9a53-0d3c1f1c2a01")
PRODUCT_ID = uuid.UUID("8f4e2d6b-3c1a-4b7e-9d2f-6a5b4c3d2e01")
REGISTERED_AT = datetime(2026, 11, 21, 9, 30, tzinfo=BANGKOK)
ERASED_AT = datetime(2027, 1, 5, 14, 0, tzinfo=BANGKOK)

SITE = {
    "address_line": "99 หมู่ 3",
    "subdistrict_code": "901103",
    "district_code": "9011",
    "province_code": "90",
    "postal_code": "90110",
    "subdistrict_name_th": "คูเต่า",
    "district_name_th": "หาดใหญ่",
    "province_name_th": "สงขลา",
}
CONTACT = {
    "name": "นางสมศรี ใจดี",
    "phone": "0812345678",
    "email": "somsri@example.org",
    "line_id": "somsri.kt",
}
MEMBER_JSON: dict[str, Any] = {
    "member_id": str(MEMBER_ID),
    "version": 1,
    "member_type": "sme",
    "name_th": "ร้านขนมบ้านคูเต่า",
    "name_en": "Ban Khu Tao Sweets",
    "community_enterprise": True,
    "community_enterprise_no": "9011-0123",
    "status": "pending",
    "preferred_language": "th",
    "contact": CONTACT,
    "site": SITE,
    "registered_at": "2026-11-21T09:30:00+07:00",
}
PRODUCT_JSON: dict[str, Any] = {
    "product_id": str(PRODUCT_ID),
    "member_id": str(MEMBER_ID),
    "version": 1,
    "sku": "SK-KT-0001",
    "name_th": "ข้าวเกรียบปลาสงขลา",
    "name_en": "Songkhla fish crackers",
    "category": "food",
    "unit": "ถุง",
    "price": "85.50",
    "certifications": [
        {"scheme": "fda", "number": "90-2-00123-2-0001", "valid_until": "2028-03-31"}
    ],
    "segment": "B",
    "stars": None,
    "status": "listed",
    "province_code": "90",
    "description_th": "ข้าวเกรียบปลาทำมือจากปลาสดทะเลสาบสงขลา",
    "description_en": None,
}


def _member(status: MemberStatus = MemberStatus.PENDING) -> Member:
    return Member(
        member_id=MEMBER_ID,
        member_type=MemberType.SME,
        name_th="ร้านขนมบ้านคูเต่า",
        name_en="Ban Khu Tao Sweets",
        contact=Contact(**CONTACT),
        site=SiteAddress(**SITE),
        community_enterprise=True,
        community_enterprise_no="9011-0123",
        preferred_language="th",
        status=status,
        registered_at=REGISTERED_AT,
    )


def _listing() -> dict[str, Any]:
    return {
        "sku": "SK-KT-0001",
        "name_th": "ข้าวเกรียบปลาสงขลา",
        "name_en": "Songkhla fish crackers",
        "category": ProductCategory.FOOD,
        "unit": "ถุง",
        "price": Decimal("85.50"),
        "certifications": [
            Certification(scheme="fda", number="90-2-00123-2-0001", valid_until=date(2028, 3, 31))
        ],
        "segment": DevelopmentSegment.B,
        "description_th": "ข้าวเกรียบปลาทำมือจากปลาสดทะเลสาบสงขลา",
    }


def _product() -> Product:
    listed = contract.ProductStatus.LISTED
    return Product(PRODUCT_ID, MEMBER_ID, status=listed, province_code="90", **_listing())


def _published(event: object, model: type[Any]) -> dict[str, Any]:
    published = to_contract(event)
    assert type(published) is model
    return published.model_dump(mode="json")


def test_member_registered_maps_to_member_registered_with_the_members_state() -> None:
    member = _member()
    event = events.MemberRegistered(member.copy())

    assert _published(event, contract.MemberRegistered) == MEMBER_JSON


def test_member_details_changed_maps_to_member_updated_with_the_changed_fields() -> None:
    member = _member()
    event = member.update(name_en="Khu Tao Sweets", preferred_language="en")
    assert event is not None

    assert _published(event, contract.MemberUpdated) == {
        **MEMBER_JSON,
        "version": 2,
        "name_en": "Khu Tao Sweets",
        "preferred_language": "en",
        "changed_fields": ["name_en", "preferred_language"],
    }


def test_member_status_changed_maps_to_member_status_changed() -> None:
    member = _member()
    event = member.change_status(MemberStatus.ACTIVE, "ผ่านการตรวจ")

    assert _published(event, contract.MemberStatusChanged) == {
        "member_id": str(MEMBER_ID),
        "version": 2,
        "previous_status": "pending",
        "status": "active",
        "reason": "ผ่านการตรวจ",
    }


def test_member_erased_maps_to_member_erased_with_the_state_after_erasure() -> None:
    member = _member()
    event = member.erase(ERASED_AT)
    assert event is not None

    assert _published(event, contract.MemberErased) == {
        **MEMBER_JSON,
        "version": 2,
        "name_th": ERASED_TEXT,
        "name_en": None,
        "contact": {"name": ERASED_TEXT, "phone": None, "email": None, "line_id": None},
        "site": {**SITE, "address_line": ERASED_TEXT},
        "erased_at": "2027-01-05T14:00:00+07:00",
    }


def test_role_assigned_maps_to_role_assigned_with_the_assignment() -> None:
    assignment, event = RoleAssignment.assign(
        _member(MemberStatus.ACTIVE),
        person_name="นายประสิทธิ์ รักษ์ถิ่น",
        role=NetworkRole.DISTRICT_PRESIDENT,
        province_code="90",
        district_code="9011",
        term_start=date(2026, 1, 1),
        term_end=date(2028, 1, 1),
    )

    assert _published(event, contract.RoleAssigned) == {
        "assignment_id": str(assignment.assignment_id),
        "member_id": str(MEMBER_ID),
        "person_name": "นายประสิทธิ์ รักษ์ถิ่น",
        "role": "district_president",
        "province_code": "90",
        "district_code": "9011",
        "term_start": "2026-01-01",
        "term_end": "2028-01-01",
    }


def test_product_listed_maps_to_product_listed_with_the_products_state() -> None:
    product, event = Product.list_for(_member(MemberStatus.ACTIVE), **_listing())

    assert _published(event, contract.ProductListed) == {
        **PRODUCT_JSON,
        "product_id": str(product.product_id),
    }


def test_product_details_changed_maps_to_product_updated_with_the_changed_fields() -> None:
    product = _product()
    event = product.update(price=Decimal("90.00"), segment=DevelopmentSegment.A)
    assert event is not None

    assert _published(event, contract.ProductUpdated) == {
        **PRODUCT_JSON,
        "version": 2,
        "price": "90.00",
        "segment": "A",
        "changed_fields": ["price", "segment"],
    }


def test_product_relocated_maps_to_product_updated_of_its_province() -> None:
    product = _product()
    event = product.relocate("50")
    assert event is not None

    assert _published(event, contract.ProductUpdated) == {
        **PRODUCT_JSON,
        "version": 2,
        "province_code": "50",
        "changed_fields": ["province_code"],
    }


def test_product_delisted_maps_to_product_delisted_with_the_reason() -> None:
    product = _product()
    event = product.delist("เลิกผลิต")

    assert _published(event, contract.ProductDelisted) == {
        **PRODUCT_JSON,
        "version": 2,
        "status": "delisted",
        "reason": "เลิกผลิต",
    }


def test_product_rated_maps_to_product_rated_with_the_round_and_the_stars_now() -> None:
    product = _product()
    product.rate(Rating(round_year=2024, stars=4, rated_on=date(2024, 8, 1)))
    event = product.rate(Rating(round_year=2022, stars=5, rated_on=date(2024, 9, 2)))

    assert _published(event, contract.ProductRated) == {
        "product_id": str(PRODUCT_ID),
        "member_id": str(MEMBER_ID),
        "version": 3,
        "sku": "SK-KT-0001",
        "round_year": 2022,
        "stars": 5,
        "previous_stars": 4,
        "current_stars": 4,
        "rated_on": "2024-09-02",
    }


def test_an_event_keeps_the_state_it_was_raised_with() -> None:
    member = _member()
    event = member.update(name_en="Khu Tao Sweets")
    member.change_status(MemberStatus.ACTIVE, None)
    product = _product()
    listed = events.ProductListed(product.copy())
    product.rate(Rating(round_year=2024, stars=4, rated_on=date(2024, 8, 1)))

    assert _published(event, contract.MemberUpdated)["status"] == "pending"
    assert _published(listed, contract.ProductListed) == PRODUCT_JSON


def test_every_domain_event_has_a_contract_model() -> None:
    raised = [
        cls
        for _, cls in inspect.getmembers(events, inspect.isclass)
        if dataclasses.is_dataclass(cls) and cls.__module__ == events.__name__
    ]

    assert len(raised) == 10
    assert all(to_contract.dispatch(cls) is not to_contract.dispatch(object) for cls in raised)


def test_an_event_without_a_contract_model_is_refused() -> None:
    with pytest.raises(TypeError, match="no public contract model"):
        to_contract(object())
