"""Handlers of the calendar: plan, change, publish, cancel and close events.

Each asks that the actor may manage events in the host province (as stored; a change of
host province also in the new one) before it changes anything. A change that publishes no
event (a draft planned, changed or cancelled) is written to the audit trail as such."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from services.events.domain.agenda import check_agenda_within, check_budget_covers
from services.events.domain.event import Event
from services.events.domain.events import RegistrationCancelled
from services.events.service_layer import commands
from services.events.service_layer.placement import locked_places, promote_waitlisted
from services.events.service_layer.training_handlers import participant_cancelled
from services.events.service_layer.unit_of_work import EventsUnitOfWork
from shared.contracts.events import CancellationReason
from shared.identity.actor import authorize
from shared.identity.roles import Action
from shared.timeutil import now_bangkok

Clock = Callable[[], datetime]


async def plan_event(cmd: commands.PlanEvent, uow: EventsUnitOfWork) -> Event:
    details = {name: getattr(cmd.details, name) for name in type(cmd.details).model_fields}
    details["quotas"] = list(cmd.details.quotas)
    authorize(Action.MANAGE_EVENTS, cmd.details.host_province_code)
    event = Event.plan(**details)
    async with uow:
        await uow.events.add(event)
        uow.audit("event.planned", "event", event.event_id)
        await uow.commit()
    return event


async def update_event(
    cmd: commands.UpdateEvent, uow: EventsUnitOfWork, clock: Clock = now_bangkok
) -> Event:
    given = cmd.changes.model_dump(exclude_unset=True)
    changes = {k: getattr(cmd.changes, k) for k in given}
    for required in (
        "title_th",
        "host_province_code",
        "venue_th",
        "starts_at",
        "ends_at",
        "registration_opens_at",
        "registration_closes_at",
        "capacity",
        "eligibility",
        "quotas",
        "requires_approval",
    ):
        if required in changes and changes[required] is None:
            del changes[required]
    async with uow:
        places = await locked_places(uow, cmd.event_id)
        event = places.event
        authorize(Action.MANAGE_EVENTS, event.host_province_code)
        moved_to = changes.get("host_province_code")
        if isinstance(moved_to, str) and moved_to != event.host_province_code:
            authorize(Action.MANAGE_EVENTS, moved_to)
        version = event.version
        budget = event.budget
        updated = event.update(changes)
        if event.budget != budget:
            check_budget_covers(event.budget, *await uow.events.budget_held(event.event_id))
        if "starts_at" in changes or "ends_at" in changes:
            span = await uow.events.session_span(event.event_id)
            check_agenda_within(span, event.starts_at, event.ends_at)
        if updated is not None or "capacity" in changes or "quotas" in changes:
            places.check_room()
        await uow.events.save(event)
        if updated is not None:
            uow.publish(event.event_id, updated)
            await promote_waitlisted(uow, places, clock())
        elif event.version != version:
            uow.audit("event.updated", "event", event.event_id)
        await uow.commit()
    return event


async def publish_event(
    cmd: commands.PublishEvent, uow: EventsUnitOfWork, clock: Clock = now_bangkok
) -> Event:
    async with uow:
        event = (await locked_places(uow, cmd.event_id)).event
        authorize(Action.MANAGE_EVENTS, event.host_province_code)
        published = event.publish(clock())
        await uow.events.save(event)
        uow.publish(event.event_id, published)
        await uow.commit()
    return event


async def cancel_event(
    cmd: commands.CancelEvent, uow: EventsUnitOfWork, clock: Clock = now_bangkok
) -> Event:
    """Cancel the event and every open registration; everyone registered is told."""
    now = clock()
    async with uow:
        event = (await locked_places(uow, cmd.event_id)).event
        authorize(Action.MANAGE_EVENTS, event.host_province_code)
        affected: list[RegistrationCancelled] = []
        for registration in await uow.registrations.open_of_event(event.event_id):
            if registration.participant is not None:
                registration.cancel_participant(now, CancellationReason.EVENT_CANCELLED)
                await uow.registrations.save(registration)
                uow.publish(registration.registration_id, participant_cancelled(registration))
                continue
            cancelled = registration.cancel(
                CancellationReason.EVENT_CANCELLED, event.summary(), now
            )
            await uow.booths.release(registration.registration_id)
            await uow.registrations.save(registration)
            uow.publish(registration.registration_id, cancelled)
            affected.append(cancelled)
        event_cancelled = event.cancel(cmd.reason, now, affected)
        await uow.events.save(event)
        if event_cancelled is not None:
            uow.publish(event.event_id, event_cancelled)
        else:
            uow.audit("event.cancelled", "event", event.event_id)
        await uow.commit()
    return event


async def close_event(
    cmd: commands.CloseEvent, uow: EventsUnitOfWork, clock: Clock = now_bangkok
) -> Event:
    """Close an event that has ended: attendance is final, the rest are no-shows."""
    async with uow:
        places = await locked_places(uow, cmd.event_id)
        event = places.event
        authorize(Action.MANAGE_EVENTS, event.host_province_code)
        attended = await uow.registrations.checked_in_count(event.event_id)
        closed = event.close(clock(), confirmed=places.taken.total, attended=attended)
        await uow.events.save(event)
        uow.publish(event.event_id, closed)
        await uow.commit()
    return event
