"""Handlers of registrations: apply, approve or reject, cancel, booths, check-in, and the
withdrawal of a suspended member's registrations.

Every handler that decides about a place takes the event's places (locked) first, then
re-reads the registration under that lock. Staff handlers then ask that the actor may manage
registrations in the event's host province (booths: manage the event) before changing
anything; the withdrawal, run by the registry's consumer, acts as the system."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime

from services.events.domain.booths import Booth, check_booth_free
from services.events.domain.places import EventPlaces, Place
from services.events.domain.registration import Registration
from services.events.service_layer import commands
from services.events.service_layer.placement import (
    locked_places,
    place_or_waitlist,
    promote_waitlisted,
)
from services.events.service_layer.unit_of_work import EventsUnitOfWork
from shared.contracts.events import CancellationReason, EventStatus, RegistrationStatus
from shared.errors import Conflict, InvalidInput, InvalidTransition, NotFound
from shared.identity.actor import authorize
from shared.identity.roles import Action
from shared.timeutil import business_day, now_bangkok

Clock = Callable[[], datetime]


async def _registration(uow: EventsUnitOfWork, registration_id: uuid.UUID) -> Registration:
    found = await uow.registrations.get(registration_id)
    if found is None:
        raise NotFound(f"there is no registration {registration_id}")
    return found


async def _locked(
    uow: EventsUnitOfWork, registration_id: uuid.UUID, action: Action
) -> tuple[Registration, EventPlaces]:
    """The registration's event and places locked, the actor allowed `action` in the event's
    host province, then the registration read again under the lock."""
    found = await _registration(uow, registration_id)
    places = await locked_places(uow, found.event_id)
    authorize(action, places.event.host_province_code)
    return await _registration(uow, registration_id), places


async def register_for_event(
    cmd: commands.RegisterForEvent, uow: EventsUnitOfWork, clock: Clock = now_bangkok
) -> Registration:
    now = clock()
    async with uow:
        # The member's row before the event's, the order a suspension takes them in: a
        # suspension being applied is waited for, and one that comes later finds this
        # registration when it looks for the member's open ones.
        await uow.members.hold(cmd.member_id)
        places = await locked_places(uow, cmd.event_id)
        event = places.event
        authorize(Action.MANAGE_REGISTRATIONS, event.host_province_code)
        event.check_open_for_registration(now)
        member = await uow.members.profile(cmd.member_id, business_day(now))
        if member is None:
            raise InvalidInput(
                f"member {cmd.member_id} is not known to the events service; members come "
                "from the registry",
                member_id=str(cmd.member_id),
            )
        member.check_eligible(event)
        if await uow.registrations.open_of_member(event.event_id, member.member_id):
            raise Conflict("the member is already registered for this event")
        registration = Registration.apply(event.event_id, member.member_id, now)
        if event.requires_approval:
            await uow.registrations.add(registration)
            uow.audit("registration.applied", "registration", registration.registration_id)
        else:
            await place_or_waitlist(uow, places, registration, member, now, is_new=True)
        await uow.commit()
    return registration


async def approve_registration(
    cmd: commands.ApproveRegistration, uow: EventsUnitOfWork, clock: Clock = now_bangkok
) -> Registration:
    now = clock()
    async with uow:
        registration, places = await _locked(uow, cmd.registration_id, Action.MANAGE_REGISTRATIONS)
        event = places.event
        event.check_running()
        if registration.status is not RegistrationStatus.PENDING_APPROVAL:
            raise InvalidTransition(
                f"only a registration awaiting approval can be approved; this one is "
                f"{registration.status.value}"
            )
        member = await uow.members.profile(registration.member_id, business_day(now))
        if member is None:
            raise Conflict(f"member {registration.member_id} is no longer known")
        member.check_eligible(event)
        await place_or_waitlist(uow, places, registration, member, now, is_new=False)
        await uow.commit()
    return registration


async def reject_registration(
    cmd: commands.RejectRegistration, uow: EventsUnitOfWork, clock: Clock = now_bangkok
) -> Registration:
    return await cancel_registration(
        commands.CancelRegistration(
            registration_id=cmd.registration_id, reason=CancellationReason.REJECTED
        ),
        uow,
        clock,
    )


async def cancel_registration(
    cmd: commands.CancelRegistration, uow: EventsUnitOfWork, clock: Clock = now_bangkok
) -> Registration:
    """Cancel one registration; a place that comes free goes to the next eligible member on
    the waitlist, with the booth that came free."""
    now = clock()
    async with uow:
        registration, places = await _locked(uow, cmd.registration_id, Action.MANAGE_REGISTRATIONS)
        places.event.check_running()
        await _cancel_and_refill(uow, places, registration, cmd.reason, now)
        await uow.commit()
    return registration


async def _cancel_and_refill(
    uow: EventsUnitOfWork,
    places: EventPlaces,
    registration: Registration,
    reason: CancellationReason,
    now: datetime,
) -> None:
    held_place = registration.status is RegistrationStatus.CONFIRMED
    freed: list[Booth] = [registration.booth] if registration.booth else []
    cancelled = registration.cancel(reason, places.event.summary(), now)
    await uow.booths.release(registration.registration_id)
    await uow.registrations.save(registration)
    uow.publish(registration.registration_id, cancelled)
    if held_place:
        places.release(Place(registration.quota))
        await promote_waitlisted(uow, places, now, freed)


async def assign_booth(
    cmd: commands.AssignBooth, uow: EventsUnitOfWork, clock: Clock = now_bangkok
) -> Registration:
    """Staff put a confirmed exhibitor in a booth of their choice."""
    now = clock()
    booth = Booth(cmd.booth.zone, cmd.booth.booth_number)
    async with uow:
        registration, places = await _locked(uow, cmd.registration_id, Action.MANAGE_EVENTS)
        event = places.event
        event.check_running()
        if not event.has_booths:
            raise InvalidTransition("only showcases and fairs have booths")
        if registration.booth != booth:
            check_booth_free(booth, await uow.booths.taken(registration.event_id))
        assigned = registration.assign_booth(booth, "staff", event.summary(), now)
        if assigned is not None:
            await uow.booths.assign(registration)
            await uow.registrations.save(registration)
            uow.publish(registration.registration_id, assigned)
        await uow.commit()
    return registration


async def check_in(
    cmd: commands.CheckIn, uow: EventsUnitOfWork, clock: Clock = now_bangkok
) -> Registration:
    """Record the member's arrival; checking in again changes nothing."""
    async with uow:
        registration, places = await _locked(uow, cmd.registration_id, Action.MANAGE_REGISTRATIONS)
        event = places.event
        if cmd.event_id is not None and cmd.event_id != event.event_id:
            raise Conflict(
                f"การลงทะเบียนนี้เป็นของกิจกรรม {event.title_th} ไม่ใช่กิจกรรมที่หน้างานนี้ / "
                f"this registration is for another event ({event.event_id})",
                event_id=str(event.event_id),
            )
        registration.check_checks_in_at_door()
        if registration.checked_in_at is None:
            event.check_running()
        checked_in = registration.check_in(event.summary(), clock())
        if checked_in is not None:
            await uow.registrations.save(registration)
            uow.publish(registration.registration_id, checked_in)
        await uow.commit()
    return registration


async def withdraw_member_registrations(
    cmd: commands.WithdrawMemberRegistrations, uow: EventsUnitOfWork, clock: Clock = now_bangkok
) -> int:
    """The member was suspended or withdrawn: its open registrations of events still to run
    are cancelled and their places refilled. Returns how many were cancelled."""
    now = clock()
    cancelled = 0
    async with uow:
        # Events in a fixed order, so two withdrawals at once cannot deadlock.
        for event_id in sorted(
            await uow.registrations.events_with_open_registrations_of(cmd.member_id)
        ):
            places = await locked_places(uow, event_id)
            event = places.event
            registration = await uow.registrations.open_of_member(event_id, cmd.member_id)
            if registration is None or event.status is not EventStatus.PUBLISHED:
                continue
            if event.ends_at <= now:  # over, not yet closed: its attendance stays as it was
                continue
            await _cancel_and_refill(
                uow, places, registration, CancellationReason.MEMBER_SUSPENDED, now
            )
            cancelled += 1
        await uow.commit()
    return cancelled
