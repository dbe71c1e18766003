"""A participant who is not a member: an official or a network office holder registered by
staff for a training or workshop, by name, position and district. Pure Python: no I/O."""

from __future__ import annotations

from dataclasses import dataclass

import geothai

from services.events.domain.geography import check_province
from services.events.domain.quotas import Claimant
from shared.contracts.events import EventKind, ParticipantKind
from shared.errors import InvalidInput, InvalidTransition

# Events that take participants who are not members.
PARTICIPANT_KINDS_OF_EVENTS = frozenset({EventKind.TRAINING, EventKind.WORKSHOP})

KIND_TH = {
    ParticipantKind.MEMBER: "สมาชิก",
    ParticipantKind.OFFICIAL: "เจ้าหน้าที่",
    ParticipantKind.OFFICE_HOLDER: "ผู้ดำรงตำแหน่งในเครือข่าย",
}


@dataclass(frozen=True)
class Participant:
    kind: ParticipantKind
    name_th: str
    position_th: str
    province_code: str
    name_en: str | None = None
    district_code: str | None = None
    organisation: str | None = None

    def __post_init__(self) -> None:
        if self.kind is ParticipantKind.MEMBER:
            raise InvalidInput(
                "a member registers with its member_id; a participant is an official or an "
                "office holder"
            )
        check_province(self.province_code)
        if self.district_code is not None:
            district = geothai.district(self.district_code)
            if district is None or district.province_code != self.province_code:
                raise InvalidInput(
                    f"there is no district {self.district_code} in province {self.province_code}"
                )

    @property
    def claimant(self) -> Claimant:
        districts = frozenset({self.district_code}) if self.district_code else frozenset()
        return Claimant(self.kind, districts, lambda _quota: True)


def check_takes_participants(kind: EventKind) -> None:
    if kind not in PARTICIPANT_KINDS_OF_EVENTS:
        raise InvalidTransition(
            f"รับผู้เข้าร่วมที่ไม่ใช่สมาชิกได้เฉพาะการอบรมและการประชุมเชิงปฏิบัติการ / only "
            f"trainings and workshops take participants who are not members; this is a "
            f"{kind.value}"
        )
