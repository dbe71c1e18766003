"""Routes for sales terminals (authenticated with the terminal's API key)."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse
from pydantic import ValidationError

from services.sales.domain import promptpay
from services.sales.domain.errors import InvalidInput, NotFound
from services.sales.domain.terminals import Terminal
from services.sales.entrypoints.auth import current_terminal
from services.sales.entrypoints.dependencies import Bus, Settings, UoW
from services.sales.entrypoints.schemas import BatchOut, BatchResult, QrOut
from services.sales.service_layer import commands
from services.sales.service_layer.handlers import sales, shifts
from services.sales.service_layer.outcomes import Outcome, RefundOutcome, SaleOutcome
from services.sales.settings import SalesSettings
from shared.contracts.sales import SaleRecorded, SaleRefunded
from shared.errors import Conflict
from shared.http.problems import domain_problem_body, status_for, validation_problem_body

router = APIRouter(prefix="/v1")

TerminalDep = Annotated[Terminal, Depends(current_terminal)]


# How a request recorded now, or answered again, is answered over HTTP.
STATUS_OF = {Outcome.RECORDED: 201, Outcome.REPLAYED: 200}


def _status(outcome: SaleOutcome) -> int:
    """201 recorded, 200 the same sale again, the refusal's own status (409 for an id used
    by another sale, 403, 422…)."""
    if outcome.error is not None:
        return status_for(outcome.error)
    return STATUS_OF[outcome.outcome]


def _skew(settings: SalesSettings) -> timedelta:
    return timedelta(seconds=settings.sales_clock_skew_seconds)


@router.post(
    "/sales",
    status_code=201,
    tags=["terminal: sales"],
    responses={
        201: {"model": SaleRecorded, "description": "Recorded: the receipt"},
        200: {"model": SaleRecorded, "description": "The same sale again: the original receipt"},
    },
)
async def record_sale(
    body: commands.RecordSale, terminal: TerminalDep, uow: UoW, settings: Settings
) -> JSONResponse:
    """Record one sale (201), or answer a retry of it with the original receipt (200). A live
    sale needs an open shift on the terminal; a different body under a used sale_id is 409."""
    [outcome] = await sales.record_sales([body], terminal, uow, backlog=False, skew=_skew(settings))
    if outcome.error is not None:
        raise outcome.error
    headers = {"Location": f"/v1/sales/{outcome.sale_id}"}
    return JSONResponse(outcome.receipt, status_code=_status(outcome), headers=headers)


def _raw_sale_id(raw: Any) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(raw.get("sale_id"))) if isinstance(raw, dict) else None
    except ValueError:
        return None


@router.post("/sales/batch", response_model=BatchOut, tags=["terminal: sales"])
async def record_backlog(
    body: commands.RecordSales, terminal: TerminalDep, uow: UoW, settings: Settings
) -> BatchOut:
    """Upload up to 1,000 sales made offline. Each sale gets its own result: 201 recorded,
    200 already recorded, 409 sale_id used for another body, 403/422 refused with a problem.
    A refused sale stores nothing and does not affect the others. A sale made before the
    terminal's open shift (or with none open) is recorded without a shift."""
    parsed: list[tuple[int, commands.RecordSale]] = []
    results: dict[int, BatchResult] = {}
    for index, raw in enumerate(body.sales):
        try:
            parsed.append((index, commands.RecordSale.model_validate(raw)))
        except ValidationError as exc:
            results[index] = BatchResult(
                index=index,
                sale_id=_raw_sale_id(raw),
                status=422,
                problem=validation_problem_body(exc.errors(include_url=False, include_input=False)),
            )
    outcomes = await sales.record_sales(
        [req for _, req in parsed], terminal, uow, backlog=True, skew=_skew(settings)
    )
    for (index, _), outcome in zip(parsed, outcomes, strict=True):
        results[index] = BatchResult(
            index=index,
            sale_id=outcome.sale_id,
            status=_status(outcome),
            sale=outcome.receipt if outcome.error is None else None,
            problem=domain_problem_body(outcome.error) if outcome.error is not None else None,
        )
    ordered = [results[i] for i in range(len(body.sales))]
    return BatchOut(
        recorded=sum(r.status == 201 for r in ordered),
        replayed=sum(r.status == 200 for r in ordered),
        refused=sum(r.status >= 400 for r in ordered),
        results=ordered,
    )


