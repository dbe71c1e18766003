"""The notifications service over the real broker: real envelopes of the registry's, the
events service's and the sales service's contracts go onto their topics; members get the
messages they should, exactly once, on their channels."""

from __future__ import annotations

import json
import uuid
from datetime import datetime, timedelta
from decimal import Decimal

import pytest

from services.notifications.domain.signing import SIGNATURE_HEADER, InvalidSignature, verify
from shared.contracts.events import CancellationReason
from shared.contracts.registry import MemberRegistered
from shared.timeutil import BANGKOK
from tests.conftest import eventually
from tests.integration.notifications.conftest import RunningService
from tests.kafka_probe import KafkaProbe
from tests.unit.notifications import samples

pytestmark = pytest.mark.integration

TIMEOUT = 45.0


async def new_member(service: RunningService, **kwargs: object) -> MemberRegistered:
    unique = uuid.uuid4().hex
    member = samples.member(
        uuid.uuid4(),
        line_id=f"U{unique}",
        email=f"member-{unique[:8]}@example.org",
        **kwargs,  # type: ignore[arg-type]
    )
    await service.publish("registry", member.member_id, member)

    async def known() -> bool:
        answer = await service.client.get(f"/v1/members/{member.member_id}/preferences")
        return answer.status_code == 200

    await eventually(known, timeout=TIMEOUT)
    return member


def line_texts(service: RunningService, member: MemberRegistered) -> list[str]:
    assert member.contact.line_id is not None
    return [
        r.json()["messages"][0]["text"] for r in service.peers.line.sent_to(member.contact.line_id)
    ]


async def test_a_confirmed_registration_produces_exactly_one_line_message_in_thai(
    service: RunningService,
) -> None:
    member = await new_member(service)
    async with KafkaProbe(service.bootstrap_servers, ["notifications.deliveries.v1"]) as probe:
        registration = samples.confirmed(member.member_id)
        await service.publish("events", registration.registration_id, registration)

        async def pushed() -> list[str]:
            return line_texts(service, member)

        [text] = await eventually(pushed, timeout=TIMEOUT)
        assert "ยืนยันการลงทะเบียน" in text and "2 ทศวรรษ OTOP ภาคใต้" in text
        [sent] = await probe.wait_for(
            lambda r: (
                r.json()["event_type"] == "delivery.sent"
                and r.json()["data"]["member_id"] == str(member.member_id)
            ),
            timeout=TIMEOUT,
        )
        data = sent.json()["data"]
        assert (data["kind"], data["channel"], data["language"]) == (
            "registration_confirmed",
            "line",
            "th",
        )
        assert member.contact.line_id not in sent.value.decode()
        assert member.contact.email not in sent.value.decode()
    assert line_texts(service, member) == [text]


async def test_a_duplicate_event_sends_nothing(service: RunningService) -> None:
    member = await new_member(service)
    registration = samples.confirmed(member.member_id)
    value = await service.publish("events", registration.registration_id, registration)
    await service.publish_raw("events.registrations.v1", registration.registration_id, value)
    # Same key, so the same partition: once the booth message is out, the duplicate has been
    # consumed before it.
    booth = samples.booth(member.member_id, registration.event)
    booth = booth.model_copy(update={"registration_id": registration.registration_id})
    await service.publish("events", registration.registration_id, booth)

    async def booth_pushed() -> bool:
        return any("B" in t and "14" in t for t in line_texts(service, member))

    await eventually(booth_pushed, timeout=TIMEOUT)
    confirmations = [t for t in line_texts(service, member) if "ยืนยันการลงทะเบียน" in t]
    assert len(confirmations) == 1
    log = await service.client.get(f"/v1/members/{member.member_id}/deliveries")
    assert sorted(d["kind"] for d in log.json()["items"]) == [
        "booth_assigned",
        "registration_confirmed",
    ]


async def test_a_failing_line_endpoint_falls_back_to_email_after_bounded_retries(
    service: RunningService,
) -> None:
    member = await new_member(service)
    assert member.contact.line_id is not None and member.contact.email is not None
    service.peers.line.fail_for[member.contact.line_id] = 503
    registration = samples.promoted(member.member_id)
    await service.publish("events", registration.registration_id, registration)

    async def mailed() -> list:
        return [m for m in service.peers.mail.messages if member.contact.email in m.recipients]

    [mail] = await eventually(mailed, timeout=TIMEOUT)
    assert mail.subject.startswith("ได้รับสิทธิ์เข้าร่วมแล้ว")
    assert len(service.peers.line.sent_to(member.contact.line_id)) == 3
    [delivery] = (await service.client.get(f"/v1/members/{member.member_id}/deliveries")).json()[
        "items"
    ]

    # The mail is sent before its attempt is recorded: wait for the record.
    async def attempts() -> list[tuple[str, str]] | None:
        path = f"/v1/deliveries/{delivery['delivery_id']}"
        detail = (await service.client.get(path)).json()
        log = [(a["channel"], a["outcome"]) for a in detail["attempt_log"]]
        return log if ("email", "sent") in log else None

    assert await eventually(attempts, timeout=TIMEOUT) == [
        ("line", "retry"),
        ("line", "retry"),
        ("line", "channel_failed"),
        ("email", "sent"),
    ]


