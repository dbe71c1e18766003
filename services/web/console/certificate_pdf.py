"""Certificates of attendance of a training (PDF, A4 landscape, Sarabun), one page each:
Thai first, English beside it, Buddhist-era dates."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from fpdf import FPDF

from services.web.console.shop.fonts import font_file
from services.web.console.shop.formatting import be_date, be_period

FONT = "Sarabun"


class _Document(FPDF):
    def __init__(self) -> None:
        super().__init__(orientation="L", unit="mm", format="A4")
        self.add_font(FONT, "", str(font_file("Regular")))
        self.add_font(FONT, "B", str(font_file("Bold")))
        self.set_margins(20, 18, 20)
        self.set_auto_page_break(auto=False)

    def centred(self, text: str, *, size: float, bold: bool = False, h: float = 10) -> None:
        self.set_font(FONT, "B" if bold else "", size)
        self.cell(0, h, text, align="C", new_x="LMARGIN", new_y="NEXT")


def _day(value: str) -> date:
    return date.fromisoformat(value[:10])


def _moment(value: str) -> datetime:
    return datetime.fromisoformat(value)


def _page(doc: _Document, event: dict[str, Any], cert: dict[str, Any], issuer: str) -> None:
    doc.add_page()
    doc.set_line_width(1.2)
    doc.rect(10, 10, doc.w - 20, doc.h - 20)
    doc.set_line_width(0.3)
    doc.rect(13, 13, doc.w - 26, doc.h - 26)
    doc.set_y(24)
    doc.centred(issuer, size=16, bold=True)
    doc.ln(4)
    doc.centred("เกียรติบัตรฉบับนี้ให้ไว้เพื่อแสดงว่า", size=16)
    doc.centred("Certificate of attendance", size=12, h=7)
    doc.ln(6)
    doc.centred(cert.get("name_th") or "-", size=28, bold=True, h=14)
    if cert.get("name_en"):
        doc.centred(cert["name_en"], size=14, h=8)
    position = cert.get("position_th")
    if position:
        organisation = cert.get("organisation")
        doc.centred(f"{position}{f' {organisation}' if organisation else ''}", size=15, h=9)
    doc.ln(6)
    doc.centred("ได้เข้ารับการอบรม / has attended", size=15, h=9)
    doc.centred(event["title_th"], size=20, bold=True, h=12)
    if event.get("title_en"):
        doc.centred(event["title_en"], size=13, h=8)
    start, end = _moment(event["starts_at"]), _moment(event["ends_at"])
    doc.centred(
        f"ระหว่างวันที่ {be_period(start.date(), end.date())} ณ {event['venue_th']}", size=14, h=9
    )
    attended = cert["sessions_attended"]
    doc.centred(
        f"เข้าร่วม {attended} จาก {event['sessions']} หัวข้อ / attended {attended} of "
        f"{event['sessions']} sessions",
        size=12,
        h=8,
    )
    issued = _moment(cert["issued_at"]).date() if cert.get("issued_at") else end.date()
    doc.centred(f"ให้ไว้ ณ วันที่ {be_date(issued, long=True)}", size=14, h=9)
    doc.set_y(doc.h - 52)
    doc.set_font(FONT, "", 13)
    doc.cell(0, 8, "ลงชื่อ ..................................................", align="C")
    doc.ln(8)
    doc.cell(0, 8, "ผู้อำนวยการโครงการ / Director of the course", align="C")
    doc.set_xy(20, doc.h - 26)
    doc.set_font(FONT, "", 10)
    doc.cell(0, 6, f"เลขที่ / No. {cert['number']}", align="L")


def certificates_pdf(certificates: dict[str, Any], issuer: str) -> bytes:
    """Every certificate due (the events service's answer) as one PDF, a page each."""
    doc = _Document()
    doc.set_title(f"Certificates {certificates['title_th']}")
    doc.set_author(issuer)
    for cert in certificates["items"]:
        _page(doc, certificates, cert, issuer)
    if not certificates["items"]:
        doc.add_page()
        doc.set_y(80)
        doc.centred("ยังไม่มีผู้มีสิทธิ์ได้รับเกียรติบัตร / No certificate is due yet", size=18)
    return bytes(doc.output())
