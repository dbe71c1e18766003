"""An in-memory stand-in for the producers' names read model (registry.members.v1)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from services.sales.domain.producers import ProducerNames, snapshot_replaces_names

if TYPE_CHECKING:
    from tests.unit.sales.fakes import FakeState


class FakeProducers:
    def __init__(self, state: FakeState) -> None:
        self._s = state

    async def keep(self, names: ProducerNames) -> None:
        known = self._s.producers.get(names.member_id)
        if known is None:
            self._s.producers[names.member_id] = names
            return
        erased_at = known.erased_at or names.erased_at
        if snapshot_replaces_names(
            erased=known.erased_at is not None, newer=names.version > known.version
        ):
            kept = replace(names, version=max(names.version, known.version), erased_at=erased_at)
        else:
            kept = replace(known, erased_at=erased_at)
        self._s.producers[names.member_id] = kept

    async def names(
        self, member_ids: Iterable[uuid.UUID]
    ) -> dict[uuid.UUID, tuple[str | None, str | None]]:
        return {
            m: (self._s.producers[m].name_th, self._s.producers[m].name_en)
            for m in member_ids
            if m in self._s.producers
        }
