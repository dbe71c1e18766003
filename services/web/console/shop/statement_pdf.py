"""The printable consignment statement (PDF, A4, Sarabun): Thai first, English beside it."""

from __future__ import annotations

from decimal import Decimal

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from services.web.console.shop.fonts import font_file
from services.web.console.shop.formatting import baht, be_date, be_datetime, be_period
from services.web.console.shop.statement import Statement

FONT = "Sarabun"


class _Document(FPDF):
    def __init__(self) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.add_font(FONT, "", str(font_file("Regular")))
        self.add_font(FONT, "B", str(font_file("Bold")))
        self.set_margins(18, 16, 18)
        self.set_auto_page_break(auto=True, margin=18)

    def text_line(self, text: str, *, size: float = 11, bold: bool = False, h: float = 6.5) -> None:
        self.set_font(FONT, "B" if bold else "", size)
        self.cell(0, h, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def row(
        self,
        cells: list[tuple[str, float, str]],
        *,
        bold: bool = False,
        border: int | str = "B",
    ) -> None:
        self.set_font(FONT, "B" if bold else "", 10.5)
        for text, width, align in cells:
            self.cell(width, 7.5, text, border=border, align=align)
        self.ln(7.5)


def _header(doc: _Document, st: Statement) -> None:
    doc.text_line(st.shop_name, size=15, bold=True, h=8)
    doc.text_line("ใบแจ้งยอดขายสินค้าฝากขาย / Consignment statement", size=13, bold=True, h=8)
    doc.ln(2)
    doc.text_line(f"ผู้ผลิต / Producer: {st.producer_name}")
    doc.text_line(f"งวด / Period: {be_period(st.period_start, st.period_end)}")
    doc.text_line(f"ออกเมื่อ / Issued: {be_datetime(st.issued_at)}")
    doc.text_line(f"เลขที่ / Statement no.: {st.settlement_id}", size=9.5)
    if st.corrects is not None:
        doc.text_line(f"แก้ไขใบแจ้งยอดเลขที่ / Corrects statement: {st.corrects}", size=9.5)
    doc.text_line(f"จำนวนรายการขาย / Sales: {st.sale_count:,}")
    doc.ln(3)


def _lines(doc: _Document, st: Statement) -> None:
    if not st.lines:
        return
    widths = (70.0, 20.0, 28.0, 28.0, 28.0)
    heads = ("รายการ / Item", "จำนวน / Qty", "ยอดขาย / Gross", "คืน / Refunds", "สุทธิ / Net")
    doc.row([(h, w, "C") for h, w in zip(heads, widths, strict=True)], bold=True, border=1)
    for line in st.lines:
        doc.row(
            [
                (line.description, widths[0], "L"),
                (f"{line.quantity:,}", widths[1], "R"),
                (baht(line.gross), widths[2], "R"),
                (baht(line.refunds), widths[3], "R"),
                (baht(line.net), widths[4], "R"),
            ],
            border=1,
        )
    doc.ln(4)


def _summary(doc: _Document, st: Statement) -> None:
    percent = f"{st.commission_percent.normalize():f}"
    figures: list[tuple[str, Decimal, bool]] = [
        ("ยอดขายรวม / Gross sales", st.gross_sales, False),
        ("หัก คืนเงิน / Less refunds", st.refunds, False),
        ("ยอดขายสุทธิ / Net sales", st.net_sales, False),
        (f"หัก ค่าคอมมิชชั่น {percent}% / Less commission", st.commission, False),
        ("ยอดจ่ายสุทธิ / Net payout", st.net_payout, True),
    ]
    for label, value, strong in figures:
        doc.row(
            [(label, 110.0, "L"), (baht(value), 50.0, "R"), ("บาท / THB", 14.0, "R")],
            bold=strong,
        )
    doc.ln(14)


def _signatures(doc: _Document, st: Statement) -> None:
    doc.set_font(FONT, "", 10.5)
    left, right = 87.0, 87.0
    doc.cell(left, 7, "ลงชื่อ ...................................................", align="C")
    doc.cell(right, 7, "ลงชื่อ ...................................................", align="C")
    doc.ln(7)
    doc.cell(left, 7, "ผู้จัดการร้าน / Shop manager", align="C")
    doc.cell(right, 7, f"ผู้ผลิต (ผู้รับเงิน) / Producer: {st.producer_name}", align="C")
    doc.ln(7)
    doc.cell(left, 7, "วันที่ / Date ......../......../............", align="C")
    doc.cell(right, 7, "วันที่ / Date ......../......../............", align="C")
    doc.ln(12)
    doc.set_font(FONT, "", 8.5)
    doc.cell(
        0,
        5,
        f"พิมพ์จากระบบเครือข่าย OTOP / Printed from the OTOP network platform · "
        f"งวดสิ้นสุด {be_date(st.period_end)}",
    )


def statement_pdf(st: Statement) -> bytes:
    """The statement as PDF bytes."""
    doc = _Document()
    doc.set_title(f"Consignment statement {st.settlement_id}")
    doc.set_author(st.shop_name)
    doc.add_page()
    _header(doc, st)
    _lines(doc, st)
    _summary(doc, st)
    _signatures(doc, st)
    return bytes(doc.output())
