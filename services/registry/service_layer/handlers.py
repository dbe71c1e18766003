"""Command handlers: load the aggregate, let the domain decide, store it and its events.

Every handler gets its unit of work passed in; nothing here knows about HTTP or Kafka.
Before it changes anything, a handler asks whether the actor of the request may: members,
their products and ratings are managed in the member's district (the production site's),
network offices in the office's area (its district, else its province).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

from services.registry.domain.geography import check_district, check_province, resolve_site
from services.registry.domain.members import Member
from services.registry.domain.products import Product, Rating
from services.registry.domain.roles import RoleAssignment
from services.registry.service_layer import commands
from services.registry.service_layer.unit_of_work import RegistryUnitOfWork
from shared.contracts.registry import Certification, Contact, SiteAddress
from shared.errors import Conflict, NotFound
from shared.identity.actor import authorize
from shared.identity.roles import Action
from shared.messaging.bus import CommandHandler
from shared.timeutil import now_bangkok

Clock = Callable[[], datetime]


def _site(site: commands.SiteInput) -> SiteAddress:
    return resolve_site(
        address_line=site.address_line,
        province_code=site.province_code,
        district_code=site.district_code,
        subdistrict_code=site.subdistrict_code,
        postal_code=site.postal_code,
    )


def _certifications(given: list[commands.CertificationInput]) -> list[Certification]:
    return [Certification(**c.model_dump()) for c in given]


def _contact(contact: commands.ContactInput) -> Contact:
    return Contact(**contact.model_dump())


async def register_member(
    cmd: commands.RegisterMember, uow: RegistryUnitOfWork, clock: Clock = now_bangkok
) -> Member:
    site = _site(cmd.site)
    authorize(Action.MANAGE_MEMBERS, site.district_code)
    async with uow:
        member, event = Member.register(
            member_type=cmd.member_type,
            name_th=cmd.name_th,
            name_en=cmd.name_en,
            contact=_contact(cmd.contact),
            site=site,
            community_enterprise=cmd.community_enterprise,
            community_enterprise_no=cmd.community_enterprise_no,
            preferred_language=cmd.preferred_language,
            now=clock(),
        )
        await uow.members.add(member)
        uow.publish(member.member_id, event)
        await uow.commit()
    return member


async def _member_for_update(uow: RegistryUnitOfWork, member_id: uuid.UUID) -> Member:
    member = await uow.members.get(member_id, for_update=True)
    if member is None:
        raise NotFound(f"there is no member {member_id}")
    return member


async def _managed_member(uow: RegistryUnitOfWork, member_id: uuid.UUID) -> Member:
    """The member, locked, once the actor may manage members in its district."""
    member = await _member_for_update(uow, member_id)
    authorize(Action.MANAGE_MEMBERS, member.site.district_code)
    return member


async def update_member(cmd: commands.UpdateMember, uow: RegistryUnitOfWork) -> Member:
    given = cmd.changes.model_dump(exclude_unset=True)
    changes: dict[str, object] = {
        k: getattr(cmd.changes, k) for k in given if k not in ("contact", "site")
    }
    new_site = _site(cmd.changes.site) if cmd.changes.site is not None else None
    if new_site is not None:
        changes["site"] = new_site
    for required in ("name_th", "community_enterprise", "preferred_language"):
        if required in changes and changes[required] is None:
            del changes[required]
    async with uow:
        member = await _managed_member(uow, cmd.member_id)
        if new_site is not None:
            # Moving a member to another district needs the right there as well.
            authorize(Action.MANAGE_MEMBERS, new_site.district_code)
        if cmd.changes.contact is not None:
            contact_changes = cmd.changes.contact.model_dump(exclude_unset=True)
            if contact_changes.get("name", "") is None:
                del contact_changes["name"]  # the contact person's name cannot be cleared
            changes["contact"] = member.contact.model_copy(update=contact_changes)
        event = member.update(**changes)
        if event is not None:
            await uow.members.save(member)
            uow.publish(member.member_id, event)
            if "site" in event.changed_fields:
                # Products carry their producer's province; they move with the site.
                for product in await uow.products.listed_of_member(member.member_id):
                    moved = product.relocate(member.site.province_code)
                    if moved is not None:
                        await uow.products.save(product)
                        uow.publish(product.product_id, moved)
        await uow.commit()
    return member


async def erase_member(
    cmd: commands.EraseMember, uow: RegistryUnitOfWork, clock: Clock = now_bangkok
) -> Member:
    """Erase the member's personal data (PDPA) and tell the network with `member.erased`;
    asking again changes nothing and publishes nothing."""
    authorize(Action.ADMINISTER)
    async with uow:
        member = await _member_for_update(uow, cmd.member_id)
        event = member.erase(clock())
        if event is not None:
            await uow.members.save(member)
            await uow.roles.forget_person_names(member.member_id)
            await uow.members.forget_published(member)
            uow.publish(member.member_id, event)
            await uow.commit()
    return member


async def change_member_status(cmd: commands.ChangeMemberStatus, uow: RegistryUnitOfWork) -> Member:
    async with uow:
        member = await _managed_member(uow, cmd.member_id)
        event = member.change_status(cmd.change.status, cmd.change.reason)
        await uow.members.save(member)
        uow.publish(member.member_id, event)
        await uow.commit()
    return member


async def list_product(cmd: commands.ListProduct, uow: RegistryUnitOfWork) -> Product:
    spec = cmd.product
    async with uow:
        member = await _managed_member(uow, cmd.member_id)
        if await uow.products.sku_taken(spec.sku):
            raise Conflict(f"SKU {spec.sku} is already used by another product in the network")
        product, event = Product.list_for(
            member,
            sku=spec.sku,
            name_th=spec.name_th,
            name_en=spec.name_en,
            category=spec.category,
            unit=spec.unit,
            price=spec.price,
            certifications=_certifications(spec.certifications),
            segment=spec.segment,
            description_th=spec.description_th,
            description_en=spec.description_en,
        )
        await uow.products.add(product)
        uow.publish(product.product_id, event)
        await uow.commit()
    return product


async def _product_for_update(uow: RegistryUnitOfWork, product_id: uuid.UUID) -> Product:
    product = await uow.products.get(product_id, for_update=True)
    if product is None:
        raise NotFound(f"there is no product {product_id}")
    return product


async def _managed_product(
    uow: RegistryUnitOfWork, product_id: uuid.UUID
) -> tuple[Member, Product]:
    """The product and its member, both locked, once the actor may manage members in the
    member's district. The member is locked before its product, in the same order as a
    member update that moves the member's products, so the two cannot deadlock."""
    found = await uow.products.get(product_id)
    if found is None:
        raise NotFound(f"there is no product {product_id}")
    member = await _managed_member(uow, found.member_id)
    return member, await _product_for_update(uow, product_id)


