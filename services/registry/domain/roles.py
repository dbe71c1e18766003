"""Network roles: the person of an active member holding an office of the network for a term.

Pure Python: no I/O.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from services.registry.domain import events
from services.registry.domain.members import Member
from shared.contracts.registry import MemberStatus, NetworkRole
from shared.errors import Conflict, InvalidInput, InvalidTransition

PRESIDENT_ROLES = frozenset({NetworkRole.PROVINCIAL_PRESIDENT, NetworkRole.DISTRICT_PRESIDENT})


@dataclass(frozen=True)
class RoleAssignment:
    assignment_id: uuid.UUID
    member_id: uuid.UUID
    person_name: str
    role: NetworkRole
    province_code: str
    district_code: str | None
    term_start: date
    term_end: date

    @classmethod
    def assign(
        cls,
        member: Member,
        *,
        person_name: str,
        role: NetworkRole,
        province_code: str,
        district_code: str | None,
        term_start: date,
        term_end: date,
    ) -> tuple[RoleAssignment, events.RoleAssigned]:
        if member.status is not MemberStatus.ACTIVE:
            raise InvalidTransition(
                f"only an active member's person can hold a role; this member is "
                f"{member.status.value}"
            )
        if term_end <= term_start:
            raise InvalidInput("term_end must be after term_start")
        if role is NetworkRole.DISTRICT_PRESIDENT and not district_code:
            raise InvalidInput("a district network president needs a district_code")
        if role is NetworkRole.PROVINCIAL_PRESIDENT and district_code:
            raise InvalidInput("a provincial network president is for a whole province")
        assignment = cls(
            assignment_id=uuid.uuid4(),
            member_id=member.member_id,
            person_name=person_name,
            role=role,
            province_code=province_code,
            district_code=district_code,
            term_start=term_start,
            term_end=term_end,
        )
        return assignment, events.RoleAssigned(assignment)

    def overlaps(self, other: RoleAssignment) -> bool:
        return self.term_start < other.term_end and other.term_start < self.term_end

    @property
    def is_single_holder(self) -> bool:
        return self.role in PRESIDENT_ROLES

    def refuse_overlap_with(self, holders: list[RoleAssignment]) -> None:
        """A single-holder office has one holder at a time: refuse a term that overlaps a
        holder's term of the same office in the same area."""
        overlapping = [h for h in holders if self.overlaps(h)]
        if overlapping:
            holder = overlapping[0]
            raise Conflict(
                f"{role_title(self.role)} of this area is held by {holder.person_name} "
                f"from {holder.term_start} to {holder.term_end}, overlapping this term"
            )


def role_title(role: NetworkRole) -> str:
    return role.value.replace("_", " ")
