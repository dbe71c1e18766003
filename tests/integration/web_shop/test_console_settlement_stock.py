"""The settlement the shop manager reads and prints shows the producer's consignment stock
beside the payout, over the real sales service: delivered, sold at the till and online,
refunded, returned, adjusted and on hand at the period's end, adding up, with the totals."""

from __future__ import annotations

import io
import re
import uuid
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import httpx
import pypdf

from services.sales.service_layer.commands import IssueSettlements, SettlePeriod
from services.sales.service_layer.handlers.settlements import issue_settlements
from shared.service.runtime import runtime_of
from shared.timeutil import now_bangkok
from tests.integration.registry.helpers import register
from tests.integration.sales.orders_calls import customer, order_body, place
from tests.integration.sales.tills import Till, list_product, register_terminal, sale_body
from tests.integration.web_shop.conftest import Console, ShopStack


async def _ok(response: Any, status: int = 201) -> dict[str, Any]:
    answer = await response
    assert answer.status_code == status, answer.text
    body: dict[str, Any] = answer.json()
    return body


async def _a_day_of_stock(shop_stack: ShopStack) -> tuple[str, str]:
    """Today: 10 units delivered, 2 sold at the till (1 refunded), 1 sold online, 3 returned
    to the producer, a count finding one fewer. (producer id, product id)."""
    staff: httpx.AsyncClient = shop_stack.sales
    member = await register(shop_stack.registry, name_th="กลุ่มแม่บ้านบ้านโคก")
    producer = member["member_id"]
    made = await list_product(shop_stack.sales_app, "SK-STK1", "40.00", producer, stock=None)
    pid = str(made.product_id)
    await _ok(staff.post("/v1/shop/assortment", json={"product_id": pid}))
    await _ok(staff.post(f"/v1/shop/assortment/{pid}/approve", json={}), 200)
    line = {
        "product_id": pid,
        "quantity": 10,
        "lot_code": "L-BK1",
        "best_before": str(date.today() + timedelta(days=120)),
    }
    note = {"producer_id": producer, "delivered_by": "นางบุญมี", "lines": [line]}
    await _ok(staff.post("/v1/shop/consignments", json={**note, "note_id": str(uuid.uuid4())}))
    async with Till(shop_stack.sales_app, await register_terminal(staff)) as till:
        await till.open_shift()
        sale = await _ok(till.sell(sale_body([("SK-STK1", 2, "40.00")], [("cash", "80.00")])))
        await _ok(till.refund(sale["sale_id"], [(1, 1)]))
    async with customer(shop_stack.sales_app) as client:
        order = await place(client, order_body([(made.product_id, 1)]))
    path = f"/v1/shop/orders/{order['order_id']}/payment"
    await _ok(staff.post(path, json={"amount": order["total"]}), 200)
    back = {
        "note_id": str(uuid.uuid4()),
        "producer_id": producer,
        "collected_by": "นางบุญมี",
        "reason": "unsold",
        "lines": [{"product_id": pid, "quantity": 3}],
    }
    await _ok(staff.post("/v1/shop/returns", json=back))
    counted = {
        "count_id": str(uuid.uuid4()),
        "product_id": pid,
        "lines": [{"lot_code": "L-BK1", "counted": 4}],
        "reason": "นับประจำวัน",
    }
    await _ok(staff.post("/v1/shop/stock-counts", json=counted))
    return producer, pid


async def test_the_settlement_page_and_pdf_show_the_stock_beside_the_payout_adding_up(
    shop_stack: ShopStack, console: Console
) -> None:
    producer, _ = await _a_day_of_stock(shop_stack)
    today = now_bangkok().date()
    run = SettlePeriod(
        period=IssueSettlements(period_start=today, period_end=today),
        commission_percent=Decimal("15.00"),
    )
    issued = await issue_settlements(
        run,
        runtime_of(shop_stack.sales_app).unit_of_work(),
        clock=lambda: now_bangkok() + timedelta(days=1),
    )
    [mine] = [s for s in issued if str(s.producer_id) == producer]
    settlement_id = mine.settlement_id

    manager = await console("shop_manager", "centre")
    page = await manager.get(f"/console/shop/settlements/{settlement_id}")
    assert page.status_code == 200, page.text
    assert 'id="statement-stock"' in page.text
    assert "ตัวเลขไม่สอดคล้องกัน" not in page.text
    [row] = re.findall(r"<tr><td>ข้าวเกรียบปลา</td>(.*?)</tr>", page.text, re.S)
    cells = re.findall(r'<td class="num">(.*?)</td>', row)
    # opening, delivered, sold (till 2 + online 1), refunded, returned, adjusted, on hand;
    # sales 80.00 − 40.00 refunded + 40.00 online, 15 % commission, payout.
    assert cells == [
        "0", "10", "3", "1", "3", "-1", "4", "80.00 บาท", "12.00 บาท", "68.00 บาท",
    ]  # fmt: skip
    total = page.text.split('id="statement-stock-total"', 1)[1].split("</tr>", 1)[0]
    assert "รวมทั้งงวด" in total and "68.00 บาท" in total

    pdf = await manager.get(f"/console/shop/settlements/{settlement_id}/statement.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")
    text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf.content)).pages)
    for expected in ("สต็อกสินค้าฝากขายกับยอดจ่าย", "รวมทั้งงวด", "คืนผู้ผลิต", "68.00", "12.00"):
        assert expected in text, expected
    assert str(today.year + 543) in text
