from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from services.web.console.shop.chart import revenue_chart_svg
from services.web.console.shop.pairing import pairing_payload, qr_svg
from services.web.console.shop.revenue import revenue_table
from tests.unit.web_shop.figures import PRODUCER, revenue_report


def test_the_revenue_chart_is_an_inline_svg_with_thai_labels_in_sarabun() -> None:
    table = revenue_table(revenue_report(), {PRODUCER: "กลุ่มแม่บ้านเกาะยอ"})
    svg = revenue_chart_svg(table)
    assert svg.startswith("<svg")
    ET.fromstring(svg)  # well-formed
    assert "กลุ่มแม่บ้านเกาะยอ" in svg
    assert "ยอดขายสุทธิ (บาท)" in svg
    assert "Sarabun" in svg


def test_a_new_terminal_pairs_with_what_the_sales_service_gave() -> None:
    given = {"terminal_id": "t-1", "key": "otop_tk_abc", "sales_url": "https://pos.example"}
    payload = pairing_payload(
        {"terminal_id": "t-1", "api_key": "otop_tk_abc", "pairing": given}, "http://x"
    )
    assert json.loads(payload) == given


def test_a_rotated_key_pairs_with_the_sales_url_the_web_front_knows() -> None:
    payload = pairing_payload(
        {"terminal_id": "t-1", "api_key": "otop_tk_new", "key_id": "k"}, "http://sales:8003/"
    )
    assert json.loads(payload) == {
        "terminal_id": "t-1",
        "key": "otop_tk_new",
        "sales_url": "http://sales:8003",
    }


def test_the_pairing_qr_code_is_an_inline_svg() -> None:
    svg = qr_svg('{"terminal_id":"t-1","key":"otop_tk_abc","sales_url":"http://s"}')
    assert svg.startswith("<svg") and "<path" in svg
    ET.fromstring(svg)
