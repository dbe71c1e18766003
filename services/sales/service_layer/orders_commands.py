"""What customers and staff ask of the shop's online orders: the validated request bodies
and the commands carrying them."""

from __future__ import annotations

import hashlib
import json
import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from shared.contracts.orders import Fulfilment
from shared.limits import NAME_MAX, REASON_MAX, SHORT_TEXT_MAX
from shared.money import Baht

# A Thai phone number (0812345678, +66812345678, with spaces or dashes), an e-mail address.
PHONE_PATTERN = r"^\+?[0-9][0-9 -]{7,18}[0-9]$"
EMAIL_PATTERN = r"^[^@\s\x00]{1,64}@[^@\s\x00]{1,255}\.[A-Za-z]{2,}$"
_TEXT = r"^[^\x00]*$"  # a NUL cannot be stored in Postgres text


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class CustomerIn(_Body):
    name: str = Field(min_length=1, max_length=NAME_MAX, pattern=_TEXT)
    phone: str | None = Field(default=None, pattern=PHONE_PATTERN)
    email: str | None = Field(default=None, max_length=320, pattern=EMAIL_PATTERN)
    line_id: str | None = Field(default=None, min_length=1, max_length=50, pattern=_TEXT)

    @model_validator(mode="after")
    def _reachable(self) -> CustomerIn:
        if not self.phone and not self.email:
            raise ValueError("a phone number or an e-mail address is needed")
        return self

    @property
    def contacts(self) -> list[str]:
        """The normalised phone and e-mail the unpaid-order limit counts by."""
        keys = []
        if self.phone:
            keys.append("phone:" + normal_phone(self.phone))
        if self.email:
            keys.append("email:" + self.email.lower())
        return keys


def normal_phone(phone: str) -> str:
    """A phone as the digits it is kept and compared by: a Thai number written with +66 (or
    +66 0) becomes its 0… form."""
    digits = "".join(c for c in phone if c.isdigit())
    if not digits.startswith("66"):
        return digits
    rest = digits[2:]
    return rest if rest.startswith("0") else "0" + rest


class AddressIn(_Body):
    recipient: str = Field(min_length=1, max_length=NAME_MAX, pattern=_TEXT)
    lines: list[str] = Field(min_length=1, max_length=4)
    province: str = Field(min_length=1, max_length=100, pattern=_TEXT)
    postal_code: str = Field(pattern=r"^[1-9][0-9]{4}$")

    @field_validator("lines")
    @classmethod
    def _lines(cls, lines: list[str]) -> list[str]:
        cleaned = [line.strip() for line in lines]
        if any(not line or len(line) > 200 or "\x00" in line for line in cleaned):
            raise ValueError("each address line has 1 to 200 characters")
        return cleaned


class OrderLineIn(_Body):
    product_id: uuid.UUID
    # Beyond the per-line limit is refused 429; beyond this, bad input (422). A whole JSON
    # number only: true, 2.0 or "2" are no quantity.
    quantity: int = Field(ge=1, le=1000, strict=True)


class PlaceOrder(_Body):
    order_id: uuid.UUID = Field(description="Chosen by the client: a retry is a replay.")
    customer: CustomerIn
    fulfilment: Fulfilment
    address: AddressIn | None = Field(default=None, description="Required to send by post.")
    lines: list[OrderLineIn] = Field(min_length=1, max_length=100)
    note: str | None = Field(default=None, max_length=SHORT_TEXT_MAX, pattern=_TEXT)

    @model_validator(mode="after")
    def _consistent(self) -> PlaceOrder:
        if self.fulfilment is Fulfilment.POST and self.address is None:
            raise ValueError("an order sent by post needs an address")
        if self.fulfilment is Fulfilment.PICKUP and self.address is not None:
            raise ValueError("an order picked up at the centre takes no address")
        products = [line.product_id for line in self.lines]
        if len(set(products)) != len(products):
            raise ValueError("each product appears on one line only")
        return self

    def fingerprint(self) -> str:
        canonical = json.dumps(self.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(canonical.encode()).hexdigest()


class PaymentIn(_Body):
    amount: Baht
    reference: str | None = Field(default=None, max_length=100, pattern=_TEXT)


class ShipIn(_Body):
    carrier: str | None = Field(default=None, max_length=100, pattern=_TEXT)
    tracking_no: str = Field(min_length=4, max_length=40, pattern=r"^[A-Za-z0-9-]+$")


class CancelIn(_Body):
    reason: str = Field(min_length=1, max_length=REASON_MAX, pattern=_TEXT)


class ConfirmPayment(_Body):
    order_id: uuid.UUID
    payment: PaymentIn


class PackOrder(_Body):
    order_id: uuid.UUID


class HandOverOrder(_Body):
    order_id: uuid.UUID


class ShipOrder(_Body):
    order_id: uuid.UUID
    shipment: ShipIn


class CompleteOrder(_Body):
    order_id: uuid.UUID


class CancelOrder(_Body):
    order_id: uuid.UUID
    reason: str | None = Field(default=None, max_length=REASON_MAX)
    by_customer: bool = False


class ExpireOrders(_Body):
    now: datetime
    limit: int = Field(default=100, ge=1, le=1000)


class EraseOrderContacts(_Body):
    """Empty the customer's personal data of orders that ended `after_end` days ago, or
    were placed `after_placing` days ago and never ended (amounts, lines and sale stay)."""

    now: datetime
    after_end_days: int = Field(ge=1)
    after_placing_days: int = Field(ge=1)
    limit: int = Field(default=500, ge=1, le=10_000)


def as_json(model: BaseModel | None) -> Any:
    return None if model is None else model.model_dump(mode="json")
