"""The public contract (shared.contracts.sales) of each event the sales domain raises: what
sales.transactions.v1 and sales.settlements.v1 carry, and what a terminal's receipt is.
Amounts go from satang to baht here."""

from __future__ import annotations

from functools import singledispatch

from pydantic import BaseModel

from services.sales.domain import events
from shared.contracts import sales as contract
from shared.money import from_satang


@singledispatch
def to_contract(event: object) -> BaseModel:
    raise TypeError(f"{type(event).__name__} is not an event of the sales service")


@to_contract.register
def _(event: BaseModel) -> BaseModel:
    """An event raised in its public form already (the shop's consignment events)."""
    return event


@to_contract.register
def _(event: events.SaleRecorded) -> contract.SaleRecorded:
    priced = event.priced
    return contract.SaleRecorded(
        sale_id=event.sale_id,
        terminal_id=event.terminal_id,
        location=event.location,
        event_id=event.event_id,
        shift_id=event.shift_id,
        occurred_at=event.occurred_at,
        recorded_at=event.recorded_at,
        business_day=event.business_day,
        lines=[
            contract.SoldLine(
                line_no=line.line_no,
                product_id=line.product_id,
                sku=line.sku,
                producer_id=line.producer_id,
                quantity=line.quantity,
                unit_price=from_satang(line.unit_price),
                line_total=from_satang(line.line_total),
                discount=from_satang(line.discount),
                net_amount=from_satang(line.net),
            )
            for line in priced.lines
        ],
        subtotal=from_satang(priced.subtotal),
        discount=from_satang(priced.discount),
        total=from_satang(priced.total),
        payments=[
            contract.Payment(method=p.method, amount=from_satang(p.amount)) for p in priced.payments
        ],
        change_given=from_satang(priced.change_given),
        receipt_no=event.receipt_no,
    )


@to_contract.register
def _(event: events.SaleRefunded) -> contract.SaleRefunded:
    return contract.SaleRefunded(
        refund_id=event.refund_id,
        sale_id=event.sale_id,
        terminal_id=event.terminal_id,
        event_id=event.event_id,
        shift_id=event.shift_id,
        lines=[
            contract.RefundedLine(
                line_no=line.line_no,
                product_id=line.product_id,
                sku=line.sku,
                producer_id=line.producer_id,
                quantity=line.quantity,
                amount=from_satang(line.amount),
            )
            for line in event.lines
        ],
        total=from_satang(event.total),
        method=event.method,
        reason=event.reason,
        refunded_at=event.refunded_at,
        business_day=event.business_day,
    )


@to_contract.register
def _(event: events.SaleVoided) -> contract.SaleVoided:
    """The voided sale's lines and total as its receipt gave them."""
    sale = event.sale
    return contract.SaleVoided(
        sale_id=sale.sale_id,
        terminal_id=event.terminal_id,
        event_id=sale.event_id,
        shift_id=sale.shift_id,
        lines=[contract.SoldLine.model_validate(line) for line in sale.receipt["lines"]],
        total=sale.receipt["total"],
        reason=event.reason,
        voided_at=event.voided_at,
        business_day=sale.business_day,
    )


@to_contract.register
def _(event: events.SettlementIssued) -> contract.SettlementIssued:
    s = event.statement
    return contract.SettlementIssued(
        settlement_id=event.settlement_id,
        producer_id=s.producer_id,
        period_start=event.period_start,
        period_end=event.period_end,
        sale_count=s.sale_count,
        gross_sales=from_satang(s.gross),
        refunds=from_satang(s.refunds),
        net_sales=from_satang(s.net),
        commission_percent=s.commission_percent,
        commission=from_satang(s.commission),
        net_payout=from_satang(s.payout),
        issued_at=event.issued_at,
        corrects=event.corrects,
    )


@to_contract.register
def _(event: events.DaySummarised) -> contract.DailySummary:
    return contract.DailySummary(
        producer_id=event.producer_id,
        business_day=event.business_day,
        revision=event.revision,
        sale_count=event.sale_count,
        items_sold=event.items_sold,
        gross_sales=from_satang(event.gross),
        refunds=from_satang(event.refunds),
        net_sales=from_satang(event.net),
        products=[
            contract.ProductDaySales(
                product_id=p.product_id,
                sku=p.sku,
                quantity_sold=p.sold,
                quantity_refunded=p.refunded,
                net_sales=from_satang(p.net),
            )
            for p in event.products
        ],
        generated_at=event.generated_at,
    )
