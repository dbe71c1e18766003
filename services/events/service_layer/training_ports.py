"""The port of trainings' handlers: participants who are not members, the agenda,
attendance, certificates and expenses (implemented in `services.events.adapters.trainings`)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Protocol

from services.events.domain.agenda import Attendee, Session
from services.events.domain.registration import Registration
from services.events.service_layer.unit_of_work import EventsUnitOfWork


class TrainingRepository(Protocol):
    async def add_participant(self, registration: Registration) -> None: ...
    async def participant_registered(
        self, event_id: uuid.UUID, name_th: str, province_code: str, district_code: str | None
    ) -> bool: ...
    async def save_cancelled_participant(self, registration: Registration) -> None: ...
    async def add_session(self, session: Session) -> None: ...
    async def save_session(self, session: Session) -> None: ...
    async def session(self, session_id: uuid.UUID) -> Session | None: ...
    async def session_attended(self, session_id: uuid.UUID) -> bool: ...
    async def delete_session(self, session_id: uuid.UUID) -> None: ...
    async def confirmed_of_event(
        self, event_id: uuid.UUID, registration_ids: list[uuid.UUID]
    ) -> set[uuid.UUID]: ...
    async def record_attendance(
        self, session_id: uuid.UUID, registration_ids: list[uuid.UUID], now: datetime
    ) -> list[uuid.UUID]: ...
    async def set_certificate_rule(self, event_id: uuid.UUID, min_sessions: int | None) -> None: ...
    async def certificate_facts(
        self, event_id: uuid.UUID
    ) -> tuple[int, int | None, list[Attendee]]: ...
    async def issue_certificate(
        self, event_id: uuid.UUID, registration_id: uuid.UUID, number: str, now: datetime
    ) -> bool: ...
    async def add_expense(
        self,
        expense_id: uuid.UUID,
        event_id: uuid.UUID,
        item_th: str,
        amount: Decimal,
        spent_on: date,
        recorded_by: str,
        now: datetime,
    ) -> None: ...


class TrainingsUnitOfWork(EventsUnitOfWork):
    trainings: TrainingRepository
