"""The shop over HTTP with real staff tokens: its manager (of SHOP_CODE "centre") runs it and
is named in the audit trail and on the events; a manager of another shop, an auditor or a
provincial officer running it are refused (403) and nothing changes; auditors read the
reports; a terminal's sale carries no staff member and leaves no audit row."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import date, datetime, time, timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from shared.identity.roles import Grant, Role
from shared.identity.tokens import StaffTokenSigner, generate_keypair
from shared.timeutil import BANGKOK, now_bangkok
from tests.conftest import ADMIN_TOKEN
from tests.integration.sales.conftest import client_of, running_sales
from tests.integration.sales.tills import (
    Till,
    assert_problem,
    count,
    list_product,
    register_terminal,
    sale_body,
)
from tests.kafka_probe import KafkaProbe, event_of_type

MANAGER = (Role.SHOP_MANAGER, "centre")
OTHER_SHOP_MANAGER = (Role.SHOP_MANAGER, "phuket-airport")
AUDITOR = (Role.AUDITOR, None)
PROVINCIAL_OFFICER = (Role.PROVINCIAL_OFFICER, "90")
ADMINISTRATOR = (Role.ADMINISTRATOR, None)
REFUSED_TO_RUN = [OTHER_SHOP_MANAGER, AUDITOR, PROVINCIAL_OFFICER]


@pytest.fixture(scope="module")
def keypair() -> tuple[str, str]:
    return generate_keypair()


@pytest.fixture
def signer(keypair: tuple[str, str]) -> StaffTokenSigner:
    return StaffTokenSigner(keypair[0])


@pytest.fixture
async def app(sales_dsn, servers, topics, keypair) -> AsyncIterator[FastAPI]:
    async with running_sales(sales_dsn, servers, staff_token_public_key=keypair[1]) as started:
        yield started


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with client_of(app) as unauthenticated:
        yield unauthenticated


@pytest.fixture
async def admin(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with client_of(app, ADMIN_TOKEN) as operator:
        yield operator


def as_staff(
    signer: StaffTokenSigner, grant: tuple[Role, str | None], account: str | None = None
) -> dict[str, str]:
    token = signer.sign(account or str(uuid.uuid4()), [Grant(role=grant[0], area=grant[1])])
    return {"Authorization": f"Bearer {token}"}


def last_month() -> tuple[date, date]:
    end = now_bangkok().date().replace(day=1) - timedelta(days=1)
    return end.replace(day=1), end


def period() -> dict[str, str]:
    start, end = last_month()
    return {"period_start": start.isoformat(), "period_end": end.isoformat()}


async def a_sale_last_month(app: FastAPI, admin: httpx.AsyncClient) -> dict[str, Any]:
    await list_product(app, "SK-SCOPE", "120.00")
    day = last_month()[1]
    sold_at = datetime.combine(day, time(11, 0), tzinfo=BANGKOK)
    async with Till(app, await register_terminal(admin)) as till:
        results = await till.batch(
            [sale_body([("SK-SCOPE", 2, "120.00")], [("cash", "240.00")], occurred_at=sold_at)]
        )
    [result] = results.json()["results"]
    assert result["status"] == 201, result
    sale: dict[str, Any] = result["sale"]
    return sale


@pytest.mark.parametrize("grant", REFUSED_TO_RUN, ids=["other shop", "auditor", "province"])
async def test_only_the_shops_managers_register_terminals_others_get_403_and_none_is_made(
    client, admin, signer, grant
):
    body = {"name": "เครื่องขาย 2", "location": "shop"}
    refused = await client.post("/v1/terminals", json=body, headers=as_staff(signer, grant))
    assert_problem(refused, 403, "run the shop in area centre")
    assert (await admin.get("/v1/terminals")).json()["items"] == []


async def test_the_shops_manager_registers_a_terminal_with_its_pairing_and_is_audited(
    client, signer
):
    account = str(uuid.uuid4())
    manager = as_staff(signer, MANAGER, account)
    made = await client.post(
        "/v1/terminals", json={"name": "เครื่องขาย 2", "location": "shop"}, headers=manager
    )
    assert made.status_code == 201, made.text
    terminal = made.json()
    assert terminal["pairing"] == {
        "terminal_id": terminal["terminal_id"],
        "key": terminal["api_key"],
        "sales_url": "http://sales",
    }
    rotated = await client.post(f"/v1/terminals/{terminal['terminal_id']}/keys", headers=manager)
    assert rotated.status_code == 201, rotated.text

    trail = await client.get(
        "/v1/audit", params={"aggregate_id": terminal["terminal_id"]}, headers=manager
    )
    rows = trail.json()["items"]
    assert [r["action"] for r in rows] == ["terminal.key_issued", "terminal.registered"]
    assert {(r["actor"]["kind"], r["actor"]["id"]) for r in rows} == {("staff", account)}


async def test_a_settlement_run_by_the_shops_manager_names_it_in_the_trail_and_on_the_event(
    app, client, admin, signer, servers
):
    sale = await a_sale_last_month(app, admin)
    for grant in REFUSED_TO_RUN:
        refused = await client.post(
            "/v1/settlements", json=period(), headers=as_staff(signer, grant)
        )
        assert_problem(refused, 403)
    assert await count(app, "SELECT count(*) FROM settlements") == 0
    assert await count(app, "SELECT count(*) FROM sale_lines WHERE settlement_id IS NULL") == 1

    account = str(uuid.uuid4())
    async with KafkaProbe(servers.bootstrap_servers, ["sales.settlements.v1"]) as probe:
        run = await client.post(
            "/v1/settlements", json=period(), headers=as_staff(signer, MANAGER, account)
        )
        assert run.status_code == 200, run.text
        [issued] = run.json()["issued"]
        [message] = await probe.wait_for(event_of_type("settlement.issued", issued["producer_id"]))
    assert message.headers["actor_id"] == account
    trail = await client.get(
        "/v1/audit",
        params={"aggregate_id": issued["settlement_id"]},
        headers=as_staff(signer, AUDITOR),
    )
    assert [(r["action"], r["actor"]["id"]) for r in trail.json()["items"]] == [
        ("settlement.issued", account)
    ]

    # The statement with its lines: read by auditors, refused to an officer of a province.
    path = f"/v1/settlements/{issued['settlement_id']}"
    statement = await client.get(path, headers=as_staff(signer, AUDITOR))
    assert statement.status_code == 200, statement.text
    body = statement.json()
    assert body["settlement"]["gross_sales"] == "240.00"
    assert body["settlement"]["commission"] == "36.00"
    assert [(ln["sale_id"], ln["sku"], ln["net_amount"]) for ln in body["sale_lines"]] == [
        (sale["sale_id"], "SK-SCOPE", "240.00")
    ]
    assert body["refund_lines"] == []
    assert_problem(await client.get(path, headers=as_staff(signer, PROVINCIAL_OFFICER)), 403)


@pytest.mark.parametrize(
    ("grant", "status"),
    [
        (MANAGER, 200),
        (AUDITOR, 200),
        (ADMINISTRATOR, 200),
        (OTHER_SHOP_MANAGER, 403),
        (PROVINCIAL_OFFICER, 403),
    ],
    ids=["manager", "auditor", "administrator", "other shop", "province"],
)
async def test_the_shops_reports_are_read_by_its_manager_auditors_and_administrators(
    app, client, admin, signer, grant, status
):
    sale = await a_sale_last_month(app, admin)
    start, end = last_month()
    headers = as_staff(signer, grant)
    for path, params in [
        ("/v1/reports/revenue", {"by": "producer", "from": start, "to": end}),
        ("/v1/settlements", {"from": start, "to": end}),
        ("/v1/shifts", {}),
        (f"/v1/sales/{sale['sale_id']}", {}),
    ]:
        response = await client.get(path, params=params, headers=headers)
        assert response.status_code == status, (path, response.text)
    # The catalogue is open to every staff member.
    assert (await client.get("/v1/catalogue", headers=headers)).status_code == 200


async def test_a_terminals_sale_carries_no_staff_member_and_leaves_no_audit_row(
    app, client, admin, signer, servers
):
    await list_product(app, "SK-TILL", "85.50")
    async with Till(app, await register_terminal(admin)) as till:
        shift = await till.open_shift("500.00")
        async with KafkaProbe(servers.bootstrap_servers, ["sales.transactions.v1"]) as probe:
            sold = await till.sell(sale_body([("SK-TILL", 1, "85.50")], [("cash", "100.00")]))
            assert sold.status_code == 201, sold.text
            sale_id = sold.json()["sale_id"]
            [message] = await probe.wait_for(event_of_type("sale.recorded", sale_id))
    assert "actor_id" not in message.headers

    manager = as_staff(signer, MANAGER)
    for aggregate in (sale_id, shift["shift_id"]):
        trail = await client.get("/v1/audit", params={"aggregate_id": aggregate}, headers=manager)
        assert trail.json()["items"] == []

    # The shop's manager sees the open shift with its figures so far.
    listed = await client.get("/v1/shifts", params={"status": "open"}, headers=manager)
    [row] = listed.json()["items"]
    assert row["shift_id"] == shift["shift_id"] and row["status"] == "open"
    assert row["report"]["sale_count"] == 1
    assert row["report"]["expected_cash"] == "585.50"


async def test_the_shops_manager_closes_a_shift_left_open_on_a_terminal(app, client, admin, signer):
    terminal = await register_terminal(admin)
    async with Till(app, terminal) as till:
        shift = await till.open_shift("500.00")
    path = f"/v1/terminals/{terminal['terminal_id']}/shift/close"
    body = {"counted_cash": "450.00"}
    refused = await client.post(path, json=body, headers=as_staff(signer, AUDITOR))
    assert_problem(refused, 403)
    assert await count(app, "SELECT count(*) FROM shifts WHERE closed_at IS NULL") == 1

    account = str(uuid.uuid4())
    manager = as_staff(signer, MANAGER, account)
    closed = await client.post(path, json=body, headers=manager)
    assert closed.status_code == 200, closed.text
    assert closed.json()["variance"] == "-50.00"
    trail = await client.get(
        "/v1/audit", params={"aggregate_id": shift["shift_id"]}, headers=manager
    )
    assert [(r["action"], r["actor"]["id"]) for r in trail.json()["items"]] == [
        ("shift.closed", account)
    ]
    assert_problem(await client.post(path, json=body, headers=manager), 404, "no open shift")
