"""Development projects' and trainings' notices: a member (or the member's group) is told of
a grant, a payment of it, a development plan, a KBO nomination and a certificate of
attendance, in Thai by default (Buddhist-era dates, baht) or English; an official who is not
a member is not told; a redelivered event queues nothing more."""

from __future__ import annotations

import re
import uuid
from typing import Any

import pytest

from services.notifications.adapters.templates import TemplateRenderer
from services.notifications.domain.message import Message
from services.notifications.domain.preferences import Preferences
from services.notifications.service_layer import (
    product_events,
    project_events,
    registration_events,
    showcase_events,
)
from shared.contracts.development import RecipientKind
from shared.contracts.notifications import NotificationKind as Kind
from tests.unit.notifications import project_samples, samples
from tests.unit.notifications.fakes import FakeUnitOfWork

THAI = re.compile(r"[\u0e00-\u0e7f]")
GROUP = "กลุ่มทอผ้าไหมบ้านหนองเอี่ยน"
TITLE_TH = "โครงการพัฒนาผลิตภัณฑ์ OTOP ด้วยองค์ความรู้ KBO จังหวัดมุกดาหาร"

PROJECT_KINDS = frozenset(
    {
        Kind.GRANT_ALLOCATED,
        Kind.GRANT_DISBURSED,
        Kind.DEVELOPMENT_PLAN_RECORDED,
        Kind.PRODUCT_NOMINATED,
        Kind.CERTIFICATE_ISSUED,
    }
)


def src(event_type: str, event_id: uuid.UUID | None = None):  # type: ignore[no-untyped-def]
    return samples.metadata(event_type, event_id)


class World:
    """A project and a training the service has read, a member and the member's product."""

    def __init__(self) -> None:
        self.uow = FakeUnitOfWork()
        self.member, self.product = uuid.uuid4(), uuid.uuid4()
        self.project = project_samples.project()
        self.training = project_samples.training()

    async def known(self) -> World:
        for event in (self.project, self.training):
            await showcase_events.on_event_scheduled(event, src("event.published"), self.uow)
        listed = project_samples.product_listed(self.member, self.product)
        await product_events.on_product_named(listed, src("product.listed"), self.uow)
        return self

    def told(self) -> list[tuple[Kind, dict[str, Any]]]:
        return [(d.kind, d.context) for d, _ in self.uow.deliveries.for_members()]  # type: ignore[attr-defined]

    async def everything(self, recipient: RecipientKind = RecipientKind.GROUP) -> None:
        project_id = self.project.event_id
        grant = project_samples.grant(self.member, project_id, recipient)
        await project_events.on_grant_allocated(grant, src("grant.allocated"), self.uow)
        paid = project_samples.disbursed(grant)
        await project_events.on_grant_disbursed(paid, src("grant.disbursed"), self.uow)
        plan = project_samples.plan(self.member, project_id, self.product)
        await project_events.on_plan_recorded(plan, src("plan.recorded"), self.uow)
        nominated = project_samples.nominated(self.member, project_id, self.product)
        await project_events.on_product_nominated(nominated, src("product.nominated"), self.uow)
        registration = samples.confirmed(self.member, event=_summary(self.training))
        await registration_events.on_registration_changed(
            registration, src("registration.confirmed"), self.uow
        )
        issued = project_samples.certificates(self.training.event_id, registration.registration_id)
        await project_events.on_certificates_issued(issued, src("certificates.issued"), self.uow)


def _summary(event):  # type: ignore[no-untyped-def]
    return samples.summary(event.event_id).model_copy(
        update={"title_th": event.title_th, "title_en": event.title_en}
    )


async def contexts(recipient: RecipientKind = RecipientKind.GROUP) -> dict[Kind, dict[str, Any]]:
    world = await World().known()
    await world.everything(recipient)
    return {kind: context for kind, context in world.told() if kind in PROJECT_KINDS}


@pytest.fixture(scope="module")
def renderer() -> TemplateRenderer:
    return TemplateRenderer()


def render(
    renderer: TemplateRenderer, kind: Kind, context: dict[str, Any], language: str = "th"
) -> Message:
    return renderer.render(kind, language, {**context, "member_name": GROUP})


async def test_every_project_and_training_kind_has_a_context_the_service_builds() -> None:
    assert set(await contexts()) == PROJECT_KINDS


