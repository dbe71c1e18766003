"""An event's budget covers what was spent of it: lowering (or removing) it below its
expenses is refused with a Thai-first problem, and an expense racing a budget change never
leaves more spent than budgeted; the database refuses it too, from writers without the
event's lock."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from decimal import Decimal

import asyncpg
import httpx
import pytest

from shared.contracts.registry import DevelopmentSegment
from shared.timeutil import now_bangkok
from tests.integration.events.project_calls import allocate, kbo_project, select
from tests.integration.events.registry_feed import RegistryFeed
from tests.integration.events.staff_calls import assert_problem, published_event
from tests.integration.events.test_district_places_guard import INSERT_EVENT
from tests.integration.events.test_trainings_api import training

INSERT_EXPENSE = """
INSERT INTO event_expenses (expense_id, event_id, item_th, amount_satang, spent_on, recorded_by)
VALUES ($1, $2, 'ค่าอาหาร', $3, current_date, 'staff')
"""
INSERT_GRANT = """
INSERT INTO project_grants (grant_id, event_id, member_id, recipient_kind, amount_satang,
    purpose_th, allocated_by, allocated_at)
VALUES ($1, $2, $3, 'group', $4, 'ทุน', 'staff', now())
"""
SPENT = "SELECT coalesce(sum(amount_satang), 0) FROM event_expenses WHERE event_id = $1"


def expense(amount: str) -> dict[str, str]:
    return {"item_th": "ค่าอาหาร", "amount": amount, "spent_on": now_bangkok().date().isoformat()}


async def test_a_budget_cannot_be_lowered_or_removed_below_what_its_expenses_spent(
    events: httpx.AsyncClient,
) -> None:
    event = await published_event(events, **training(budget="1000.00"))
    event_id = event["event_id"]
    paid = await events.post(f"/v1/events/{event_id}/expenses", json=expense("600.50"))
    assert paid.status_code == 201, paid.text

    lowered = await events.patch(f"/v1/events/{event_id}", json={"budget": "600.49"})
    body = assert_problem(lowered, 409, "ลดงบประมาณ", "600.50 THB")
    assert body["detail"].index("ลดงบประมาณ") < body["detail"].index("budget")
    assert_problem(await events.patch(f"/v1/events/{event_id}", json={"budget": None}), 409)
    assert (await events.get(f"/v1/events/{event_id}")).json()["budget"] == "1000.00"

    exact = await events.patch(f"/v1/events/{event_id}", json={"budget": "600.50"})
    assert exact.status_code == 200, exact.text
    left = (await events.get(f"/v1/events/{event_id}/expenses")).json()
    assert (left["budget"], left["spent"], left["remaining"]) == ("600.50", "600.50", "0.00")


async def test_an_expense_racing_a_lowered_budget_never_leaves_more_spent_than_budgeted(
    events: httpx.AsyncClient,
) -> None:
    for _ in range(6):
        event = await published_event(events, **training(budget="1000.00"))
        event_id = event["event_id"]
        paid, lowered = await asyncio.gather(
            events.post(f"/v1/events/{event_id}/expenses", json=expense("800.00")),
            events.patch(f"/v1/events/{event_id}", json={"budget": "500.00"}),
        )
        assert sorted((paid.status_code, lowered.status_code)) == [200, 409] or sorted(
            (paid.status_code, lowered.status_code)
        ) == [201, 409], (paid.text, lowered.text)
        left = (await events.get(f"/v1/events/{event_id}/expenses")).json()
        if paid.status_code == 201:
            assert (left["budget"], left["spent"]) == ("1000.00", "800.00")
        else:
            assert (left["budget"], left["spent"]) == ("500.00", "0.00")


@pytest.fixture
async def pool(events_dsn: str) -> AsyncIterator[asyncpg.Pool]:
    created = await asyncpg.create_pool(events_dsn, min_size=2, max_size=12)
    try:
        yield created
    finally:
        await created.close()


async def test_the_database_refuses_expenses_beyond_the_budget_from_writers_without_the_lock(
    pool: asyncpg.Pool,
) -> None:
    event_id = uuid.uuid4()
    await pool.execute(INSERT_EVENT, event_id, "[]")
    await pool.execute("UPDATE events SET budget_satang = 100000 WHERE event_id = $1", event_id)

    async def spend() -> bool:
        try:
            await pool.execute(INSERT_EXPENSE, uuid.uuid4(), event_id, 30000)
        except asyncpg.CheckViolationError as refused:
            assert refused.constraint_name == "spending_within_budget"
            return False
        return True

    done = await asyncio.gather(*(spend() for _ in range(10)))
    assert done.count(True) == 3
    assert await pool.fetchval(SPENT, event_id) == 90000
    with pytest.raises(asyncpg.CheckViolationError):
        await pool.execute("UPDATE events SET budget_satang = 89999 WHERE event_id = $1", event_id)
    with pytest.raises(asyncpg.CheckViolationError):
        await pool.execute("UPDATE events SET budget_satang = NULL WHERE event_id = $1", event_id)


async def test_the_database_decides_an_expense_and_a_budget_change_one_after_the_other(
    pool: asyncpg.Pool,
) -> None:
    for _ in range(8):
        event_id = uuid.uuid4()
        await pool.execute(INSERT_EVENT, event_id, "[]")
        await pool.execute("UPDATE events SET budget_satang = 100000 WHERE event_id = $1", event_id)

        async def attempt(sql: str, *args: object) -> bool:
            try:
                await pool.execute(sql, *args)
            except asyncpg.CheckViolationError:
                return False
            return True

        spent, lowered = await asyncio.gather(
            attempt(INSERT_EXPENSE, uuid.uuid4(), event_id, 80000),
            attempt("UPDATE events SET budget_satang = 50000 WHERE event_id = $1", event_id),
        )
        assert spent != lowered
        budget = await pool.fetchval(
            "SELECT budget_satang FROM events WHERE event_id = $1", event_id
        )
        assert await pool.fetchval(SPENT, event_id) <= budget


async def test_an_expense_dated_after_today_is_refused(events: httpx.AsyncClient) -> None:
    event = await published_event(events, **training())
    tomorrow = (now_bangkok().date() + timedelta(days=1)).isoformat()
    ahead = await events.post(
        f"/v1/events/{event['event_id']}/expenses", json=expense("10.00") | {"spent_on": tomorrow}
    )
    assert_problem(ahead, 422, "วันที่จ่าย", "future")


async def test_an_event_cannot_move_its_dates_off_its_agenda(events: httpx.AsyncClient) -> None:
    event = await published_event(events, **training())
    event_id = event["event_id"]
    starts = datetime.fromisoformat(event["starts_at"])
    planned = await events.post(
        f"/v1/events/{event_id}/sessions",
        json={
            "title_th": "วันที่สอง",
            "starts_at": (starts + timedelta(days=1)).isoformat(),
            "ends_at": (starts + timedelta(days=1, hours=2)).isoformat(),
        },
    )
    assert planned.status_code == 201, planned.text

    shortened = await events.patch(
        f"/v1/events/{event_id}", json={"ends_at": (starts + timedelta(hours=8)).isoformat()}
    )

    assert_problem(shortened, 409, "หัวข้อ", "move or remove those sessions")
    assert (await events.get(f"/v1/events/{event_id}")).json()["ends_at"] == event["ends_at"]
    kept = await events.patch(
        f"/v1/events/{event_id}",
        json={"ends_at": (starts + timedelta(days=1, hours=2)).isoformat()},
    )
    assert kept.status_code == 200, kept.text


async def test_a_projects_expenses_and_grants_racing_together_never_pass_its_budget(
    events: httpx.AsyncClient, registry_feed: RegistryFeed
) -> None:
    groups = [
        await registry_feed.member(segment=DevelopmentSegment.D, province="49") for _ in range(4)
    ]
    event_id = await kbo_project(events, budget="100000.00")
    await select(events, event_id, *groups)

    answers = await asyncio.gather(
        *(allocate(events, event_id, g, "30000.00") for g in groups),
        *(
            events.post(f"/v1/events/{event_id}/expenses", json=expense("30000.00"))
            for _ in range(2)
        ),
    )

    assert sorted(a.status_code for a in answers) == [201] * 3 + [409] * 3, [
        a.text for a in answers
    ]
    project = (await events.get(f"/v1/projects/{event_id}")).json()
    spent = (await events.get(f"/v1/events/{event_id}/expenses")).json()
    assert Decimal(project["allocated"]) + Decimal(spent["spent"]) == Decimal("90000.00")
    assert project["remaining"] == spent["remaining"] == "10000.00"
    assert spent["allocated"] == project["allocated"]
    lowered = await events.patch(f"/v1/events/{event_id}", json={"budget": "89999.99"})
    assert_problem(lowered, 409, "ลดงบประมาณต่ำกว่าที่ใช้ไปแล้ว 90,000.00 บาท")
    beyond = await events.post(f"/v1/events/{event_id}/expenses", json=expense("10000.01"))
    assert_problem(beyond, 409, "10,000.00")


async def test_the_database_counts_a_projects_expenses_and_grants_against_one_budget(
    pool: asyncpg.Pool,
) -> None:
    event_id = uuid.uuid4()
    await pool.execute(INSERT_EVENT, event_id, "[]")
    await pool.execute("UPDATE events SET budget_satang = 100000 WHERE event_id = $1", event_id)
    await pool.execute(INSERT_EXPENSE, uuid.uuid4(), event_id, 60000)
    with pytest.raises(asyncpg.CheckViolationError):
        await pool.execute(INSERT_GRANT, uuid.uuid4(), event_id, uuid.uuid4(), 40001)
    await pool.execute(INSERT_GRANT, uuid.uuid4(), event_id, uuid.uuid4(), 40000)
    with pytest.raises(asyncpg.CheckViolationError):
        await pool.execute("UPDATE events SET budget_satang = 99999 WHERE event_id = $1", event_id)
