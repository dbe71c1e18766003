"""A member's registration for an event: awaiting approval, confirmed (with a booth at a
showcase or fair), waitlisted, or cancelled; checked in when the member arrives.

Every change bumps the registration's version, which its domain events carry."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from services.events.domain.booths import Booth
from services.events.domain.events import (
    BoothAssigned,
    EventSummary,
    RegistrationCancelled,
    RegistrationCheckedIn,
    RegistrationConfirmed,
    RegistrationPromoted,
    RegistrationWaitlisted,
)
from services.events.domain.participants import Participant
from services.events.domain.places import Place
from shared.contracts.events import CancellationReason, RegistrationStatus
from shared.errors import InvalidTransition

OPEN = frozenset(
    {
        RegistrationStatus.PENDING_APPROVAL,
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.WAITLISTED,
    }
)

_STATUS_TH = {
    RegistrationStatus.PENDING_APPROVAL: "รอการอนุมัติ",
    RegistrationStatus.CONFIRMED: "ยืนยันแล้ว",
    RegistrationStatus.WAITLISTED: "อยู่ในรายชื่อสำรอง",
    RegistrationStatus.CANCELLED: "ยกเลิกแล้ว",
}


@dataclass
class Registration:
    registration_id: uuid.UUID
    event_id: uuid.UUID
    # A member's registration; None for a participant who is not a member (`participant`).
    member_id: uuid.UUID | None
    status: RegistrationStatus
    applied_at: datetime
    version: int = 1
    quota: str | None = None
    confirmed_at: datetime | None = None
    cancelled_at: datetime | None = None
    cancel_reason: CancellationReason | None = None
    checked_in_at: datetime | None = None
    booth: Booth | None = None
    booth_assigned_by: str | None = None
    participant: Participant | None = None

    @classmethod
    def apply(cls, event_id: uuid.UUID, member_id: uuid.UUID, now: datetime) -> Registration:
        """A new application; `confirm`, `waitlist` or nothing (awaiting approval) follows."""
        return cls(
            registration_id=uuid.uuid4(),
            event_id=event_id,
            member_id=member_id,
            status=RegistrationStatus.PENDING_APPROVAL,
            applied_at=now,
        )

    @classmethod
    def of_participant(
        cls, event_id: uuid.UUID, participant: Participant, place: Place, now: datetime
    ) -> Registration:
        """A participant who is not a member, registered by staff into a free place."""
        return cls(
            registration_id=uuid.uuid4(),
            event_id=event_id,
            member_id=None,
            status=RegistrationStatus.CONFIRMED,
            applied_at=now,
            quota=place.quota,
            confirmed_at=now,
            participant=participant,
        )

    def _member_only(self, what: str) -> None:
        if self.member_id is None:
            raise InvalidTransition(
                f"ผู้เข้าร่วมที่ไม่ใช่สมาชิก: ใช้เส้นทางของผู้เข้าร่วม / this registration is a "
                f"participant's who is not a member: {what} it through the event's participants"
            )

    def cancel_participant(
        self,
        now: datetime,
        reason: CancellationReason = CancellationReason.STAFF_CANCELLED,
    ) -> None:
        if self.participant is None:
            raise InvalidTransition(
                "ยกเลิกได้เฉพาะผู้เข้าร่วมที่ไม่ใช่สมาชิกที่นี่ / only a participant's registration "
                "is cancelled here"
            )
        if not self.is_open:
            raise InvalidTransition(
                "การลงทะเบียนนี้ถูกยกเลิกแล้ว / the registration is already cancelled"
            )
        self.version += 1
        self.status = RegistrationStatus.CANCELLED
        self.cancel_reason = reason
        self.cancelled_at = now

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

    def _change(self) -> dict[str, object]:
        return {
            "registration_id": self.registration_id,
            "event_id": self.event_id,
            "member_id": self.member_id,
            "version": self.version,
        }

    def _next_version(self, is_new: bool) -> None:
        if not is_new:
            self.version += 1

    def confirm(
        self, place: Place, event: EventSummary, now: datetime, *, is_new: bool = False
    ) -> RegistrationConfirmed:
        if self.status is not RegistrationStatus.PENDING_APPROVAL:
            raise InvalidTransition(f"a {self.status.value} registration cannot be confirmed")
        self._next_version(is_new)
        self.status = RegistrationStatus.CONFIRMED
        self.quota = place.quota
        self.confirmed_at = now
        return RegistrationConfirmed(
            **self._change(), event=event, occurred_at=now, quota=place.quota
        )

    def waitlist(
        self, position: int, event: EventSummary, now: datetime, *, is_new: bool = False
    ) -> RegistrationWaitlisted:
        if self.status is not RegistrationStatus.PENDING_APPROVAL:
            raise InvalidTransition(f"a {self.status.value} registration cannot be waitlisted")
        self._next_version(is_new)
        self.status = RegistrationStatus.WAITLISTED
        return RegistrationWaitlisted(
            **self._change(), event=event, occurred_at=now, position=position
        )

    def promote(self, place: Place, event: EventSummary, now: datetime) -> RegistrationPromoted:
        if self.status is not RegistrationStatus.WAITLISTED:
            raise InvalidTransition("only a waitlisted registration can be promoted")
        self.version += 1
        self.status = RegistrationStatus.CONFIRMED
        self.quota = place.quota
        self.confirmed_at = now
        return RegistrationPromoted(
            **self._change(), event=event, occurred_at=now, quota=place.quota
        )

    def cancel(
        self, reason: CancellationReason, event: EventSummary, now: datetime
    ) -> RegistrationCancelled:
        self._member_only("cancel")
        if not self.is_open:
            raise InvalidTransition("the registration is already cancelled")
        if reason is CancellationReason.REJECTED and (
            self.status is not RegistrationStatus.PENDING_APPROVAL
        ):
            raise InvalidTransition("only a registration awaiting approval can be rejected")
        previous = self.status
        self.version += 1
        self.status = RegistrationStatus.CANCELLED
        self.cancel_reason = reason
        self.cancelled_at = now
        self.booth = None
        self.booth_assigned_by = None
        return RegistrationCancelled(
            **self._change(),
            event=event,
            occurred_at=now,
            previous_status=previous,
            reason=reason,
        )

    def assign_booth(
        self, booth: Booth, assigned_by: str, event: EventSummary, now: datetime
    ) -> BoothAssigned | None:
        """Give the exhibitor a booth; None when it already has that one."""
        if self.status is not RegistrationStatus.CONFIRMED:
            raise InvalidTransition("only a confirmed exhibitor can be given a booth")
        if self.booth == booth:
            return None
        self.version += 1
        self.booth = booth
        self.booth_assigned_by = assigned_by
        return BoothAssigned(
            **self._change(),
            event=event,
            occurred_at=now,
            booth=booth,
            assigned_by=assigned_by,
        )

    def check_checks_in_at_door(self) -> None:
        """Only a member's registration checks in at the door: the attendance of an official
        or an office holder is recorded per session, on the training's page."""
        if self.member_id is None:
            kind = self.participant.kind.value if self.participant else None
            raise InvalidTransition(
                "เจ้าหน้าที่และผู้ดำรงตำแหน่งในเครือข่ายไม่เช็คอินที่หน้างาน: บันทึกการเข้าร่วม"
                "รายหัวข้อในหน้าการอบรม / officials and office holders do not check in at the "
                "door: their attendance is recorded per session on the training's page",
                participant_kind=kind,
                event_id=str(self.event_id),
            )

    def check_in(self, event: EventSummary, now: datetime) -> RegistrationCheckedIn | None:
        """Record the arrival; None when the member had already checked in."""
        self.check_checks_in_at_door()
        if self.checked_in_at is not None:
            return None
        if self.status is not RegistrationStatus.CONFIRMED:
            raise InvalidTransition(
                f"เช็คอินไม่ได้: การลงทะเบียนยังไม่ได้รับการยืนยัน ({_STATUS_TH[self.status]}) / "
                f"only a confirmed registration can check in; this one is {self.status.value}",
                registration_status=self.status.value,
            )
        self.version += 1
        self.checked_in_at = now
        return RegistrationCheckedIn(**self._change(), event=event, occurred_at=now)
