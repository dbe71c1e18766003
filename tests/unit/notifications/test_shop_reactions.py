"""What the shop's events queue, for whom: producers on their own channels, an online
order's customer on each channel they gave, once per event; the customer's contact kept by
the order and erased after its time."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from services.notifications.domain.customers import CustomerContact, Retention
from services.notifications.domain.preferences import Preferences
from services.notifications.service_layer import consignment_events, order_events
from services.notifications.service_layer.erasure import erase_order_contacts
from shared.contracts.notifications import Channel, NotificationKind
from tests.unit.notifications import samples, shop_samples
from tests.unit.notifications.fakes import FakeUnitOfWork

NOON = datetime(2026, 11, 30, 12, 0, tzinfo=shop_samples.PLACED_AT.tzinfo)


def to_customers(uow: FakeUnitOfWork) -> list[tuple[NotificationKind, Channel]]:
    return [(d.kind, d.to_channel) for d, _ in uow.deliveries.for_customers()]  # type: ignore[attr-defined,misc]


async def test_a_placed_order_is_told_by_email_and_by_line_where_given() -> None:
    uow = FakeUnitOfWork()
    who = shop_samples.customer(line_id="Ucustomer01")
    order = shop_samples.placed(who=who)
    await order_events.on_order_placed(order, samples.metadata("order.placed"), uow)
    assert to_customers(uow) == [
        (NotificationKind.ORDER_PLACED, Channel.EMAIL),
        (NotificationKind.ORDER_PLACED, Channel.LINE),
    ]
    for delivery, meta in uow.deliveries.for_customers():  # type: ignore[attr-defined]
        assert delivery.order_id == order.order_id and delivery.member_id is None
        assert meta["send_at"] is not None
    kept = await uow.order_contacts.contact(order.order_id)
    assert kept is not None and kept.line_id == "Ucustomer01"


async def test_a_customer_with_only_a_phone_gets_a_text_message() -> None:
    uow = FakeUnitOfWork()
    who = shop_samples.customer(email=None, phone="0891234567")
    await order_events.on_order_placed(
        shop_samples.placed(who=who), samples.metadata("order.placed"), uow
    )
    assert to_customers(uow) == [(NotificationKind.ORDER_PLACED, Channel.SMS)]


async def test_each_change_of_an_order_is_told_once_even_when_redelivered() -> None:
    uow = FakeUnitOfWork()
    order = shop_samples.placed()
    placed_src = samples.metadata("order.placed")
    await order_events.on_order_placed(order, placed_src, uow)
    await order_events.on_order_placed(order, placed_src, uow)
    paid_src = samples.metadata("order.paid")
    for _ in range(2):
        await order_events.on_order_changed(shop_samples.paid(order), paid_src, uow)
    await order_events.on_order_changed(
        shop_samples.shipped(order), samples.metadata("order.shipped"), uow
    )
    assert [kind for kind, _ in to_customers(uow)] == [
        NotificationKind.ORDER_PLACED,
        NotificationKind.ORDER_PAID,
        NotificationKind.ORDER_SHIPPED,
    ]


async def test_a_change_of_an_order_never_placed_here_tells_no_one() -> None:
    uow = FakeUnitOfWork()
    order = shop_samples.placed()
    await order_events.on_order_changed(shop_samples.paid(order), samples.metadata("x"), uow)
    assert to_customers(uow) == [] and uow.commits == 1


async def test_a_handover_at_the_counter_is_told_by_the_completion_that_follows() -> None:
    uow = FakeUnitOfWork()
    order = shop_samples.placed(fulfilment=shop_samples.orders.Fulfilment.PICKUP)
    await order_events.on_order_placed(order, samples.metadata("order.placed"), uow)
    await order_events.on_order_changed(shop_samples.handed_over(order), samples.metadata("x"), uow)
    await order_events.on_order_changed(shop_samples.completed(order), samples.metadata("y"), uow)
    assert [kind for kind, _ in to_customers(uow)] == [
        NotificationKind.ORDER_PLACED,
        NotificationKind.ORDER_COMPLETED,
    ]


async def test_nothing_is_told_after_an_order_has_ended() -> None:
    uow = FakeUnitOfWork()
    order = shop_samples.placed()
    await order_events.on_order_placed(order, samples.metadata("order.placed"), uow)
    await order_events.on_order_changed(shop_samples.expired(order), samples.metadata("x"), uow)
    late = shop_samples.cancelled(order, refunded=False)
    await order_events.on_order_changed(late, samples.metadata("y"), uow)
    assert [kind for kind, _ in to_customers(uow)] == [
        NotificationKind.ORDER_PLACED,
        NotificationKind.ORDER_EXPIRED,
    ]


async def test_a_contact_is_erased_ninety_days_after_the_order_ended_not_before() -> None:
    uow, retention = FakeUnitOfWork(), Retention()
    order = shop_samples.placed()
    await order_events.on_order_placed(order, samples.metadata("order.placed"), uow)
    done = shop_samples.completed(order)
    await order_events.on_order_changed(done, samples.metadata("x"), uow)
    day_89 = done.occurred_at + timedelta(days=89)
    assert await erase_order_contacts(uow, retention, lambda: day_89) == 0
    assert await uow.order_contacts.contact(order.order_id) is not None
    day_91 = done.occurred_at + timedelta(days=91)
    assert await erase_order_contacts(uow, retention, lambda: day_91) == 1
    assert await uow.order_contacts.contact(order.order_id) is None
    facts = await uow.order_contacts.facts(order.order_id)
    assert facts is not None and facts.number == order.number


async def test_an_order_whose_end_never_came_is_erased_a_year_after_it_was_placed() -> None:
    uow, retention = FakeUnitOfWork(), Retention()
    order = shop_samples.placed()
    await order_events.on_order_placed(order, samples.metadata("order.placed"), uow)
    await order_events.on_order_changed(shop_samples.paid(order), samples.metadata("x"), uow)
    half_year = order.occurred_at + timedelta(days=200)
    assert await erase_order_contacts(uow, retention, lambda: half_year) == 0
    later = order.occurred_at + timedelta(days=366)
    assert await erase_order_contacts(uow, retention, lambda: later) == 1


async def test_a_producer_is_told_of_low_stock_on_their_own_channels() -> None:
    uow, producer = FakeUnitOfWork(), uuid.uuid4()
    await consignment_events.on_producer_notice(
        shop_samples.low(producer), samples.metadata("stock.low"), uow, lambda: NOON
    )
    [(delivery, meta)] = uow.deliveries.for_members()  # type: ignore[attr-defined]
    assert (delivery.kind, delivery.member_id) == (NotificationKind.STOCK_LOW, producer)
    assert delivery.order_id is None and meta["send_at"] == NOON
    assert delivery.context["product"]["name_th"] == "ผ้าไหมมัดหมี่ขอนแก่น"
    assert (delivery.context["available"], delivery.context["threshold"]) == (2, 3)


async def test_a_recall_reaches_a_producer_who_opted_out_of_shop_notices() -> None:
    uow, producer = FakeUnitOfWork(), uuid.uuid4()
    uow.preferences.rows[producer] = Preferences(  # type: ignore[attr-defined]
        opt_outs=frozenset({NotificationKind.STOCK_RECALL_REQUESTED, NotificationKind.STOCK_LOW})  # type: ignore[arg-type]
    )
    await consignment_events.on_producer_notice(
        shop_samples.low(producer), samples.metadata("stock.low"), uow
    )
    await consignment_events.on_producer_notice(
        shop_samples.recall(producer), samples.metadata("stock.recall_requested"), uow
    )
    assert [d.kind for d, _ in uow.deliveries.for_members()] == [  # type: ignore[attr-defined]
        NotificationKind.STOCK_RECALL_REQUESTED
    ]


async def test_a_product_without_an_english_name_is_named_in_thai_in_english_messages() -> None:
    uow, producer = FakeUnitOfWork(), uuid.uuid4()
    event = shop_samples.approved(producer).model_copy(update={"name_en": None})
    await consignment_events.on_producer_notice(event, samples.metadata("x"), uow)
    [(delivery, _)] = uow.deliveries.for_members()  # type: ignore[attr-defined]
    assert delivery.context["product"]["name_en"] == "ผ้าไหมมัดหมี่ขอนแก่น"


def test_a_customers_contact_shows_nothing_personal_when_printed() -> None:
    contact = shop_samples.customer(line_id="Usecret01", phone="0899999999")
    kept = CustomerContact(contact.name, contact.email, contact.phone, contact.line_id)
    shown = repr(kept)
    assert all(v not in shown for v in ("ณภัทร", "napat@", "Usecret01", "0899999999"))
