"""The shape of a service's answer to a member's right to see (PDPA), shared by the four
services, and turning stored values into plain JSON (money as decimal strings)."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from shared.money import from_satang

Record = dict[str, Any]


class PersonalDataHeld(BaseModel):
    """Everything one service holds about one member, by kind of record."""

    model_config = ConfigDict(extra="forbid")

    service: str = Field(examples=["registry"])
    member_id: uuid.UUID
    exported_at: AwareDatetime
    sections: dict[str, list[Record]] = Field(
        description="Records by kind (e.g. member, products, deliveries); money as decimal "
        'strings ("1250.50"), times with their offset.'
    )


def plain(value: Any) -> Any:
    """A stored value as JSON: ids and times as text, money (Decimal) as a decimal string."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [plain(v) for v in value]
    if isinstance(value, uuid.UUID | Decimal):
        return str(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return value


def records(rows: list[Any]) -> list[Record]:
    """asyncpg rows (or mappings) as plain JSON records; a `<name>_satang` column becomes
    `<name>` in baht as a decimal string."""
    return [plain(_in_baht(dict(row))) for row in rows]


def _in_baht(row: dict[str, Any]) -> dict[str, Any]:
    return {
        (k.removesuffix("_satang") if k.endswith("_satang") else k): (
            from_satang(v) if k.endswith("_satang") and isinstance(v, int) else v
        )
        for k, v in row.items()
    }
