"""Staff routes of development projects: the project with its budget, selection rules,
candidates and selection, development plans with their outcome, KBO nominations.

Changes need the right to manage events in the project's host province; any staff reads."""

from __future__ import annotations

import uuid

import asyncpg
from fastapi import Response

from services.events.adapters import project_views
from services.events.entrypoints import grant_api  # noqa: F401  (its routes join `router`)
from services.events.entrypoints.dependencies import Db
from services.events.entrypoints.project_dependencies import Pool, ProjectBus, project_of, router
from services.events.entrypoints.project_schemas import (
    CandidateListOut,
    CandidateOut,
    CandidateProductOut,
    NominationListOut,
    NominationOut,
    PlanListOut,
    PlanOut,
    ProjectOut,
    RulesOut,
    SelectionOut,
    SelectionOutcomeOut,
)
from services.events.service_layer import project_commands
from shared.errors import NotFound
from shared.money import from_satang
from shared.timeutil import business_day, now_bangkok


async def _project(conn: asyncpg.Connection, event_id: uuid.UUID) -> ProjectOut:
    event = await project_of(conn, event_id)
    rules = await project_views.rules(conn, event_id)
    money = await project_views.money(conn, event_id)
    budget = event.budget
    return ProjectOut(
        event_id=event.event_id,
        title_th=event.title_th,
        title_en=event.title_en,
        status=event.status.value,
        host_province_code=event.host_province_code,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        capacity=event.capacity,
        quotas=[q.model_dump(mode="json") for q in event.quotas],
        rules=RulesOut.of(rules) if rules else None,
        budget=budget,
        allocated=from_satang(money["allocated"]),
        disbursed=from_satang(money["disbursed"]),
        spent=from_satang(money["spent"]),
        remaining=(
            budget - from_satang(money["allocated"]) - from_satang(money["spent"])
            if budget is not None
            else None
        ),
        grants=money["grants"],
    )


@router.get("/{event_id}", response_model=ProjectOut)
async def get_project(event_id: uuid.UUID, conn: Db) -> ProjectOut:
    return await _project(conn, event_id)


@router.put("/{event_id}/rules", response_model=ProjectOut)
async def set_rules(
    event_id: uuid.UUID, body: project_commands.Rules, bus: ProjectBus, pool: Pool
) -> ProjectOut:
    await bus.handle(project_commands.SetSelectionRules(event_id=event_id, rules=body))
    async with pool.acquire() as conn:
        return await _project(conn, event_id)


@router.get("/{event_id}/candidates", response_model=CandidateListOut)
async def list_candidates(event_id: uuid.UUID, conn: Db) -> CandidateListOut:
    await project_of(conn, event_id)
    rules = await project_views.rules(conn, event_id)
    if rules is None:
        return CandidateListOut(items=[])
    found = await project_views.candidates(conn, event_id, rules, business_day(now_bangkok()))
    return CandidateListOut(
        items=[
            CandidateOut(
                member_id=c["member"].member_id,
                name_th=c["member"].name_th,
                member_type=c["member"].member_type,
                province_code=c["member"].province_code,
                roles=sorted(c["member"].roles),
                products=[
                    CandidateProductOut(
                        product_id=p.product_id, name_th=p.name_th, segment=p.segment, stars=p.stars
                    )
                    for p in c["member"].products
                ],
                reasons=c["reasons"],
                registration_id=c["registration_id"],
                registration_status=c["registration_status"],
                quota=c["quota"],
            )
            for c in found
        ]
    )


@router.post("/{event_id}/selections", response_model=SelectionOut)
async def select_participants(
    event_id: uuid.UUID, body: project_commands.Selection, bus: ProjectBus
) -> SelectionOut:
    outcomes = await bus.handle(
        project_commands.SelectParticipants(event_id=event_id, member_ids=body.member_ids)
    )
    return SelectionOut(
        items=[
            SelectionOutcomeOut(
                member_id=o.member_id,
                registration_id=o.registration_id,
                status=o.status,
                quota=o.quota,
                reason=o.reason,
            )
            for o in outcomes
        ]
    )


@router.get("/{event_id}/plans", response_model=PlanListOut)
async def list_plans(event_id: uuid.UUID, conn: Db) -> PlanListOut:
    event = await project_of(conn, event_id)
    found = await project_views.plans(conn, event_id, event.ends_at)
    return PlanListOut(items=[PlanOut.of(p) for p in found])


@router.put("/{event_id}/plans/{product_id}", response_model=PlanOut)
async def record_plan(
    event_id: uuid.UUID,
    product_id: uuid.UUID,
    body: project_commands.Plan,
    bus: ProjectBus,
    pool: Pool,
) -> PlanOut:
    await bus.handle(
        project_commands.RecordPlan(event_id=event_id, product_id=product_id, plan=body)
    )
    async with pool.acquire() as conn:
        event = await project_of(conn, event_id)
        found = await project_views.plans(conn, event_id, event.ends_at)
    return next(PlanOut.of(p) for p in found if p["row"]["product_id"] == product_id)


@router.get("/{event_id}/nominations", response_model=NominationListOut)
async def list_nominations(event_id: uuid.UUID, conn: Db) -> NominationListOut:
    await project_of(conn, event_id)
    rows = await project_views.nominations(conn, event_id)
    return NominationListOut(items=[NominationOut.model_validate(dict(r)) for r in rows])


@router.post("/{event_id}/nominations", status_code=201, response_model=NominationOut)
async def nominate_product(
    event_id: uuid.UUID,
    body: project_commands.Nomination,
    bus: ProjectBus,
    pool: Pool,
    response: Response,
) -> NominationOut:
    nomination_id = await bus.handle(
        project_commands.NominateProduct(event_id=event_id, nomination=body)
    )
    response.headers["Location"] = f"/v1/projects/{event_id}/nominations"
    async with pool.acquire() as conn:
        rows = await project_views.nominations(conn, event_id)
    for row in rows:
        if row["nomination_id"] == nomination_id:
            return NominationOut.model_validate(dict(row))
    raise NotFound(f"there is no nomination {nomination_id}")
