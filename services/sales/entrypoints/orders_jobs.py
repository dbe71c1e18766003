"""The sales service's expiry of unpaid online orders: placed orders past their payment
time expire and release the stock they held."""

from __future__ import annotations

from typing import Any

from services.sales.adapters.orders_uow import PostgresOrdersUnitOfWork
from services.sales.entrypoints.orders_settings import order_settings
from services.sales.service_layer.handlers.orders_payment import expire_orders
from services.sales.service_layer.orders_commands import ExpireOrders
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