@pytest.mark.parametrize("kind", sorted(PROJECT_KINDS), ids=str)
@pytest.mark.parametrize("language", ["th", "en"])
async def test_each_notice_renders_in_the_members_language(
    renderer: TemplateRenderer, kind: Kind, language: str
) -> None:
    message = render(renderer, kind, (await contexts())[kind], language)
    assert message.language == language
    assert message.body.startswith(f"เรียน {GROUP}" if language == "th" else f"Dear {GROUP},")
    assert "{{" not in message.body and "None" not in message.body
    assert "None" not in message.subject
    assert bool(THAI.search(message.subject)) is (language == "th")


async def test_a_group_is_told_its_grant_in_baht_with_a_buddhist_era_date(
    renderer: TemplateRenderer,
) -> None:
    message = render(renderer, Kind.GRANT_ALLOCATED, (await contexts())[Kind.GRANT_ALLOCATED])
    assert message.subject == "กลุ่มของท่านได้รับจัดสรรเงินอุดหนุน 50,000.00 บาท"
    assert "กลุ่มของท่านได้รับจัดสรรเงินอุดหนุนจำนวน 50,000.00 บาท" in message.body
    assert f'ในโครงการ "{TITLE_TH}"' in message.body
    assert "วัตถุประสงค์: พัฒนาบรรจุภัณฑ์และฉลากสินค้า" in message.body
    assert "วันที่จัดสรร: 8 มิถุนายน 2564" in message.body


async def test_a_member_granted_alone_reads_of_their_own_grant_in_english(
    renderer: TemplateRenderer,
) -> None:
    found = await contexts(RecipientKind.MEMBER)
    thai = render(renderer, Kind.GRANT_ALLOCATED, found[Kind.GRANT_ALLOCATED])
    assert thai.subject == "ท่านได้รับจัดสรรเงินอุดหนุน 50,000.00 บาท"
    english = render(renderer, Kind.GRANT_ALLOCATED, found[Kind.GRANT_ALLOCATED], "en")
    assert english.subject == "You were allocated a grant of THB 50,000.00"
    assert 'in the project "Mukdahan KBO product development project"' in english.body
    assert "Allocated on: 8 June 2021" in english.body


async def test_a_payment_names_its_amount_date_and_the_total_paid(
    renderer: TemplateRenderer,
) -> None:
    message = render(renderer, Kind.GRANT_DISBURSED, (await contexts())[Kind.GRANT_DISBURSED])
    assert message.subject == "จ่ายเงินอุดหนุน 25,000.50 บาท แล้ว"
    assert f'เงินอุดหนุนโครงการ "{TITLE_TH}" จำนวน 25,000.50 บาท' in message.body
    assert "วันที่จ่าย: 1 กรกฎาคม 2564" in message.body
    assert "รวมจ่ายแล้วทั้งสิ้น: 25,000.50 บาท" in message.body


async def test_a_nomination_names_the_product_and_the_province_it_stands_for(
    renderer: TemplateRenderer,
) -> None:
    found = (await contexts())[Kind.PRODUCT_NOMINATED]
    thai = render(renderer, Kind.PRODUCT_NOMINATED, found)
    assert thai.subject == "ผลิตภัณฑ์ ผ้าไหมลายแคนมุกดาหาร ได้รับการเสนอชื่อเข้าประกวด KBO ระดับประเทศ"
    assert "(รหัส MDH-0007)" in thai.body
    assert "เป็นผลิตภัณฑ์ตัวแทนจังหวัดมุกดาหาร เข้าประกวดระดับประเทศ" in thai.body
    assert "วันที่เสนอชื่อ: 8 มิถุนายน 2564" in thai.body
    english = render(renderer, Kind.PRODUCT_NOMINATED, found, "en")
    assert english.subject.startswith("Mukdahan khaen-pattern silk nominated")
    assert "to represent Mukdahan province in the national contest" in english.body


async def test_a_plan_lists_its_goal_actions_and_ratings(renderer: TemplateRenderer) -> None:
    found = (await contexts())[Kind.DEVELOPMENT_PLAN_RECORDED]
    message = render(renderer, Kind.DEVELOPMENT_PLAN_RECORDED, found)
    assert message.subject == "บันทึกแผนพัฒนาผลิตภัณฑ์ ผ้าไหมลายแคนมุกดาหาร"
    assert "เป้าหมาย: ยกระดับเป็นผลิตภัณฑ์ 4 ดาว" in message.body
    assert "1. ออกแบบลวดลายใหม่\n2. ขอรับรองมาตรฐาน มผช." in message.body
    assert "ระดับดาวก่อนเข้าร่วมโครงการ: 2 ดาว" in message.body
    assert "ระดับดาวที่ตั้งเป้า: 4 ดาว" in message.body


