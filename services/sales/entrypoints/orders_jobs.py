"""The sales service's jobs over online orders: placed orders past their payment time
expire and release the stock they held; the customer's personal data is emptied from
orders a set time after they ended (or were placed, when they never end)."""

from __future__ import annotations

from typing import Any

from services.sales.adapters.orders_uow import PostgresOrdersUnitOfWork
from services.sales.entrypoints.orders_settings import order_settings
from services.sales.service_layer.handlers.orders_payment import expire_orders
from services.sales.service_layer.handlers.orders_privacy import erase_order_contacts
from services.sales.service_layer.orders_commands import EraseOrderContacts, ExpireOrders
from shared.service.definition import BackgroundJob, Step
from shared.service.runtime import Runtime
from shared.timeutil import now_bangkok


async def _start_expiry(runtime: Runtime) -> Step:
    async def expire_unpaid_orders() -> int:
        """One batch of unpaid orders past their time; 0 when none was due."""
        uow = PostgresOrdersUnitOfWork(runtime.pool)
        return len(await expire_orders(ExpireOrders(now=now_bangkok()), uow))

    return expire_unpaid_orders


def _enabled(settings: Any) -> bool:
    # Read at start-up: settings a production process may not run with stop it here.
    return order_settings().shop_order_expiry_job


def _idle_seconds(settings: Any) -> float:
    return order_settings().shop_order_expiry_interval_seconds


ORDER_EXPIRY = BackgroundJob(
    name="order_expiry",
    describe="online-order expiry job",
    readiness="order_expiry_job",
    start=_start_expiry,
    idle_seconds=_idle_seconds,
    enabled=_enabled,
)


async def _start_erasure(runtime: Runtime) -> Step:
    async def erase_due_contacts() -> int:
        """One batch of orders whose customer's data is due to go; 0 when none was."""
        options = order_settings()
        cmd = EraseOrderContacts(
            now=now_bangkok(),
            after_end_days=options.shop_order_contact_retention_days,
            after_placing_days=options.shop_order_open_retention_days,
        )
        return len(await erase_order_contacts(cmd, PostgresOrdersUnitOfWork(runtime.pool)))

    return erase_due_contacts


ORDER_CONTACT_ERASURE = BackgroundJob(
    name="order_contact_erasure",
    describe="online-order personal data erasure job",
    readiness="order_contact_erasure_job",
    start=_start_erasure,
    idle_seconds=lambda settings: order_settings().shop_order_erasure_interval_seconds,
    enabled=lambda settings: order_settings().shop_order_erasure_job,
)
