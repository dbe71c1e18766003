"""Static files served by the web front itself (no CDN): htmx, the stylesheet, and the
Sarabun font read from the fontpkg_sarabun package."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

from fastapi import APIRouter, HTTPException
from fastapi.responses import Response

STATIC = Path(__file__).resolve().parent.parent / "static"
_FONT = re.compile(r"Sarabun-[A-Za-z]{4,20}\.ttf")

router = APIRouter(include_in_schema=False)


def font_bytes(name: str) -> bytes | None:
    if not _FONT.fullmatch(name):
        return None
    try:
        path = resources.files("fontpkg_sarabun").joinpath("files", name)
        return path.read_bytes() if path.is_file() else None
    except (ModuleNotFoundError, FileNotFoundError):
        return None


@router.get("/static/fonts/{name}")
async def font(name: str) -> Response:
    data = font_bytes(name)
    if data is None:
        raise HTTPException(404, f"no font {name}")
    return Response(
        data, media_type="font/ttf", headers={"Cache-Control": "public, max-age=604800"}
    )
