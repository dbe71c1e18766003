"""Photos of products and communities: upload (checked and resized), remove, reorder, list,
and the files served to browsers. Who may change a subject's photos is decided by the page
that calls this (it knows the subject's area)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Protocol

from services.web.domain.photos import (
    MAX_PHOTOS,
    VARIANTS,
    Photo,
    PhotoFile,
    PhotoNotFound,
    PreparedPhoto,
    Subject,
    TooManyPhotos,
)

NO_PHOTO = "ไม่พบรูปภาพนี้ / no such photo"


class PhotoRepository(Protocol):
    async def of_subject(self, subject: Subject) -> list[Photo]: ...

    async def first_of(self, kind: str, ids: list[uuid.UUID]) -> dict[uuid.UUID, Photo]: ...

    async def by_id(self, photo_id: uuid.UUID) -> Photo | None: ...

    async def add(
        self,
        photo_id: uuid.UUID,
        subject: Subject,
        prepared: PreparedPhoto,
        uploaded_by: str,
        *,
        most: int,
    ) -> int | None: ...

    async def remove(self, subject: Subject, photo_id: uuid.UUID) -> bool: ...

    async def reorder(self, subject: Subject, photo_id: uuid.UUID, position: int) -> bool: ...

    async def file(self, photo_id: uuid.UUID, variant: str) -> PhotoFile | None: ...

    async def etag(self, photo_id: uuid.UUID, variant: str) -> str | None: ...


Prepare = Callable[[bytes], PreparedPhoto]


class Photos:
    def __init__(self, repository: PhotoRepository, prepare: Prepare) -> None:
        self._repository = repository
        self._prepare = prepare

    async def add(self, subject: Subject, data: bytes, *, uploaded_by: str) -> Photo:
        """Check, resize and store an upload as the subject's last photo. Refuses with
        NotAnImage (415), PhotoTooLarge (413) or TooManyPhotos (409)."""
        prepared = self._prepare(data)
        photo_id = uuid.uuid4()
        position = await self._repository.add(
            photo_id, subject, prepared, uploaded_by, most=MAX_PHOTOS
        )
        if position is None:
            raise TooManyPhotos(
                f"มีรูปครบ {MAX_PHOTOS} รูปแล้ว ลบรูปเดิมก่อน / there are {MAX_PHOTOS} photos "
                "already; remove one first"
            )
        found = await self._repository.by_id(photo_id)
        assert found is not None
        return found

    async def of_subject(self, subject: Subject) -> list[Photo]:
        """The subject's photos in their order (first: the one shown in lists)."""
        return await self._repository.of_subject(subject)

    async def first_of(self, kind: str, ids: list[uuid.UUID]) -> dict[uuid.UUID, Photo]:
        """{subject id: its first photo} for those of `ids` that have photos."""
        if not ids:
            return {}
        return await self._repository.first_of(kind, ids)

    async def remove(self, subject: Subject, photo_id: uuid.UUID) -> None:
        if not await self._repository.remove(subject, photo_id):
            raise PhotoNotFound(NO_PHOTO)

    async def move(self, subject: Subject, photo_id: uuid.UUID, position: int) -> None:
        """Put the photo at `position` (1 = first); the others keep their order."""
        if not await self._repository.reorder(subject, photo_id, position):
            raise PhotoNotFound(NO_PHOTO)

    async def file(self, photo_id: uuid.UUID, variant: str) -> PhotoFile:
        """A served variant's bytes ('320.webp', '960.jpg', ...); never the original."""
        found = await self._repository.file(photo_id, variant) if variant in VARIANTS else None
        if found is None:
            raise PhotoNotFound(NO_PHOTO)
        return found

    async def etag(self, photo_id: uuid.UUID, variant: str) -> str | None:
        if variant not in VARIANTS:
            return None
        return await self._repository.etag(photo_id, variant)
