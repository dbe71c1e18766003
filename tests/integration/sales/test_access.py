"""Who may do what on the sales service: a terminal reads its own sales (to reprint a
receipt), a booth sells only on its event's days, terminals in service are capped, and
failed authentication is limited per address."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from services.sales.adapters.catalogue import upsert_event
from shared.http.rate_limit import FailedAuthLimiter
from shared.service.runtime import runtime_of
from shared.timeutil import BANGKOK, now_bangkok
from tests.integration.sales.conftest import client_of, running_sales
from tests.integration.sales.tills import (
    Till,
    assert_problem,
    count,
    list_product,
    register_terminal,
    sale_body,
)

GUESS = "otop_tk_0123456789abcdefghijklMNOPQR"


async def test_a_terminal_reads_its_own_sale_and_not_another_terminals(sales_app, staff):
    await list_product(sales_app, "SK-RECEIPT", "85.50")
    body = sale_body([("SK-RECEIPT", 1, "85.50")], [("cash", "100.00")])
    async with (
        Till(sales_app, await register_terminal(staff)) as till,
        Till(sales_app, await register_terminal(staff)) as other,
    ):
        await till.open_shift()
        sold = await till.sell(body)
        assert sold.status_code == 201, sold.text
        sale_id = sold.json()["sale_id"]
        reprint = await till.client.get(f"/v1/sales/{sale_id}")
        assert reprint.status_code == 200, reprint.text
        assert reprint.json()["sale"] == sold.json()
        assert_problem(await other.client.get(f"/v1/sales/{sale_id}"), 404, "of this terminal")
        assert_problem(await till.client.get(f"/v1/sales/{uuid.uuid4()}"), 404)
    read_by_staff = await staff.get(f"/v1/sales/{sale_id}")
    assert read_by_staff.status_code == 200 and read_by_staff.json()["sale"] == sold.json()
    async with client_of(sales_app) as anonymous:
        assert_problem(await anonymous.get(f"/v1/sales/{sale_id}"), 401)


async def _showcase(app, *, starts: datetime, days: int, status: str = "published", **ended):
    event_id = uuid.uuid4()
    async with runtime_of(app).pool.acquire() as conn:
        await upsert_event(
            conn,
            event_id,
            "showcase",
            status,
            1,
            starts_at=starts,
            ends_at=starts + timedelta(days=days - 1, hours=9),
            **ended,
        )
    return event_id


async def _set_status(app, event_id: uuid.UUID, status: str, version: int, **ended) -> None:
    async with runtime_of(app).pool.acquire() as conn:
        await upsert_event(conn, event_id, None, status, version, **ended)


async def test_a_booth_sells_only_while_its_event_runs(sales_app, staff):
    await list_product(sales_app, "SK-FAIR", "120.00")
    now = now_bangkok()
    today = datetime.combine(now.date(), datetime.min.time(), BANGKOK)
    running = await _showcase(sales_app, starts=today - timedelta(days=1), days=3)
    coming = await _showcase(sales_app, starts=today + timedelta(days=60), days=3)

    def body(at: datetime) -> dict:
        return sale_body([("SK-FAIR", 1, "120.00")], [("cash", "120.00")], occurred_at=at)

    async with (
        Till(sales_app, await register_terminal(staff, "booth", running)) as booth,
        Till(sales_app, await register_terminal(staff, "booth", coming)) as early,
    ):
        await booth.open_shift()
        await early.open_shift()
        assert (await booth.sell(body(now - timedelta(minutes=1)))).status_code == 201
        refused = assert_problem(await early.sell(body(now - timedelta(minutes=1))), 403)
        assert refused["type"].endswith("booth-outside-event")
        assert refused["detail"].startswith("งาน") and "has not begun" in refused["detail"]
        # A backlog made on the event's first day, uploaded once the event has closed, counts;
        # one made after it closed does not.
        during = today - timedelta(days=1) + timedelta(hours=10)
        await _set_status(sales_app, running, "closed", 2, ended_at=now - timedelta(minutes=30))
        uploaded = await booth.batch([body(during), body(now - timedelta(minutes=2))])
        assert uploaded.status_code == 200, uploaded.text
        results = uploaded.json()["results"]
        assert [r["status"] for r in results] == [201, 403]
        assert "closed" in results[1]["problem"]["detail"]
    assert await count(sales_app, "SELECT count(*) FROM sales") == 2


async def test_a_booth_of_a_cancelled_event_cannot_sell(sales_app, staff):
    await list_product(sales_app, "SK-CANCEL", "50.00")
    now = now_bangkok()
    event_id = await _showcase(sales_app, starts=now - timedelta(hours=2), days=2)
    async with Till(sales_app, await register_terminal(staff, "booth", event_id)) as booth:
        await booth.open_shift()
        await _set_status(sales_app, event_id, "cancelled", 2, ended_at=now - timedelta(hours=1))
        sale = sale_body([("SK-CANCEL", 1, "50.00")], [("cash", "50.00")])
        assert_problem(await booth.sell(sale), 403, "ถูกยกเลิก", "cancelled")
    assert await count(sales_app, "SELECT count(*) FROM sales") == 0


async def test_terminals_in_service_are_capped_and_revoking_frees_a_place(
    sales_dsn, servers, topics
):
    async with running_sales(sales_dsn, servers, sales_max_active_terminals=2) as app:
        async with client_of(app, "test-admin-token-0123456789") as staff:
            first = await register_terminal(staff)
            await register_terminal(staff)
            body = {"name": "เครื่องขาย 3", "location": "shop"}
            assert_problem(await staff.post("/v1/terminals", json=body), 409, "revoke")
            key_id = first["keys"][0]["key_id"]
            revoked = await staff.post(f"/v1/terminals/{first['terminal_id']}/keys/{key_id}/revoke")
            assert revoked.status_code == 200
            assert (await staff.post("/v1/terminals", json=body)).status_code == 201
        assert await count(app, "SELECT count(*) FROM terminals") == 3


async def test_failed_authentication_is_limited_per_address_and_logged_without_the_key(
    sales_app, staff, caplog, capsys
):
    runtime_of(sales_app).auth_limiter = FailedAuthLimiter(limit=3, window_seconds=60)
    key = (await register_terminal(staff))["api_key"]
    caplog.clear()
    capsys.readouterr()
    async with client_of(sales_app, GUESS) as guessing:
        for _ in range(3):
            assert_problem(await guessing.get("/v1/shifts/current"), 401)
        limited = assert_problem(await guessing.get("/v1/shifts/current"), 429)
        assert "too many" in limited["detail"]
        assert limited["title"] == "Too many requests"
    async with client_of(sales_app, key) as till:
        blocked = await till.get("/v1/shifts/current")
    assert blocked.status_code == 429 and 1 <= int(blocked.headers["Retry-After"]) <= 60
    assert (await staff.get("/v1/terminals")).status_code == 429
    # What was logged: through the standard library's loggers once logging is configured in
    # this process (another test may have done it), printed by structlog before that.
    printed = capsys.readouterr()
    records = "\n".join(str(record.msg) for record in caplog.records)
    output = "\n".join((records, printed.out, printed.err))
    assert output.count("authentication failed") == 3
    assert GUESS not in output and key not in output
