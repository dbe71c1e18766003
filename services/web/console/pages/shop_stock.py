"""Console pages for the shop's consignment stock: stock on hand with its lots and flags, the
assortment's proposals with the committee's approve and decline, delivery (intake), return
and count forms, the stock check, and a printable delivery or return note for both sides to
sign. Controls need the right to run the shop; the pages the right to read its reports."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from services.web.console.kit import Calls, CsrfChecked, ServiceProblem, SignedIn, render, require
from services.web.console.shop.lookups import rights, shop_code, shop_name
from shared.identity.roles import Action

router = APIRouter(prefix="/console/stock")

REASONS = {
    "unsold": ("ขายไม่ออก", "Unsold"),
    "damaged": ("ชำรุด", "Damaged"),
    "expired": ("หมดอายุ", "Expired"),
    "recalled": ("เรียกคืน", "Recalled"),
}
STATES = {
    "proposed": ("เสนอแล้ว รอพิจารณา", "Proposed"),
    "approved": ("อนุมัติแล้ว", "Approved"),
    "declined": ("ไม่อนุมัติ", "Declined"),
    "withdrawn": ("ถอนออกแล้ว", "Withdrawn"),
}
FORM_LINES = 8  # blank lines a delivery or return form offers


async def _overview(
    request: Request, session: SignedIn, calls: Calls, problem: ServiceProblem | None = None
) -> HTMLResponse:
    stock = await calls.get("sales", "/v1/shop/stock", params={"limit": 200})
    proposed = await calls.get(
        "sales", "/v1/shop/assortment", params={"state": "proposed", "limit": 100}
    )
    approved = await calls.get(
        "sales", "/v1/shop/assortment", params={"state": "approved", "limit": 200}
    )
    notes = await calls.get("sales", "/v1/shop/consignments", params={"limit": 20})
    return render(
        request,
        "console/stock/index.html",
        {
            "stock": stock["items"],
            "proposed": proposed["items"],
            "approved": approved["items"],
            "notes": notes["items"],
            "states": STATES,
            "reasons": REASONS,
            "problem": problem,
            **rights(request, session),
        },
        status_code=problem.status if problem and 400 <= problem.status < 500 else 200,
    )


@router.get("")
async def overview(request: Request, session: SignedIn, calls: Calls) -> HTMLResponse:
    require(session, Action.READ_SHOP, shop_code(request))
    return await _overview(request, session, calls)


@router.post("/assortment/{product_id}/{decision}", dependencies=[CsrfChecked])
async def decide(
    product_id: uuid.UUID, decision: str, request: Request, session: SignedIn, calls: Calls
) -> Response:
    """The committee approves or declines a proposal (or withdraws a product)."""
    require(session, Action.RUN_SHOP, shop_code(request))
    if decision not in ("approve", "decline", "withdraw"):
        problem = ServiceProblem(404, "Not found", "ไม่มีการทำรายการนี้ / no such decision")
        return await _overview(request, session, calls, problem)
    form = await request.form()
    body: dict[str, Any] = {}
    if decision == "approve":
        low = str(form.get("low_stock_at") or "").strip()
        body = {"low_stock_at": int(low)} if low.isdigit() else {}
    else:
        body = {"reason": str(form.get("reason") or "").strip()}
    try:
        await calls.post("sales", f"/v1/shop/assortment/{product_id}/{decision}", json=body)
    except ServiceProblem as problem:
        if problem.status >= 500:
            raise
        return await _overview(request, session, calls, problem)
    return RedirectResponse("/console/stock", status_code=303)


async def _form(
    request: Request,
    session: SignedIn,
    calls: Calls,
    kind: str,
    problem: ServiceProblem | None = None,
    sent: dict[str, Any] | None = None,
) -> HTMLResponse:
    approved = await calls.get(
        "sales", "/v1/shop/assortment", params={"state": "approved", "limit": 500}
    )
    return render(
        request,
        f"console/stock/{kind}.html",
        {
            "products": approved["items"],
            "reasons": REASONS,
            "lines": range(FORM_LINES),
            "problem": problem,
            "sent": sent or {},
            "note_id": uuid.uuid4(),
            **rights(request, session),
        },
        status_code=problem.status if problem and 400 <= problem.status < 500 else 200,
    )


def _lines(form: Any, fields: tuple[str, ...]) -> list[dict[str, Any]]:
    """The filled lines of a form (`product_id_0`, `quantity_0`, …)."""
    lines = []
    for n in range(FORM_LINES):
        line = {f: str(form.get(f"{f}_{n}") or "").strip() for f in fields}
        if not line["product_id"]:
            continue
        lines.append({k: v for k, v in line.items() if v})
    return lines


def _producer_of(products: list[dict[str, Any]], product_id: str | None) -> str | None:
    for product in products:
        if str(product["product_id"]) == product_id:
            return str(product["producer_id"])
    return None


async def _send_note(request: Request, session: SignedIn, calls: Calls, kind: str) -> Response:
    require(session, Action.RUN_SHOP, shop_code(request))
    form = await request.form()
    intake = kind == "intake"
    fields = ("product_id", "quantity", "lot_code", "best_before" if intake else "lot_code")
    lines = _lines(form, tuple(dict.fromkeys(fields)))
    approved = await calls.get(
        "sales", "/v1/shop/assortment", params={"state": "approved", "limit": 500}
    )
    person = str(form.get("person") or "").strip()
    body: dict[str, Any] = {
        "note_id": str(form.get("note_id") or uuid.uuid4()),
        "producer_id": _producer_of(approved["items"], lines[0]["product_id"] if lines else None),
        "delivered_by" if intake else "collected_by": person,
        "lines": [
            {**ln, "quantity": int(ln["quantity"]) if ln.get("quantity", "").isdigit() else 0}
            for ln in lines
        ],
    }
    if not intake:
        body["reason"] = str(form.get("reason") or "unsold")
    try:
        made = await calls.post(
            "sales", "/v1/shop/consignments" if intake else "/v1/shop/returns", json=body
        )
    except ServiceProblem as problem:
        if problem.status >= 500:
            raise
        return await _form(request, session, calls, kind, problem, dict(form))
    return RedirectResponse(f"/console/stock/notes/{made['note_id']}", status_code=303)


@router.get("/intake")
async def intake_form(request: Request, session: SignedIn, calls: Calls) -> HTMLResponse:
    require(session, Action.RUN_SHOP, shop_code(request))
    return await _form(request, session, calls, "intake")


@router.post("/intake", dependencies=[CsrfChecked])
async def intake(request: Request, session: SignedIn, calls: Calls) -> Response:
    return await _send_note(request, session, calls, "intake")


@router.get("/returns")
async def return_form(request: Request, session: SignedIn, calls: Calls) -> HTMLResponse:
    require(session, Action.RUN_SHOP, shop_code(request))
    return await _form(request, session, calls, "return")


@router.post("/returns", dependencies=[CsrfChecked])
async def give_back(request: Request, session: SignedIn, calls: Calls) -> Response:
    return await _send_note(request, session, calls, "return")


@router.get("/count")
async def count_form(
    request: Request, session: SignedIn, calls: Calls, product_id: uuid.UUID | None = None
) -> HTMLResponse:
    require(session, Action.RUN_SHOP, shop_code(request))
    stock = await calls.get("sales", "/v1/shop/stock", params={"limit": 200})
    chosen = next((s for s in stock["items"] if s["product_id"] == str(product_id)), None)
    return render(
        request,
        "console/stock/count.html",
        {
            "stock": stock["items"],
            "chosen": chosen,
            "count_id": uuid.uuid4(),
            "problem": None,
            **rights(request, session),
        },
    )


@router.post("/count", dependencies=[CsrfChecked])
async def count(request: Request, session: SignedIn, calls: Calls) -> Response:
    require(session, Action.RUN_SHOP, shop_code(request))
    form = await request.form()
    codes = form.getlist("lot_code")
    counted = form.getlist("counted")
    body = {
        "count_id": str(form.get("count_id") or uuid.uuid4()),
        "product_id": str(form.get("product_id") or ""),
        "reason": str(form.get("reason") or "").strip(),
        "lines": [
            {"lot_code": str(c), "counted": int(str(n))}
            for c, n in zip(codes, counted, strict=False)
            if str(c).strip() and str(n).strip().isdigit()
        ],
    }
    try:
        await calls.post("sales", "/v1/shop/stock-counts", json=body)
    except ServiceProblem as problem:
        if problem.status >= 500:
            raise
        stock = await calls.get("sales", "/v1/shop/stock", params={"limit": 200})
        chosen = next((s for s in stock["items"] if s["product_id"] == body["product_id"]), None)
        return render(
            request,
            "console/stock/count.html",
            {
                "stock": stock["items"],
                "chosen": chosen,
                "count_id": uuid.uuid4(),
                "problem": problem,
                **rights(request, session),
            },
            status_code=problem.status if 400 <= problem.status < 500 else 200,
        )
    return RedirectResponse("/console/stock", status_code=303)


@router.get("/check")
async def check(request: Request, session: SignedIn, calls: Calls) -> HTMLResponse:
    require(session, Action.READ_SHOP, shop_code(request))
    found = await calls.get("sales", "/v1/shop/stock/check")
    return render(request, "console/stock/check.html", {"check": found, **rights(request, session)})


@router.get("/notes/{note_id}")
async def note(
    note_id: uuid.UUID, request: Request, session: SignedIn, calls: Calls
) -> HTMLResponse:
    """The delivery or return note, printable, with room for both sides to sign."""
    require(session, Action.READ_SHOP, shop_code(request))
    found = await calls.get("sales", f"/v1/shop/consignments/{note_id}")
    return render(
        request,
        "console/stock/note.html",
        {"note": found, "reasons": REASONS, "shop_name": shop_name(request)},
    )
