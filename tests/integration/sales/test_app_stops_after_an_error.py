"""A service whose running ends with an error still stops what runs beside its routes: no
outbox relay or job loop outlives the app (and its pool)."""

from __future__ import annotations

import pytest

from shared.service.runtime import runtime_of
from tests.integration.sales.conftest import running_sales


class Interrupted(Exception):
    pass


async def test_the_relay_and_the_jobs_stop_when_the_app_ends_with_an_error(
    sales_dsn, servers, topics
):
    with pytest.raises(Interrupted):
        async with running_sales(sales_dsn, servers, sales_summary_job=True) as app:
            runtime = runtime_of(app)
            relay, loops = runtime.relay, list(runtime.loops.values())
            assert relay is not None and relay.running
            assert loops and all(loop.running for loop in loops)
            raise Interrupted

    assert not relay.running
    assert not any(loop.running for loop in loops)
    assert runtime.pool.is_closing()
