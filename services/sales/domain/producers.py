"""What the sales service knows of a producer: its names, to print beside its products on a
till and a receipt. Names only: the member's contact data is never kept here."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class ProducerNames:
    """A member's names as one registry snapshot gives them, at the member's `version`;
    `erased_at` when the snapshot is the one after the member's personal data was erased."""

    member_id: uuid.UUID
    version: int
    name_th: str
    name_en: str | None
    erased_at: datetime | None = None
    district_code: str | None = None  # the site's district: who may propose its products


def snapshot_replaces_names(*, erased: bool, newer: bool) -> bool:
    """A newer snapshot gives the names; an older or repeated one only fills names still
    unknown, unless the member was erased: then no older snapshot brings a name back."""
    return newer or not erased
