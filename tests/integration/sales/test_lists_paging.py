"""Terminals, the catalogue and settlements come a page at a time: every row once, in the
documented order, however small the page; a cursor the service did not give out is a 422."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta
from typing import Any

import httpx
import pytest

from shared.contracts.registry import ProductStatus
from shared.timeutil import BANGKOK, now_bangkok
from tests.integration.sales.tills import (
    Till,
    assert_problem,
    list_product,
    register_terminal,
    sale_body,
)
from tests.paging import item_pages


async def _pages(staff: httpx.AsyncClient, path: str, **params: Any) -> list[list[dict[str, Any]]]:
    return await item_pages(staff, path, **params)


async def test_terminals_page_through_every_one_once_in_the_order_registered(
    sales_app, staff
) -> None:
    registered = [await register_terminal(staff) for _ in range(5)]
    rotated = await staff.post(f"/v1/terminals/{registered[3]['terminal_id']}/keys")
    assert rotated.status_code == 201, rotated.text

    pages = await _pages(staff, "/v1/terminals", limit=2)

    assert [len(p) for p in pages] == [2, 2, 1]
    listed = [t for p in pages for t in p]
    assert [t["terminal_id"] for t in listed] == [t["terminal_id"] for t in registered]
    assert [len(t["keys"]) for t in listed] == [1, 1, 1, 2, 1]
    assert all("api_key" not in t for t in listed)


async def test_the_catalogue_pages_past_any_cap_in_the_order_of_sku_then_id(
    sales_app, staff
) -> None:
    twins = sorted((uuid.uuid4() for _ in range(2)), key=str)
    products = [await list_product(sales_app, f"PG{n:02d}", "10.00") for n in (7, 3, 5, 1, 6)]
    products += [await list_product(sales_app, "PG04", "12.50", product_id=i) for i in twins]
    await list_product(sales_app, "PG02", "9.00", status=ProductStatus.DELISTED)
    expected = sorted(products, key=lambda p: (p.sku, str(p.product_id)))

    pages = await _pages(staff, "/v1/catalogue", status="listed", limit=3)

    assert [len(p) for p in pages] == [3, 3, 1]
    listed = [item for p in pages for item in p]
    assert [(i["sku"], i["product_id"]) for i in listed] == [
        (p.sku, str(p.product_id)) for p in expected
    ]
    assert [i["price"] for i in listed if i["sku"] == "PG04"] == ["12.50", "12.50"]
    everything = await _pages(staff, "/v1/catalogue", limit=500)
    assert [len(p) for p in everything] == [len(products) + 1]


def _days_of_last_month(count: int) -> list[date]:
    first = (now_bangkok().date().replace(day=1) - timedelta(days=1)).replace(day=1)
    return [first + timedelta(days=n) for n in range(count)]


def _key(s: dict[str, Any]) -> tuple[str, str, datetime, str]:
    issued = datetime.fromisoformat(s["issued_at"])
    return (s["period_start"], s["producer_id"], issued, s["settlement_id"])


async def test_settlements_page_through_every_one_once_by_period_producer_then_issue(
    sales_app, staff
) -> None:
    producers = [uuid.uuid4() for _ in range(3)]
    for n, producer in enumerate(producers):
        await list_product(sales_app, f"ST{n}", "100.00", producer)
    days = _days_of_last_month(3)
    sold = [
        sale_body(
            [(f"ST{n}", 1, "100.00") for n in range(3)],
            [("cash", "300.00")],
            occurred_at=datetime.combine(day, time(11), BANGKOK),
        )
        for day in days
    ]
    issued: list[dict[str, Any]] = []
    async with Till(sales_app, await register_terminal(staff)) as till:
        assert {r["status"] for r in (await till.batch(sold)).json()["results"]} == {201}
        for day in days:
            run = await staff.post(
                "/v1/settlements", json={"period_start": str(day), "period_end": str(day)}
            )
            assert run.status_code == 200, run.text
            issued += run.json()["issued"]
        late = sale_body(
            [("ST0", 1, "100.00")],
            [("cash", "100.00")],
            occurred_at=datetime.combine(days[0], time(15), BANGKOK),
        )
        assert (await till.batch([late])).json()["results"][0]["status"] == 201
    correction = await staff.post(
        "/v1/settlements", json={"period_start": str(days[0]), "period_end": str(days[0])}
    )
    [corrected] = correction.json()["issued"]
    issued.append(corrected)
    assert len(issued) == 10

    pages = await _pages(staff, "/v1/settlements", limit=4)

    assert [len(p) for p in pages] == [4, 4, 2]
    listed = [s["settlement_id"] for p in pages for s in p]
    assert listed == [s["settlement_id"] for s in sorted(issued, key=_key)]
    of_one = await _pages(staff, "/v1/settlements", producer_id=str(producers[0]), limit=1)
    assert [s["settlement_id"] for p in of_one for s in p][:2] == [
        corrected["corrects"],
        corrected["settlement_id"],
    ]
    assert [len(p) for p in of_one] == [1, 1, 1, 1]
    within = await _pages(staff, "/v1/settlements", **{"from": str(days[1]), "to": str(days[1])})
    assert [len(p) for p in within] == [3]


@pytest.mark.parametrize("path", ["/v1/terminals", "/v1/catalogue", "/v1/settlements"])
@pytest.mark.parametrize(
    "cursor",
    [
        "not a cursor",
        "bm90LWpzb24",  # base64 of "not-json"
        "WzEsMl0",  # [1, 2]: numbers, not a place in this list
        "WyJQRzAxIiwgIngiXQ",  # ["PG01", "x"]: text and no id
        "W10",  # []: no place at all
    ],
)
async def test_a_cursor_this_service_did_not_give_out_is_a_422_problem(
    sales_app, staff, path: str, cursor: str
) -> None:
    assert_problem(await staff.get(path, params={"cursor": cursor}), 422, "cursor")


@pytest.mark.parametrize("path", ["/v1/terminals", "/v1/catalogue", "/v1/settlements"])
@pytest.mark.parametrize("limit", [0, 501])
async def test_a_page_size_outside_1_to_500_is_a_422_problem(
    sales_app, staff, path: str, limit: int
) -> None:
    assert_problem(await staff.get(path, params={"limit": limit}), 422, "limit")
