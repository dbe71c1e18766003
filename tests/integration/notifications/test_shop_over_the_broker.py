"""The shop's notices over the real broker: real envelopes of the sales service's order and
consignment contracts go onto their topics; the customer's mail and the producer's LINE get
the right texts, exactly once, and the outcome is published on notifications.deliveries.v1;
a malformed order event goes to the DLQ and the consumer moves on."""

from __future__ import annotations

import json
import uuid

import pytest

from devstack.servers.mail_catcher import CaughtMail
from shared.messaging.outbox import envelope_for
from tests.conftest import eventually
from tests.integration.notifications.conftest import RunningService
from tests.kafka_probe import KafkaProbe
from tests.unit.notifications import samples, shop_samples

pytestmark = pytest.mark.integration

TIMEOUT = 45.0


def mails_to(service: RunningService, address: str) -> list[CaughtMail]:
    return [m for m in service.peers.mail.messages if address in m.recipients]


async def test_an_order_placed_paid_and_shipped_reaches_the_customers_mail_once_each(
    service: RunningService,
) -> None:
    address = f"customer-{uuid.uuid4().hex[:8]}@example.org"
    order = shop_samples.placed(who=shop_samples.customer(email=address))
    placed = await service.publish("sales", order.order_id, order)
    paid = await service.publish("sales", order.order_id, shop_samples.paid(order))
    await service.publish("sales", order.order_id, shop_samples.shipped(order))
    # Redelivered (same key, same partition): read after the shipment, changing nothing.
    await service.publish_raw("sales.orders.v1", order.order_id, placed)
    await service.publish_raw("sales.orders.v1", order.order_id, paid)
    await service.publish("sales", order.order_id, shop_samples.completed(order))

    async def four_mails() -> list[CaughtMail]:
        found = mails_to(service, address)
        return found if len(found) >= 4 else []

    mails = await eventually(four_mails, timeout=TIMEOUT)
    # The worker sends a batch side by side: the mails may arrive in any order.
    by_subject = {m.subject: m.body for m in mails}
    assert len(mails) == 4 and set(by_subject) == {
        "ได้รับคำสั่งซื้อ OL-2569-000042 แล้ว กรุณาชำระ 1,310.50 บาท / Order OL-2569-000042 received",
        "ได้รับชำระเงินคำสั่งซื้อ OL-2569-000042 แล้ว / Payment received for order OL-2569-000042",
        "จัดส่งคำสั่งซื้อ OL-2569-000042 แล้ว เลขพัสดุ EF123456789TH / Order OL-2569-000042 shipped",
        "คำสั่งซื้อ OL-2569-000042 เสร็จสมบูรณ์ / Order OL-2569-000042 completed",
    }
    placed_body, paid_body, shipped_body = (
        body
        for subject, body in sorted(by_subject.items(), key=lambda item: _order(item[0]))
        if "completed" not in subject
    )
    assert placed_body.startswith("เรียน คุณณภัทร ใจงาม")
    assert "กรุณาชำระภายใน 30 พฤศจิกายน 2569 เวลา 15:05 น." in placed_body
    assert "ยอดที่ต้องชำระ: 1,310.50 บาท" in placed_body and "To pay: THB 1,310.50" in placed_body
    assert "ได้รับชำระเงิน 1,310.50 บาท" in paid_body
    assert "เลขพัสดุ: EF123456789TH" in shipped_body
    assert "Tracking number: EF123456789TH" in shipped_body
    rows = await service.pool.fetch(
        "SELECT kind, state, to_channel, member_id, context::text AS context FROM deliveries "
        "WHERE order_id = $1 ORDER BY created_at",
        order.order_id,
    )
    assert [(r["kind"], r["to_channel"], r["member_id"]) for r in rows] == [
        ("order_placed", "email", None),
        ("order_paid", "email", None),
        ("order_shipped", "email", None),
        ("order_completed", "email", None),
    ]
    assert all(address not in r["context"] and "ณภัทร" not in r["context"] for r in rows)
    await eventually(lambda: _all_sent(service, order.order_id), timeout=TIMEOUT)
    assert len(mails_to(service, address)) == 4
    answer = await service.client.get(f"/v1/orders/{order.order_id}/deliveries")
    assert answer.status_code == 200
    told = answer.json()["items"]
    assert sorted(d["kind"] for d in told) == [
        "order_completed",
        "order_paid",
        "order_placed",
        "order_shipped",
    ]
    assert {(d["channel"], d["state"], d["order_id"]) for d in told} == {
        ("email", "sent", str(order.order_id))
    }
    assert address not in answer.text and "ณภัทร" not in answer.text


