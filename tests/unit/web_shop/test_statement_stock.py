"""The producer's consignment stock beside the payout on the settlement statement: per product
and for the period, adding up, on the page's data and in the printed PDF."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pypdf

from services.web.console.shop.statement import statement_of
from services.web.console.shop.statement_pdf import statement_pdf
from services.web.console.shop.statement_stock import share_commission
from tests.unit.web_shop.figures import FISH, SILK, settlement_detail

HONEY = "3c2b1a09-8f7e-4d6c-9b5a-493827160504"


def _held(product_id: str, sku: str, name: str, **units: int) -> dict[str, Any]:
    row = {"product_id": product_id, "sku": sku, "name_th": name, "name_en": None}
    row.update(dict.fromkeys(("opening", "delivered", "sold", "refunded"), 0))
    row.update(dict.fromkeys(("returned", "adjusted"), 0))
    row.update(units)
    row["on_hand"] = (
        row["opening"]
        + row["delivered"]
        - row["sold"]
        + row["refunded"]
        - row["returned"]
        + row["adjusted"]
    )
    return row


def detail_with_stock() -> dict[str, Any]:
    """The figures' settlement with its stock: fish crackers (some sold online), silk scarves
    and honey that only came in and went back."""
    detail = settlement_detail()
    products = [
        _held(FISH, "SK-FISH", "ข้าวเกรียบปลา", opening=4, delivered=20, sold=3, refunded=1),
        _held(SILK, "SK-SILK", "ผ้าไหมมัดหมี่", delivered=5, sold=2, adjusted=-1),
        _held(HONEY, "SK-HONEY", "น้ำผึ้งป่า", delivered=12, returned=5),
    ]
    totals = {k: sum(p[k] for p in products) for k in ("opening", "delivered", "sold")}
    for k in ("refunded", "returned", "adjusted", "on_hand"):
        totals[k] = sum(p[k] for p in products)
    detail["stock"] = {**totals, "products": products}
    return detail


def _statement() -> Any:
    return statement_of(
        detail_with_stock(),
        shop_name="ศูนย์จำหน่ายสินค้า OTOP ขอนแก่น",
        producer_name="กลุ่มแม่บ้านเกาะยอ",
        names={FISH: "ข้าวเกรียบปลา", SILK: "ผ้าไหมมัดหมี่"},
    )


def test_each_products_stock_sits_beside_its_sales_commission_and_payout() -> None:
    st = _statement()
    fish, silk, honey = st.stock
    assert (fish.description, fish.delivered, fish.sold, fish.on_hand) == ("ข้าวเกรียบปลา", 20, 3, 22)
    assert fish.sales == Decimal("171.00")  # 256.50 less the 85.50 refunded
    assert (silk.adjusted, silk.on_hand, silk.sales) == (-1, 2, Decimal("2499.99"))
    assert (honey.description, honey.returned, honey.sales) == ("น้ำผึ้งป่า", 5, Decimal("0.00"))
    assert all(row.adds_up() for row in st.stock)


def test_the_period_totals_add_up_to_the_settlements_payout() -> None:
    st = _statement()
    total = st.stock_total
    assert (total.opening, total.delivered, total.sold, total.returned) == (4, 37, 5, 5)
    assert total.on_hand == 4 + 37 - 5 + 1 - 5 - 1
    assert (total.sales, total.commission, total.payout) == (
        st.net_sales,
        st.commission,
        st.net_payout,
    )
    assert st.discrepancies() == []


def test_a_stock_row_that_does_not_add_up_is_shown_as_a_discrepancy() -> None:
    detail = detail_with_stock()
    detail["stock"]["products"][0]["on_hand"] += 1
    st = statement_of(detail, shop_name="ร้าน", producer_name="ผู้ผลิต")
    assert any("does not add up" in d for d in st.discrepancies())


def test_the_commission_shares_add_up_to_the_satang_whatever_the_rounding() -> None:
    sales = [Decimal("0.10"), Decimal("0.10"), Decimal("0.10"), Decimal("-0.05")]
    shares = share_commission(sales, Decimal("15.00"), Decimal("0.04"))
    assert sum(shares) == Decimal("0.04")
    assert sum(
        share_commission([Decimal("171.00"), Decimal("2499.99")], Decimal("15"), Decimal("400.65"))
    ) == Decimal("400.65")


def test_a_settlement_without_a_stock_position_shows_no_stock_table() -> None:
    st = statement_of(settlement_detail(), shop_name="ร้าน", producer_name="ผู้ผลิต")
    assert st.stock == () and st.discrepancies() == []


def test_the_printed_statement_shows_the_stock_and_its_totals_in_thai() -> None:
    pdf = statement_pdf(_statement())
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    for expected in (
        "สต็อกสินค้าฝากขายกับยอดจ่าย",
        "Consignment stock beside the payout",
        "รับเข้า",
        "คืนผู้ผลิต",
        "คงเหลือ",
        "น้ำผึ้งป่า",
        "รวมทั้งงวด",
        "400.65",  # the commission, shared over the products
        "2,270.34",  # the payout
        "2569",  # B.E.
    ):
        assert expected in text, expected
    assert "2026" not in text.replace("2026-", "")
