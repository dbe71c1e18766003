"""Online orders as the integration tests place and move them."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
from fastapi import FastAPI

from shared.service.runtime import runtime_of
from tests.integration.sales.conftest import client_of
from tests.integration.sales.tills import count


def order_body(
    lines: list[tuple[uuid.UUID, int]],
    *,
    order_id: uuid.UUID | None = None,
    phone: str | None = "0812345678",
    email: str | None = None,
    fulfilment: str = "pickup",
    **extra: Any,
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "order_id": str(order_id or uuid.uuid4()),
        "customer": {"name": "สมศรี ใจดี", "phone": phone, "email": email},
        "fulfilment": fulfilment,
        "lines": [{"product_id": str(p), "quantity": q} for p, q in lines],
    }
    if fulfilment == "post":
        body["address"] = {
            "recipient": "สมศรี ใจดี",
            "lines": ["99/1 ถนนมิตรภาพ", "ตำบลในเมือง อำเภอเมืองขอนแก่น"],
            "province": "ขอนแก่น",
            "postal_code": "40000",
        }
    body.update(extra)
    return body


def customer(app: FastAPI) -> httpx.AsyncClient:
    """A customer's client: no credential at all."""
    return client_of(app)


async def place(client: httpx.AsyncClient, body: dict[str, Any]) -> dict[str, Any]:
    response = await client.post("/v1/public/shop/orders", json=body)
    assert response.status_code == 201, response.text
    placed: dict[str, Any] = response.json()
    return placed


async def reserved(app: FastAPI, product_id: uuid.UUID) -> tuple[int, int]:
    """(on hand, reserved) of the product."""
    on_hand = await count(
        app, "SELECT on_hand FROM stock_on_hand WHERE product_id = $1", product_id
    )
    held = await count(app, "SELECT reserved FROM stock_on_hand WHERE product_id = $1", product_id)
    return on_hand, held


async def events_of(app: FastAPI, event_type: str, key: str | None = None) -> list[dict[str, Any]]:
    async with runtime_of(app).pool.acquire() as conn:
        rows = await conn.fetch(
            "SELECT envelope FROM outbox WHERE event_type = $1 "
            "AND ($2::text IS NULL OR message_key = $2) ORDER BY id",
            event_type,
            key,
        )
    return [r["envelope"] for r in rows]
