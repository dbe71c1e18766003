"""Handlers of development projects: selection rules, choosing participants (each becomes a
registration through the registration handlers, so quotas hold and members are told), and
the product's development plan.

Staff must be allowed to manage events in the project's host province."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from services.events.domain.event import Event
from services.events.domain.projects import (
    SelectionRules,
    check_project,
    check_project_running,
    check_rules_changeable,
    reasons_chosen,
)
from services.events.service_layer import commands, project_commands
from services.events.service_layer.project_ports import ProjectsUnitOfWork
from services.events.service_layer.registration_handlers import Clock, register_for_event
from shared.contracts.development import ParticipantsSelected, PlanRecorded, SelectedParticipant
from shared.errors import Conflict, NotFound
from shared.identity.actor import authorize, current_actor
from shared.identity.roles import Action
from shared.timeutil import business_day, now_bangkok


async def project_event(uow: ProjectsUnitOfWork, event_id: uuid.UUID) -> Event:
    """The project's event, the actor allowed to manage events in its host province."""
    event = await uow.events.get(event_id)
    if event is None:
        raise NotFound(f"there is no event {event_id}")
    check_project(event.kind)
    authorize(Action.MANAGE_EVENTS, event.host_province_code)
    return event


async def set_selection_rules(
    cmd: project_commands.SetSelectionRules, uow: ProjectsUnitOfWork
) -> SelectionRules:
    rules = SelectionRules(
        segments=frozenset(cmd.rules.segments),
        max_stars=cmd.rules.max_stars,
        network_roles=frozenset(cmd.rules.network_roles),
        province_codes=frozenset(cmd.rules.province_codes),
    )
    async with uow:
        event = await project_event(uow, cmd.event_id)
        check_rules_changeable(event.status)
        await uow.projects.set_rules(event.event_id, rules)
        uow.audit("project.rules_set", "event", event.event_id)
        await uow.commit()
    return rules


@dataclass(frozen=True)
class Outcome:
    member_id: uuid.UUID
    registration_id: uuid.UUID | None
    status: str
    quota: str | None = None
    reason: str | None = None


async def select_participants(
    cmd: project_commands.SelectParticipants, uow: ProjectsUnitOfWork, clock: Clock = now_bangkok
) -> list[Outcome]:
    """Each member named must be a candidate under the project's rules; each becomes a
    registration (confirmed in its quota, or waitlisted). A member registered already keeps
    its registration. The products of those chosen are kept with their rating now."""
    now = clock()
    member_ids = list(dict.fromkeys(cmd.member_ids))
    async with uow:
        event = await project_event(uow, cmd.event_id)
        event.check_open_for_registration(now)
        rules = await uow.projects.rules(event.event_id)
        if rules is None:
            raise Conflict(
                "โครงการยังไม่มีเกณฑ์การคัดเลือก / the project has no selection rules yet: set them first"
            )
        members = {
            m.member_id: m
            for m in await uow.projects.members(rules.province_codes, business_day(now))
        }
    refused = [
        str(m) for m in member_ids if m not in members or not reasons_chosen(rules, members[m])
    ]
    if refused:
        raise Conflict(
            "สมาชิกเหล่านี้ไม่เข้าเกณฑ์การคัดเลือกของโครงการ / these members are not candidates "
            "under the project's rules: " + ", ".join(refused),
            member_ids=refused,
        )
    outcomes: list[Outcome] = []
    for member_id in member_ids:
        try:
            registration = await register_for_event(
                commands.RegisterForEvent(event_id=event.event_id, member_id=member_id), uow, clock
            )
        except Conflict as refusal:
            async with uow:
                registration = await uow.registrations.open_of_member(event.event_id, member_id)
            if registration is None:
                outcomes.append(Outcome(member_id, None, "refused", reason=refusal.detail))
                continue
        outcomes.append(
            Outcome(
                member_id,
                registration.registration_id,
                registration.status.value,
                registration.quota,
            )
        )
    chosen = [o for o in outcomes if o.registration_id is not None]
    if chosen:
        async with uow:
            participants = [
                SelectedParticipant(
                    member_id=o.member_id,
                    registration_id=o.registration_id,  # type: ignore[arg-type]
                    status=o.status,  # type: ignore[arg-type]
                    quota=o.quota,
                    products=await uow.projects.record_products(event.event_id, o.member_id, now),
                )
                for o in chosen
            ]
            uow.publish(
                event.event_id,
                ParticipantsSelected(
                    event_id=event.event_id, participants=participants, selected_at=now
                ),
            )
            await uow.commit()
    return outcomes


async def record_plan(
    cmd: project_commands.RecordPlan, uow: ProjectsUnitOfWork, clock: Clock = now_bangkok
) -> int:
    """Record (or replace) the product's development plan; its version."""
    now = clock()
    plan = cmd.plan
    async with uow:
        event = await project_event(uow, cmd.event_id)
        check_project_running(event.status)
        product = await uow.projects.project_product(event.event_id, cmd.product_id)
        if product is None:
            raise NotFound(
                f"product {cmd.product_id} is not a product of this project's participants"
            )
        version = await uow.projects.save_plan(
            event.event_id,
            cmd.product_id,
            plan.goal_th,
            plan.goal_en,
            plan.actions,
            plan.target_stars,
            current_actor().id,
            now,
        )
        uow.publish(
            event.event_id,
            PlanRecorded(
                event_id=event.event_id,
                product_id=cmd.product_id,
                member_id=product["member_id"],
                version=version,
                goal_th=plan.goal_th,
                goal_en=plan.goal_en,
                actions=plan.actions,
                target_stars=plan.target_stars,
                stars_before=product["stars_before"],
                recorded_at=now,
            ),
        )
        await uow.commit()
    return version
