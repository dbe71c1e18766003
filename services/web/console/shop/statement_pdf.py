"""The printable consignment statement (PDF, A4, Sarabun): Thai first, English beside it."""

from __future__ import annotations

from decimal import Decimal

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from services.web.console.shop.fonts import font_file
from services.web.console.shop.formatting import baht, be_date, be_datetime, be_period
from services.web.console.shop.statement import Statement
from services.web.console.shop.statement_stock import StockRow

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


_STOCK_HEADS = (
    ("สินค้า", "Product", 33.0),
    ("ยกมา", "Opening", 11.0),
    ("รับเข้า", "Delivered", 11.0),
    ("ขาย", "Sold", 11.0),
    ("ลูกค้าคืน", "Refunded", 11.0),
    ("คืนผู้ผลิต", "Returned", 11.0),
    ("ปรับยอด", "Adjusted", 11.0),
    ("คงเหลือ", "On hand", 11.0),
    ("ยอดขายสุทธิ", "Sales", 21.5),
    ("ค่าคอมฯ", "Commission", 20.0),
    ("ยอดจ่าย", "Payout", 22.5),
)


def _fit(doc: _Document, text: str, width: float) -> str:
    """The text cut (with …) to fit the cell."""
    if doc.get_string_width(text) <= width - 2:
        return text
    while text and doc.get_string_width(text + "…") > width - 2:
        text = text[:-1]
    return text + "…"


def _stock_row(doc: _Document, row: StockRow, *, bold: bool = False) -> None:
    adjusted = f"{row.adjusted:+,}" if row.adjusted else "0"
    values = (
        f"{row.opening:,}",
        f"{row.delivered:,}",
        f"{row.sold:,}",
        f"{row.refunded:,}",
        f"{row.returned:,}",
        adjusted,
        f"{row.on_hand:,}",
        baht(row.sales),
        baht(row.commission),
        baht(row.payout),
    )
    doc.set_font(FONT, "B" if bold else "", 8)
    doc.cell(_STOCK_HEADS[0][2], 6.5, _fit(doc, row.description, _STOCK_HEADS[0][2]), border=1)
    for text, (_, _, width) in zip(values, _STOCK_HEADS[1:], strict=True):
        doc.cell(width, 6.5, text, border=1, align="R")
    doc.ln(6.5)


def _stock(doc: _Document, st: Statement) -> None:
    """The producer's consignment stock over the period beside the payout, per product."""
    if not st.stock:
        return
    doc.text_line(
        "สต็อกสินค้าฝากขายกับยอดจ่าย / Consignment stock beside the payout", size=11, bold=True
    )
    for line, size in ((0, 8.0), (1, 7.0)):
        doc.set_font(FONT, "B" if line == 0 else "", size)
        for head in _STOCK_HEADS:
            doc.cell(head[2], 5.0, head[line], border="LR" + ("T" if line == 0 else "B"), align="C")
        doc.ln(5.0)
    for row in st.stock:
        _stock_row(doc, row)
    _stock_row(doc, st.stock_total, bold=True)
    doc.set_font(FONT, "", 8)
    doc.multi_cell(
        0,
        4.5,
        "คงเหลือสิ้นงวด = ยกมา + รับเข้า − ขาย + ลูกค้าคืน − คืนผู้ผลิต ± ปรับยอด (หน่วย); "
        "ขายรวมหน้าร้านและออนไลน์ / On hand at the period's end = opening + delivered − sold "
        "+ refunded − returned ± adjusted (units); sales at the till and online alike.",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
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
    _stock(doc, st)
    _summary(doc, st)
    _signatures(doc, st)
    return bytes(doc.output())