@router.post(
    "/sales/{sale_id}/refunds",
    status_code=201,
    tags=["terminal: sales"],
    responses={
        201: {"model": SaleRefunded, "description": "Refunded: the receipt"},
        200: {"model": SaleRefunded, "description": "The same refund again: the receipt"},
    },
)
async def refund_sale(
    sale_id: uuid.UUID,
    body: commands.RefundSale,
    terminal: TerminalDep,
    bus: Bus,
    settings: Settings,
) -> JSONResponse:
    """Refund some or all units of a sale's lines. Each unit is worth the line's net amount
    (after its discount share) divided by its quantity; the last unit takes the remaining
    satang, so refunding everything returns exactly what was paid for the line."""
    refund: RefundOutcome = await bus.handle(
        commands.RefundFromTerminal(
            terminal=terminal, sale_id=sale_id, refund=body, shop=settings.shop_code
        )
    )
    return JSONResponse(refund.receipt, status_code=STATUS_OF[refund.outcome])


@router.post("/sales/{sale_id}/void", tags=["terminal: sales"])
async def void_sale(
    sale_id: uuid.UUID,
    body: commands.VoidSale,
    terminal: TerminalDep,
    bus: Bus,
    settings: Settings,
) -> dict[str, Any]:
    """Cancel a sale of this terminal's open shift that has no refunds; it then counts for
    nothing."""
    return await bus.handle(
        commands.VoidFromTerminal(
            terminal=terminal, sale_id=sale_id, void=body, shop=settings.shop_code
        )
    )


@router.post("/shifts", status_code=201, tags=["terminal: shifts"])
async def open_shift(
    body: commands.OpenShift, terminal: TerminalDep, bus: Bus, settings: Settings
) -> dict[str, Any]:
    return await bus.handle(
        commands.OpenShiftOnTerminal(terminal=terminal, shift=body, shop=settings.shop_code)
    )


@router.get("/shifts/current", tags=["terminal: shifts"])
async def current_shift(terminal: TerminalDep, uow: UoW) -> dict[str, Any]:
    async with uow:
        shift = await uow.shifts.open_of(terminal.terminal_id)
    if shift is None:
        raise NotFound("this terminal has no open shift")
    return await shifts.shift_report(shift.shift_id, terminal, uow)


@router.get("/shifts/{shift_id}", tags=["terminal: shifts"])
async def get_shift(shift_id: uuid.UUID, terminal: TerminalDep, uow: UoW) -> dict[str, Any]:
    return await shifts.shift_report(shift_id, terminal, uow)


@router.post("/shifts/{shift_id}/close", tags=["terminal: shifts"])
async def close_shift(
    shift_id: uuid.UUID,
    body: commands.CloseShift,
    terminal: TerminalDep,
    bus: Bus,
    settings: Settings,
) -> dict[str, Any]:
    """Close with the counted cash: the report gives the expected cash (float + cash taken −
    change − cash refunds), the counted cash and the variance (counted − expected)."""
    return await bus.handle(
        commands.CloseShiftOnTerminal(
            terminal=terminal, shift_id=shift_id, count=body, shop=settings.shop_code
        )
    )


@router.post("/promptpay/qr", response_model=QrOut, tags=["terminal: payments"])
async def promptpay_qr(
    body: commands.PromptPayRequest, terminal: TerminalDep, settings: Settings
) -> QrOut:
    """The EMVCo payload of a PromptPay QR code for this amount, to the shop's PromptPay id."""
    if settings.sales_promptpay_id is None:
        raise Conflict("PromptPay is not set up for this shop (SALES_PROMPTPAY_ID)")
    if body.amount <= 0:
        raise InvalidInput("amount must be more than 0")
    return QrOut(
        amount=body.amount, payload=promptpay.payload(settings.sales_promptpay_id, body.amount)
    )
