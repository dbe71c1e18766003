"""A member's listed products move with its site to another province."""

from __future__ import annotations

from services.registry.service_layer import commands, handlers
from shared.contracts.registry import (
    MemberStatus,
    ProductUpdated,
)
from tests.unit.registry.conftest import ListProduct, RegisterMember
from tests.unit.registry.fakes import FakeRegistryUnitOfWork


async def test_listed_products_move_with_their_members_site_to_another_province(
    uow: FakeRegistryUnitOfWork, register: RegisterMember, list_product: ListProduct
) -> None:
    member = await register(MemberStatus.ACTIVE)
    listed = await list_product(member, sku="SK-MOVE-01")
    delisted = await list_product(member, sku="SK-MOVE-02")
    await handlers.delist_product(commands.DelistProduct(product_id=delisted.product_id), uow)
    khon_kaen = {
        "address_line": "45 หมู่ 7",
        "province_code": "40",
        "district_code": "4001",
        "subdistrict_code": "400101",
    }

    await handlers.update_member(
        commands.UpdateMember(
            member_id=member.member_id,
            changes=commands.MemberChanges.model_validate({"site": khon_kaen}),
        ),
        uow,
    )

    moved = uow.state.products[listed.product_id]
    assert (moved.province_code, moved.version) == ("40", 2)
    kept = uow.state.products[delisted.product_id]
    assert (kept.province_code, kept.version) == ("90", 2)
    topic, envelope = uow.committed_events[-1]
    assert topic == "registry.products.v1"
    assert envelope.aggregate_id == str(listed.product_id)
    assert isinstance(envelope.data, ProductUpdated)
    assert envelope.data.changed_fields == ["province_code"]
    assert envelope.data.province_code == "40"


async def test_a_move_within_the_province_leaves_the_products_as_they_are(
    uow: FakeRegistryUnitOfWork, register: RegisterMember, list_product: ListProduct
) -> None:
    member = await register(MemberStatus.ACTIVE)
    product = await list_product(member)
    mueang_songkhla = {
        "address_line": "12 ถนนนครนอก",
        "province_code": "90",
        "district_code": "9001",
        "subdistrict_code": "900101",
    }

    await handlers.update_member(
        commands.UpdateMember(
            member_id=member.member_id,
            changes=commands.MemberChanges.model_validate({"site": mueang_songkhla}),
        ),
        uow,
    )

    assert uow.state.products[product.product_id].version == 1
    assert uow.committed_events[-1][1].event_type == "member.updated"
