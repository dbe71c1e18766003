"""The customer's personal data on an online order is kept only as long as the order needs
it: a set time after the order ended (completed, cancelled, expired), or after it was placed
when it never ends, its name, contact, address and note are emptied. The amounts, the lines
and the sale stay for the tax records."""

from __future__ import annotations

import uuid
from datetime import timedelta

from services.sales.service_layer.orders_commands import EraseOrderContacts
from services.sales.service_layer.orders_ports import OrdersUnitOfWork


async def erase_order_contacts(cmd: EraseOrderContacts, uow: OrdersUnitOfWork) -> list[uuid.UUID]:
    """One batch of orders whose personal data is due to go; the ids of those emptied."""
    async with uow:
        erased = await uow.orders.erase_contacts(
            ended_before=cmd.now - timedelta(days=cmd.after_end_days),
            placed_before=cmd.now - timedelta(days=cmd.after_placing_days),
            at=cmd.now,
            limit=cmd.limit,
        )
        await uow.commit()
    return erased
