"""Booths at showcases and fairs: a zone per product category, numbered from 1 in each zone,
so exhibitors of a category stand together. A booth is never given twice."""

from __future__ import annotations

from dataclasses import dataclass

from shared.contracts.registry import ProductCategory
from shared.errors import Conflict

ZONE_OF_CATEGORY: dict[ProductCategory | None, str] = {
    ProductCategory.FOOD: "A",
    ProductCategory.BEVERAGES: "B",
    ProductCategory.TEXTILES_AND_CLOTHING: "C",
    ProductCategory.HOUSEHOLD_DECORATIVE_SOUVENIR: "D",
    ProductCategory.NON_FOOD_HERBAL: "E",
    None: "G",  # exhibitors without a listed product
}


@dataclass(frozen=True, order=True)
class Booth:
    zone: str
    number: int

    def __str__(self) -> str:
        return f"{self.zone}-{self.number}"


def next_free_booth(category: ProductCategory | None, taken: set[Booth]) -> Booth:
    """The lowest free number in the category's zone."""
    zone = ZONE_OF_CATEGORY[category]
    number = 1
    while Booth(zone, number) in taken:
        number += 1
    return Booth(zone, number)


def check_booth_free(booth: Booth, taken: set[Booth]) -> None:
    if booth in taken:
        raise Conflict(f"booth {booth} is already given to another exhibitor")
