"""Every kind renders in Thai and English from the contexts the service really builds."""

from __future__ import annotations

import re
import uuid
from datetime import timedelta
from email.header import decode_header, make_header
from pathlib import Path

import pytest

from services.notifications.adapters.channels.base import Outgoing
from services.notifications.adapters.channels.email import EmailClient, SmtpConfig
from services.notifications.adapters.templates import (
    TEMPLATES,
    EmptyMessage,
    TemplateRenderer,
)
from services.notifications.service_layer import (
    member_events,
    product_events,
    registration_events,
    sales_events,
    showcase_events,
)
from services.notifications.service_layer.reminders import send_due_reminders
from shared.contracts.notifications import NotificationKind
from shared.messaging.bus import EventMetadata
from tests.unit.notifications import samples
from tests.unit.notifications.fakes import FakeUnitOfWork
from tests.unit.notifications.test_project_notices import PROJECT_KINDS
from tests.unit.notifications.test_shop_wording import SHOP_KINDS

THAI = re.compile(r"[\u0e00-\u0e7f]")


async def contexts() -> dict[NotificationKind, dict]:
    uow, member_id, event_id = FakeUnitOfWork(), uuid.uuid4(), uuid.uuid4()
    summary = samples.summary(event_id)
    src = samples.metadata("test")

    def fresh() -> EventMetadata:
        return samples.metadata("test")

    await registration_events.on_registration_changed(
        samples.confirmed(member_id, summary), fresh(), uow
    )
    await registration_events.on_registration_changed(
        samples.waitlisted(member_id, summary), fresh(), uow
    )
    await registration_events.on_registration_changed(
        samples.promoted(member_id, summary), fresh(), uow
    )
    await registration_events.on_registration_changed(
        samples.cancelled(member_id, summary), fresh(), uow
    )
    await registration_events.on_booth_assigned(samples.booth(member_id, summary), fresh(), uow)
    await showcase_events.on_event_cancelled(
        samples.event_cancelled(uuid.uuid4(), [member_id]), fresh(), uow
    )
    await product_events.on_product_rated(samples.product_rated(member_id), fresh(), uow)
    await member_events.on_member_status_changed(samples.status_changed(member_id), fresh(), uow)
    await sales_events.on_daily_summary(samples.daily_summary(member_id), fresh(), uow)
    await sales_events.on_settlement_issued(samples.settlement(member_id), src, uow)
    await showcase_events.on_event_scheduled(samples.published(event_id), fresh(), uow)
    await send_due_reminders(uow, lambda: samples.STARTS - timedelta(hours=20))
    found = {d.kind: d.context for d, _ in uow.deliveries.for_members()}  # type: ignore[attr-defined]
    return found


@pytest.fixture(scope="module")
def renderer() -> TemplateRenderer:
    return TemplateRenderer()


# The shop's kinds are rendered by test_shop_wording, projects' and trainings' by
# test_project_notices.
MEMBER_KINDS = [k for k in NotificationKind if k not in SHOP_KINDS | PROJECT_KINDS]


async def test_every_kind_has_a_context(renderer: TemplateRenderer) -> None:
    assert set(await contexts()) == set(MEMBER_KINDS)


@pytest.mark.parametrize("kind", MEMBER_KINDS, ids=lambda k: k.value)
@pytest.mark.parametrize("language", ["th", "en"])
async def test_every_kind_renders_in_both_languages(
    renderer: TemplateRenderer, kind: NotificationKind, language: str
) -> None:
    context = {**(await contexts())[kind], "member_name": "กลุ่มแม่บ้านควนลัง"}
    message = renderer.render(kind, language, context)
    assert message.language == language
    assert message.subject and message.body
    assert "{{" not in message.body and "None" not in message.body
    if language == "th":
        assert THAI.search(message.subject)
    else:
        assert not THAI.search(message.subject.replace("ทศวรรษ", ""))


async def test_thai_messages_carry_thai_money_and_buddhist_era_dates(
    renderer: TemplateRenderer,
) -> None:
    found = await contexts()
    digest = renderer.render(
        NotificationKind.SALES_DAILY_SUMMARY,
        "th",
        {**found[NotificationKind.SALES_DAILY_SUMMARY], "member_name": "x"},
    )
    assert "ยอดขาย: 1,250.50 บาท" in digest.body
    assert "20 พฤศจิกายน 2569" in digest.subject
    confirmed = renderer.render(
        NotificationKind.REGISTRATION_CONFIRMED,
        "th",
        {**found[NotificationKind.REGISTRATION_CONFIRMED], "member_name": "x"},
    )
    assert "5 ธันวาคม 2569 เวลา 09:00 น." in confirmed.body


def test_a_missing_english_template_falls_back_to_thai(tmp_path: Path) -> None:
    source = TEMPLATES / "member_status_changed.th.j2"
    (tmp_path / source.name).write_text(source.read_text("utf-8"), "utf-8")
    message = TemplateRenderer(tmp_path).render(
        NotificationKind.MEMBER_STATUS_CHANGED,
        "en",
        {"member_name": "x", "previous_status": "pending", "status": "active", "reason": None},
    )
    assert message.language == "th"
    assert "สมาชิกปกติ" in message.subject


def test_a_template_that_renders_nothing_is_an_error_not_an_empty_message(tmp_path: Path) -> None:
    (tmp_path / "product_rated.th.j2").write_text(
        "{% block subject %}x{% endblock %}{% block body %}  {% endblock %}", "utf-8"
    )
    with pytest.raises(EmptyMessage):
        TemplateRenderer(tmp_path).render(NotificationKind.PRODUCT_RATED, "th", {})


async def test_a_title_with_a_line_break_gives_a_one_line_subject_that_mail_can_carry(
    renderer: TemplateRenderer,
) -> None:
    context = {**(await contexts())[NotificationKind.REGISTRATION_CONFIRMED], "member_name": "x"}
    context["event"] = {**context["event"], "title_th": "งานแสดงสินค้า\r\nOTOP  ภาคใต้"}
    message = renderer.render(NotificationKind.REGISTRATION_CONFIRMED, "th", context)
    assert message.subject == "ยืนยันการลงทะเบียน: งานแสดงสินค้า OTOP ภาคใต้"
    mail = EmailClient(SmtpConfig("localhost", 25, "otop@example.org"))._compose(
        Outgoing("member@example.org", message, str(uuid.uuid4()))
    )
    assert str(make_header(decode_header(mail["Subject"]))) == message.subject


@pytest.mark.parametrize(
    ("language", "owed_line", "payout_line"),
    [
        ("th", "ยอดที่ท่านต้องชำระคืนให้เครือข่าย: 1,000,000.00 บาท", "ยอดที่ท่านจะได้รับ: 0.50 บาท"),
        ("en", "Amount you owe: THB 1,000,000.00", "Your payout: THB 0.50"),
    ],
)
async def test_a_settlement_below_zero_says_what_the_member_owes_not_a_negative_payout(
    renderer: TemplateRenderer, language: str, owed_line: str, payout_line: str
) -> None:
    base = {**(await contexts())[NotificationKind.SETTLEMENT_ISSUED], "member_name": "x"}
    owed = renderer.render(
        NotificationKind.SETTLEMENT_ISSUED,
        language,
        {**base, "net_sales": "-999000.00", "commission": "1000.00", "net_payout": "-1000000.00"},
    )
    assert owed_line in owed.body and "-1,000,000.00" not in owed.body
    small = renderer.render(
        NotificationKind.SETTLEMENT_ISSUED, language, {**base, "net_payout": "0.50"}
    )
    assert payout_line in small.body
