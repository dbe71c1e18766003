"""How the registry's domain events are published: each maps to the public contract model
(shared/contracts/registry.py) its topic carries. The units of work call `to_contract` when
they write the events to the outbox."""

from __future__ import annotations

from functools import singledispatch
from typing import Any

from pydantic import BaseModel

from services.registry.domain import events
from services.registry.domain.members import Member
from services.registry.domain.products import Product
from shared.contracts import registry as contract


@singledispatch
def to_contract(event: object) -> BaseModel:
    raise TypeError(f"{type(event).__name__} has no public contract model to publish as")


def _member(member: Member) -> dict[str, Any]:
    """The member's state as member events carry it."""
    return {
        "member_id": member.member_id,
        "version": member.version,
        "member_type": member.member_type,
        "name_th": member.name_th,
        "name_en": member.name_en,
        "community_enterprise": member.community_enterprise,
        "community_enterprise_no": member.community_enterprise_no,
        "status": member.status,
        "preferred_language": member.preferred_language,
        "contact": member.contact,
        "site": member.site,
        "registered_at": member.registered_at,
    }


def _product(product: Product) -> dict[str, Any]:
    """The product's state as product events carry it."""
    return {
        "product_id": product.product_id,
        "member_id": product.member_id,
        "version": product.version,
        "sku": product.sku,
        "name_th": product.name_th,
        "name_en": product.name_en,
        "category": product.category,
        "unit": product.unit,
        "price": product.price,
        "certifications": product.certifications,
        "segment": product.segment,
        "stars": product.stars,
        "status": product.status,
        "province_code": product.province_code,
        "description_th": product.description_th,
        "description_en": product.description_en,
    }


@to_contract.register
def _(event: events.MemberRegistered) -> contract.MemberRegistered:
    return contract.MemberRegistered(**_member(event.member))


@to_contract.register
def _(event: events.MemberDetailsChanged) -> contract.MemberUpdated:
    return contract.MemberUpdated(
        **_member(event.member), changed_fields=list(event.changed_fields)
    )


@to_contract.register
def _(event: events.MemberStatusChanged) -> contract.MemberStatusChanged:
    return contract.MemberStatusChanged(
        member_id=event.member_id,
        version=event.version,
        previous_status=event.previous_status,
        status=event.status,
        reason=event.reason,
    )


@to_contract.register
def _(event: events.MemberErased) -> contract.MemberErased:
    return contract.MemberErased(**_member(event.member), erased_at=event.erased_at)


@to_contract.register
def _(event: events.RoleAssigned) -> contract.RoleAssigned:
    assignment = event.assignment
    return contract.RoleAssigned(
        assignment_id=assignment.assignment_id,
        member_id=assignment.member_id,
        person_name=assignment.person_name,
        role=assignment.role,
        province_code=assignment.province_code,
        district_code=assignment.district_code,
        term_start=assignment.term_start,
        term_end=assignment.term_end,
    )


@to_contract.register
def _(event: events.ProductListed) -> contract.ProductListed:
    return contract.ProductListed(**_product(event.product))


@to_contract.register
def _(event: events.ProductDetailsChanged) -> contract.ProductUpdated:
    return contract.ProductUpdated(
        **_product(event.product), changed_fields=list(event.changed_fields)
    )


@to_contract.register
def _(event: events.ProductRelocated) -> contract.ProductUpdated:
    return contract.ProductUpdated(**_product(event.product), changed_fields=["province_code"])


@to_contract.register
def _(event: events.ProductDelisted) -> contract.ProductDelisted:
    return contract.ProductDelisted(**_product(event.product), reason=event.reason)


@to_contract.register
def _(event: events.ProductRated) -> contract.ProductRated:
    return contract.ProductRated(
        product_id=event.product_id,
        member_id=event.member_id,
        version=event.version,
        sku=event.sku,
        round_year=event.rating.round_year,
        stars=event.rating.stars,
        previous_stars=event.previous_stars,
        current_stars=event.current_stars,
        rated_on=event.rating.rated_on,
    )
