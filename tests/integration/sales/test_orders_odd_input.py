"""Odd requests to the online-order routes are refused with a 4xx problem, never a 500:
wrong types, huge or negative numbers, broken unicode, missing fields, wrong access codes,
unknown orders."""

from __future__ import annotations

import hashlib
import secrets
import uuid

import pytest
from pydantic import ValidationError

from tests.integration.sales.conftest import running_sales
from tests.integration.sales.orders_calls import customer, order_body, place
from tests.integration.sales.tills import assert_problem, count, list_product

ORDERS = "/v1/public/shop/orders"


async def test_odd_order_bodies_are_refused_422_and_hold_nothing(sales_app, staff):
    chips = await list_product(sales_app, "SK-ODD1", "10.00", stock=10)
    good = order_body([(chips.product_id, 1)])
    line = {"product_id": str(chips.product_id)}
    odd_quantities = [True, "2", 1.5, -3, 0, 10**30, None, [1], {"n": 1}]
    bodies = [{**good, "lines": [{**line, "quantity": q}]} for q in odd_quantities]
    bodies += [
        {**good, "lines": {"0": {**line, "quantity": 1}}},
        {**good, "lines": [{"quantity": 1}]},
        {**good, "customer": ["สมศรี", "0812345678"]},
        {**good, "customer": {"name": "", "phone": "0812345678"}},
        {**good, "customer": {"name": "   ", "phone": "0812345678"}},
        {**good, "customer": {"name": "ส" * 10_000, "phone": "0812345678"}},
        {**good, "customer": {"name": "สมศรี", "phone": 812345678}},
        {**good, "customer": {"name": "สมศรี", "phone": "๐๘๑๒๓๔๕๖๗๘"}},
        {**good, "customer": {"name": "สมศรี", "email": "a@b.c\x00m"}},
        {**good, "order_id": "x" * 10_000},
        {**good, "order_id": None},
        {key: value for key, value in good.items() if key != "customer"},
        {key: value for key, value in good.items() if key != "lines"},
        {**good, "fulfilment": "post", "address": {"recipient": "x", "lines": []}},
        {**good, "fulfilment": "post", "address": "99 ถนนมิตรภาพ"},
    ]
    async with customer(sales_app) as client:
        for body in bodies:
            assert_problem(await client.post(ORDERS, json=body), 422)
        for raw in (b"[]", b"null", b'"order"', b"1e999", b'{"order_id": "\\ud800"}'):
            response = await client.post(
                ORDERS, content=raw, headers={"content-type": "application/json"}
            )
            assert_problem(response, 422)
        broken = (
            b'{"order_id": "%s", "customer": {"name": "\\ud800", "phone": "0812345678"}, '
            b'"fulfilment": "pickup", "lines": [{"product_id": "%s", "quantity": 1}]}'
        ) % (str(uuid.uuid4()).encode(), str(chips.product_id).encode())
        response = await client.post(
            ORDERS, content=broken, headers={"content-type": "application/json"}
        )
        assert_problem(response, 422)
        # Unicode beyond Thai is a name like any other.
        emoji = {**good, "customer": {"name": "สมศรี 🌾 Ñandú", "phone": "0812345678"}}
        assert (await client.post(ORDERS, json=emoji)).status_code == 201
    held = "SELECT reserved FROM stock_on_hand WHERE product_id = $1"
    assert await count(sales_app, held, chips.product_id) == 1


async def test_wrong_codes_and_unknown_orders_answer_404_and_odd_codes_no_500(sales_app, staff):
    chips = await list_product(sales_app, "SK-ODD2", "10.00", stock=10)
    async with customer(sales_app) as client:
        placed = await place(client, order_body([(chips.product_id, 1)]))
        path = f"{ORDERS}/{placed['order_id']}"
        code = placed["access_code"]
        for wrong in ("", " ", code.upper() if code != code.upper() else code.lower(), code[:-1]):
            assert_problem(await client.get(path, headers={"X-Order-Code": wrong}), 404)
        thai = "รหัส".encode()
        assert_problem(await client.get(path, headers={"X-Order-Code": thai}), 404)
        assert_problem(await client.post(f"{path}/cancel", headers={"X-Order-Code": thai}), 404)
        assert_problem(await client.get(path, headers={"X-Order-Code": "x" * 500}), 422)
        unknown = f"{ORDERS}/{uuid.uuid4()}"
        assert_problem(await client.get(unknown, headers={"X-Order-Code": code}), 404)
        assert_problem(await client.post(f"{unknown}/cancel", headers={"X-Order-Code": code}), 404)
        cancel = f"{path}/cancel"
        headers = {"X-Order-Code": code}
        for body in ([], "ยกเลิก", {"reason": 5}, {"reason": "x" * 5000}, {"why": "x"}):
            assert_problem(await client.post(cancel, json=body, headers=headers), 422)
        assert (await client.get(path, headers=headers)).json()["state"] == "placed"