def _order(subject: str) -> int:
    return next(
        i
        for i, word in enumerate(("received", "Payment", "shipped", "completed"))
        if word in subject
    )


async def _all_sent(service: RunningService, order_id: uuid.UUID) -> bool:
    states = await service.pool.fetch("SELECT state FROM deliveries WHERE order_id = $1", order_id)
    return len(states) == 4 and all(s["state"] == "sent" for s in states)


async def test_a_customer_who_gave_a_line_id_is_told_on_line_as_well(
    service: RunningService,
) -> None:
    address, line_id = f"c-{uuid.uuid4().hex[:8]}@example.org", f"U{uuid.uuid4().hex}"
    order = shop_samples.placed(who=shop_samples.customer(email=address, line_id=line_id))
    await service.publish("sales", order.order_id, order)

    async def both() -> bool:
        return bool(mails_to(service, address)) and bool(service.peers.line.sent_to(line_id))

    await eventually(both, timeout=TIMEOUT)
    [push] = service.peers.line.sent_to(line_id)
    text = push.json()["messages"][0]["text"]
    assert "ได้รับคำสั่งซื้อ OL-2569-000042" in text and "PromptPay" in text


async def test_stock_running_low_reaches_the_producers_line_in_thai(
    service: RunningService,
) -> None:
    producer = samples.member(uuid.uuid4(), line_id=f"U{uuid.uuid4().hex}")
    await service.publish("registry", producer.member_id, producer)

    async def known() -> bool:
        answer = await service.client.get(f"/v1/members/{producer.member_id}/preferences")
        return answer.status_code == 200

    await eventually(known, timeout=TIMEOUT)
    low = shop_samples.low(producer.member_id, available=2)
    assert producer.contact.line_id is not None

    async def pushed() -> list[str]:
        return [
            r.json()["messages"][0]["text"]
            for r in service.peers.line.sent_to(producer.contact.line_id)
        ]

    async with KafkaProbe(service.bootstrap_servers, ["notifications.deliveries.v1"]) as probe:
        await service.publish("sales", producer.member_id, low)
        [text] = await eventually(pushed, timeout=TIMEOUT)
        # The outcome is published on the deliveries topic like any member's notice.
        [outcome] = await probe.wait_for(
            lambda r: r.json()["data"]["member_id"] == str(producer.member_id), timeout=TIMEOUT
        )
    envelope = outcome.json()
    assert envelope["event_type"] == "delivery.sent"
    assert (envelope["data"]["kind"], envelope["data"]["channel"]) == ("stock_low", "line")
    assert producer.contact.line_id not in outcome.value.decode()
    assert "สินค้า ผ้าไหมมัดหมี่ขอนแก่น ที่ร้านศูนย์ OTOP ใกล้หมด เหลือ 2 ชิ้น" in text
    assert "(แจ้งเตือนเมื่อเหลือ 3 ชิ้น)" in text

    async def logged() -> list[dict]:
        answer = await service.client.get(f"/v1/members/{producer.member_id}/deliveries")
        items = answer.json()["items"]
        return items if items and items[0]["state"] == "sent" else []

    [entry] = await eventually(logged, timeout=TIMEOUT)
    assert (entry["kind"], entry["channel"], entry["language"]) == ("stock_low", "line", "th")


async def test_a_malformed_order_event_goes_to_the_dlq_and_the_next_is_still_told(
    service: RunningService,
) -> None:
    order = shop_samples.placed()
    topic, envelope = envelope_for("sales", str(order.order_id), order)
    broken = json.loads(envelope.model_dump_json())
    del broken["data"]["customer"]
    value = json.dumps(broken).encode()
    address = f"after-{uuid.uuid4().hex[:8]}@example.org"
    following = shop_samples.placed(who=shop_samples.customer(email=address))
    async with KafkaProbe(service.bootstrap_servers, [f"{topic}.dlq"]) as probe:
        await service.publish_raw(topic, order.order_id, value)
        [dead] = await probe.wait_for(lambda r: r.value == value, timeout=TIMEOUT)
    assert "order.placed data is invalid" in dead.headers["dlq.error"]
    assert dead.headers["dlq.consumer"] == "notifications.sales-orders"
    await service.publish("sales", following.order_id, following)

    async def told() -> list[CaughtMail]:
        return mails_to(service, address)

    assert await eventually(told, timeout=TIMEOUT)
