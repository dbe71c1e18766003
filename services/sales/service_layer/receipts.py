"""A terminal's receipt for a sale or a refund is the event as it is published: the unit of
work's own mapping to the public contract gives it, so the two never differ."""

from __future__ import annotations

from typing import Any

from services.sales.domain.events import SaleRecorded, SaleRefunded
from services.sales.service_layer.unit_of_work import SalesUnitOfWork


def receipt_of(uow: SalesUnitOfWork, event: SaleRecorded | SaleRefunded) -> dict[str, Any]:
    return uow.contract_of(event).model_dump(mode="json")
