"""Erase the contacts of online orders' customers whose time is up (see
`domain.customers.Retention`): the order's record keeps its number, state and times, the
deliveries their kinds and outcomes; the name, e-mail, phone and LINE id are gone."""

from __future__ import annotations

from services.notifications.domain.customers import Retention
from services.notifications.service_layer.notify import Clock
from services.notifications.service_layer.unit_of_work import NotificationsUnitOfWork
from shared.logging import get_logger
from shared.timeutil import now_bangkok

log = get_logger(__name__)


async def erase_order_contacts(
    uow: NotificationsUnitOfWork,
    retention: Retention,
    clock: Clock = now_bangkok,
    limit: int = 500,
) -> int:
    """Erase one batch; how many contacts were erased (0: none is due)."""
    async with uow:
        erased = await uow.order_contacts.erase_due(clock(), retention, limit)
        await uow.commit()
    if erased:
        log.info("order contacts erased", count=erased)
    return erased
