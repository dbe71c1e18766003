"""Exact arithmetic in whole satang: shares of a discount, shares of a line, commission."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal


def largest_remainder(amount: int, weights: Sequence[int]) -> list[int]:
    """Split `amount` satang in proportion to `weights` so the shares sum exactly to it.

    Each share is first rounded down; the satang left over go one each to the shares with
    the largest remainders (the earlier one first on a tie)."""
    if amount < 0 or any(w < 0 for w in weights):
        raise ValueError("amounts and weights are never negative")
    total = sum(weights)
    if total == 0:
        if amount:
            raise ValueError("cannot split an amount over nothing")
        return [0] * len(weights)
    floors = [amount * w // total for w in weights]
    remainders = [amount * w % total for w in weights]
    left = amount - sum(floors)
    order = sorted(range(len(weights)), key=lambda i: (-remainders[i], i))
    for i in order[:left]:
        floors[i] += 1
    return floors


def unit_share(net: int, quantity: int, already: int, count: int) -> int:
    """What `count` more units of a line are worth when `already` units were taken back:
    each unit is worth net // quantity; the last unit also takes the remainder, so taking
    back every unit returns exactly the line's net."""
    if count < 1 or already < 0 or already + count > quantity:
        raise ValueError("units out of range")
    base, remainder = divmod(net, quantity)
    return base * count + (remainder if already + count == quantity else 0)


def percent_of(amount: int, percent: Decimal) -> int:
    """`percent` % of `amount` satang, rounded half-up (away from zero) to the satang."""
    exact = Decimal(amount) * percent / Decimal(100)
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))
