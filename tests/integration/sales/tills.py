"""Terminals, products and sale bodies the sales service's integration tests share."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

import httpx
from fastapi import FastAPI

from services.sales.adapters.catalogue import upsert_event, upsert_product
from shared.contracts.registry import ProductCategory, ProductSnapshot, ProductStatus
from shared.service.runtime import runtime_of
from shared.timeutil import now_bangkok
from tests.integration.sales.conftest import client_of
from tests.integration.sales.stocking import approve_and_stock_on

PROBLEM_JSON = "application/problem+json"


def assert_problem(response: httpx.Response, status: int, *in_detail: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM_JSON), response.headers
    body: dict[str, Any] = response.json()
    assert body["status"] == status and body["title"] and body["detail"]
    for fragment in in_detail:
        assert fragment in body["detail"], body
    return body


async def list_product(
    app: FastAPI,
    sku: str,
    price: str,
    producer_id: uuid.UUID | None = None,
    *,
    status: ProductStatus = ProductStatus.LISTED,
    version: int = 1,
    product_id: uuid.UUID | None = None,
    stock: int | None = 1000,
) -> ProductSnapshot:
    """Put a product into the read model as the registry's event would; unless `stock` is
    None, the shop also approves it and holds `stock` units of it (one lot)."""
    product = ProductSnapshot(
        product_id=product_id or uuid.uuid4(),
        member_id=producer_id or uuid.uuid4(),
        version=version,
        sku=sku,
        name_th="ข้าวเกรียบปลา",
        category=ProductCategory.FOOD,
        unit="ถุง",
        price=Decimal(price),
        certifications=[],
        status=status,
        province_code="90",
    )
    async with runtime_of(app).pool.acquire() as conn:
        await upsert_product(conn, product)
        if stock is not None:
            await approve_and_stock_on(conn, product.product_id, product.member_id, stock)
    return product


async def publish_event(app: FastAPI, event_id: uuid.UUID, status: str = "published") -> None:
    async with runtime_of(app).pool.acquire() as conn:
        await upsert_event(conn, event_id, "showcase", status, 1)


async def register_terminal(
    staff: httpx.AsyncClient, location: str = "shop", event_id: uuid.UUID | None = None
) -> dict[str, Any]:
    body: dict[str, Any] = {"name": "เครื่องขาย 1", "location": location}
    if event_id is not None:
        body["event_id"] = str(event_id)
    response = await staff.post("/v1/terminals", json=body)
    assert response.status_code == 201, response.text
    result: dict[str, Any] = response.json()
    return result


def sale_body(
    lines: list[tuple[str, int, str]],
    payments: list[tuple[str, str]],
    *,
    discount: str = "0.00",
    occurred_at: datetime | None = None,
    sale_id: uuid.UUID | None = None,
    **extra: Any,
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "sale_id": str(sale_id or uuid.uuid4()),
        "occurred_at": (occurred_at or now_bangkok() - timedelta(seconds=5)).isoformat(),
        "lines": [{"sku": s, "quantity": q, "unit_price": p} for s, q, p in lines],
        "payments": [{"method": m, "amount": a} for m, a in payments],
        "discount": discount,
    }
    body.update(extra)
    return body


class Till:
    """A terminal: its API client (key installed) and the calls it makes."""

    def __init__(self, app: FastAPI, terminal: dict[str, Any]) -> None:
        self.terminal = terminal
        self.terminal_id = terminal["terminal_id"]
        self.client = client_of(app, terminal["api_key"])

    async def __aenter__(self) -> Till:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.client.aclose()

    async def open_shift(self, opening_float: str = "2000.00") -> dict[str, Any]:
        response = await self.client.post("/v1/shifts", json={"opening_float": opening_float})
        assert response.status_code == 201, response.text
        body: dict[str, Any] = response.json()
        return body

    async def sell(self, body: dict[str, Any]) -> httpx.Response:
        return await self.client.post("/v1/sales", json=body)

    async def batch(self, sales: list[dict[str, Any]]) -> httpx.Response:
        return await self.client.post("/v1/sales/batch", json={"sales": sales})

    async def refund(
        self, sale_id: str, lines: list[tuple[int, int]], method: str = "cash", **extra: Any
    ) -> httpx.Response:
        body: dict[str, Any] = {
            "refund_id": str(extra.pop("refund_id", uuid.uuid4())),
            "lines": [{"line_no": n, "quantity": q} for n, q in lines],
            "method": method,
            **extra,
        }
        return await self.client.post(f"/v1/sales/{sale_id}/refunds", json=body)


async def count(app: FastAPI, sql: str, *args: Any) -> int:
    async with runtime_of(app).pool.acquire() as conn:
        value: int = await conn.fetchval(sql, *args)
    return value
