"""Handlers of a development project's money and its KBO nominations.

A grant is allocated with the project's event row locked, after summing what is allocated
already: two allocations at once take turns, so together they never pass the budget. A
disbursement locks its grant and pays at most what is left of it; the staff account that
approved it is recorded with it."""

from __future__ import annotations

import uuid

from services.events.domain.projects import (
    check_project,
    check_project_running,
    check_recipient,
    check_within_budget,
    check_within_grant,
)
from services.events.service_layer import project_commands
from services.events.service_layer.placement import locked_places
from services.events.service_layer.project_handlers import project_event
from services.events.service_layer.project_ports import ProjectsUnitOfWork
from services.events.service_layer.registration_handlers import Clock
from shared.contracts.development import GrantAllocated, GrantDisbursed, ProductNominated
from shared.contracts.registry import NetworkRole
from shared.errors import Conflict, InvalidInput, NotFound
from shared.identity.actor import authorize, current_actor
from shared.identity.roles import Action
from shared.money import from_satang, to_satang
from shared.timeutil import business_day, now_bangkok


async def allocate_grant(
    cmd: project_commands.AllocateGrant, uow: ProjectsUnitOfWork, clock: Clock = now_bangkok
) -> uuid.UUID:
    now = clock()
    given = cmd.allocation
    amount = to_satang(given.amount)
    grant_id = uuid.uuid4()
    async with uow:
        event = (await locked_places(uow, cmd.event_id)).event
        check_project(event.kind)
        authorize(Action.MANAGE_EVENTS, event.host_province_code)
        check_project_running(event.status)
        if not await uow.projects.is_confirmed(event.event_id, given.member_id):
            raise Conflict(
                "ทุนให้เฉพาะผู้เข้าร่วมโครงการที่ได้รับการยืนยัน / a grant goes to a confirmed "
                f"participant of the project; member {given.member_id} is not one"
            )
        check_recipient(given.recipient_kind, await uow.projects.member_type(given.member_id))
        budget = to_satang(event.budget) if event.budget is not None else None
        allocated = await uow.projects.allocated(event.event_id)
        spent, _ = await uow.events.budget_held(event.event_id)
        check_within_budget(budget, allocated + to_satang(spent), amount)
        actor = current_actor().id
        await uow.projects.add_grant(
            grant_id,
            event.event_id,
            given.member_id,
            given.recipient_kind,
            amount,
            given.purpose_th,
            actor,
            now,
        )
        uow.publish(
            event.event_id,
            GrantAllocated(
                grant_id=grant_id,
                event_id=event.event_id,
                member_id=given.member_id,
                recipient_kind=given.recipient_kind,
                amount=given.amount,
                purpose_th=given.purpose_th,
                allocated_total=from_satang(allocated + amount),
                budget=from_satang(budget or 0),
                allocated_by=actor,
                allocated_at=now,
            ),
        )
        await uow.commit()
    return grant_id


async def disburse_grant(
    cmd: project_commands.DisburseGrant, uow: ProjectsUnitOfWork, clock: Clock = now_bangkok
) -> uuid.UUID:
    now = clock()
    payment = cmd.payment
    amount = to_satang(payment.amount)
    if payment.disbursed_on > business_day(now):
        raise InvalidInput(
            "บันทึกการจ่ายเมื่อจ่ายแล้ว วันที่จ่ายต้องไม่เป็นวันในอนาคต / a disbursement is "
            "recorded once paid: its day cannot be in the future"
        )
    disbursement_id = uuid.uuid4()
    async with uow:
        event = await project_event(uow, cmd.event_id)
        check_project_running(event.status)
        grant = await uow.projects.locked_grant(cmd.grant_id)
        if grant is None or grant["event_id"] != event.event_id:
            raise NotFound(f"ไม่พบทุนนี้ในโครงการ / the project has no grant {cmd.grant_id}")
        check_within_grant(grant["amount_satang"], grant["disbursed_satang"], amount)
        actor = current_actor().id
        total = await uow.projects.add_disbursement(
            disbursement_id,
            cmd.grant_id,
            amount,
            payment.disbursed_on,
            payment.note_th,
            actor,
            now,
        )
        uow.publish(
            event.event_id,
            GrantDisbursed(
                disbursement_id=disbursement_id,
                grant_id=cmd.grant_id,
                event_id=event.event_id,
                member_id=grant["member_id"],
                amount=payment.amount,
                disbursed_total=from_satang(total),
                approved_by=actor,
                disbursed_on=payment.disbursed_on,
                recorded_at=now,
            ),
        )
        await uow.commit()
    return disbursement_id


async def nominate_product(
    cmd: project_commands.NominateProduct, uow: ProjectsUnitOfWork, clock: Clock = now_bangkok
) -> uuid.UUID:
    """A KBO committee member taking part in the project puts forward one product of its
    participants for the product's province; a province nominated already is refused."""
    now = clock()
    given = cmd.nomination
    nomination_id = uuid.uuid4()
    async with uow:
        event = await project_event(uow, cmd.event_id)
        check_project_running(event.status)
        product = await uow.projects.project_product(event.event_id, given.product_id)
        if product is None:
            raise NotFound(
                f"ผลิตภัณฑ์นี้ไม่ใช่ของผู้เข้าร่วมโครงการ / product {given.product_id} is not a "
                "product of this project's participants"
            )
        nominator = given.nominated_by_member_id
        if not await uow.projects.is_confirmed(event.event_id, nominator):
            raise Conflict(
                "ผู้เสนอต้องเป็นผู้เข้าร่วมโครงการที่ได้รับการยืนยัน / member "
                f"{nominator} is not a confirmed participant of the project"
            )
        if not await uow.projects.holds_role(
            nominator, NetworkRole.KBO_COMMITTEE, business_day(now)
        ):
            raise Conflict(
                f"ผู้เสนอไม่ใช่กรรมการ KBO / member {nominator} is not a KBO committee member "
                "(กรรมการ KBO)"
            )
        province = product["province_code"]
        if province is None:
            raise Conflict("ยังไม่ทราบจังหวัดของผลิตภัณฑ์ / the product's province is not known yet")
        if not await uow.projects.add_nomination(
            nomination_id,
            event.event_id,
            province,
            given.product_id,
            product["member_id"],
            nominator,
            current_actor().id,
            now,
        ):
            raise Conflict(
                f"จังหวัด {province} ส่งผลิตภัณฑ์เข้าประกวดในโครงการนี้แล้ว / "
                f"province {province} already has its nominated product in this project",
                province_code=province,
            )
        uow.publish(
            event.event_id,
            ProductNominated(
                nomination_id=nomination_id,
                event_id=event.event_id,
                province_code=province,
                product_id=given.product_id,
                member_id=product["member_id"],
                nominated_by_member_id=nominator,
                nominated_at=now,
            ),
        )
        await uow.commit()
    return nomination_id
