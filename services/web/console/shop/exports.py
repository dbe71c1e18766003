"""A revenue table as CSV (UTF-8 with a BOM, so Excel shows Thai) and as an Excel workbook
(amounts as numbers with two decimals)."""

from __future__ import annotations

import csv
import io

from services.web.console.shop.revenue import RevenueTable

COLUMNS = (
    "จำนวนการขาย / Sales",
    "จำนวนที่ขาย / Units sold",
    "จำนวนที่คืน / Units refunded",
    "ยอดขาย (บาท) / Gross sales (THB)",
    "คืนเงิน (บาท) / Refunds (THB)",
    "ยอดสุทธิ (บาท) / Net sales (THB)",
)
TOTAL = "รวม / Total"
MONEY_FORMAT = "#,##0.00"


def _header(table: RevenueTable) -> list[str]:
    th, en = table.heading
    return ["รหัส / Key", f"{th} / {en}", *COLUMNS]


def revenue_csv(table: RevenueTable) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(_header(table))
    for line in table.lines:
        writer.writerow(
            [
                line.key or "",
                line.label,
                line.sale_count,
                line.quantity_sold,
                line.quantity_refunded,
                f"{line.gross_sales:.2f}",
                f"{line.refunds:.2f}",
                f"{line.net_sales:.2f}",
            ]
        )
    writer.writerow(
        [
            "",
            TOTAL,
            sum(line.sale_count for line in table.lines),
            sum(line.quantity_sold for line in table.lines),
            sum(line.quantity_refunded for line in table.lines),
            f"{table.total_gross_sales:.2f}",
            f"{table.total_refunds:.2f}",
            f"{table.total_net_sales:.2f}",
        ]
    )
    return out.getvalue().encode("utf-8-sig")


def revenue_xlsx(table: RevenueTable) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = f"by {table.by}"
    sheet.append(_header(table))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for line in table.lines:
        sheet.append(
            [
                line.key or "",
                line.label,
                line.sale_count,
                line.quantity_sold,
                line.quantity_refunded,
                line.gross_sales,
                line.refunds,
                line.net_sales,
            ]
        )
    sheet.append(
        [
            "",
            TOTAL,
            sum(line.sale_count for line in table.lines),
            sum(line.quantity_sold for line in table.lines),
            sum(line.quantity_refunded for line in table.lines),
            table.total_gross_sales,
            table.total_refunds,
            table.total_net_sales,
        ]
    )
    for row in sheet.iter_rows(min_row=2, min_col=6, max_col=8):
        for cell in row:
            cell.number_format = MONEY_FORMAT
    for column, width in zip("ABCDEFGH", (38, 36, 14, 14, 14, 20, 18, 20), strict=True):
        sheet.column_dimensions[column].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