async def test_a_day_of_sales_produces_one_digest_per_producer_with_the_right_totals(
    service: RunningService,
) -> None:
    producers = [await new_member(service) for _ in range(3)]
    day = datetime.now(BANGKOK).date() - timedelta(days=1)
    figures = {
        producers[0].member_id: ("1250.50", "0.00", 12),
        producers[1].member_id: ("980.00", "120.25", 7),
        producers[2].member_id: ("15400.75", "400.00", 40),
    }
    for producer_id, (gross, refunds, count) in figures.items():
        summary = samples.daily_summary(
            producer_id, day=day, gross=gross, refunds=refunds, sale_count=count
        )
        await service.publish("sales", producer_id, summary)
    first = producers[0].member_id
    # Sales uploaded late bring a second revision of the same day: no second digest. The
    # next day's summary (same key, so after it) shows the revision has been consumed.
    late = samples.daily_summary(first, day=day, revision=2, gross="1300.00", sale_count=13)
    await service.publish("sales", first, late)
    next_day = samples.daily_summary(first, day=day + timedelta(days=1), gross="10.00")
    await service.publish("sales", first, next_day)

    async def digests_out() -> bool:
        return len(line_texts(service, producers[0])) == 2 and all(
            line_texts(service, p) for p in producers[1:]
        )

    await eventually(digests_out, timeout=TIMEOUT)
    for producer in producers:
        gross, refunds, count = figures[producer.member_id]
        digests = [t for t in line_texts(service, producer) if "2569" in t or "2570" in t]
        day_digest = [t for t in digests if _thai_day(day) in t.splitlines()[0]]
        assert len(day_digest) == 1, digests
        text = day_digest[0]
        net = Decimal(gross) - Decimal(refunds)
        assert f"ยอดขาย: {Decimal(gross):,.2f} บาท" in text
        assert f"คืนเงิน: {Decimal(refunds):,.2f} บาท" in text
        assert f"ยอดขายสุทธิ: {net:,.2f} บาท" in text
        assert f"จำนวนบิล: {count}" in text


def _thai_day(day) -> str:  # type: ignore[no-untyped-def]
    from services.notifications.domain.formatting import format_date

    return format_date(day)


async def test_quiet_hours_delay_a_non_critical_message_but_not_a_cancellation(
    service: RunningService,
) -> None:
    member = await new_member(service)
    now = datetime.now(BANGKOK)
    start = (now - timedelta(hours=1)).strftime("%H:%M")
    end_at = (now + timedelta(hours=2)).replace(second=0, microsecond=0)
    answer = await service.client.put(
        f"/v1/members/{member.member_id}/preferences",
        json={"quiet_hours": {"start": start, "end": end_at.strftime("%H:%M")}},
    )
    assert answer.status_code == 200, answer.text
    rated = samples.product_rated(member.member_id)
    await service.publish("registry", rated.product_id, rated)
    cancelled = samples.event_cancelled(uuid.uuid4(), [member.member_id])
    await service.publish("events", cancelled.event_id, cancelled)

    async def cancellation_pushed() -> list[str]:
        return line_texts(service, member)

    [text] = await eventually(cancellation_pushed, timeout=TIMEOUT)
    assert "ประกาศยกเลิกงาน" in text

    async def both_logged() -> list:
        # The push reaches LINE a moment before the worker records it as sent.
        answer = await service.client.get(f"/v1/members/{member.member_id}/deliveries")
        items = answer.json()["items"]
        sent = any(d["kind"] == "event_cancelled" and d["state"] == "sent" for d in items)
        return items if len(items) == 2 and sent else []

    log = {d["kind"]: d for d in await eventually(both_logged, timeout=TIMEOUT)}
    waiting = log["product_rated"]
    assert waiting["state"] == "queued" and waiting["attempts"] == 0
    assert datetime.fromisoformat(waiting["next_attempt_at"]) == end_at
    assert log["event_cancelled"]["state"] == "sent"


async def test_a_registration_cancelled_with_its_event_is_not_told_twice(
    service: RunningService,
) -> None:
    member = await new_member(service)
    event = samples.summary()
    cancelled = samples.event_cancelled(event.event_id, [member.member_id])
    await service.publish("events", event.event_id, cancelled)
    reg = samples.cancelled(member.member_id, event, CancellationReason.EVENT_CANCELLED)
    sent = await service.publish("events", reg.registration_id, reg)
    registration_event_id = uuid.UUID(json.loads(sent)["event_id"])

    async def both_consumed() -> bool:
        seen = await service.pool.fetchval(
            "SELECT count(*) FROM inbox WHERE event_id = $1", registration_event_id
        )
        return seen == 1 and len(line_texts(service, member)) == 1

    await eventually(both_consumed, timeout=TIMEOUT)
    log = await service.client.get(f"/v1/events/{event.event_id}/deliveries")
    assert [d["kind"] for d in log.json()["items"]] == ["event_cancelled"]
    assert "ประกาศยกเลิกงาน" in line_texts(service, member)[0]


async def test_partner_webhooks_receive_signed_copies_that_verify(service: RunningService) -> None:
    created = await service.client.post(
        "/v1/webhooks",
        json={"url": f"{service.peers.webhook.url}/otop", "kinds": ["booth_assigned"]},
    )
    assert created.status_code == 201, created.text
    secret = created.json()["secret"]
    listed = await service.client.get("/v1/webhooks")
    assert "secret" not in listed.text and secret not in listed.text
    member = await new_member(service)
    booth = samples.booth(member.member_id)
    await service.publish("events", booth.registration_id, booth)

    async def delivered() -> list:
        return [
            r
            for r in service.peers.webhook.requests
            if r.json()["member_id"] == str(member.member_id)
        ]

    [request] = await eventually(delivered, timeout=TIMEOUT)
    verify(secret, request.body, request.headers[SIGNATURE_HEADER])
    payload = request.json()
    assert payload["kind"] == "booth_assigned" and payload["data"]["zone"] == "B"
    assert member.contact.email not in request.body.decode()
    assert member.contact.line_id not in request.body.decode()
    with pytest.raises(InvalidSignature):
        verify(secret, request.body.replace(b'"B"', b'"C"'), request.headers[SIGNATURE_HEADER])
