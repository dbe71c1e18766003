"""The terminal app: the offline-first web POS, served as plain files under /terminal/.

Every asset comes from here (no CDN). The service worker is served from /terminal/ so its
scope is the app; the shell is never cached by HTTP (the service worker keeps it offline)."""

from __future__ import annotations

import mimetypes
from pathlib import Path

from fastapi import APIRouter, HTTPException
from fastapi.responses import FileResponse, RedirectResponse

APP_FOLDER = Path(__file__).resolve().parent.parent / "terminal_app"

mimetypes.add_type("application/manifest+json", ".webmanifest")
mimetypes.add_type("text/javascript", ".js")

router = APIRouter(include_in_schema=False)


@router.get("/terminal")
async def terminal_root() -> RedirectResponse:
    return RedirectResponse("/terminal/", status_code=308)


@router.get("/terminal/{path:path}")
async def terminal_file(path: str) -> FileResponse:
    wanted = (APP_FOLDER / (path or "index.html")).resolve()
    if not wanted.is_relative_to(APP_FOLDER) or not wanted.is_file():
        raise HTTPException(404, f"the terminal app has no file {path!r}")
    headers = {"Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff"}
    if wanted.name == "sw.js":
        headers["Service-Worker-Allowed"] = "/terminal/"
    return FileResponse(wanted, headers=headers)
