"""What producers and online customers read about the shop: Thai first, baht, Buddhist-era
dates; customers get Thai with English beneath, producers their own language."""

from __future__ import annotations

import json
import re
import uuid
from typing import Any

import pytest

from services.notifications.adapters.templates import TemplateRenderer
from services.notifications.domain.kinds import CUSTOMER_KINDS
from services.notifications.domain.message import Message
from services.notifications.service_layer import consignment_events, order_events
from shared.contracts import orders
from shared.contracts.notifications import NotificationKind as Kind
from tests.unit.notifications import samples, shop_samples
from tests.unit.notifications.fakes import FakeUnitOfWork

THAI = re.compile(r"[\u0e00-\u0e7f]")
CUSTOMER = "ณภัทร ใจงาม"

# The shop's notices to producers (members); those to an order's customer are CUSTOMER_KINDS.
PRODUCER_KINDS = sorted(
    {
        Kind.ASSORTMENT_APPROVED,
        Kind.ASSORTMENT_DECLINED,
        Kind.CONSIGNMENT_RECEIVED,
        Kind.CONSIGNMENT_RETURNED,
        Kind.STOCK_LOW,
        Kind.STOCK_LOT_EXPIRING,
        Kind.STOCK_RECALL_REQUESTED,
    }
)
SHOP_KINDS = frozenset(PRODUCER_KINDS) | CUSTOMER_KINDS


async def customer_contexts(
    fulfilment: orders.Fulfilment = orders.Fulfilment.POST, refunded: bool = True
) -> dict[Kind, dict[str, Any]]:
    uow = FakeUnitOfWork()
    order = shop_samples.placed(fulfilment=fulfilment)
    await order_events.on_order_placed(order, samples.metadata("order.placed"), uow)
    for change in (
        shop_samples.paid(order),
        shop_samples.packed(order),
        shop_samples.shipped(order),
        shop_samples.completed(order),
    ):
        await order_events.on_order_changed(change, samples.metadata("x"), uow)
    other = shop_samples.placed()
    await order_events.on_order_placed(other, samples.metadata("order.placed"), uow)
    await order_events.on_order_changed(
        shop_samples.cancelled(other, refunded=refunded), samples.metadata("x"), uow
    )
    third = shop_samples.placed()
    await order_events.on_order_placed(third, samples.metadata("order.placed"), uow)
    await order_events.on_order_changed(shop_samples.expired(third), samples.metadata("x"), uow)
    return {d.kind: d.context for d, _ in uow.deliveries.for_customers()}  # type: ignore[attr-defined]


async def producer_contexts() -> dict[Kind, dict[str, Any]]:
    uow, producer = FakeUnitOfWork(), uuid.uuid4()
    for event in (
        shop_samples.approved(producer),
        shop_samples.declined(producer),
        shop_samples.received(producer),
        shop_samples.returned(producer),
        shop_samples.low(producer),
        shop_samples.lot_expiring(producer),
        shop_samples.recall(producer),
    ):
        await consignment_events.on_producer_notice(event, samples.metadata("x"), uow)
    return {d.kind: d.context for d, _ in uow.deliveries.for_members()}  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def renderer() -> TemplateRenderer:
    return TemplateRenderer()


def to_customer(renderer: TemplateRenderer, kind: Kind, context: dict[str, Any]) -> Message:
    return renderer.render(kind, "th", {**context, "customer_name": CUSTOMER})


def to_producer(
    renderer: TemplateRenderer,
    kind: Kind,
    context: dict[str, Any],
    language: str = "th",
) -> Message:
    return renderer.render(kind, language, {**context, "member_name": "กลุ่มทอผ้าบ้านโนนรัง"})


async def test_every_shop_kind_has_a_context_the_service_builds() -> None:
    found = {**await customer_contexts(), **await producer_contexts()}
    assert set(found) == SHOP_KINDS


