"""The shop's stock checked on its own: producers told of lots nearing best-before."""

from __future__ import annotations

from typing import Any

from services.sales.service_layer.handlers.stock_counts import tell_expiring_lots
from services.sales.settings import SalesSettings
from shared.service.definition import BackgroundJob, Step
from shared.service.runtime import Runtime

# Each lot is told once; looking twice a day catches a date crossing the notice period.
EVERY_HALF_DAY = 12 * 3600.0


async def _start(runtime: Runtime) -> Step:
    async def tell_expiring() -> int:
        """Tell the lots newly within the notice period; 0 when none."""
        return await tell_expiring_lots(runtime.unit_of_work())

    return tell_expiring


def _enabled(settings: Any) -> bool:
    service: SalesSettings = settings
    return service.sales_summary_job


LOT_EXPIRY = BackgroundJob(
    name="lot_expiry",
    describe="lot best-before job",
    readiness="lot_expiry_job",
    start=_start,
    idle_seconds=lambda settings: EVERY_HALF_DAY,
    enabled=_enabled,
)
