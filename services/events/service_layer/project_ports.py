"""The port the development projects' handlers use besides the events service's own."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, Protocol

from services.events.domain.projects import CandidateMember, SelectionRules
from services.events.service_layer.unit_of_work import EventsUnitOfWork
from shared.contracts.development import ProductBefore, RecipientKind
from shared.contracts.registry import MemberType, NetworkRole


class ProjectRepository(Protocol):
    async def set_rules(self, event_id: uuid.UUID, rules: SelectionRules) -> None: ...
    async def rules(self, event_id: uuid.UUID) -> SelectionRules | None: ...
    async def members(
        self, provinces: frozenset[str], on: date, member_id: uuid.UUID | None = None
    ) -> list[CandidateMember]:
        """Active members of the registry copy (in the provinces, when named)."""
        ...

    async def record_products(
        self, event_id: uuid.UUID, member_id: uuid.UUID, now: datetime
    ) -> list[ProductBefore]: ...
    async def project_product(self, event_id: uuid.UUID, product_id: uuid.UUID) -> Any: ...
    async def is_confirmed(self, event_id: uuid.UUID, member_id: uuid.UUID) -> bool: ...
    async def member_type(self, member_id: uuid.UUID) -> MemberType | None: ...
    async def holds_role(self, member_id: uuid.UUID, role: NetworkRole, on: date) -> bool: ...
    async def allocated(self, event_id: uuid.UUID) -> int: ...
    async def add_grant(
        self,
        grant_id: uuid.UUID,
        event_id: uuid.UUID,
        member_id: uuid.UUID,
        kind: RecipientKind,
        amount: int,
        purpose_th: str,
        actor: str,
        now: datetime,
    ) -> None: ...
    async def locked_grant(self, grant_id: uuid.UUID) -> Any: ...
    async def add_disbursement(
        self,
        disbursement_id: uuid.UUID,
        grant_id: uuid.UUID,
        amount: int,
        disbursed_on: date,
        note_th: str | None,
        actor: str,
        now: datetime,
    ) -> int: ...
    async def save_plan(
        self,
        event_id: uuid.UUID,
        product_id: uuid.UUID,
        goal_th: str,
        goal_en: str | None,
        actions: list[str],
        target_stars: int | None,
        actor: str,
        now: datetime,
    ) -> int: ...
    async def add_nomination(
        self,
        nomination_id: uuid.UUID,
        event_id: uuid.UUID,
        province_code: str,
        product_id: uuid.UUID,
        member_id: uuid.UUID,
        nominated_by: uuid.UUID,
        actor: str,
        now: datetime,
    ) -> bool: ...


class ProjectsUnitOfWork(EventsUnitOfWork):
    projects: ProjectRepository
