"""The sales service's logs never carry an online customer's name, phone, e-mail, LINE id or
address, whatever happens to the order (placed, refused, searched, paid, cancelled, erased)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from services.sales.adapters.orders_uow import PostgresOrdersUnitOfWork
from services.sales.service_layer.handlers.orders_privacy import erase_order_contacts
from services.sales.service_layer.orders_commands import EraseOrderContacts
from shared.logging import get_logger
from shared.service.runtime import runtime_of
from shared.timeutil import now_bangkok
from tests.integration.sales.orders_calls import customer, order_body, place
from tests.integration.sales.tills import list_product

PRIVATE = ("สมหญิง", "0823456789", "082-345-6789", "private@example.com", "privline", "มิตรภาพ")


class Collected(logging.Handler):
    """Every record that reaches the root logger while the test runs, as text."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.msg!s} {record.getMessage()}")


@contextmanager
def collected_logs() -> Iterator[Collected]:
    # The logging set-up may have been made for an earlier test's streams: this handler sees
    # what this test's requests log, wherever the other handlers write.
    handler = Collected()
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield handler
    finally:
        root.removeHandler(handler)


async def test_nothing_of_the_customer_reaches_the_logs(sales_app, staff, capfd, caplog):
    with collected_logs() as records:
        await _an_order_from_placing_to_erasure(sales_app, staff)
        get_logger(__name__).info("orders log check")
    out, err = capfd.readouterr()
    logged = out + err + caplog.text + "\n".join(records.lines)
    assert "orders log check" in logged  # the logs were captured
    for private in PRIVATE:
        assert private not in logged, private


async def _an_order_from_placing_to_erasure(sales_app, staff) -> None:  # type: ignore[no-untyped-def]
    chips = await list_product(sales_app, "SK-LOG1", "10.00", stock=3)
    body = order_body(
        [(chips.product_id, 2)],
        phone="082-345-6789",
        email="private@example.com",
        fulfilment="post",
    )
    body["customer"] = {**body["customer"], "name": "สมหญิง ส่วนตัว", "line_id": "privline"}
    async with customer(sales_app) as client:
        placed = await place(client, body)
        assert (await client.post("/v1/public/shop/orders", json=body)).status_code == 200
        short = {**body, "order_id": placed["order_id"][:-1] + "0"}
        short["lines"] = [{"product_id": str(chips.product_id), "quantity": 5}]
        assert (await client.post("/v1/public/shop/orders", json=short)).status_code in (409, 429)
        bad = {**body, "customer": {**body["customer"], "email": "private@example.com\x00"}}
        assert (await client.post("/v1/public/shop/orders", json=bad)).status_code == 422
    path = f"/v1/shop/orders/{placed['order_id']}"
    for q in ("082-345-6789", "private@example.com", "สมหญิง"):
        assert (await staff.get("/v1/shop/orders", params={"q": q})).status_code == 200
    assert (await staff.post(f"{path}/payment", json={"amount": "1.00"})).status_code == 409
    assert (await staff.post(f"{path}/payment", json={"amount": "80.00"})).status_code == 200
    assert (await staff.post(f"{path}/cancel", json={"reason": "ทดสอบ"})).status_code == 200
    erase = EraseOrderContacts(now=now_bangkok(), after_end_days=1, after_placing_days=1)
    await erase_order_contacts(erase, PostgresOrdersUnitOfWork(runtime_of(sales_app).pool))
