"""What the terminal app asks of the sales service over HTTP: terminal codes, receipt numbers
unique per terminal, the terminal's profile with the shop (and VAT), and its sales found by
receipt number."""

from __future__ import annotations

import re
import uuid
from typing import Any

from services.sales.adapters.producers import PostgresProducerRepository
from services.sales.domain.producers import ProducerNames
from shared.service.runtime import runtime_of
from tests.conftest import ADMIN_TOKEN
from tests.integration.sales.conftest import client_of, running_sales
from tests.integration.sales.tills import (
    Till,
    assert_problem,
    count,
    list_product,
    sale_body,
)


async def _terminal(staff, code: str | None = None, **body: Any) -> dict[str, Any]:
    payload = {"name": "เครื่องขาย 1", "location": "shop", **body}
    if code is not None:
        payload["code"] = code
    response = await staff.post("/v1/terminals", json=payload)
    assert response.status_code == 201, response.text
    result: dict[str, Any] = response.json()
    return result


def _sale(sku: str, receipt_no: str | None, **extra: Any) -> dict[str, Any]:
    return sale_body([(sku, 2, "45.00")], [("cash", "100.00")], receipt_no=receipt_no, **extra)


async def test_a_terminal_keeps_the_code_it_was_given_and_no_two_share_one(sales_app, staff):
    given = await _terminal(staff, "KK01")
    assert given["code"] == "KK01"
    taken = await staff.post(
        "/v1/terminals", json={"name": "b", "location": "shop", "code": "KK01"}
    )
    body = assert_problem(taken, 409, "KK01")
    assert body["detail"].startswith("รหัสเครื่องขาย")
    generated = await _terminal(staff)
    assert re.fullmatch(r"T\d{3,7}", generated["code"])
    listed = await staff.get(f"/v1/terminals/{given['terminal_id']}")
    assert listed.json()["code"] == "KK01"
    bad = await staff.post("/v1/terminals", json={"name": "c", "location": "shop", "code": "kk-1"})
    assert_problem(bad, 422)


async def test_a_receipt_number_is_kept_once_per_terminal_and_a_retry_is_answered_again(
    sales_app, staff
):
    await list_product(sales_app, "SK-RCPT", "45.00")
    async with Till(sales_app, await _terminal(staff, "KK01")) as till:
        await till.open_shift()
        body = _sale("SK-RCPT", "KK01-000001")
        first = await till.sell(body)
        assert first.status_code == 201, first.text
        assert first.json()["receipt_no"] == "KK01-000001"
        again = await till.sell(body)
        assert again.status_code == 200 and again.json() == first.json()
        # The same sale id under another receipt number is another request: refused.
        renumbered = await till.sell(dict(body, receipt_no="KK01-000002"))
        assert_problem(renumbered, 409, body["sale_id"])
        # Another sale numbered with a number already used: refused, Thai first.
        reused = await till.sell(_sale("SK-RCPT", "KK01-000001"))
        problem = assert_problem(reused, 409, "KK01-000001")
        assert problem["detail"].startswith("เลขที่ใบเสร็จ")
        assert problem["held_by_sale_id"] == body["sale_id"]
        # In a backlog, the sale numbered with a used number is refused and the others kept.
        batch = await till.batch([_sale("SK-RCPT", "KK01-000001"), _sale("SK-RCPT", "KK01-000002")])
        assert [r["status"] for r in batch.json()["results"]] == [409, 201]
        # A number that is not this terminal's is refused.
        foreign = await till.sell(_sale("SK-RCPT", "KK02-000001"))
        assert_problem(foreign, 422, "KK02-000001")
        read = await till.client.get(f"/v1/sales/{body['sale_id']}")
        assert read.json()["sale"]["receipt_no"] == "KK01-000001"
    assert await count(sales_app, "SELECT count(*) FROM sales") == 2


async def test_the_profile_names_the_shop_and_the_highest_receipt_number(sales_app, staff):
    await list_product(sales_app, "SK-PROF", "45.00")
    terminal = await _terminal(staff, "KK03")
    async with Till(sales_app, terminal) as till:
        empty = (await till.client.get("/v1/terminal")).json()
        assert empty["last_receipt_no"] is None
        await till.open_shift()
        for number in ("KK03-000009", "KK03-000010", "KK03-000002"):
            assert (await till.sell(_sale("SK-PROF", number))).status_code == 201
        profile = (await till.client.get("/v1/terminal")).json()
    assert profile["terminal_id"] == terminal["terminal_id"] and profile["code"] == "KK03"
    assert (profile["name"], profile["location"], profile["event_id"]) == (
        "เครื่องขาย 1",
        "shop",
        None,
    )
    assert profile["last_receipt_no"] == "KK03-000010"
    assert profile["promptpay_configured"] is True
    assert profile["shop"]["code"] == "centre" and profile["shop"]["name_th"]
    assert profile["shop"]["vat"] is None
    refused = await staff.get("/v1/terminal")
    assert_problem(refused, 403)


