"""Giving places and booths, used by every handler that confirms or frees a place. Decisions
are made on the event's places, handed out locked (`locked_places`), so they never race; the
database refuses a count beyond the capacity whatever happens here."""

from __future__ import annotations

import uuid
from datetime import datetime

from services.events.domain.booths import Booth, next_free_booth
from services.events.domain.event import Event
from services.events.domain.members import MemberProfile
from services.events.domain.places import EventPlaces
from services.events.domain.registration import Registration
from services.events.service_layer.unit_of_work import EventsUnitOfWork
from shared.errors import NotFound
from shared.timeutil import business_day


async def locked_places(uow: EventsUnitOfWork, event_id: uuid.UUID) -> EventPlaces:
    """The event and its places, locked until the unit of work ends: every change of an
    event and every seat decision starts here."""
    places = await uow.places.locked(event_id)
    if places is None:
        raise NotFound(f"there is no event {event_id}")
    return places


async def give_booth(
    uow: EventsUnitOfWork,
    event: Event,
    registration: Registration,
    member: MemberProfile | None,
    now: datetime,
    booth: Booth | None = None,
) -> None:
    """A booth for a newly confirmed exhibitor: the one given, else the next free one in the
    zone of the exhibitor's product category."""
    if not event.has_booths:
        return
    if booth is None:
        taken = await uow.booths.taken(event.event_id)
        booth = next_free_booth(member.main_category if member else None, taken)
    assigned = registration.assign_booth(booth, "automatic", event.summary(), now)
    await uow.booths.assign(registration)
    await uow.registrations.save(registration)
    if assigned is not None:
        uow.publish(registration.registration_id, assigned)


async def place_or_waitlist(
    uow: EventsUnitOfWork,
    places: EventPlaces,
    registration: Registration,
    member: MemberProfile,
    now: datetime,
    *,
    is_new: bool,
) -> None:
    """Confirm the registration when a place open to the member is free, else waitlist it."""
    event = places.event
    place = places.place_for(member)
    if place is not None:
        confirmed = registration.confirm(place, event.summary(), now, is_new=is_new)
        places.take(place)
        await _store(uow, registration, is_new)
        uow.publish(registration.registration_id, confirmed)
        await give_booth(uow, event, registration, member, now)
    else:
        position = len(await uow.registrations.waitlisted(event.event_id)) + 1
        waitlisted = registration.waitlist(position, event.summary(), now, is_new=is_new)
        await _store(uow, registration, is_new)
        uow.publish(registration.registration_id, waitlisted)


async def _store(uow: EventsUnitOfWork, registration: Registration, is_new: bool) -> None:
    if is_new:
        await uow.registrations.add(registration)
    else:
        await uow.registrations.save(registration)


async def promote_waitlisted(
    uow: EventsUnitOfWork,
    places: EventPlaces,
    now: datetime,
    freed_booths: list[Booth] | None = None,
) -> None:
    """Fill free places from the waitlist, in order, with members still eligible; a booth that
    came free goes to the exhibitor promoted into its place."""
    event = places.event
    if event.ends_at <= now:  # nobody is promoted into an event that is over
        return
    freed = sorted(freed_booths or [])
    for registration in await uow.registrations.waitlisted(event.event_id):
        if places.full:
            return
        member = await uow.members.profile(registration.member_id, business_day(now))
        if member is None or member.reasons_not_eligible(event):
            continue
        place = places.place_for(member)
        if place is None:
            continue
        promoted = registration.promote(place, event.summary(), now)
        places.take(place)
        await uow.registrations.save(registration)
        uow.publish(registration.registration_id, promoted)
        await give_booth(
            uow, event, registration, member, now, booth=freed.pop(0) if freed else None
        )
