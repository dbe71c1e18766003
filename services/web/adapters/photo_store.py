"""Photos and their bytes in the `web` schema."""

from __future__ import annotations

import uuid

import asyncpg

from services.web.domain.photos import ORIGINAL, Photo, PhotoFile, PreparedPhoto, Subject

_PHOTO_COLUMNS = (
    "photo_id, subject_kind, subject_id, position, width, height, uploaded_by, uploaded_at"
)
_OF_SUBJECT = f"""SELECT {_PHOTO_COLUMNS} FROM photos
 WHERE subject_kind = $1 AND subject_id = $2 ORDER BY position"""
_BY_ID = f"SELECT {_PHOTO_COLUMNS} FROM photos WHERE photo_id = $1"
_FIRST_OF = f"""SELECT DISTINCT ON (subject_id) {_PHOTO_COLUMNS} FROM photos
 WHERE subject_kind = $1 AND subject_id = ANY($2::uuid[]) ORDER BY subject_id, position"""
_LOCK = "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))"
_INSERT_PHOTO = """INSERT INTO photos (photo_id, subject_kind, subject_id, position, width,
 height, uploaded_by) VALUES ($1, $2, $3, $4, $5, $6, $7)"""
_INSERT_FILE = """INSERT INTO photo_files (photo_id, variant, content_type, etag, body)
 VALUES ($1, $2, $3, $4, $5)"""
_DELETE = "DELETE FROM photos WHERE photo_id = $1"
_SET_POSITION = "UPDATE photos SET position = $2 WHERE photo_id = $1"
_FILE = "SELECT content_type, etag, body FROM photo_files WHERE photo_id = $1 AND variant = $2"
_ETAG = "SELECT content_type, etag FROM photo_files WHERE photo_id = $1 AND variant = $2"


def _photo(row: asyncpg.Record) -> Photo:
    return Photo(
        photo_id=row["photo_id"],
        subject=Subject(row["subject_kind"], row["subject_id"]),
        position=row["position"],
        width=row["width"],
        height=row["height"],
        uploaded_by=row["uploaded_by"],
        uploaded_at=row["uploaded_at"],
    )


class PostgresPhotos:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    async def of_subject(self, subject: Subject) -> list[Photo]:
        rows = await self.pool.fetch(_OF_SUBJECT, subject.kind, subject.id)
        return [_photo(r) for r in rows]

    async def first_of(self, kind: str, ids: list[uuid.UUID]) -> dict[uuid.UUID, Photo]:
        rows = await self.pool.fetch(_FIRST_OF, kind, ids)
        return {r["subject_id"]: _photo(r) for r in rows}

    async def by_id(self, photo_id: uuid.UUID) -> Photo | None:
        row = await self.pool.fetchrow(_BY_ID, photo_id)
        return _photo(row) if row else None

    async def add(
        self,
        photo_id: uuid.UUID,
        subject: Subject,
        prepared: PreparedPhoto,
        uploaded_by: str,
        *,
        most: int,
    ) -> int | None:
        """The new photo's position, or None when the subject has `most` photos already."""
        async with self.pool.acquire() as conn, conn.transaction():
            present = await _locked(conn, subject)
            if len(present) >= most:
                return None
            position = len(present) + 1
            await conn.execute(
                _INSERT_PHOTO,
                photo_id,
                subject.kind,
                subject.id,
                position,
                prepared.width,
                prepared.height,
                uploaded_by,
            )
            files = {ORIGINAL: prepared.original, **prepared.variants}
            await conn.executemany(
                _INSERT_FILE,
                [(photo_id, name, f.content_type, f.etag, f.body) for name, f in files.items()],
            )
            return position

    async def remove(self, subject: Subject, photo_id: uuid.UUID) -> bool:
        async with self.pool.acquire() as conn, conn.transaction():
            present = await _locked(conn, subject)
            ids = [r["photo_id"] for r in present]
            if photo_id not in ids:
                return False
            await conn.execute(_DELETE, photo_id)
            ids.remove(photo_id)
            await _renumber(conn, ids)
            return True

    async def reorder(self, subject: Subject, photo_id: uuid.UUID, position: int) -> bool:
        """Move the photo to `position` (clamped to 1..n); the others keep their order."""
        async with self.pool.acquire() as conn, conn.transaction():
            present = await _locked(conn, subject)
            ids = [r["photo_id"] for r in present]
            if photo_id not in ids:
                return False
            ids.remove(photo_id)
            ids.insert(max(0, min(position - 1, len(ids))), photo_id)
            await _renumber(conn, ids)
            return True

    async def file(self, photo_id: uuid.UUID, variant: str) -> PhotoFile | None:
        row = await self.pool.fetchrow(_FILE, photo_id, variant)
        return PhotoFile(row["content_type"], row["etag"], bytes(row["body"])) if row else None

    async def etag(self, photo_id: uuid.UUID, variant: str) -> str | None:
        row = await self.pool.fetchrow(_ETAG, photo_id, variant)
        return row["etag"] if row else None


async def _renumber(conn: asyncpg.Connection, ids: list[uuid.UUID]) -> None:
    # The (subject, position) key is checked at commit: positions may cross meanwhile.
    await conn.executemany(_SET_POSITION, [(pid, n) for n, pid in enumerate(ids, start=1)])


async def _locked(conn: asyncpg.Connection, subject: Subject) -> list[asyncpg.Record]:
    """The subject's photos, with the subject locked until the transaction ends: one change
    at a time per subject keeps positions 1..n without gaps."""
    await conn.execute(_LOCK, f"photos:{subject.kind}:{subject.id}")
    return await conn.fetch(_OF_SUBJECT, subject.kind, subject.id)
