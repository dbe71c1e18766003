"""The unit of work online orders work with: the sales unit of work and the orders kept."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from pydantic import BaseModel

from services.sales.domain.orders import Order, OrderLine
from services.sales.domain.orders_fees import ShippingTable
from services.sales.service_layer.unit_of_work import SalesUnitOfWork
from shared.contracts.orders import OrderState


@dataclass(frozen=True)
class Offer:
    """A product the shop offers online: approved for the shop, listed, at its price."""

    product_id: uuid.UUID
    producer_id: uuid.UUID
    sku: str
    price: int  # satang
    name_th: str | None
    name_en: str | None
    available: int


@dataclass(frozen=True)
class KeptOrder:
    """An order with the hashes its requests are checked against."""

    order: Order
    request_hash: str
    access_hash: str


@dataclass(frozen=True)
class Held:
    """Units an order holds of a product."""

    product_id: uuid.UUID
    producer_id: uuid.UUID
    quantity: int


class OrderRepository(Protocol):
    async def get(self, order_id: uuid.UUID, *, for_update: bool = False) -> KeptOrder | None: ...
    async def hold_contacts(self, contacts: Sequence[str]) -> None: ...
    async def unpaid(self, phone: str | None, email: str | None) -> int: ...
    async def offers(self, product_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, Offer]: ...
    async def shipping_table(self) -> ShippingTable: ...
    async def next_number(self, be_year: int) -> int: ...
    async def add(self, kept: KeptOrder, customer: dict[str, Any], note: str | None) -> bool: ...
    async def reserve(self, order_id: uuid.UUID, held: Sequence[Held]) -> dict[uuid.UUID, int]: ...
    async def release(self, order_id: uuid.UUID) -> list[Held]: ...
    async def consume(
        self, order_id: uuid.UUID, sale_id: uuid.UUID, at: datetime
    ) -> list[BaseModel]: ...
    async def put_back(
        self, sale_id: uuid.UUID, refund_id: uuid.UUID, held: Sequence[Held], at: datetime
    ) -> None: ...
    async def change(
        self, order_id: uuid.UUID, state: OrderState, at: datetime, **fields: Any
    ) -> None: ...
    async def due_to_expire(self, now: datetime, limit: int) -> list[Order]: ...
    async def erase_contacts(
        self, ended_before: datetime, placed_before: datetime, at: datetime, limit: int
    ) -> list[uuid.UUID]: ...


class OrdersUnitOfWork(SalesUnitOfWork):
    orders: OrderRepository


__all__ = ["Held", "KeptOrder", "Offer", "OrderLine", "OrderRepository", "OrdersUnitOfWork"]