async def test_a_vat_registered_shop_gives_its_tax_id_branch_and_rate(sales_dsn, servers, topics):
    vat = {
        "shop_name_th": "ศูนย์จำหน่ายสินค้า OTOP ขอนแก่น",
        "shop_name_en": "Khon Kaen OTOP Centre",
        "shop_address": "99 ถนนมิตรภาพ ต.ในเมือง อ.เมืองขอนแก่น จ.ขอนแก่น 40000",
        "shop_vat_tax_id": "0994000165432",
        "sales_promptpay_id": "",
    }
    async with running_sales(sales_dsn, servers, **vat) as app:
        async with client_of(app, ADMIN_TOKEN) as staff:
            registered = await staff.post("/v1/terminals", json={"name": "t", "location": "shop"})
        async with Till(app, registered.json()) as till:
            profile = (await till.client.get("/v1/terminal")).json()
    assert profile["shop"] == {
        "code": "centre",
        "name_th": vat["shop_name_th"],
        "name_en": "Khon Kaen OTOP Centre",
        "address": vat["shop_address"],
        "vat": {"tax_id": "0994000165432", "branch": "00000", "rate": "7.00"},
    }
    assert profile["promptpay_configured"] is False


async def test_a_receipt_number_finds_only_this_terminals_sale(sales_app, staff, producer):
    await list_product(sales_app, "SK-FIND", "45.00", producer)
    async with runtime_of(sales_app).pool.acquire() as conn:
        names = ProducerNames(producer, 1, "กลุ่มแม่บ้านบ้านโนนเขวา", "Ban Non Khwao Group")
        await PostgresProducerRepository(conn).keep(names)
    async with (
        Till(sales_app, await _terminal(staff, "KK04")) as mine,
        Till(sales_app, await _terminal(staff, "KK05")) as other,
    ):
        await mine.open_shift()
        await other.open_shift()
        sold = await mine.sell(_sale("SK-FIND", "KK04-000123"))
        assert sold.status_code == 201, sold.text
        assert (await other.sell(_sale("SK-FIND", "KK05-000123"))).status_code == 201
        found = await mine.client.get("/v1/terminal/sales", params={"receipt_no": "KK04-000123"})
        elsewhere = await other.client.get(
            "/v1/terminal/sales", params={"receipt_no": "KK04-000123"}
        )
        malformed = await mine.client.get("/v1/terminal/sales", params={"receipt_no": "123"})
    assert found.status_code == 200, found.text
    [sale] = found.json()["items"]
    assert sale["sale_id"] == sold.json()["sale_id"] and sale["receipt_no"] == "KK04-000123"
    [line] = sale["lines"]
    assert (line["sku"], line["name_th"], line["quantity"], line["unit_price"]) == (
        "SK-FIND",
        "ข้าวเกรียบปลา",
        2,
        "45.00",
    )
    assert line["producer"] == {
        "member_id": str(producer),
        "name_th": "กลุ่มแม่บ้านบ้านโนนเขวา",
        "name_en": "Ban Non Khwao Group",
    }
    assert sale["payments"] == [{"method": "cash", "amount": "100.00"}]
    assert sale["total"] == "90.00" and sale["refunds"] == [] and sale["voided_at"] is None
    assert elsewhere.status_code == 200 and elsewhere.json()["items"] == []
    assert_problem(malformed, 422)
    # The member sees the names sales keep of it (the right to see, PDPA).
    held = (await staff.get(f"/v1/members/{producer}/personal-data")).json()["sections"]
    assert [(p["name_th"], p["name_en"]) for p in held["producer"]] == [
        ("กลุ่มแม่บ้านบ้านโนนเขวา", "Ban Non Khwao Group")
    ]


async def test_a_sale_without_a_receipt_number_is_still_recorded(sales_app, staff):
    await list_product(sales_app, "SK-NONUM", "45.00")
    async with Till(sales_app, await _terminal(staff)) as till:
        await till.open_shift()
        response = await till.sell(_sale("SK-NONUM", None))
    assert response.status_code == 201, response.text
    assert response.json()["receipt_no"] is None
    assert uuid.UUID(response.json()["sale_id"])
