from __future__ import annotations

import io

import pytest

from services.web.console.shop.statement import statement_of
from services.web.console.shop.statement_pdf import statement_pdf
from tests.unit.web_shop.figures import FISH, SILK, settlement_detail


@pytest.fixture(scope="module")
def pdf() -> bytes:
    st = statement_of(
        settlement_detail(),
        shop_name="ศูนย์จำหน่ายสินค้า OTOP สงขลา",
        producer_name="กลุ่มแม่บ้านเกาะยอ",
        names={FISH: "ข้าวเกรียบปลา", SILK: "ผ้าไหมมัดหมี่"},
    )
    return statement_pdf(st)


def test_the_statement_is_a_pdf_with_the_sarabun_font_embedded(pdf: bytes) -> None:
    assert pdf.startswith(b"%PDF-")
    assert pdf.rstrip().endswith(b"%%EOF")
    assert b"Sarabun" in pdf
    assert b"/FontFile2" in pdf  # the TrueType font itself, not a reference to it


def test_the_statement_reads_in_thai_with_be_dates_and_exact_baht(pdf: bytes) -> None:
    pypdf = pytest.importorskip("pypdf")
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    for expected in (
        "ศูนย์จำหน่ายสินค้า OTOP สงขลา",
        "กลุ่มแม่บ้านเกาะยอ",
        "1 พฤศจิกายน 2569",  # B.E.
        "30 พฤศจิกายน 2569",
        "2,756.49",
        "85.50",
        "2,670.99",
        "400.65",
        "2,270.34",
        "ข้าวเกรียบปลา",
        "171.00",
        "ลงชื่อ",
    ):
        assert expected in text, expected
    assert "2026" not in text.replace("2026-", "")  # no Gregorian year shown
