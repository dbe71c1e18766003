"""The public form of the events service's domain events: each maps to the contract model its
topic carries (shared.contracts.events). The unit of work calls `to_contract` on every event
a handler published when it writes them to the outbox."""

from __future__ import annotations

import dataclasses
from functools import singledispatch
from typing import Any

from pydantic import BaseModel

from services.events.domain import events
from services.events.domain.event import Event
from shared.contracts import events as contract
from shared.contracts import trainings

# What the event keeps that its published state does not show.
_NOT_PUBLISHED = frozenset({"cancel_reason", "published_at", "cancelled_at", "closed_at"})


@singledispatch
def to_contract(event: object) -> BaseModel:
    raise TypeError(f"{type(event).__name__} has no public contract model to publish as")


def _as_declared(event: BaseModel) -> BaseModel:
    """Trainings' messages are published as their contract models already."""
    return event


for _declared in trainings.EVENT_TYPES:
    to_contract.register(_declared.data)(_as_declared)


def _state(event: Event) -> dict[str, Any]:
    """The event's full state as its lifecycle messages carry it."""
    values = {
        f.name: getattr(event, f.name)
        for f in dataclasses.fields(event)
        if f.name not in _NOT_PUBLISHED
    }
    values["public_holidays"] = event.public_holidays
    return values


def _summary(summary: events.EventSummary) -> contract.EventSummary:
    return contract.EventSummary(
        event_id=summary.event_id,
        kind=summary.kind,
        title_th=summary.title_th,
        title_en=summary.title_en,
        host_province_code=summary.host_province_code,
        venue_th=summary.venue_th,
        venue_en=summary.venue_en,
        starts_at=summary.starts_at,
        ends_at=summary.ends_at,
    )


def _change(change: events.RegistrationChanged) -> dict[str, Any]:
    return {
        "registration_id": change.registration_id,
        "event_id": change.event_id,
        "member_id": change.member_id,
        "version": change.version,
        "event": _summary(change.event),
        "occurred_at": change.occurred_at,
    }


@to_contract.register
def _published(published: events.EventPublished) -> contract.EventPublished:
    return contract.EventPublished(**_state(published.event))


@to_contract.register
def _updated(updated: events.EventUpdated) -> contract.EventUpdated:
    return contract.EventUpdated(
        **_state(updated.event), changed_fields=list(updated.changed_fields)
    )


@to_contract.register
def _cancelled(cancelled: events.EventCancelled) -> contract.EventCancelled:
    event = cancelled.event
    return contract.EventCancelled(
        event_id=event.event_id,
        version=cancelled.version,
        kind=event.kind,
        title_th=event.title_th,
        title_en=event.title_en,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        reason=cancelled.reason,
        cancelled_at=cancelled.cancelled_at,
        registrations=[
            contract.AffectedRegistration(
                registration_id=registration.registration_id,
                member_id=registration.member_id,
                previous_status=registration.previous_status,
            )
            for registration in cancelled.registrations
        ],
    )


@to_contract.register
def _closed(closed: events.EventClosed) -> contract.EventClosed:
    return contract.EventClosed(
        event_id=closed.event_id,
        version=closed.version,
        closed_at=closed.closed_at,
        confirmed=closed.confirmed,
        attended=closed.attended,
        no_shows=closed.no_shows,
    )


@to_contract.register
def _confirmed(confirmed: events.RegistrationConfirmed) -> contract.RegistrationConfirmed:
    return contract.RegistrationConfirmed(**_change(confirmed), quota=confirmed.quota)


@to_contract.register
def _waitlisted(waitlisted: events.RegistrationWaitlisted) -> contract.RegistrationWaitlisted:
    return contract.RegistrationWaitlisted(**_change(waitlisted), position=waitlisted.position)


@to_contract.register
def _promoted(promoted: events.RegistrationPromoted) -> contract.RegistrationPromoted:
    return contract.RegistrationPromoted(**_change(promoted), quota=promoted.quota)


@to_contract.register
def _registration_cancelled(
    cancelled: events.RegistrationCancelled,
) -> contract.RegistrationCancelled:
    return contract.RegistrationCancelled(
        **_change(cancelled),
        previous_status=cancelled.previous_status,
        reason=cancelled.reason,
    )


@to_contract.register
def _checked_in(checked_in: events.RegistrationCheckedIn) -> contract.RegistrationCheckedIn:
    return contract.RegistrationCheckedIn(
        **_change(checked_in), checked_in_at=checked_in.occurred_at
    )


@to_contract.register
def _booth_assigned(assigned: events.BoothAssigned) -> contract.BoothAssigned:
    return contract.BoothAssigned(
        **_change(assigned),
        zone=assigned.booth.zone,
        booth_number=assigned.booth.number,
        assigned_by=assigned.assigned_by,
    )
