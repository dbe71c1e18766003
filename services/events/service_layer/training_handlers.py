"""Handlers of trainings and workshops: participants who are not members take quota places
(per kind, per district) on the event's locked places like members do; expenses are never
beyond the budget (decided with the event locked). The agenda's handlers are in
`agenda_handlers`.

Staff may manage registrations (participants) or the event (expenses) in the event's host
province."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

from services.events.domain.agenda import check_expense
from services.events.domain.event import Event
from services.events.domain.participants import Participant, check_takes_participants
from services.events.domain.registration import Registration
from services.events.service_layer import agenda_handlers
from services.events.service_layer import training_commands as commands
from services.events.service_layer.placement import locked_places
from services.events.service_layer.training_ports import TrainingsUnitOfWork
from shared.contracts import trainings as contract
from shared.contracts.events import EventStatus, ParticipantKind
from shared.errors import Conflict, InvalidInput, InvalidTransition, NotFound
from shared.identity.actor import authorize, current_actor
from shared.identity.roles import Action
from shared.timeutil import business_day, now_bangkok

Clock = Callable[[], datetime]


async def _event(uow: TrainingsUnitOfWork, event_id: uuid.UUID, action: Action) -> Event:
    """The event locked until the unit of work ends, the actor allowed `action` there."""
    places = await locked_places(uow, event_id)
    authorize(action, places.event.host_province_code)
    return places.event


def _check_training(event: Event) -> None:
    check_takes_participants(event.kind)
    if event.status is not EventStatus.PUBLISHED:
        raise InvalidTransition(
            f"งานอยู่ในสถานะ {event.status.value} เปลี่ยนผู้เข้าร่วมไม่ได้ / the event is "
            f"{event.status.value}: its participants and attendance cannot change"
        )


async def register_participant(
    cmd: commands.RegisterParticipant, uow: TrainingsUnitOfWork, clock: Clock = now_bangkok
) -> Registration:
    now = clock()
    details = cmd.participant
    participant = Participant(
        kind=ParticipantKind(details.kind),
        name_th=details.name_th,
        name_en=details.name_en,
        position_th=details.position_th,
        province_code=details.province_code,
        district_code=details.district_code,
        organisation=details.organisation,
    )
    async with uow:
        places = await locked_places(uow, cmd.event_id)
        event = places.event
        authorize(Action.MANAGE_REGISTRATIONS, event.host_province_code)
        _check_training(event)
        if await uow.trainings.participant_registered(
            event.event_id,
            participant.name_th,
            participant.province_code,
            participant.district_code,
        ):
            raise Conflict("ผู้เข้าร่วมคนนี้ลงทะเบียนแล้ว / this participant is already registered")
        place = places.place_for_claimant(participant.claimant)
        if place is None:
            raise Conflict(
                "ไม่มีที่ว่างสำหรับผู้เข้าร่วมประเภทนี้ในอำเภอนี้ / no place is free for this kind "
                "of participant (and district): the quota or the capacity is taken"
            )
        registration = Registration.of_participant(event.event_id, participant, place, now)
        places.take(place)
        await uow.trainings.add_participant(registration)
        uow.publish(
            registration.registration_id,
            contract.ParticipantRegistered(
                registration_id=registration.registration_id,
                event_id=event.event_id,
                kind=participant.kind,
                name_th=participant.name_th,
                name_en=participant.name_en,
                position_th=participant.position_th,
                province_code=participant.province_code,
                district_code=participant.district_code,
                organisation=participant.organisation,
                quota=place.quota,
                occurred_at=now,
            ),
        )
        await uow.commit()
    return registration


def participant_cancelled(registration: Registration) -> contract.ParticipantCancelled:
    assert registration.cancelled_at is not None
    return contract.ParticipantCancelled(
        registration_id=registration.registration_id,
        event_id=registration.event_id,
        occurred_at=registration.cancelled_at,
    )


async def cancel_participant(
    cmd: commands.CancelParticipant, uow: TrainingsUnitOfWork, clock: Clock = now_bangkok
) -> Registration:
    now = clock()
    async with uow:
        event = await _event(uow, cmd.event_id, Action.MANAGE_REGISTRATIONS)
        _check_training(event)
        registration = await uow.registrations.get(cmd.registration_id)
        if registration is None or registration.event_id != event.event_id:
            raise NotFound(
                f"ไม่พบการลงทะเบียนนี้ในงานนี้ / there is no registration {cmd.registration_id} "
                "at this event"
            )
        registration.cancel_participant(now)
        await uow.trainings.save_cancelled_participant(registration)
        uow.publish(registration.registration_id, participant_cancelled(registration))
        await uow.commit()
    return registration


async def record_expense(
    cmd: commands.RecordExpense, uow: TrainingsUnitOfWork, clock: Clock = now_bangkok
) -> dict[str, Any]:
    """Pay an expense from the event's budget, decided with the event locked: what remains
    is read under the lock, so two expenses never both spend the same baht."""
    now = clock()
    if cmd.expense.spent_on > business_day(now):
        raise InvalidInput(
            "บันทึกค่าใช้จ่ายเมื่อจ่ายแล้ว วันที่จ่ายต้องไม่เป็นวันในอนาคต / an expense is recorded "
            "once paid: its day cannot be in the future"
        )
    expense_id = uuid.uuid4()
    async with uow:
        event = await _event(uow, cmd.event_id, Action.MANAGE_EVENTS)
        if event.status is EventStatus.CANCELLED:
            raise InvalidTransition(
                "งานถูกยกเลิกแล้ว บันทึกค่าใช้จ่ายไม่ได้ / the event is cancelled: it takes no expenses"
            )
        spent, allocated = await uow.events.budget_held(event.event_id)
        details = cmd.expense
        check_expense(details.amount, spent + allocated, event.budget)
        recorded_by = current_actor().id
        await uow.trainings.add_expense(
            expense_id,
            event.event_id,
            details.item_th,
            details.amount,
            details.spent_on,
            recorded_by,
            now,
        )
        uow.publish(
            event.event_id,
            contract.ExpenseRecorded(
                event_id=event.event_id,
                expense_id=expense_id,
                item_th=details.item_th,
                amount=details.amount,
                spent_on=details.spent_on,
                spent=spent + details.amount,
                budget=event.budget,
                occurred_at=now,
            ),
        )
        await uow.commit()
    return {"expense_id": expense_id}


COMMANDS: dict[type[Any], Callable[..., Any]] = {
    **agenda_handlers.COMMANDS,
    commands.RegisterParticipant: register_participant,
    commands.CancelParticipant: cancel_participant,
    commands.RecordExpense: record_expense,
}
