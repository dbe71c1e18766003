"""Product and community photos served to browsers: each URL names one photo's one size and
format, which never change (a new upload is a new photo), so browsers keep them a year."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Request
from fastapi.responses import Response

from services.web.domain.photos import PhotoNotFound
from services.web.entrypoints.photo_access import PhotoService
from services.web.service_layer.photos import NO_PHOTO
from shared.http.problems import problem

router = APIRouter(include_in_schema=False)

CACHE_FOREVER = "public, max-age=31536000, immutable"


@router.get("/photos/{photo_id}/{variant}")
async def photo_file(
    request: Request, photo_id: str, variant: str, photos: PhotoService
) -> Response:
    try:
        wanted = uuid.UUID(photo_id)
    except ValueError:
        return problem(404, "Not found", NO_PHOTO, slug="not-found")
    return await _served(request, wanted, variant, photos)


async def _served(
    request: Request, photo_id: uuid.UUID, variant: str, photos: PhotoService
) -> Response:
    asked = request.headers.get("if-none-match")
    if asked:
        etag = await photos.etag(photo_id, variant)
        if etag is not None and etag in {v.strip() for v in asked.split(",")}:
            return Response(status_code=304, headers={"ETag": etag, "Cache-Control": CACHE_FOREVER})
    try:
        found = await photos.file(photo_id, variant)
    except PhotoNotFound as missing:
        return problem(404, "Not found", missing.detail, slug="not-found")
    return Response(
        found.body,
        media_type=found.content_type,
        headers={
            "ETag": found.etag,
            "Cache-Control": CACHE_FOREVER,
            "X-Content-Type-Options": "nosniff",
        },
    )
