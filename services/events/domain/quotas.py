"""Which place a claimant takes: reserved quota places (per district of the host province
where the quota says so, only for the kinds of participant it names) first, then the places
no quota reserves. Pure Python: no I/O."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import geothai

from shared.contracts.events import ParticipantKind, Quota

# A per-district quota's places are counted under '<label>#<district code>'.
SEPARATOR = "#"


def district_label(label: str, district_code: str) -> str:
    return f"{label}{SEPARATOR}{district_code}"


def quota_label(place_label: str) -> str:
    """The quota a place's label belongs to ('label#9001' → 'label')."""
    base, sep, district = place_label.rpartition(SEPARATOR)
    return base if sep and len(district) == 4 and district.isdigit() else place_label


def districts_of(province_code: str) -> list[str]:
    return [d.code for d in geothai.districts(province_code)]


def reserved_places(quota: Quota, host_province_code: str) -> int:
    """The places the quota reserves in all: per district, its places times the districts."""
    if quota.per_district:
        return quota.places * len(districts_of(host_province_code))
    return quota.places


def reserved_total(quotas: Iterable[Quota], host_province_code: str) -> int:
    return sum(reserved_places(q, host_province_code) for q in quotas)


def admits(quota: Quota, kind: ParticipantKind) -> bool:
    """A quota naming no kind of participant is for members only."""
    kinds = quota.participant_kinds or [ParticipantKind.MEMBER]
    return kind in kinds


@dataclass(frozen=True)
class Place:
    """A confirmed place: under a quota (its place label) or one of the general places (None)."""

    quota: str | None = None


@dataclass(frozen=True)
class Claimant:
    """Who asks for a place: its kind, the districts it stands for (a participant's own, a
    member's network roles' districts) and the quotas' own criteria it meets."""

    kind: ParticipantKind
    districts: frozenset[str]
    meets: Callable[[Quota], bool]


def open_place(
    claimant: Claimant,
    quotas: list[Quota],
    capacity: int,
    host_province_code: str,
    taken: Counter[str | None],
) -> Place | None:
    """The place the claimant takes now, or None when every place open to it is taken.

    A claimant matching a quota takes a reserved place first, so the general places stay
    open to everyone else."""
    if sum(taken.values()) >= capacity:
        return None
    for quota in quotas:
        if not admits(quota, claimant.kind) or not claimant.meets(quota):
            continue
        if quota.per_district:
            for district in sorted(claimant.districts):
                if not district.startswith(host_province_code):
                    continue
                label = district_label(quota.label, district)
                if taken[label] < quota.places:
                    return Place(label)
        elif taken[quota.label] < quota.places:
            return Place(quota.label)
    general = capacity - reserved_total(quotas, host_province_code)
    if taken[None] < general:
        return Place(None)
    return None