async def update_product(cmd: commands.UpdateProduct, uow: RegistryUnitOfWork) -> Product:
    given = cmd.changes.model_dump(exclude_unset=True)
    changes = {k: getattr(cmd.changes, k) for k in given}
    for required in ("name_th", "category", "unit", "price", "certifications"):
        if required in changes and changes[required] is None:
            del changes[required]
    if "certifications" in changes:
        changes["certifications"] = _certifications(changes["certifications"])  # type: ignore[arg-type]
    async with uow:
        member, product = await _managed_product(uow, cmd.product_id)
        member.can_list_products()
        event = product.update(**changes)
        if event is not None:
            await uow.products.save(product)
            uow.publish(product.product_id, event)
        await uow.commit()
    return product


async def delist_product(cmd: commands.DelistProduct, uow: RegistryUnitOfWork) -> Product:
    async with uow:
        _, product = await _managed_product(uow, cmd.product_id)
        event = product.delist(cmd.reason)
        await uow.products.save(product)
        uow.publish(product.product_id, event)
        await uow.commit()
    return product


async def rate_product(cmd: commands.RateProduct, uow: RegistryUnitOfWork) -> Product:
    rating = Rating(
        round_year=cmd.rating.round_year,
        stars=cmd.rating.stars,
        rated_on=cmd.rating.rated_on,
        note=cmd.rating.note,
    )
    async with uow:
        _, product = await _managed_product(uow, cmd.product_id)
        event = product.rate(rating)
        await uow.products.add_rating(product, rating)
        await uow.products.save(product)
        uow.publish(product.product_id, event)
        await uow.commit()
    return product


async def assign_role(cmd: commands.AssignRole, uow: RegistryUnitOfWork) -> RoleAssignment:
    check_province(cmd.province_code)
    if cmd.district_code is not None:
        check_district(cmd.province_code, cmd.district_code)
    authorize(Action.MANAGE_ROLES, cmd.district_code or cmd.province_code)
    async with uow:
        member = await _member_for_update(uow, cmd.member_id)
        assignment, event = RoleAssignment.assign(
            member,
            person_name=cmd.person_name,
            role=cmd.role,
            province_code=cmd.province_code,
            district_code=cmd.district_code,
            term_start=cmd.term_start,
            term_end=cmd.term_end,
        )
        if assignment.is_single_holder:
            # Serialise assignments to the same office so two at once cannot both win.
            await uow.roles.lock_area(cmd.role, cmd.province_code, cmd.district_code)
            holders = await uow.roles.holders(
                cmd.role, cmd.province_code, cmd.district_code, cmd.term_start, cmd.term_end
            )
            assignment.refuse_overlap_with(holders)
        await uow.roles.add(assignment)
        uow.publish(member.member_id, event)
        await uow.commit()
    return assignment


# What the command bus runs for each command.
COMMANDS: dict[type[Any], CommandHandler] = {
    commands.RegisterMember: register_member,
    commands.UpdateMember: update_member,
    commands.EraseMember: erase_member,
    commands.ChangeMemberStatus: change_member_status,
    commands.ListProduct: list_product,
    commands.UpdateProduct: update_product,
    commands.DelistProduct: delist_product,
    commands.RateProduct: rate_product,
    commands.AssignRole: assign_role,
}
