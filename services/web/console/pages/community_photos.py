"""Console page of a Nawatwithi community's photos: upload (checked and resized), remove,
reorder. Staff who may manage members in the community's district may change them."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import UploadFile

from services.web.console.kit import Calls, ConsoleRefusal, CsrfChecked, SignedIn, render
from services.web.console.pages.members import see_other
from services.web.domain.photos import MAX_BYTES, MAX_PHOTOS, Subject, position_of, status_of
from services.web.entrypoints.photo_access import PhotoService
from shared.errors import DomainError, InvalidInput
from shared.identity.roles import Action

router = APIRouter(prefix="/console/communities")

NO_FILE = "โปรดเลือกไฟล์รูปภาพ / choose a photo file"
BAD_POSITION = "ลำดับไม่ถูกต้อง / the position is not valid"


def _may_change(session: Any, community: dict[str, Any]) -> bool:
    district = community["village"]["district_code"]
    return community["status"] == "active" and session.may(Action.MANAGE_MEMBERS, district)


async def _changeable(calls: Any, session: Any, community_id: uuid.UUID) -> None:
    community = await calls.get("registry", f"/v1/communities/{community_id}")
    if not _may_change(session, community):
        raise ConsoleRefusal(
            "บัญชีของท่านไม่มีสิทธิ์เปลี่ยนรูปของชุมชนนี้ / your roles do not allow changing "
            "this community's photos"
        )


async def _page(
    request: Request,
    session: Any,
    calls: Any,
    photos: Any,
    community_id: uuid.UUID,
    problem: DomainError | None = None,
) -> HTMLResponse:
    community = await calls.get("registry", f"/v1/communities/{community_id}")
    context = {
        "community": community,
        "photos": await photos.of_subject(Subject("community", community_id)),
        "may_change": _may_change(session, community),
        "problem": problem,
        "max_photos": MAX_PHOTOS,
        "max_mb": MAX_BYTES // (1024 * 1024),
    }
    status = 200 if problem is None else status_of(problem)
    return render(request, "console/communities/photos.html", context, status_code=status)


@router.get("/{community_id}/photos", response_class=HTMLResponse)
async def photos_page(
    request: Request, community_id: uuid.UUID, session: SignedIn, calls: Calls, photos: PhotoService
) -> HTMLResponse:
    return await _page(request, session, calls, photos, community_id)


@router.post("/{community_id}/photos", dependencies=[CsrfChecked])
async def upload(
    request: Request, community_id: uuid.UUID, session: SignedIn, calls: Calls, photos: PhotoService
) -> Response:
    await _changeable(calls, session, community_id)
    form = await request.form(max_part_size=MAX_BYTES + 1024)
    files = [f for f in form.getlist("photo") if isinstance(f, UploadFile) and f.filename]
    try:
        if not files:
            raise InvalidInput(NO_FILE)
        for file in files:
            data = await file.read(MAX_BYTES + 1)
            await photos.add(
                Subject("community", community_id), data, uploaded_by=str(session.account_id)
            )
    except DomainError as refused:
        return await _page(request, session, calls, photos, community_id, refused)
    return see_other(f"/console/communities/{community_id}/photos")


@router.post("/{community_id}/photos/{photo_id}/remove", dependencies=[CsrfChecked])
async def remove(
    request: Request,
    community_id: uuid.UUID,
    photo_id: uuid.UUID,
    session: SignedIn,
    calls: Calls,
    photos: PhotoService,
) -> Response:
    await _changeable(calls, session, community_id)
    try:
        await photos.remove(Subject("community", community_id), photo_id)
    except DomainError as refused:
        return await _page(request, session, calls, photos, community_id, refused)
    return see_other(f"/console/communities/{community_id}/photos")


@router.post("/{community_id}/photos/{photo_id}/move", dependencies=[CsrfChecked])
async def move(
    request: Request,
    community_id: uuid.UUID,
    photo_id: uuid.UUID,
    session: SignedIn,
    calls: Calls,
    photos: PhotoService,
) -> Response:
    await _changeable(calls, session, community_id)
    position = position_of((await request.form()).get("position"))
    try:
        if position is None:
            raise InvalidInput(BAD_POSITION)
        await photos.move(Subject("community", community_id), photo_id, position)
    except DomainError as refused:
        return await _page(request, session, calls, photos, community_id, refused)
    return see_other(f"/console/communities/{community_id}/photos")
