from __future__ import annotations

import csv
import io
from decimal import Decimal

from services.web.console.shop.exports import revenue_csv, revenue_xlsx
from services.web.console.shop.revenue import SHOP_ITSELF, revenue_table
from tests.unit.web_shop.figures import PRODUCER, revenue_report


def _table():
    return revenue_table(revenue_report(), {PRODUCER: "กลุ่มแม่บ้านเกาะยอ"})


def test_csv_starts_with_a_bom_and_carries_thai_and_exact_amounts() -> None:
    data = revenue_csv(_table())
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][1] == "ผู้ผลิต / Producer"
    assert rows[1][:2] == [PRODUCER, "กลุ่มแม่บ้านเกาะยอ"]
    assert rows[1][5:] == ["2756.49", "85.50", "2670.99"]
    assert rows[2][1] == "7c6b5a4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d"  # no name known: the id
    assert rows[-1][1:] == ["รวม / Total", "3", "6", "1", "2756.59", "85.50", "2671.09"]


def test_excel_keeps_amounts_as_numbers_with_two_decimals() -> None:
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(revenue_xlsx(_table()))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][1] == "กลุ่มแม่บ้านเกาะยอ"
    assert [Decimal(str(v)) for v in rows[1][5:]] == [
        Decimal("2756.49"),
        Decimal("85.50"),
        Decimal("2670.99"),
    ]
    assert all(isinstance(v, int | float) for v in rows[1][2:])
    assert [Decimal(str(v)) for v in rows[-1][5:]] == [
        Decimal("2756.59"),
        Decimal("85.50"),
        Decimal("2671.09"),
    ]
    assert sheet.cell(row=2, column=6).number_format == "#,##0.00"
    assert sheet.cell(row=4, column=8).number_format == "#,##0.00"


def test_the_shop_itself_and_days_are_named_for_people() -> None:
    report = revenue_report("event")
    report["rows"][0]["key"] = None
    assert revenue_table(report, {}).lines[0].label == SHOP_ITSELF
    days = revenue_report("day")
    days["rows"][0]["key"] = "2026-11-03"
    days["rows"][1]["key"] = "2026-11-04"
    table = revenue_table(days, {}, day_label=lambda d: f"{d.day}/{d.month}/{d.year + 543}")
    assert table.lines[0].label == "3/11/2569"
