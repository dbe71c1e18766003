"""A shift's cash: what the drawer should hold when it closes, and the close report."""

from __future__ import annotations

from dataclasses import dataclass, field

from shared.contracts.sales import PaymentMethod


@dataclass(frozen=True)
class ShiftTakings:
    """What happened in a shift, in satang. Voided sales are not in the sales figures."""

    opening_float: int
    cash_tendered: int = 0  # cash handed over by customers
    change_given: int = 0
    sales_by_method: dict[PaymentMethod, int] = field(default_factory=dict)  # cash net of change
    sale_count: int = 0
    refunds_by_method: dict[PaymentMethod, int] = field(default_factory=dict)
    refund_count: int = 0
    void_count: int = 0
    voided_total: int = 0

    @property
    def cash_refunds(self) -> int:
        return self.refunds_by_method.get(PaymentMethod.CASH, 0)

    @property
    def expected_cash(self) -> int:
        """Float + cash taken − change given − cash paid back in refunds."""
        return self.opening_float + self.cash_tendered - self.change_given - self.cash_refunds


def net_of_change(
    tendered_by_method: dict[PaymentMethod, int], change_given: int
) -> dict[PaymentMethod, int]:
    """Sales by payment method as the drawer keeps them: cash net of the change given back."""
    by_method = dict(tendered_by_method)
    if by_method.get(PaymentMethod.CASH, 0):
        by_method[PaymentMethod.CASH] -= change_given
    return by_method


@dataclass(frozen=True)
class CashCount:
    expected: int
    counted: int

    @property
    def variance(self) -> int:
        """Counted − expected: negative when cash is missing."""
        return self.counted - self.expected


def count_cash(takings: ShiftTakings, counted: int) -> CashCount:
    if counted < 0:
        raise ValueError("counted cash cannot be negative")
    return CashCount(expected=takings.expected_cash, counted=counted)
