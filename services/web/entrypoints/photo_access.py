"""The photo service of a request, over the web front's database pool."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from services.web.adapters.imaging import prepare
from services.web.adapters.photo_store import PostgresPhotos
from services.web.console.state import web_state
from services.web.service_layer.photos import Photos


def photos_of(request: Request) -> Photos:
    pool = web_state(request).pool
    if pool is None:
        raise RuntimeError("the web front has not started")
    return Photos(PostgresPhotos(pool), prepare)


PhotoService = Annotated[Photos, Depends(photos_of)]
