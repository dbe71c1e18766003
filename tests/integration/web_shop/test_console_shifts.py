"""Shifts in the console: an open shift and a closed one with its cash report (float,
expected cash, counted cash and the difference), as the sales service reckons them."""

from __future__ import annotations

import re

from tests.integration.sales.tills import Till, list_product, register_terminal, sale_body
from tests.integration.web_shop.conftest import Console, ShopStack


async def test_the_shifts_page_shows_the_cash_report_of_a_closed_shift_and_an_open_one(
    shop_stack: ShopStack, console: Console
) -> None:
    await list_product(shop_stack.sales_app, "SK-SH1", "120.00")
    async with Till(shop_stack.sales_app, await register_terminal(shop_stack.sales)) as till:
        shift = await till.open_shift("1500.00")
        sold = await till.sell(sale_body([("SK-SH1", 2, "120.00")], [("cash", "300.00")]))
        assert sold.status_code == 201, sold.text
        closed = await till.client.post(
            f"/v1/shifts/{shift['shift_id']}/close", json={"counted_cash": "1730.00"}
        )
        assert closed.status_code == 200, closed.text
        await till.open_shift("1000.00")

    manager = await console("shop_manager", "centre")
    page = await manager.get("/console/shop/shifts")
    assert page.status_code == 200, page.text
    row = re.search(rf'<tr data-shift-id="{shift["shift_id"]}">(.*?)</tr>', page.text, flags=re.S)
    assert row, "the closed shift is listed"
    cells = row.group(1)
    for shown in ("1,500.00 บาท", "1,740.00 บาท", "1,730.00 บาท", "-10.00 บาท"):
        assert shown in cells, shown
    assert 'class="num negative"' in cells
    assert "เปิดอยู่" in page.text  # the open shift
    only_closed = await manager.get("/console/shop/shifts", params={"status": "closed"})
    assert only_closed.text.count("<tr data-shift-id=") == 1