@pytest.mark.parametrize("kind", sorted(CUSTOMER_KINDS), ids=str)
async def test_a_customer_reads_thai_first_with_english_beneath(
    renderer: TemplateRenderer, kind: Kind
) -> None:
    message = to_customer(renderer, kind, (await customer_contexts())[kind])
    assert message.language == "th"
    thai_part, english_part = message.body.split("\n----\n")
    assert thai_part.startswith(f"เรียน คุณ{CUSTOMER}")
    assert THAI.search(thai_part) and re.search(r"[A-Za-z]{4,}", english_part)
    subject_th, subject_en = message.subject.split(" / ")
    assert THAI.search(subject_th) and not THAI.search(subject_en)
    assert "None" not in message.body and "{{" not in message.body


async def test_an_order_placed_says_what_to_pay_how_and_by_when_in_buddhist_era(
    renderer: TemplateRenderer,
) -> None:
    context = (await customer_contexts())[Kind.ORDER_PLACED]
    message = to_customer(renderer, Kind.ORDER_PLACED, context)
    assert message.subject.startswith("ได้รับคำสั่งซื้อ OL-2569-000042 แล้ว กรุณาชำระ 1,310.50 บาท")
    body = message.body
    assert "- ผ้าไหมมัดหมี่ขอนแก่น 1 ชิ้น 1,200.00 บาท" in body
    assert "- ข้าวหอมมะลิ 2 ชิ้น 50.50 บาท" in body
    assert "ค่าจัดส่ง: 60.00 บาท" in body and "ยอดที่ต้องชำระ: 1,310.50 บาท" in body
    assert "พร้อมเพย์ (PromptPay)" in body
    assert "กรุณาชำระภายใน 30 พฤศจิกายน 2569 เวลา 15:05 น." in body
    assert "To pay: THB 1,310.50" in body and "Please pay by 30 November 2026, 15:05" in body
    assert body.index("ยอดที่ต้องชำระ") < body.index("To pay")


async def test_a_pickup_order_is_ready_at_the_shop_and_a_posted_one_is_packed(
    renderer: TemplateRenderer,
) -> None:
    pickup = (await customer_contexts(orders.Fulfilment.PICKUP))[Kind.ORDER_PACKED]
    ready = to_customer(renderer, Kind.ORDER_PACKED, pickup)
    assert ready.subject.startswith("คำสั่งซื้อ OL-2569-000042 พร้อมให้รับที่ร้านแล้ว")
    assert "08:00-18:00 น." in ready.body and "ready for pickup" in ready.body
    post = (await customer_contexts(orders.Fulfilment.POST))[Kind.ORDER_PACKED]
    packed = to_customer(renderer, Kind.ORDER_PACKED, post)
    assert "แพ็กเรียบร้อยแล้ว" in packed.subject and "posted shortly" in packed.body


async def test_a_shipped_order_gives_its_tracking_number(renderer: TemplateRenderer) -> None:
    context = (await customer_contexts())[Kind.ORDER_SHIPPED]
    message = to_customer(renderer, Kind.ORDER_SHIPPED, context)
    assert "เลขพัสดุ EF123456789TH" in message.subject
    assert "ขนส่งโดย: ไปรษณีย์ไทย" in message.body
    assert "Tracking number: EF123456789TH" in message.body


@pytest.mark.parametrize(
    ("refunded", "thai", "english"),
    [
        (True, "ร้านจะคืนเงินที่ท่านชำระแล้วให้ท่าน", "refunds the payment"),
        (False, "ไม่มีการเรียกเก็บเงิน", "Nothing was charged"),
    ],
)
async def test_a_cancellation_says_whether_the_payment_is_refunded(
    renderer: TemplateRenderer, refunded: bool, thai: str, english: str
) -> None:
    context = (await customer_contexts(refunded=refunded))[Kind.ORDER_CANCELLED]
    message = to_customer(renderer, Kind.ORDER_CANCELLED, context)
    assert thai in message.body and english in message.body
    assert "เหตุผล: สินค้าชำรุดระหว่างแพ็ก" in message.body


