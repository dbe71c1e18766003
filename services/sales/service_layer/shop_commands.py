"""What staff ask of the shop's assortment and stock: the validated request bodies."""

from __future__ import annotations

import hashlib
import json
import uuid
from datetime import date, datetime

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator

from shared.contracts.consignment import ReturnReason

TEXT = 200
LOT_CODE = r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$"


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    def fingerprint(self) -> str:
        text = json.dumps(
            self.model_dump(mode="json"), sort_keys=True, separators=(",", ":"), ensure_ascii=False
        )
        return hashlib.sha256(text.encode()).hexdigest()


class ProposeProduct(_Body):
    product_id: uuid.UUID
    note: str | None = Field(default=None, max_length=1000)


class ApproveProduct(_Body):
    low_stock_at: int | None = Field(default=None, ge=0, le=10_000)


class DecideWithReason(_Body):
    reason: str = Field(min_length=1, max_length=1000)


class IntakeLineIn(_Body):
    product_id: uuid.UUID
    quantity: int = Field(ge=1, le=100_000)
    lot_code: str = Field(pattern=LOT_CODE)
    best_before: date | None = None


class ReceiveConsignment(_Body):
    note_id: uuid.UUID
    producer_id: uuid.UUID
    delivered_by: str = Field(min_length=1, max_length=TEXT)
    occurred_at: AwareDatetime | None = None
    lines: list[IntakeLineIn] = Field(min_length=1, max_length=200)

    @field_validator("occurred_at")
    @classmethod
    def _not_long_ago(cls, value: datetime | None) -> datetime | None:
        if value is not None and value.year < 2000:
            raise ValueError("occurred_at is before 2000-01-01")
        return value


class ReturnLineIn(_Body):
    product_id: uuid.UUID
    lot_code: str | None = Field(default=None, pattern=LOT_CODE)
    quantity: int = Field(ge=1, le=100_000)


class ReturnConsignment(_Body):
    note_id: uuid.UUID
    producer_id: uuid.UUID
    collected_by: str = Field(min_length=1, max_length=TEXT)
    reason: ReturnReason
    occurred_at: AwareDatetime | None = None
    lines: list[ReturnLineIn] = Field(min_length=1, max_length=200)


class CountLineIn(_Body):
    lot_code: str = Field(pattern=LOT_CODE)
    counted: int = Field(ge=0, le=1_000_000)


class CountStock(_Body):
    count_id: uuid.UUID
    product_id: uuid.UUID
    lines: list[CountLineIn] = Field(max_length=200)
    reason: str = Field(min_length=1, max_length=1000)

    @field_validator("lines")
    @classmethod
    def _each_lot_once(cls, lines: list[CountLineIn]) -> list[CountLineIn]:
        if len({line.lot_code for line in lines}) != len(lines):
            raise ValueError("name each lot_code once")
        return lines
