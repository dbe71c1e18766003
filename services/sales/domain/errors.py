"""Why the sales service refuses something; each maps to a problem document."""

from __future__ import annotations

from shared.errors import Conflict, DomainError, Forbidden, InvalidInput, NotFound


class SaleRejected(InvalidInput):
    slug = "sale-rejected"
    title = "The sale cannot be recorded"


class UnknownProduct(SaleRejected):
    slug = "unknown-product"
    title = "The product cannot be sold"


class PriceMismatch(SaleRejected):
    slug = "price-mismatch"
    title = "The price differs from the listed price"


class PaymentMismatch(SaleRejected):
    slug = "payment-mismatch"
    title = "The payments do not match the total"


class SaleInTheFuture(SaleRejected):
    slug = "sale-in-the-future"
    title = "The sale is timestamped in the future"


class ForbiddenForTerminal(Forbidden):
    """The terminal may not do this (another terminal's booth, another terminal's sale)."""

    slug = "forbidden-for-terminal"
    title = "Not allowed for this terminal"


class SaleConflict(Conflict):
    slug = "sale-id-reused"
    title = "The id was already used for a different request"


class ReceiptNoTaken(Conflict):
    slug = "receipt-no-taken"
    title = "เลขที่ใบเสร็จซ้ำ / The receipt number was already used"


class TerminalCodeTaken(Conflict):
    slug = "terminal-code-taken"
    title = "รหัสเครื่องขายซ้ำ / The terminal code is already used"


class RefundRejected(InvalidInput):
    slug = "refund-rejected"
    title = "The refund cannot be made"


class VoidRejected(Conflict):
    slug = "void-rejected"
    title = "The sale cannot be voided"


class ShiftProblem(Conflict):
    slug = "shift-state"
    title = "The shift does not allow this"


__all__ = [
    "Conflict",
    "DomainError",
    "ForbiddenForTerminal",
    "InvalidInput",
    "NotFound",
    "PaymentMismatch",
    "PriceMismatch",
    "ReceiptNoTaken",
    "RefundRejected",
    "SaleConflict",
    "SaleInTheFuture",
    "SaleRejected",
    "ShiftProblem",
    "TerminalCodeTaken",
    "UnknownProduct",
    "VoidRejected",
]
