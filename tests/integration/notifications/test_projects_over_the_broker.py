"""Development projects' and trainings' notices over the real broker: real envelopes of the
events service's contracts on events.showcases.v1 reach the member's own channel once, even
when redelivered; a certificate reaches a member and not an official; a malformed grant
goes to the DLQ and the consumer moves on."""

from __future__ import annotations

import json
import uuid

import pytest

from shared.contracts.registry import MemberRegistered
from shared.messaging.outbox import envelope_for
from tests.conftest import eventually
from tests.integration.notifications.conftest import RunningService
from tests.integration.notifications.test_over_the_broker import line_texts, new_member
from tests.kafka_probe import KafkaProbe
from tests.unit.notifications import project_samples, samples

pytestmark = pytest.mark.integration

TIMEOUT = 45.0
SHOWCASES = "events.showcases.v1"


async def kinds_logged(service: RunningService, member: MemberRegistered) -> list[str]:
    answer = await service.client.get(f"/v1/members/{member.member_id}/deliveries")
    assert answer.status_code == 200
    return sorted(d["kind"] for d in answer.json()["items"])


async def test_a_grant_reaches_the_members_line_once_even_when_redelivered(
    service: RunningService,
) -> None:
    member = await new_member(service)
    project = project_samples.project()
    await service.publish("events", project.event_id, project)
    grant = project_samples.grant(member.member_id, project.event_id)
    async with KafkaProbe(service.bootstrap_servers, ["notifications.deliveries.v1"]) as probe:
        value = await service.publish("events", project.event_id, grant)
        await service.publish_raw(SHOWCASES, project.event_id, value)
        # Same key, so the same partition: once the payment is told, the redelivered grant
        # has been consumed before it.
        paid = project_samples.disbursed(grant)
        await service.publish("events", project.event_id, paid)

        async def payment_pushed() -> list[str]:
            return [t for t in line_texts(service, member) if "จ่ายเงินอุดหนุน" in t]

        await eventually(payment_pushed, timeout=TIMEOUT)
        [granted] = [t for t in line_texts(service, member) if "จัดสรรเงินอุดหนุน" in t]
        assert "กลุ่มของท่านได้รับจัดสรรเงินอุดหนุนจำนวน 50,000.00 บาท" in granted
        assert project.title_th in granted and "วันที่จัดสรร: 8 มิถุนายน 2564" in granted
        [outcome] = await probe.wait_for(
            lambda r: (
                r.json()["event_type"] == "delivery.sent"
                and r.json()["data"]["member_id"] == str(member.member_id)
                and r.json()["data"]["kind"] == "grant_allocated"
            ),
            timeout=TIMEOUT,
        )
    assert outcome.json()["data"]["channel"] == "line"
    assert await kinds_logged(service, member) == ["grant_allocated", "grant_disbursed"]
    assert len([t for t in line_texts(service, member) if "จัดสรรเงินอุดหนุน" in t]) == 1


async def test_a_nomination_names_the_product_read_from_the_registry_and_its_province(
    service: RunningService,
) -> None:
    member = await new_member(service)
    product_id, project = uuid.uuid4(), project_samples.project()
    listed = project_samples.product_listed(member.member_id, product_id)
    await service.publish("registry", product_id, listed)

    async def product_known() -> bool:
        named = "SELECT count(*) FROM product_names WHERE product_id = $1"
        return bool(await service.pool.fetchval(named, product_id))

    await eventually(product_known, timeout=TIMEOUT)
    await service.publish("events", project.event_id, project)
    nominated = project_samples.nominated(member.member_id, project.event_id, product_id)
    await service.publish("events", project.event_id, nominated)

    async def pushed() -> list[str]:
        return [t for t in line_texts(service, member) if "KBO" in t]

    [text] = await eventually(pushed, timeout=TIMEOUT)
    assert "ผลิตภัณฑ์ ผ้าไหมลายแคนมุกดาหาร (รหัส MDH-0007)" in text
    assert "เป็นผลิตภัณฑ์ตัวแทนจังหวัดมุกดาหาร เข้าประกวดระดับประเทศ" in text
    assert project.title_th in text


async def test_a_certificate_reaches_a_member_in_english_and_an_official_is_skipped(
    service: RunningService,
) -> None:
    member = await new_member(service, language="en")
    training = project_samples.training()
    await service.publish("events", training.event_id, training)
    registration = samples.confirmed(
        member.member_id,
        event=samples.summary(training.event_id).model_copy(
            update={"title_th": training.title_th, "title_en": training.title_en}
        ),
    )
    await service.publish("events", registration.registration_id, registration)

    async def confirmation_pushed() -> list[str]:
        return line_texts(service, member)

    await eventually(confirmation_pushed, timeout=TIMEOUT)
    official = uuid.uuid4()  # a registration by name only: the service knows no member of it
    issued = project_samples.certificates(training.event_id, official, registration.registration_id)
    await service.publish("events", training.event_id, issued)

    async def certificate_pushed() -> list[str]:
        return [t for t in line_texts(service, member) if "Certificate" in t]

    [text] = await eventually(certificate_pushed, timeout=TIMEOUT)
    assert "Certificate of attendance no. 2565-002: Songkhla OTOP network training" in text
    assert "Issued on: 16 March 2022" in text
    rows = await service.pool.fetch(
        "SELECT member_id FROM deliveries WHERE kind = 'certificate_issued' AND event_id = $1",
        training.event_id,
    )
    assert [r["member_id"] for r in rows] == [member.member_id]


async def test_a_malformed_grant_goes_to_the_dlq_and_the_next_is_still_told(
    service: RunningService,
) -> None:
    member = await new_member(service)
    project = project_samples.project()
    broken_grant = project_samples.grant(member.member_id, project.event_id)
    topic, envelope = envelope_for("events", str(project.event_id), broken_grant)
    broken = json.loads(envelope.model_dump_json())
    broken["data"]["amount"] = "fifty thousand"
    value = json.dumps(broken).encode()
    async with KafkaProbe(service.bootstrap_servers, [f"{topic}.dlq"]) as probe:
        await service.publish_raw(topic, project.event_id, value)
        [dead] = await probe.wait_for(lambda r: r.value == value, timeout=TIMEOUT)
    assert "grant.allocated data is invalid" in dead.headers["dlq.error"]
    assert dead.headers["dlq.consumer"] == "notifications.events-showcases"
    following = project_samples.grant(member.member_id, project.event_id)
    await service.publish("events", project.event_id, following)

    async def told() -> list[str]:
        return [t for t in line_texts(service, member) if "จัดสรรเงินอุดหนุน" in t]

    [text] = await eventually(told, timeout=TIMEOUT)
    assert "ในโครงการพัฒนาผลิตภัณฑ์ของเครือข่าย OTOP" in text  # its publication never came