async def test_a_changed_plan_is_told_as_revised(renderer: TemplateRenderer) -> None:
    world = await World().known()
    plan = project_samples.plan(world.member, world.project.event_id, world.product, version=2)
    await project_events.on_plan_recorded(plan, src("plan.recorded"), world.uow)
    [(kind, context)] = world.told()
    message = render(renderer, kind, context)
    assert message.subject == "ปรับปรุงแผนพัฒนาผลิตภัณฑ์ ผ้าไหมลายแคนมุกดาหาร"
    assert "Development plan revised" in render(renderer, kind, context, "en").subject


async def test_a_certificate_names_the_training_and_its_number(
    renderer: TemplateRenderer,
) -> None:
    message = render(renderer, Kind.CERTIFICATE_ISSUED, (await contexts())[Kind.CERTIFICATE_ISSUED])
    assert message.subject == "วุฒิบัตรการอบรม อบรมเครือข่าย OTOP จังหวัดสงขลา เลขที่ 2565-001"
    assert "จำนวนหัวข้อที่เข้าร่วม: 8 หัวข้อ" in message.body
    assert "วันที่ออกวุฒิบัตร: 16 มีนาคม 2565" in message.body


async def test_notices_of_a_project_never_read_here_still_make_sense(
    renderer: TemplateRenderer,
) -> None:
    world = World()  # neither the project's publication nor the product was read
    grant = project_samples.grant(world.member, uuid.uuid4())
    await project_events.on_grant_allocated(grant, src("grant.allocated"), world.uow)
    nominated = project_samples.nominated(world.member, grant.event_id, world.product)
    await project_events.on_product_nominated(nominated, src("product.nominated"), world.uow)
    [(_, granted), (_, named)] = world.told()
    message = render(renderer, Kind.GRANT_ALLOCATED, granted)
    assert "ในโครงการพัฒนาผลิตภัณฑ์ของเครือข่าย OTOP" in message.body
    nomination = render(renderer, Kind.PRODUCT_NOMINATED, named)
    assert nomination.subject.startswith("ผลิตภัณฑ์ ของท่าน ได้รับการเสนอชื่อ")
    assert "None" not in nomination.body and "None" not in message.body


async def test_an_official_gets_no_notice_and_each_member_with_a_certificate_one() -> None:
    world = await World().known()
    other = uuid.uuid4()
    mine = samples.confirmed(world.member, event=_summary(world.training))
    theirs = samples.confirmed(other, event=_summary(world.training))
    for registration in (mine, theirs):
        await registration_events.on_registration_changed(
            registration, src("registration.confirmed"), world.uow
        )
    official = uuid.uuid4()  # registered by name through participant.registered: no member
    issued = project_samples.certificates(
        world.training.event_id, mine.registration_id, official, theirs.registration_id
    )
    await project_events.on_certificates_issued(issued, src("certificates.issued"), world.uow)
    told = [
        (d.member_id, d.context["number"], meta["event_id"])
        for d, meta in world.uow.deliveries.for_members()  # type: ignore[attr-defined]
        if d.kind is Kind.CERTIFICATE_ISSUED
    ]
    training = world.training.event_id
    assert told == [
        (world.member, "2565-001", training),
        (other, "2565-003", training),
    ]


async def test_a_redelivered_grant_allocation_queues_no_second_notice() -> None:
    world = await World().known()
    grant = project_samples.grant(world.member, world.project.event_id)
    once = src("grant.allocated")
    await project_events.on_grant_allocated(grant, once, world.uow)
    await project_events.on_grant_allocated(grant, once, world.uow)
    assert [kind for kind, _ in world.told()] == [Kind.GRANT_ALLOCATED]
    [(_, meta)] = world.uow.deliveries.for_members()  # type: ignore[attr-defined]
    assert meta["event_id"] == world.project.event_id and meta["critical"] is False


async def test_a_member_who_opted_out_of_plan_notices_is_still_told_of_grants() -> None:
    world = await World().known()
    world.uow.preferences.rows[world.member] = Preferences(
        opt_outs=frozenset({Kind.DEVELOPMENT_PLAN_RECORDED})
    )
    await world.everything()
    kinds = {kind for kind, _ in world.told()}
    assert Kind.DEVELOPMENT_PLAN_RECORDED not in kinds
    assert {Kind.GRANT_ALLOCATED, Kind.GRANT_DISBURSED} <= kinds
