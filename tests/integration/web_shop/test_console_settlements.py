"""Revenue, shifts and settlements through the console over the real sales service: the
figures on the pages, in the exports and on the PDF statement are the service's, exact."""

from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

import pytest

from shared.timeutil import BANGKOK, now_bangkok
from tests.integration.registry.helpers import register
from tests.integration.sales.tills import Till, list_product, register_terminal, sale_body
from tests.integration.web_members.conftest import csrf_of
from tests.integration.web_shop.conftest import Console, ShopStack


def last_month() -> tuple[date, date]:
    end = now_bangkok().date().replace(day=1) - timedelta(days=1)
    return end.replace(day=1), end


def at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour, 15), tzinfo=BANGKOK)


async def _month_of_sales(shop_stack: ShopStack) -> tuple[str, Decimal]:
    """A producer with two products sold last month (one unit refunded); its net sales."""
    member = await register(shop_stack.registry, name_th="กลุ่มแม่บ้านเกาะยอ")
    producer = member["member_id"]
    await list_product(shop_stack.sales_app, "SK-KY1", "85.50", producer)
    await list_product(shop_stack.sales_app, "SK-KY2", "1250.00", producer)
    start, end = last_month()
    sales = [
        sale_body([("SK-KY1", 3, "85.50")], [("cash", "300.00")], occurred_at=at(start, 10)),
        sale_body(
            [("SK-KY2", 2, "1250.00"), ("SK-KY1", 1, "85.50")],
            [("card", "2585.49")],
            discount="0.01",
            occurred_at=at(end, 15),
        ),
    ]
    net = Decimal(0)
    async with Till(shop_stack.sales_app, await register_terminal(shop_stack.sales)) as till:
        results = (await till.batch(sales)).json()["results"]
        assert [r["status"] for r in results] == [201, 201], results
        net += sum(Decimal(r["sale"]["total"]) for r in results)
        refund = await till.refund(results[0]["sale"]["sale_id"], [(1, 1)])
        assert refund.status_code == 201, refund.text
        net -= Decimal(refund.json()["total"])
    return producer, net


async def test_a_settlement_run_in_the_console_gives_a_pdf_statement_with_exact_figures(
    shop_stack: ShopStack, console: Console
) -> None:
    _, net = await _month_of_sales(shop_stack)
    commission = (net * Decimal("0.15")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    start, end = last_month()
    manager = await console("shop_manager", "centre")
    listing = await manager.get("/console/shop/settlements")
    run = await manager.post(
        "/console/shop/settlements",
        data={
            "csrf_token": csrf_of(listing.text),
            "period_start": start.isoformat(),
            "period_end": end.isoformat(),
        },
    )
    assert run.status_code == 200, run.text
    assert "กลุ่มแม่บ้านเกาะยอ" in run.text
    assert f"{net - commission:,.2f} บาท" in run.text
    found = re.search(r'/console/shop/settlements/([0-9a-f-]{36})"', run.text)
    assert found
    settlement_id = found.group(1)

    detail = await manager.get(f"/console/shop/settlements/{settlement_id}")
    assert detail.status_code == 200
    assert f"/console/audit?aggregate_id={settlement_id}" in detail.text
    assert "ตัวเลขไม่สอดคล้องกัน" not in detail.text

    pdf = await manager.get(f"/console/shop/settlements/{settlement_id}/statement.pdf")
    assert pdf.status_code == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert re.search(
        r'attachment; filename="statement-\d{8}-\d{8}-[0-9a-f]{8}\.pdf"',
        pdf.headers["content-disposition"],
    )
    assert pdf.content.startswith(b"%PDF-") and b"Sarabun" in pdf.content
    pypdf = pytest.importorskip("pypdf")
    text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf.content)).pages)
    assert "กลุ่มแม่บ้านเกาะยอ" in text
    for figure in (net, commission, net - commission):
        assert f"{figure:,.2f}" in text, figure
    assert str(start.year + 543) in text


async def test_revenue_by_producer_shows_a_chart_and_exports_the_same_totals(
    shop_stack: ShopStack, console: Console
) -> None:
    producer, net = await _month_of_sales(shop_stack)
    start, end = last_month()
    auditor = await console("auditor", None)
    query = {"by": "producer", "from": start.isoformat(), "to": end.isoformat()}
    page = await auditor.get("/console/shop/revenue", params=query)
    assert page.status_code == 200, page.text
    assert 'id="revenue-chart"' in page.text and "<svg" in page.text
    assert "กลุ่มแม่บ้านเกาะยอ" in page.text

    exported = await auditor.get("/console/shop/revenue.csv", params=query)
    assert exported.headers["content-type"].startswith("text/csv")
    assert exported.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert rows[1][:2] == [producer, "กลุ่มแม่บ้านเกาะยอ"]
    assert Decimal(rows[1][7]) == net and Decimal(rows[-1][7]) == net

    from openpyxl import load_workbook

    book = await auditor.get("/console/shop/revenue.xlsx", params=query)
    assert 'filename="revenue-by-producer-' in book.headers["content-disposition"]
    sheet = load_workbook(io.BytesIO(book.content)).active
    assert Decimal(str(sheet.cell(row=2, column=8).value)) == net


async def test_bad_dates_on_the_revenue_page_are_a_clear_4xx(console: Console) -> None:
    auditor = await console("auditor", None)
    backwards = await auditor.get(
        "/console/shop/revenue", params={"from": "2026-11-30", "to": "2026-11-01"}
    )
    assert backwards.status_code == 422
    assert "from is after to" in backwards.text
    garbage = await auditor.get("/console/shop/revenue", params={"from": "yesterday"})
    assert 400 <= garbage.status_code < 500