async def test_an_expired_order_names_the_time_it_was_due_in_buddhist_era(
    renderer: TemplateRenderer,
) -> None:
    context = (await customer_contexts())[Kind.ORDER_EXPIRED]
    message = to_customer(renderer, Kind.ORDER_EXPIRED, context)
    assert "ภายใน 30 พฤศจิกายน 2569 เวลา 15:05 น." in message.body
    assert "not paid by 30 November 2026, 15:05" in message.body


async def test_a_customer_message_holds_no_contact_in_what_is_stored() -> None:
    stored = json.dumps(await customer_contexts(), ensure_ascii=False)
    assert CUSTOMER not in stored and "napat@example.org" not in stored
    assert "99 ถนนมิตรภาพ" not in stored


@pytest.mark.parametrize("kind", PRODUCER_KINDS, ids=str)
@pytest.mark.parametrize("language", ["th", "en"])
async def test_a_producer_notice_renders_in_the_producers_language(
    renderer: TemplateRenderer, kind: Kind, language: str
) -> None:
    message = to_producer(renderer, kind, (await producer_contexts())[kind], language)
    assert message.language == language
    assert "None" not in message.body and "{{" not in message.body
    has_thai = bool(THAI.search(message.subject))
    assert has_thai is (language == "th")


async def test_producer_notices_word_names_numbers_and_dates_in_thai(
    renderer: TemplateRenderer,
) -> None:
    found = await producer_contexts()
    approved = to_producer(renderer, Kind.ASSORTMENT_APPROVED, found[Kind.ASSORTMENT_APPROVED])
    assert approved.subject == "ร้านศูนย์ OTOP รับสินค้า ผ้าไหมมัดหมี่ขอนแก่น เข้าจำหน่ายแล้ว"
    assert "30 พฤศจิกายน 2569" in approved.body
    declined = to_producer(renderer, Kind.ASSORTMENT_DECLINED, found[Kind.ASSORTMENT_DECLINED])
    assert "เหตุผล: บรรจุภัณฑ์ยังไม่มีฉลากภาษาไทย" in declined.body
    delivered = to_producer(
        renderer,
        Kind.CONSIGNMENT_RECEIVED,
        found[Kind.CONSIGNMENT_RECEIVED],
    )
    assert delivered.subject.endswith("ใบรับฝากเลขที่ CN-2569-000007")
    assert "30 พฤศจิกายน 2569 เวลา 10:15 น." in delivered.body and "จำนวนรวม 17 ชิ้น" in delivered.body
    assert (
        "- น้ำพริกปลาร้า 12 ชิ้น ล็อต NP-0112 ควรบริโภคก่อน 15 มกราคม 2570" in delivered.body.splitlines()
    )
    returned = to_producer(
        renderer,
        Kind.CONSIGNMENT_RETURNED,
        found[Kind.CONSIGNMENT_RETURNED],
    )
    assert "RN-2569-000003" in returned.subject and "เหตุผล: สินค้าหมดอายุ" in returned.body
    low = to_producer(renderer, Kind.STOCK_LOW, found[Kind.STOCK_LOW])
    assert low.subject == "สินค้า ผ้าไหมมัดหมี่ขอนแก่น ที่ร้านศูนย์ OTOP ใกล้หมด เหลือ 2 ชิ้น"
    expiring = to_producer(renderer, Kind.STOCK_LOT_EXPIRING, found[Kind.STOCK_LOT_EXPIRING])
    assert "ควรบริโภคก่อน 15 มกราคม 2570 (อีก 14 วัน) คงเหลือ 6 ชิ้น" in expiring.body
    recall = to_producer(
        renderer,
        Kind.STOCK_RECALL_REQUESTED,
        found[Kind.STOCK_RECALL_REQUESTED],
    )
    assert "คงเหลือที่ร้าน 4 ชิ้น" in recall.body and "ถูกถอนออกจากทะเบียน" in recall.body
