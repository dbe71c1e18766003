"""An event's places: who gets one (reserved quota places go only to members who match the
quota; the places no quota reserves go to anyone eligible), and the event's places as the
aggregate every seat decision is made on."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from services.events.domain.event import Event
from services.events.domain.members import MemberProfile
from services.events.domain.quotas import Claimant, Place, open_place
from shared.contracts.events import ParticipantKind

__all__ = ["EventPlaces", "Place", "PlacesTaken", "place_for"]


@dataclass(frozen=True)
class PlacesTaken:
    """Confirmed places of an event, counted per quota label (None: general places)."""

    counts: Counter[str | None] = field(default_factory=Counter)

    @classmethod
    def of(cls, quotas: list[str | None]) -> PlacesTaken:
        return cls(Counter(quotas))

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def by_quota(self) -> dict[str, int]:
        return {label: n for label, n in self.counts.items() if label is not None and n}

    def plus(self, place: Place) -> PlacesTaken:
        counts = Counter(self.counts)
        counts[place.quota] += 1
        return PlacesTaken(counts)

    def minus(self, place: Place) -> PlacesTaken:
        counts = Counter(self.counts)
        counts[place.quota] -= 1
        return PlacesTaken(counts)


def place_for(member: MemberProfile, event: Event, taken: PlacesTaken) -> Place | None:
    """The place the member gets now, or None when every place open to it is taken.

    A member matching a quota takes a reserved place first, so the general places stay
    open to everyone else. A per-district quota's place is one in the district of a network
    role the member holds."""
    claimant = Claimant(ParticipantKind.MEMBER, member.districts, member.matches)
    return open_place(
        claimant, event.quotas, event.capacity, event.host_province_code, taken.counts
    )


@dataclass
class EventPlaces:
    """The event with its places: capacity, quotas, and the confirmed registrations holding
    them. The consistency boundary of every seat decision: the repository hands it out only
    with the event locked until the unit of work ends, and the database refuses a count
    beyond the capacity or a quota's places whatever happens here."""

    event: Event
    taken: PlacesTaken = field(default_factory=PlacesTaken)

    @property
    def full(self) -> bool:
        return self.taken.total >= self.event.capacity

    def place_for(self, member: MemberProfile) -> Place | None:
        return place_for(member, self.event, self.taken)

    def place_for_claimant(self, claimant: Claimant) -> Place | None:
        event = self.event
        return open_place(
            claimant, event.quotas, event.capacity, event.host_province_code, self.taken.counts
        )

    def take(self, place: Place) -> None:
        self.taken = self.taken.plus(place)

    def release(self, place: Place) -> None:
        self.taken = self.taken.minus(place)

    def check_room(self) -> None:
        """After a change of capacity or quotas, everyone confirmed still has a place."""
        self.event.check_room_for(self.taken.total, self.taken.by_quota())
