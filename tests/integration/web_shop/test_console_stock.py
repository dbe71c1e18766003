"""The shop's stock in the console: a proposal approved, a delivery taken in through the form
with its printable note (Buddhist-era dates, both sides to sign), stock on hand with its
lots, and the check; a district officer sees no controls and is refused the forms."""

from __future__ import annotations

import re
import uuid

from tests.integration.sales.tills import list_product
from tests.integration.web_members.conftest import csrf_of
from tests.integration.web_shop.conftest import Console, ShopStack


async def test_a_manager_approves_takes_in_and_prints_the_note(
    shop_stack: ShopStack, console: Console
) -> None:
    producer = uuid.uuid4()
    product = await list_product(shop_stack.sales_app, "SK-CS1", "60.00", producer, stock=None)
    pid = str(product.product_id)
    proposed = await shop_stack.sales.post("/v1/shop/assortment", json={"product_id": pid})
    assert proposed.status_code == 201, proposed.text

    manager = await console("shop_manager", "centre")
    page = await manager.get("/console/stock")
    assert page.status_code == 200, page.text
    assert f'data-product-id="{pid}"' in page.text and "อนุมัติ" in page.text
    approved = await manager.post(
        f"/console/stock/assortment/{pid}/approve",
        data={"csrf_token": csrf_of(page.text), "low_stock_at": "2"},
    )
    assert approved.status_code == 303, approved.text

    form = await manager.get("/console/stock/intake")
    assert form.status_code == 200 and pid in form.text
    taken = await manager.post(
        "/console/stock/intake",
        data={
            "csrf_token": csrf_of(form.text),
            "note_id": str(uuid.uuid4()),
            "person": "นางสมศรี ใจดี",
            "product_id_0": pid,
            "quantity_0": "12",
            "lot_code_0": "CS-1",
            "best_before_0": "2027-03-31",
        },
    )
    assert taken.status_code == 303, taken.text
    note = await manager.get(taken.headers["location"])
    assert note.status_code == 200, note.text
    assert re.search(r"CN-25\d\d-\d{6}", note.text)
    assert "2570" in note.text  # 31 March 2027 in the Buddhist era
    assert "นางสมศรี ใจดี" in note.text and "ลงชื่อ" in note.text

    stock = await manager.get("/console/stock")
    row = re.search(
        rf'<tr data-product-id="{pid}">(.*?)</tr>', stock.text.split('id="stock"')[1], re.S
    )
    assert row and "CS-1: 12" in row.group(1)
    check = await manager.get("/console/stock/check")
    assert "ถูกต้องทุกรายการ" in check.text


async def test_an_auditor_sees_no_controls_and_a_district_officer_no_stock(
    shop_stack: ShopStack, console: Console
) -> None:
    product = await list_product(shop_stack.sales_app, "SK-CS2", "20.00", stock=None)
    proposed = await shop_stack.sales.post(
        "/v1/shop/assortment", json={"product_id": str(product.product_id)}
    )
    assert proposed.status_code == 201, proposed.text
    auditor = await console("auditor", None)
    page = await auditor.get("/console/stock")
    assert page.status_code == 200 and str(product.product_id) in page.text
    assert 'action="/console/stock/assortment/' not in page.text
    assert (await auditor.get("/console/stock/intake")).status_code == 403
    officer = await console("district_officer", "4001")
    assert (await officer.get("/console/stock")).status_code == 403
    assert (await officer.get("/console/stock/intake")).status_code == 403
