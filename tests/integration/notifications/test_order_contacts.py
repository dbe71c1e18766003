"""The contacts of online orders' customers in Postgres: kept from order.placed, erased
after their time, and a delivery whose customer's contact is gone is given up unsent."""

from __future__ import annotations

from datetime import timedelta

import asyncpg

from services.notifications.adapters.unit_of_work import PostgresNotificationsUnitOfWork
from services.notifications.domain.customers import Retention
from services.notifications.service_layer import order_events
from services.notifications.service_layer.erasure import erase_order_contacts
from tests.infrastructure import Servers
from tests.integration.notifications.conftest import Peers, notification_settings
from tests.integration.notifications.helpers import delivery_worker, drain, source
from tests.unit.notifications import shop_samples

CONTACT = "SELECT name, email, phone, line_id, erased_at FROM order_contacts WHERE order_id = $1"


def uow(pool: asyncpg.Pool) -> PostgresNotificationsUnitOfWork:
    return PostgresNotificationsUnitOfWork(pool)


async def test_a_contact_is_erased_ninety_days_after_its_order_completed_and_not_before(
    pool: asyncpg.Pool,
) -> None:
    order = shop_samples.placed(who=shop_samples.customer(line_id="Uerase01", phone="0812223333"))
    await order_events.on_order_placed(order, source("order.placed"), uow(pool))
    done = shop_samples.completed(order)
    await order_events.on_order_changed(done, source("order.completed"), uow(pool))
    kept = await pool.fetchrow(CONTACT, order.order_id)
    assert (kept["email"], kept["line_id"], kept["erased_at"]) == (
        "napat@example.org",
        "Uerase01",
        None,
    )
    early = done.occurred_at + timedelta(days=89)
    assert await erase_order_contacts(uow(pool), Retention(), lambda: early) == 0
    late = done.occurred_at + timedelta(days=90, minutes=1)
    assert await erase_order_contacts(uow(pool), Retention(), lambda: late) == 1
    erased = await pool.fetchrow(CONTACT, order.order_id)
    assert [erased[k] for k in ("name", "email", "phone", "line_id")] == [None] * 4
    assert erased["erased_at"] == late
    number, state = await pool.fetchrow(
        "SELECT number, state FROM order_contacts WHERE order_id = $1", order.order_id
    )
    assert (number, state) == ("OL-2569-000042", "completed")
    assert await erase_order_contacts(uow(pool), Retention(), lambda: late) == 0


async def test_a_notice_whose_customer_was_erased_is_given_up_unsent(
    pool: asyncpg.Pool, notifications_dsn: str, servers: Servers, peers: Peers
) -> None:
    order = shop_samples.placed(who=shop_samples.customer(email="gone-soon@example.org"))
    await order_events.on_order_placed(order, source("order.placed"), uow(pool))
    a_year_on = order.occurred_at + timedelta(days=366)
    assert await erase_order_contacts(uow(pool), Retention(), lambda: a_year_on) == 1
    settings = notification_settings(notifications_dsn, servers, peers)
    async with delivery_worker(pool, settings) as worker:
        await drain(worker, pool)
    [row] = await pool.fetch(
        "SELECT state, last_error, to_channel FROM deliveries WHERE order_id = $1",
        order.order_id,
    )
    assert (row["state"], row["to_channel"]) == ("failed", "email")
    assert row["last_error"] == "the customer's contact was erased"
    assert peers.mail.messages == []
    [failed] = await pool.fetch(
        "SELECT topic, envelope->'data'->>'kind' AS kind, envelope->'data'->>'member_id' AS member"
        " FROM outbox WHERE event_type = 'delivery.failed'"
    )
    # A customer's notice is published like any other, naming no one.
    assert (failed["topic"], failed["kind"], failed["member"]) == (
        "notifications.deliveries.v1",
        "order_placed",
        None,
    )


async def test_a_refused_mailbox_fails_the_mail_alone_and_line_still_tells_the_customer(
    pool: asyncpg.Pool, notifications_dsn: str, servers: Servers, peers: Peers
) -> None:
    who = shop_samples.customer(email="nobody-here@example.org", line_id="Ustill01")
    peers.mail.refuse.add("nobody-here@example.org")
    order = shop_samples.placed(who=who)
    await order_events.on_order_placed(order, source("order.placed"), uow(pool))
    settings = notification_settings(notifications_dsn, servers, peers)
    async with delivery_worker(pool, settings) as worker:
        await drain(worker, pool)
    rows = await pool.fetch(
        "SELECT to_channel, state, attempts, last_error FROM deliveries WHERE order_id = $1",
        order.order_id,
    )
    outcome = {r["to_channel"]: (r["state"], r["attempts"]) for r in rows}
    assert outcome == {"email": ("failed", 1), "line": ("sent", 1)}
    [push] = peers.line.sent_to("Ustill01")
    assert "OL-2569-000042" in push.json()["messages"][0]["text"]
    assert peers.mail.messages == []
    [failed] = [r for r in rows if r["state"] == "failed"]
    assert "nobody-here" not in failed["last_error"]
