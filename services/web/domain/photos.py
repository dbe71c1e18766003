"""Photos of products and communities: what may be uploaded, the sizes made of each, and the
refusals (Thai first)."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from shared.errors import Conflict, DomainError, InvalidInput, NotFound

SubjectKind = Literal["product", "community"]
SUBJECT_KINDS: tuple[str, ...] = ("product", "community")

# The longest side of each served size, in pixels, and the formats each is served in.
SIZES: tuple[int, ...] = (320, 960)
FORMATS: dict[str, str] = {"webp": "image/webp", "jpg": "image/jpeg"}
ORIGINAL = "original"

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
MIN_SIDE = 64
MAX_PHOTOS = 12
ACCEPTED_TYPES: dict[str, str] = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}


def variant_name(size: int, fmt: str) -> str:
    return f"{size}.{fmt}"


VARIANTS: tuple[str, ...] = tuple(variant_name(s, f) for s in SIZES for f in FORMATS)


@dataclass(frozen=True)
class Subject:
    kind: SubjectKind
    id: uuid.UUID

    def __post_init__(self) -> None:
        if self.kind not in SUBJECT_KINDS:
            raise InvalidInput(f"ไม่รู้จักประเภท {self.kind} / unknown photo subject {self.kind}")


@dataclass(frozen=True)
class Photo:
    photo_id: uuid.UUID
    subject: Subject
    position: int
    width: int
    height: int
    uploaded_by: str
    uploaded_at: datetime

    def url(self, size: int = 320, fmt: str = "webp") -> str:
        return f"/photos/{self.photo_id}/{variant_name(size, fmt)}"


@dataclass(frozen=True)
class PhotoFile:
    content_type: str
    etag: str
    body: bytes


@dataclass(frozen=True)
class PreparedPhoto:
    """An accepted upload: its own bytes and type, its upright size, and every variant."""

    original: PhotoFile
    width: int
    height: int
    variants: dict[str, PhotoFile]


class PhotoTooLarge(DomainError):
    slug = "photo-too-large"
    title = "The photo is too large"
    status = 413


class NotAnImage(DomainError):
    slug = "not-an-image"
    title = "The file is not a photo the platform takes"
    status = 415


class TooManyPhotos(Conflict):
    slug = "too-many-photos"
    title = "Too many photos"


class PhotoNotFound(NotFound):
    pass


def position_of(text: object) -> int | None:
    """A photo's wanted place from a form (1 = first), None unless a few ASCII digits."""
    value = str(text if text is not None else "").strip()
    return int(value) if re.fullmatch(r"[0-9]{1,4}", value) else None


def status_of(error: DomainError) -> int:
    """The HTTP status of a photo refusal."""
    explicit = getattr(error, "status", None)
    if isinstance(explicit, int):
        return explicit
    if isinstance(error, NotFound):
        return 404
    if isinstance(error, Conflict):
        return 409
    return 422


TOO_LARGE = "ไฟล์รูปใหญ่เกิน {limit} MB / the photo is larger than {limit} MB"
NOT_AN_IMAGE = "ไฟล์นี้ไม่ใช่รูปภาพ JPEG, PNG หรือ WebP / the file is not a JPEG, PNG or WebP photo"
TOO_MANY_PIXELS = (
    "รูปมีขนาดพิกเซลมากเกินไป (เกิน 40 ล้านพิกเซล) / the photo has too many pixels (over 40 megapixels)"
)
TOO_SMALL = (
    "รูปเล็กเกินไป ต้องกว้างและสูงอย่างน้อย {side} พิกเซล / "
    "the photo must be at least {side} pixels on each side"
)
