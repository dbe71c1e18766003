"""Products: listing, SKUs, changes, delisting and the star-rating history."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

import pytest
from pydantic import ValidationError

from services.registry.domain.products import Rating
from services.registry.service_layer import commands, handlers
from shared.contracts.registry import (
    DevelopmentSegment,
    MemberStatus,
    ProductListed,
    ProductRated,
    ProductStatus,
    ProductUpdated,
)
from shared.errors import Conflict, InvalidInput, InvalidTransition, NotFound
from tests.integration.registry.payloads import product_payload
from tests.unit.registry.conftest import ListProduct, RegisterMember
from tests.unit.registry.fakes import FakeRegistryUnitOfWork


def _rate(product_id: uuid.UUID, round_year: int, stars: int) -> commands.RateProduct:
    return commands.RateProduct(
        product_id=product_id,
        rating=commands.RatingInput(
            round_year=round_year, stars=stars, rated_on=date(round_year, 8, 1)
        ),
    )


def _update(product_id: uuid.UUID, **changes: object) -> commands.UpdateProduct:
    return commands.UpdateProduct(
        product_id=product_id, changes=commands.ProductChanges.model_validate(changes)
    )


async def test_listing_a_product_emits_product_listed_keyed_by_the_product(
    uow: FakeRegistryUnitOfWork, register: RegisterMember, list_product: ListProduct
) -> None:
    member = await register(MemberStatus.ACTIVE)

    product = await list_product(member)

    assert product.price == Decimal("85.50")
    assert product.status is ProductStatus.LISTED
    assert product.province_code == "90"
    assert product.product_id in uow.state.products
    topic, envelope = uow.committed_events[-1]
    assert topic == "registry.products.v1"
    assert envelope.event_type == "product.listed"
    assert envelope.aggregate_id == str(product.product_id)
    assert isinstance(envelope.data, ProductListed)
    assert envelope.data.member_id == member.member_id
    assert envelope.data.price == Decimal("85.50")
    assert envelope.model_dump(mode="json")["data"]["price"] == "85.50"


@pytest.mark.parametrize("status", [MemberStatus.SUSPENDED, MemberStatus.WITHDRAWN])
async def test_a_suspended_or_withdrawn_member_cannot_list_a_product(
    uow: FakeRegistryUnitOfWork,
    register: RegisterMember,
    list_product: ListProduct,
    status: MemberStatus,
) -> None:
    member = await register(status)
    events_before = len(uow.committed_events)

    with pytest.raises(InvalidTransition, match=status.value):
        await list_product(member)

    assert uow.state.products == {}
    assert len(uow.committed_events) == events_before


async def test_a_suspended_members_product_cannot_be_changed(
    uow: FakeRegistryUnitOfWork, register: RegisterMember, list_product: ListProduct
) -> None:
    member = await register(MemberStatus.ACTIVE)
    product = await list_product(member)
    await handlers.change_member_status(
        commands.ChangeMemberStatus(
            member_id=member.member_id,
            change=commands.StatusChange(status=MemberStatus.SUSPENDED),
        ),
        uow,
    )

    with pytest.raises(InvalidTransition, match="suspended"):
        await handlers.update_product(_update(product.product_id, price="90.00"), uow)

    assert uow.state.products[product.product_id].price == Decimal("85.50")


async def test_a_listing_for_an_unknown_member_is_not_found(
    uow: FakeRegistryUnitOfWork,
) -> None:
    cmd = commands.ListProduct(
        member_id=uuid.uuid4(), product=commands.ProductInput.model_validate(product_payload())
    )
    with pytest.raises(NotFound):
        await handlers.list_product(cmd, uow)


@pytest.mark.parametrize("second_sku", ["SK-KT-0001", "sk-kt-0001", "Sk-Kt-0001"])
async def test_a_sku_already_used_in_the_network_is_refused_whatever_its_case(
    uow: FakeRegistryUnitOfWork,
    register: RegisterMember,
    list_product: ListProduct,
    second_sku: str,
) -> None:
    first_member = await register(MemberStatus.ACTIVE)
    other_member = await register(MemberStatus.ACTIVE, name_th="วิสาหกิจชุมชนผ้าทอเกาะยอ")
    await list_product(first_member, sku="SK-KT-0001")

    with pytest.raises(Conflict, match=second_sku):
        await list_product(other_member, sku=second_sku)

    assert len(uow.state.products) == 1


@pytest.mark.parametrize("price", ["0", "0.00"])
def test_a_price_of_zero_is_refused_by_the_domain(price: str) -> None:
    from services.registry.domain.products import _check_price

    with pytest.raises(InvalidInput, match="more than 0"):
        _check_price(Decimal(price))


@pytest.mark.parametrize("price", [85.5, 85, "19.999", "-1", "85,50", ""])
def test_a_product_price_must_be_a_decimal_string_with_at_most_two_decimals(
    price: object,
) -> None:
    with pytest.raises(ValidationError, match="price"):
        commands.ProductInput.model_validate(product_payload(price=price))


async def test_ratings_keep_their_history_and_the_current_stars_are_the_latest_rounds(
    uow: FakeRegistryUnitOfWork, register: RegisterMember, list_product: ListProduct
) -> None:
    product = await list_product(await register(MemberStatus.ACTIVE))

    await handlers.rate_product(_rate(product.product_id, 2022, 3), uow)
    rated = await handlers.rate_product(_rate(product.product_id, 2024, 4), uow)
    assert rated.stars == 4
    # An earlier round recorded late joins the history without replacing the current stars.
    late = await handlers.rate_product(_rate(product.product_id, 2020, 5), uow)

    assert late.stars == 4
    assert [(r.round_year, r.stars) for r in late.ratings] == [(2020, 5), (2022, 3), (2024, 4)]
    stored = uow.state.products[product.product_id]
    assert stored.stars == 4
    assert stored.version == 4
    rated_events = uow.events_of_type("product.rated")
    assert [e.data.round_year for e in rated_events] == [2022, 2024, 2020]
    assert all(isinstance(e.data, ProductRated) for e in rated_events)
    assert rated_events[1].data.previous_stars == 3
    assert rated_events[1].data.stars == 4
    assert rated_events[1].data.current_stars == 4
    # The late round's event says what that round gave and what the product holds now.
    assert (rated_events[2].data.stars, rated_events[2].data.current_stars) == (5, 4)


async def test_a_second_rating_for_the_same_round_is_a_conflict(
    uow: FakeRegistryUnitOfWork, register: RegisterMember, list_product: ListProduct
) -> None:
    product = await list_product(await register(MemberStatus.ACTIVE))
    await handlers.rate_product(_rate(product.product_id, 2024, 4), uow)

    with pytest.raises(Conflict, match="2024"):
        await handlers.rate_product(_rate(product.product_id, 2024, 5), uow)

    stored = uow.state.products[product.product_id]
    assert stored.stars == 4
    assert len(uow.events_of_type("product.rated")) == 1


async def test_six_stars_is_not_a_rating(
    register: RegisterMember, list_product: ListProduct
) -> None:
    product = await list_product(await register(MemberStatus.ACTIVE))

    with pytest.raises(InvalidInput, match="1 to 5"):
        product.rate(Rating(round_year=2024, stars=6, rated_on=date(2024, 8, 1)))
    with pytest.raises(ValidationError, match="stars"):
        commands.RatingInput(round_year=2024, stars=6, rated_on=date(2024, 8, 1))

    assert product.ratings == []
    assert product.stars is None


async def test_a_delisted_product_cannot_be_changed_rated_or_delisted_again(
    uow: FakeRegistryUnitOfWork, register: RegisterMember, list_product: ListProduct
) -> None:
    product = await list_product(await register(MemberStatus.ACTIVE))
    delisted = await handlers.delist_product(
        commands.DelistProduct(product_id=product.product_id, reason="เลิกผลิต"), uow
    )
    assert delisted.status is ProductStatus.DELISTED
    assert uow.committed_events[-1][1].event_type == "product.delisted"
    events_before = len(uow.committed_events)

    with pytest.raises(InvalidTransition, match="delisted"):
        await handlers.update_product(_update(product.product_id, price="99.00"), uow)
    with pytest.raises(InvalidTransition, match="delisted"):
        await handlers.rate_product(_rate(product.product_id, 2024, 5), uow)
    with pytest.raises(InvalidTransition, match="delisted"):
        await handlers.delist_product(commands.DelistProduct(product_id=product.product_id), uow)

    stored = uow.state.products[product.product_id]
    assert (stored.price, stored.stars, stored.version) == (Decimal("85.50"), None, 2)
    assert len(uow.committed_events) == events_before


async def test_updating_a_product_bumps_its_version_and_lists_the_changed_fields(
    uow: FakeRegistryUnitOfWork, register: RegisterMember, list_product: ListProduct
) -> None:
    product = await list_product(await register(MemberStatus.ACTIVE))

    updated = await handlers.update_product(
        _update(product.product_id, price="89.00", segment="D", name_th="ข้าวเกรียบปลาสงขลา"),
        uow,
    )

    assert updated.version == 2
    assert updated.price == Decimal("89.00")
    assert updated.segment is DevelopmentSegment.D
    envelope = uow.committed_events[-1][1]
    assert isinstance(envelope.data, ProductUpdated)
    assert envelope.data.changed_fields == ["price", "segment"]


async def test_updating_a_product_to_what_it_already_is_emits_nothing(
    uow: FakeRegistryUnitOfWork, register: RegisterMember, list_product: ListProduct
) -> None:
    product = await list_product(await register(MemberStatus.ACTIVE))
    events_before = len(uow.committed_events)
    payload = product_payload()

    same = await handlers.update_product(
        _update(
            product.product_id,
            price="85.5",
            name_th=payload["name_th"],
            certifications=payload["certifications"],
            segment="B",
        ),
        uow,
    )

    assert same.version == 1
    assert uow.state.products[product.product_id].version == 1
    assert len(uow.committed_events) == events_before
