"""Rows of the events service's tables read into the domain's objects and written back."""

from __future__ import annotations

from typing import Any

import asyncpg

from services.events.domain.booths import Booth
from services.events.domain.event import Event
from services.events.domain.participants import Participant
from services.events.domain.registration import Registration
from shared.contracts.events import (
    CancellationReason,
    CapacityUnit,
    Eligibility,
    EventKind,
    EventStatus,
    ParticipantKind,
    Quota,
    RegistrationStatus,
)
from shared.money import from_satang, to_satang
from shared.timeutil import BANGKOK


def _local(moment: Any) -> Any:
    """Stored in UTC; the network's times read in Asia/Bangkok."""
    return moment.astimezone(BANGKOK) if moment is not None else None


def event_from_row(row: asyncpg.Record) -> Event:
    return Event(
        event_id=row["event_id"],
        version=row["version"],
        kind=EventKind(row["kind"]),
        status=EventStatus(row["status"]),
        title_th=row["title_th"],
        title_en=row["title_en"],
        description_th=row["description_th"],
        description_en=row["description_en"],
        host_province_code=row["host_province_code"],
        venue_th=row["venue_th"],
        venue_en=row["venue_en"],
        starts_at=_local(row["starts_at"]),
        ends_at=_local(row["ends_at"]),
        registration_opens_at=_local(row["registration_opens_at"]),
        registration_closes_at=_local(row["registration_closes_at"]),
        capacity=row["capacity"],
        capacity_unit=CapacityUnit(row["capacity_unit"]),
        budget=from_satang(row["budget_satang"]) if row["budget_satang"] is not None else None,
        eligibility=Eligibility.model_validate(row["eligibility"]),
        quotas=[Quota.model_validate(q) for q in row["quotas"]],
        requires_approval=row["requires_approval"],
        cancel_reason=row["cancel_reason"],
        published_at=_local(row["published_at"]),
        cancelled_at=_local(row["cancelled_at"]),
        closed_at=_local(row["closed_at"]),
    )


def event_values(e: Event) -> list[Any]:
    """In the column order of `events.EVENT_COLUMNS`."""
    return [
        e.event_id,
        e.version,
        e.kind.value,
        e.status.value,
        e.title_th,
        e.title_en,
        e.description_th,
        e.description_en,
        e.host_province_code,
        e.venue_th,
        e.venue_en,
        e.starts_at,
        e.ends_at,
        e.registration_opens_at,
        e.registration_closes_at,
        e.capacity,
        e.capacity_unit.value,
        to_satang(e.budget) if e.budget is not None else None,
        e.eligibility.model_dump(mode="json"),
        [q.model_dump(mode="json") for q in e.quotas],
        e.requires_approval,
        e.cancel_reason,
        e.published_at,
        e.cancelled_at,
        e.closed_at,
    ]


def participant_from_row(row: asyncpg.Record) -> Participant | None:
    """The participant who is not a member (columns `participant_*`), if the row is one's."""
    if row["participant_kind"] is None or row["participant_name_th"] is None:
        return None
    return Participant(
        kind=ParticipantKind(row["participant_kind"]),
        name_th=row["participant_name_th"],
        name_en=row["participant_name_en"],
        position_th=row["participant_position_th"],
        province_code=row["participant_province_code"],
        district_code=row["participant_district_code"],
        organisation=row["participant_organisation"],
    )


def registration_from_row(row: asyncpg.Record) -> Registration:
    booth = Booth(row["zone"], row["booth_number"]) if row["zone"] is not None else None
    return Registration(
        registration_id=row["registration_id"],
        event_id=row["event_id"],
        member_id=row["member_id"],
        status=RegistrationStatus(row["status"]),
        applied_at=_local(row["applied_at"]),
        version=row["version"],
        quota=row["quota"],
        confirmed_at=_local(row["confirmed_at"]),
        cancelled_at=_local(row["cancelled_at"]),
        cancel_reason=CancellationReason(row["cancel_reason"]) if row["cancel_reason"] else None,
        checked_in_at=_local(row["checked_in_at"]),
        booth=booth,
        booth_assigned_by=row["assigned_by"],
        participant=participant_from_row(row),
    )


def registration_values(r: Registration) -> list[Any]:
    return [
        r.registration_id,
        r.event_id,
        r.member_id,
        r.status.value,
        r.quota,
        r.version,
        r.applied_at,
        r.confirmed_at,
        r.cancelled_at,
        r.cancel_reason.value if r.cancel_reason else None,
        r.checked_in_at,
    ]
