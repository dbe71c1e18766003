"""Staff routes for the shop's consignment stock: delivery notes in, return notes out, stock
counts (RUN_SHOP); stock on hand with its lots, the notes and the stock check (READ_SHOP)."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any, Literal

import asyncpg
from fastapi import APIRouter, Depends
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse

from services.sales.adapters.shop_views import (
    list_notes,
    note_with_lines,
    stock,
    stock_check,
)
from services.sales.domain.errors import NotFound
from services.sales.domain.stock import expected_on_hand
from services.sales.entrypoints.dependencies import Cursor, Db, PageSize, Settings, UoW
from services.sales.service_layer import access
from services.sales.service_layer.handlers import consignment, stock_counts
from services.sales.service_layer.shop_commands import (
    CountStock,
    ReceiveConsignment,
    ReturnConsignment,
)
from shared.http.auth import require_staff
from shared.http.problems import problem_responses

router = APIRouter(prefix="/v1/shop", dependencies=[Depends(require_staff)])
TAGS: list[Any] = ["staff: shop stock"]
REPLAYED: dict[int | str, dict[str, Any]] = {
    200: {"description": "The same request again (same id, same body): answered as stored"}
}


def _head(r: Mapping[str, Any]) -> dict[str, Any]:
    return dict(r)


async def _note(conn: asyncpg.Connection, note_id: uuid.UUID) -> dict[str, Any]:
    found = await note_with_lines(conn, note_id)
    if found is None:
        raise NotFound(f"ไม่พบใบส่งของ/ใบคืนของ {note_id} / there is no note {note_id}")
    head, lines = found
    return {**_head(head), "lines": [dict(r) for r in lines]}


def _answer(stored: bool, body: dict[str, Any]) -> JSONResponse:
    return JSONResponse(jsonable_encoder(body), status_code=201 if stored else 200)


@router.post(
    "/consignments", status_code=201, tags=TAGS, responses={**REPLAYED, **problem_responses(409)}
)
async def receive(body: ReceiveConsignment, uow: UoW, conn: Db, settings: Settings) -> JSONResponse:
    """Take in a producer's delivery (approved products of that producer; a lot and, for
    food and beverages, its best-before date per line): 201 with the note's number; the same
    note again: 200."""
    stored, note_id = await consignment.receive(body, uow, settings.shop_code)
    return _answer(stored, await _note(conn, note_id))


@router.post(
    "/returns", status_code=201, tags=TAGS, responses={**REPLAYED, **problem_responses(409)}
)
async def give_back(
    body: ReturnConsignment, uow: UoW, conn: Db, settings: Settings
) -> JSONResponse:
    """Give stock back to its producer (from the lot named, else earliest expiry first);
    more than on hand is refused (409)."""
    stored, note_id = await consignment.give_back(body, uow, settings.shop_code)
    return _answer(stored, await _note(conn, note_id))


@router.post(
    "/stock-counts",
    status_code=201,
    tags=TAGS,
    responses={**REPLAYED, **problem_responses(404, 409)},
)
async def count(body: CountStock, uow: UoW, settings: Settings) -> JSONResponse:
    """Count a product's lots: each lot named is set to what was counted, with an adjustment
    for the difference; the product's count flag clears."""
    stored, made = await stock_counts.count(body, uow, settings.shop_code)
    return _answer(stored, made)


@router.get("/consignments", tags=TAGS)
async def get_notes(
    conn: Db,
    settings: Settings,
    producer_id: uuid.UUID | None = None,
    kind: Literal["intake", "return"] | None = None,
    cursor: Cursor = None,
    limit: PageSize = 100,
) -> dict[str, Any]:
    access.read_shop(settings.shop_code)
    page = await list_notes(conn, producer_id, kind, cursor=cursor, limit=limit)
    return {"items": [_head(r) for r in page.items], "next_cursor": page.next_cursor}


@router.get("/consignments/{note_id}", tags=TAGS, responses=problem_responses(404))
async def get_note(note_id: uuid.UUID, conn: Db, settings: Settings) -> dict[str, Any]:
    """A delivery or return note with its lines (product names, lots, best-before dates)."""
    access.read_shop(settings.shop_code)
    return await _note(conn, note_id)


def _shelf(r: asyncpg.Record) -> dict[str, Any]:
    values = dict(r)
    low_at = values.pop("low_at")
    available = r["on_hand"] - r["reserved"]
    return {**values, "available": available, "low": available <= low_at, "low_stock_at": low_at}


@router.get("/stock", tags=TAGS)
async def get_stock(
    conn: Db,
    settings: Settings,
    producer_id: uuid.UUID | None = None,
    needs_count: bool | None = None,
    low: bool | None = None,
    cursor: Cursor = None,
    limit: PageSize = 100,
) -> dict[str, Any]:
    """Per product: on hand, reserved (online orders), available, the count flag, whether it
    runs low, and its lots (earliest best-before first)."""
    access.read_shop(settings.shop_code)
    page = await stock(conn, producer_id, needs_count, low, cursor=cursor, limit=limit)
    return {"items": [_shelf(r) for r in page.items], "next_cursor": page.next_cursor}


def check_row(r: asyncpg.Record) -> dict[str, Any]:
    values = dict(r)
    lots_ok = values.pop("lots_ok")
    expected = expected_on_hand(r["intake"], r["sold"], r["refunded"], r["returned"], r["adjusted"])
    return {**values, "expected": expected, "ok": expected == r["on_hand"] and lots_ok}


@router.get("/stock/check", tags=TAGS)
async def check(
    conn: Db, settings: Settings, producer_id: uuid.UUID | None = None
) -> dict[str, Any]:
    """The stock equation per product: on hand = intake − sold + refunded − returned ±
    adjustments, recomputed from every movement (and each lot's on hand from its own)."""
    access.read_shop(settings.shop_code)
    products = [check_row(r) for r in await stock_check(conn, producer_id)]
    return {"ok": all(p["ok"] for p in products), "products": products}
