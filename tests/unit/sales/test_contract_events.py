"""Each event the sales domain raises maps to its public contract model with every field, as
the handlers built it before the domain had events of its own."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from services.sales.adapters.contract_events import to_contract
from services.sales.domain import events
from services.sales.domain.pricing import CatalogueProduct, RequestedLine, Tender, price_sale
from services.sales.domain.records import RefundLine, StoredSale
from services.sales.domain.settlement import statement
from shared.contracts import sales as contract
from shared.contracts.sales import PaymentMethod, TerminalLocation

NOW = datetime(2026, 11, 21, 4, 0, tzinfo=UTC)
AT_TERMINAL = datetime(2026, 11, 21, 10, 58, tzinfo=timezone(timedelta(hours=7)))
PRODUCER, OTHER = uuid.uuid4(), uuid.uuid4()
CATALOGUE = {
    "SK-1": CatalogueProduct(uuid.uuid4(), PRODUCER, "SK-1", 8550, True),
    "SK-2": CatalogueProduct(uuid.uuid4(), OTHER, "SK-2", 2000, True),
}


def _recorded() -> events.SaleRecorded:
    priced = price_sale(
        [RequestedLine("SK-1", 3, 8550), RequestedLine("SK-2", 1, 2000)],
        [Tender(PaymentMethod.PROMPTPAY, 10000), Tender(PaymentMethod.CASH, 20000)],
        1001,
        CATALOGUE,
    )
    return events.SaleRecorded(
        sale_id=uuid.uuid4(),
        terminal_id=uuid.uuid4(),
        location=TerminalLocation.BOOTH,
        event_id=uuid.uuid4(),
        shift_id=uuid.uuid4(),
        occurred_at=AT_TERMINAL,
        recorded_at=NOW,
        business_day=date(2026, 11, 21),
        priced=priced,
    )


def test_a_recorded_sale_is_published_with_its_lines_in_baht():
    event = _recorded()
    published = to_contract(event)
    assert published == contract.SaleRecorded(
        sale_id=event.sale_id,
        terminal_id=event.terminal_id,
        location=TerminalLocation.BOOTH,
        event_id=event.event_id,
        shift_id=event.shift_id,
        occurred_at=AT_TERMINAL,
        recorded_at=NOW,
        business_day=date(2026, 11, 21),
        lines=[
            contract.SoldLine(
                line_no=1,
                product_id=CATALOGUE["SK-1"].product_id,
                sku="SK-1",
                producer_id=PRODUCER,
                quantity=3,
                unit_price=Decimal("85.50"),
                line_total=Decimal("256.50"),
                discount=Decimal("9.29"),
                net_amount=Decimal("247.21"),
            ),
            contract.SoldLine(
                line_no=2,
                product_id=CATALOGUE["SK-2"].product_id,
                sku="SK-2",
                producer_id=OTHER,
                quantity=1,
                unit_price=Decimal("20.00"),
                line_total=Decimal("20.00"),
                discount=Decimal("0.72"),
                net_amount=Decimal("19.28"),
            ),
        ],
        subtotal=Decimal("276.50"),
        discount=Decimal("10.01"),
        total=Decimal("266.49"),
        payments=[
            contract.Payment(method=PaymentMethod.PROMPTPAY, amount=Decimal("100.00")),
            contract.Payment(method=PaymentMethod.CASH, amount=Decimal("200.00")),
        ],
        change_given=Decimal("33.51"),
    )
    # The terminal's clock is kept as it gave it; the receipt is the payload as JSON.
    receipt = published.model_dump(mode="json")
    assert receipt["occurred_at"] == "2026-11-21T10:58:00+07:00"
    assert receipt["lines"][0]["net_amount"] == "247.21" and receipt["total"] == "266.49"


def test_a_refund_is_published_with_its_lines_and_total_in_baht():
    lines = (
        RefundLine(1, uuid.uuid4(), "SK-1", PRODUCER, 2, 16486),
        RefundLine(2, uuid.uuid4(), "SK-2", OTHER, 1, 1921),
    )
    event = events.SaleRefunded(
        refund_id=uuid.uuid4(),
        sale_id=uuid.uuid4(),
        terminal_id=uuid.uuid4(),
        event_id=None,
        shift_id=None,
        lines=lines,
        method=PaymentMethod.CARD,
        reason="damaged",
        refunded_at=NOW,
        business_day=date(2026, 11, 21),
    )
    assert to_contract(event) == contract.SaleRefunded(
        refund_id=event.refund_id,
        sale_id=event.sale_id,
        terminal_id=event.terminal_id,
        event_id=None,
        shift_id=None,
        lines=[
            contract.RefundedLine(
                line_no=ln.line_no,
                product_id=ln.product_id,
                sku=ln.sku,
                producer_id=ln.producer_id,
                quantity=ln.quantity,
                amount=amount,
            )
            for ln, amount in zip(lines, (Decimal("164.86"), Decimal("19.21")), strict=True)
        ],
        total=Decimal("184.07"),
        method=PaymentMethod.CARD,
        reason="damaged",
        refunded_at=NOW,
        business_day=date(2026, 11, 21),
    )


def test_a_void_is_published_with_the_lines_and_total_of_the_sales_receipt():
    receipt = to_contract(_recorded()).model_dump(mode="json")
    sale = StoredSale(
        sale_id=uuid.UUID(receipt["sale_id"]),
        terminal_id=uuid.UUID(receipt["terminal_id"]),
        shift_id=uuid.UUID(receipt["shift_id"]),
        location=TerminalLocation.BOOTH,
        event_id=uuid.UUID(receipt["event_id"]),
        business_day=date(2026, 11, 21),
        total=26649,
        voided=False,
        receipt=receipt,
    )
    event = events.SaleVoided(sale, sale.terminal_id, "wrong item", NOW)
    published = to_contract(event)
    assert published == contract.SaleVoided(
        sale_id=sale.sale_id,
        terminal_id=sale.terminal_id,
        event_id=sale.event_id,
        shift_id=sale.shift_id,
        lines=[contract.SoldLine.model_validate(line) for line in receipt["lines"]],
        total=receipt["total"],
        reason="wrong item",
        voided_at=NOW,
        business_day=date(2026, 11, 21),
    )
    assert published.model_dump(mode="json")["lines"] == receipt["lines"]
    assert published.total == Decimal("266.49")


@pytest.mark.parametrize("corrects", [None, uuid.uuid4()])
def test_a_settlement_is_published_with_its_statement_in_baht(corrects):
    sale = uuid.uuid4()
    figures = statement(PRODUCER, [(sale, 24728), (sale, 1921)], [1921], Decimal("15.00"))
    event = events.SettlementIssued(
        uuid.uuid4(), figures, date(2026, 11, 1), date(2026, 11, 30), corrects, NOW
    )
    assert event.producer_id == PRODUCER
    assert to_contract(event) == contract.SettlementIssued(
        settlement_id=event.settlement_id,
        producer_id=PRODUCER,
        period_start=date(2026, 11, 1),
        period_end=date(2026, 11, 30),
        sale_count=1,
        gross_sales=Decimal("266.49"),
        refunds=Decimal("19.21"),
        net_sales=Decimal("247.28"),
        commission_percent=Decimal("15.00"),
        commission=Decimal("37.09"),
        net_payout=Decimal("210.19"),
        issued_at=NOW,
        corrects=corrects,
    )


def test_a_summarised_day_is_published_from_its_figures():
    product = uuid.uuid4()
    figures = {
        "sale_count": 2,
        "items_sold": 3,
        "gross": 30000,
        "refunds": 10000,
        "products": [
            {"product_id": str(product), "sku": "SK-D1", "sold": 3, "refunded": 1, "net": 20000}
        ],
    }
    event = events.DaySummarised.of(PRODUCER, date(2026, 11, 20), 2, figures, NOW)
    assert (event.items_sold, event.net) == (3, 20000)
    assert to_contract(event) == contract.DailySummary(
        producer_id=PRODUCER,
        business_day=date(2026, 11, 20),
        revision=2,
        sale_count=2,
        items_sold=3,
        gross_sales=Decimal("300.00"),
        refunds=Decimal("100.00"),
        net_sales=Decimal("200.00"),
        products=[
            contract.ProductDaySales(
                product_id=product,
                sku="SK-D1",
                quantity_sold=3,
                quantity_refunded=1,
                net_sales=Decimal("200.00"),
            )
        ],
        generated_at=NOW,
    )


def test_what_is_not_a_sales_event_has_no_contract():
    with pytest.raises(TypeError, match="not an event of the sales service"):
        to_contract(object())