async def test_odd_staff_requests_are_refused_with_problems(sales_app, staff):
    chips = await list_product(sales_app, "SK-ODD3", "10.00", stock=10)
    async with customer(sales_app) as client:
        placed = await place(client, order_body([(chips.product_id, 2)], fulfilment="post"))
    path = f"/v1/shop/orders/{placed['order_id']}"
    payment = f"{path}/payment"
    for amount in (80, 80.0, "-80.00", "80.001", "8e1", "๘๐.๐๐", "NaN", "9" * 40, None, ""):
        assert_problem(await staff.post(payment, json={"amount": amount}), 422)
    assert_problem(await staff.post(payment, json={}), 422)
    assert_problem(await staff.post(payment, json={"amount": "80.00", "reference": 7}), 422)
    assert_problem(await staff.post(payment, json={"amount": "0.00"}), 409)
    unknown = f"/v1/shop/orders/{uuid.uuid4()}"
    assert_problem(await staff.post(f"{unknown}/payment", json={"amount": "80.00"}), 404)
    for action in ("pack", "hand-over", "complete"):
        assert_problem(await staff.post(f"{unknown}/{action}"), 404)
    assert_problem(await staff.post(f"{unknown}/ship", json={"tracking_no": "EF1234TH"}), 404)
    assert_problem(await staff.post(f"{unknown}/cancel", json={"reason": "x"}), 404)
    assert_problem(await staff.post(f"{path}/cancel", json={}), 422)
    assert_problem(await staff.post(f"{path}/ship", json={"tracking_no": "ไม่มีเลข"}), 422)
    assert_problem(await staff.post("/v1/shop/orders/not-an-id/pack"), 422)
    for params in ({"cursor": "!!"}, {"cursor": "W10"}, {"limit": 0}, {"limit": 10**9}):
        assert_problem(await staff.get("/v1/shop/orders", params=params), 422)
    for q in ("%", "_", "\\", "'; DROP TABLE orders; --", "ส" * 100, "+66"):
        assert (await staff.get("/v1/shop/orders", params={"q": q})).status_code == 200
    assert_problem(await staff.get("/v1/shop/orders", params={"q": "x\x00"}), 422)
    assert (await staff.get(path)).json()["state"] == "placed"


async def test_an_order_placed_with_a_random_code_still_opens_with_it(sales_app, staff):
    chips = await list_product(sales_app, "SK-ODD4", "10.00", stock=10)
    body = order_body([(chips.product_id, 1)])
    async with customer(sales_app) as client:
        placed = await place(client, body)
        code = placed["access_code"]
        stored = await count(
            sales_app,
            "SELECT count(*) FROM orders o WHERE o::text LIKE '%' || $1 || '%'",
            code,
        )
        assert stored == 0  # the code is nowhere in clear
        # An order from before the codes were derived: only its random code's hash is kept.
        old_code = secrets.token_urlsafe(12)
        await count(
            sales_app,
            "WITH c AS (UPDATE orders SET access_hash = $2 WHERE order_id = $1 RETURNING 1) "
            "SELECT count(*) FROM c",
            uuid.UUID(placed["order_id"]),
            hashlib.sha256(old_code.encode()).hexdigest(),
        )
        path = f"{ORDERS}/{placed['order_id']}"
        assert (await client.get(path, headers={"X-Order-Code": old_code})).status_code == 200
        assert_problem(await client.get(path, headers={"X-Order-Code": code}), 404)
        again = await client.post(ORDERS, json=body)
        assert again.status_code == 200 and again.json()["access_code"] is None


async def test_no_order_is_placed_while_the_shop_takes_no_promptpay(sales_dsn, servers, topics):
    async with running_sales(sales_dsn, servers, sales_promptpay_id="") as app:
        chips = await list_product(app, "SK-ODD5", "10.00", stock=10)
        async with customer(app) as client:
            refused = await client.post(ORDERS, json=order_body([(chips.product_id, 1)]))
        assert assert_problem(refused, 409)["type"].endswith("promptpay-not-set-up")
        held = "SELECT reserved FROM stock_on_hand WHERE product_id = $1"
        assert await count(app, held, chips.product_id) == 0
        assert await count(app, "SELECT count(*) FROM orders") == 0


async def test_a_production_sales_process_without_its_order_code_secret_does_not_start(
    sales_dsn, servers, topics, monkeypatch
):
    monkeypatch.setenv("OTOP_ENV", "production")
    monkeypatch.delenv("SHOP_ORDER_CODE_SECRET", raising=False)
    production = {"otop_env": "production", "admin_token": "p" * 40}
    with pytest.raises(ValidationError, match="SHOP_ORDER_CODE_SECRET"):
        async with running_sales(sales_dsn, servers, **production):
            pass
    monkeypatch.setenv("SHOP_ORDER_CODE_SECRET", "s" * 40)
    async with running_sales(sales_dsn, servers, **production) as app:
        chips = await list_product(app, "SK-ODD6", "10.00", stock=10)
        async with customer(app) as client:
            placed = await place(client, order_body([(chips.product_id, 1)]))
    assert placed["access_code"]
