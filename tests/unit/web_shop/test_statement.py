from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from services.web.console.shop.statement import product_ids, statement_of
from tests.unit.web_shop.figures import FISH, SILK, settlement_detail

NAMES = {FISH: "ข้าวเกรียบปลา", SILK: "ผ้าไหมมัดหมี่"}


def _statement(detail=None):
    return statement_of(
        detail or settlement_detail(),
        shop_name="ศูนย์ OTOP สงขลา",
        producer_name="กลุ่มแม่บ้านเกาะยอ",
        names=NAMES,
    )


def test_statement_keeps_the_api_figures_exact_as_decimals() -> None:
    st = _statement()
    assert st.gross_sales == Decimal("2756.49")
    assert st.refunds == Decimal("85.50")
    assert st.net_sales == Decimal("2670.99")
    assert st.commission == Decimal("400.65")
    assert st.net_payout == Decimal("2270.34")
    assert st.commission_percent == Decimal("15.00")
    assert st.period_start == date(2026, 11, 1) and st.period_end == date(2026, 11, 30)
    assert st.discrepancies() == []


def test_statement_has_one_line_per_product_with_its_refunds_and_names() -> None:
    st = _statement()
    assert [(line.description, line.quantity) for line in st.lines] == [
        ("ข้าวเกรียบปลา", 3),
        ("ผ้าไหมมัดหมี่", 2),
    ]
    fish, silk = st.lines
    assert (fish.gross, fish.refunds, fish.net) == (
        Decimal("256.50"),
        Decimal("85.50"),
        Decimal("171.00"),
    )
    assert silk.net == Decimal("2499.99")
    assert product_ids(settlement_detail()) == {FISH, SILK}


def test_a_line_without_a_known_name_shows_its_sku() -> None:
    st = statement_of(settlement_detail(), shop_name="s", producer_name="p", names={})
    assert [line.description for line in st.lines] == ["SK-FISH", "SK-SILK"]


def test_figures_that_do_not_add_up_are_reported() -> None:
    detail = settlement_detail()
    detail["settlement"]["net_payout"] = "2270.30"
    detail["settlement"]["gross_sales"] = "2756.50"
    detail["settlement"]["net_sales"] = "2671.00"
    found = _statement(detail).discrepancies()
    assert "net payout ≠ net sales − commission" in found
    assert "the lines' gross sales ≠ gross sales" in found


def test_the_filename_names_the_period_and_the_settlement() -> None:
    st = _statement()
    assert st.filename == "statement-20261101-20261130-1a2b3c4d.pdf"
    assert st.settlement_id == uuid.UUID(settlement_detail()["settlement"]["settlement_id"])


def test_a_correction_names_the_settlement_it_corrects() -> None:
    detail = settlement_detail()
    corrected = str(uuid.uuid4())
    detail["settlement"]["corrects"] = corrected
    assert str(_statement(detail).corrects) == corrected
