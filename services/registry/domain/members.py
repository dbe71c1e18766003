"""The member aggregate: an OTOP producer or entrepreneur, its status and its personal data.

Pure Python: no I/O. Each change bumps the member's version and returns the event that says
what happened (domain/events.py).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from services.registry.domain import events
from shared.contracts.registry import ERASED_TEXT, Contact, MemberStatus, MemberType, SiteAddress
from shared.errors import InvalidInput, InvalidTransition

ALLOWED_STATUS_CHANGES: dict[MemberStatus, frozenset[MemberStatus]] = {
    MemberStatus.PENDING: frozenset({MemberStatus.ACTIVE, MemberStatus.WITHDRAWN}),
    MemberStatus.ACTIVE: frozenset({MemberStatus.SUSPENDED, MemberStatus.WITHDRAWN}),
    MemberStatus.SUSPENDED: frozenset({MemberStatus.ACTIVE, MemberStatus.WITHDRAWN}),
    MemberStatus.WITHDRAWN: frozenset(),
}


@dataclass
class Member:
    member_id: uuid.UUID
    member_type: MemberType
    name_th: str
    name_en: str | None
    contact: Contact
    site: SiteAddress
    community_enterprise: bool
    community_enterprise_no: str | None
    preferred_language: str
    status: MemberStatus
    registered_at: datetime
    version: int = 1
    # When the member's personal data was erased on request (PDPA); None while it is held.
    erased_at: datetime | None = None

    @classmethod
    def register(
        cls,
        *,
        member_type: MemberType,
        name_th: str,
        name_en: str | None,
        contact: Contact,
        site: SiteAddress,
        community_enterprise: bool,
        community_enterprise_no: str | None,
        preferred_language: str,
        now: datetime,
    ) -> tuple[Member, events.MemberRegistered]:
        if community_enterprise_no and not community_enterprise:
            raise InvalidInput("community_enterprise_no is given but community_enterprise is false")
        member = cls(
            member_id=uuid.uuid4(),
            member_type=member_type,
            name_th=name_th,
            name_en=name_en,
            contact=contact,
            site=site,
            community_enterprise=community_enterprise,
            community_enterprise_no=community_enterprise_no,
            preferred_language=preferred_language,
            status=MemberStatus.PENDING,
            registered_at=now,
        )
        return member, events.MemberRegistered(member.copy())

    def copy(self) -> Member:
        """The member as it is now; its values are immutable, so a shallow copy keeps them."""
        return replace(self)

    def update(self, **changes: object) -> events.MemberDetailsChanged | None:
        """Apply the given field changes; None when nothing actually changed."""
        if self.erased_at is not None:
            raise InvalidTransition(
                "the member's personal data was erased on request; its details cannot be "
                "changed (register the producer again instead)"
            )
        if self.status is MemberStatus.WITHDRAWN:
            raise InvalidTransition("a withdrawn member cannot be changed")
        changed = sorted(k for k, v in changes.items() if getattr(self, k) != v)
        if not changed:
            return None
        candidate = replace(self, **{k: changes[k] for k in changed})  # type: ignore[arg-type]
        if candidate.community_enterprise_no and not candidate.community_enterprise:
            raise InvalidInput("community_enterprise_no is given but community_enterprise is false")
        for name in changed:
            setattr(self, name, changes[name])
        self.version += 1
        return events.MemberDetailsChanged(self.copy(), changed_fields=tuple(changed))

    @property
    def may_be_a_person(self) -> bool:
        """A single owner or an SME may be a natural person, whose name is personal data; a
        community producer group is a group and keeps its name."""
        return self.member_type is not MemberType.COMMUNITY_GROUP

    def erase(self, now: datetime) -> events.MemberErased | None:
        """Erase the personal data on request (PDPA); None when it was erased before.

        Kept: the member id, type, status, DOPA area (codes, names, postal code),
        community-enterprise status and number, language. Cleared: the contact person's
        name, phone, e-mail and LINE id, the address line, and the names of a member that
        may be a natural person."""
        if self.erased_at is not None:
            return None
        self.contact = Contact(name=ERASED_TEXT)
        self.site = self.site.model_copy(update={"address_line": ERASED_TEXT})
        if self.may_be_a_person:
            self.name_th, self.name_en = ERASED_TEXT, None
        self.erased_at = now
        self.version += 1
        return events.MemberErased(self.copy(), erased_at=now)

    def change_status(self, status: MemberStatus, reason: str | None) -> events.MemberStatusChanged:
        if status == self.status:
            raise InvalidTransition(f"the member is already {status.value}")
        if status not in ALLOWED_STATUS_CHANGES[self.status]:
            allowed = ", ".join(sorted(s.value for s in ALLOWED_STATUS_CHANGES[self.status]))
            raise InvalidTransition(
                f"a {self.status.value} member cannot become {status.value}"
                + (f" (allowed: {allowed})" if allowed else " (withdrawal is final)")
            )
        previous = self.status
        self.status = status
        self.version += 1
        return events.MemberStatusChanged(
            member_id=self.member_id,
            version=self.version,
            previous_status=previous,
            status=status,
            reason=reason,
        )

    def can_list_products(self) -> None:
        if self.status in (MemberStatus.SUSPENDED, MemberStatus.WITHDRAWN):
            raise InvalidTransition(f"a {self.status.value} member cannot list or change products")


def erased_event_data(data: dict[str, Any], member: Member) -> dict[str, Any]:
    """A published event's `data` with the personal data the member's erasure cleared
    replaced as it now reads, so replaying the event cannot bring the erased data back."""
    if "contact" in data:
        data["contact"] = member.contact.model_dump(mode="json")
    if isinstance(data.get("site"), dict):
        data["site"] = {**data["site"], "address_line": member.site.address_line}
    if "name_th" in data:
        data["name_th"], data["name_en"] = member.name_th, member.name_en
    if "person_name" in data:
        data["person_name"] = ERASED_TEXT
    return data
