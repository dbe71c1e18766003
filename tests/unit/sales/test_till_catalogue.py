"""What a terminal may sell, and producers' names kept from registry.members.v1."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from services.sales.domain.catalogue import ProductChange, categories_of, for_sale
from services.sales.domain.pricing import CatalogueProduct
from services.sales.service_layer.member_events import on_member_described
from shared.contracts.registry import (
    ERASED_TEXT,
    Contact,
    MemberErased,
    MemberRegistered,
    MemberSnapshot,
    MemberStatus,
    MemberType,
    SiteAddress,
)
from tests.unit.sales.fakes import FakeSalesUnitOfWork

NOW = datetime(2026, 11, 21, 4, 0, tzinfo=UTC)


def member_snapshot(
    member_id: uuid.UUID, *, version: int, name_th: str, name_en: str | None, erased: bool = False
) -> MemberSnapshot:
    fields = {
        "member_id": member_id,
        "version": version,
        "member_type": MemberType.SINGLE_OWNER,
        "name_th": name_th,
        "name_en": name_en,
        "community_enterprise": False,
        "status": MemberStatus.ACTIVE,
        "contact": Contact(name=ERASED_TEXT if erased else "สมศรี ใจดี", phone=None),
        "site": SiteAddress(
            address_line="" if erased else "99 หมู่ 3",
            subdistrict_code="400101",
            district_code="4001",
            province_code="40",
            postal_code="40000",
            subdistrict_name_th="ในเมือง",
            district_name_th="เมืองขอนแก่น",
            province_name_th="ขอนแก่น",
        ),
        "registered_at": NOW,
    }
    if erased:
        return MemberErased(**fields, erased_at=NOW)
    return MemberRegistered(**fields)


def change(sku, version=1, listed=True, category="food", name="ข้าวเกรียบ") -> ProductChange:
    product = CatalogueProduct(uuid.uuid4(), uuid.uuid4(), sku, 1000, listed)
    return ProductChange(product, version, name_th=name, category=category, unit="ถุง")


def test_a_terminal_sells_each_sku_once_as_the_product_a_sale_of_it_records():
    old, new = change("SK-1", version=1), change("SK-1", version=2)
    gone = change("SK-2", listed=False)
    chosen = for_sale([old, new, gone])
    assert [c.product.product_id for c in chosen] == [new.product.product_id]


def test_products_come_by_official_category_then_name():
    herbal = change("H-1", category="non_food_herbal", name="ยาหม่อง")
    cloth = change("C-1", category="textiles_and_clothing", name="ผ้าไหม")
    food_b, food_a = change("F-2", name="ปลาแห้ง"), change("F-1", name="กล้วยตาก")
    chosen = for_sale([herbal, cloth, food_b, food_a])
    assert [c.product.sku for c in chosen] == ["F-1", "F-2", "C-1", "H-1"]
    assert categories_of(chosen) == ["food", "textiles_and_clothing", "non_food_herbal"]


async def test_producer_names_follow_the_newest_snapshot_and_an_erasure_stays():
    uow = FakeSalesUnitOfWork()
    member_id = uuid.uuid4()
    first = member_snapshot(member_id, version=1, name_th="นางสมศรี", name_en="Somsri")
    erased = member_snapshot(member_id, version=3, name_th=ERASED_TEXT, name_en=None, erased=True)
    await on_member_described(first, None, uow)
    assert uow.state.producers[member_id].name_th == "นางสมศรี"
    await on_member_described(erased, None, uow)
    await on_member_described(first, None, uow)
    kept = uow.state.producers[member_id]
    assert (kept.name_th, kept.name_en, kept.version) == (ERASED_TEXT, None, 3)
