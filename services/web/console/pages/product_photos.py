"""Console page of a product's photos: upload (checked and resized), remove, reorder. Staff
who may manage the product's member (its district) or who run the shop may change them."""

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
from shared.errors import DomainError
from shared.identity.roles import Action

router = APIRouter(prefix="/console/products")

NO_FILE = "โปรดเลือกไฟล์รูปภาพ / choose a photo file"


async def _product(calls: Any, product_id: uuid.UUID) -> tuple[dict[str, Any], str | None]:
    """The product and its member's district (None when it cannot be read)."""
    product = await calls.get("registry", f"/v1/products/{product_id}")
    member = await calls.get("registry", f"/v1/members/{product['member_id']}")
    product["member"] = member
    return product, (member.get("site") or {}).get("district_code")


def _may_change(request: Request, session: Any, district: str | None) -> bool:
    shop = request.app.state.web.settings.shop_code
    return session.may(Action.MANAGE_MEMBERS, district) or session.may(Action.RUN_SHOP, shop)


def _refuse_unless_may_change(request: Request, session: Any, district: str | None) -> None:
    if not _may_change(request, session, district):
        raise ConsoleRefusal(
            "บัญชีของท่านไม่มีสิทธิ์เปลี่ยนรูปของผลิตภัณฑ์นี้ / your roles do not allow changing "
            "this product's photos"
        )


async def _page(
    request: Request,
    session: Any,
    calls: Any,
    photos: Any,
    product_id: uuid.UUID,
    problem: DomainError | None = None,
) -> HTMLResponse:
    product, district = await _product(calls, product_id)
    context = {
        "product": product,
        "photos": await photos.of_subject(Subject("product", product_id)),
        "may_change": _may_change(request, session, district),
        "problem": problem,
        "max_photos": MAX_PHOTOS,
        "max_mb": MAX_BYTES // (1024 * 1024),
    }
    status = 200 if problem is None else status_of(problem)
    return render(request, "console/photos/product.html", context, status_code=status)


@router.get("/{product_id}/photos", response_class=HTMLResponse)
async def photos_page(
    request: Request, product_id: uuid.UUID, session: SignedIn, calls: Calls, photos: PhotoService
) -> HTMLResponse:
    return await _page(request, session, calls, photos, product_id)


@router.post("/{product_id}/photos", dependencies=[CsrfChecked])
async def upload(
    request: Request, product_id: uuid.UUID, session: SignedIn, calls: Calls, photos: PhotoService
) -> Response:
    _, district = await _product(calls, product_id)
    _refuse_unless_may_change(request, session, district)
    form = await request.form(max_part_size=MAX_BYTES + 1024)
    files = [f for f in form.getlist("photo") if isinstance(f, UploadFile) and f.filename]
    try:
        if not files:
            raise _NoFile(NO_FILE)
        for file in files:
            data = await file.read(MAX_BYTES + 1)
            await photos.add(
                Subject("product", product_id), data, uploaded_by=str(session.account_id)
            )
    except DomainError as refused:
        return await _page(request, session, calls, photos, product_id, refused)
    return see_other(f"/console/products/{product_id}/photos")


@router.post("/{product_id}/photos/{photo_id}/remove", dependencies=[CsrfChecked])
async def remove(
    request: Request,
    product_id: uuid.UUID,
    photo_id: uuid.UUID,
    session: SignedIn,
    calls: Calls,
    photos: PhotoService,
) -> Response:
    _, district = await _product(calls, product_id)
    _refuse_unless_may_change(request, session, district)
    try:
        await photos.remove(Subject("product", product_id), photo_id)
    except DomainError as refused:
        return await _page(request, session, calls, photos, product_id, refused)
    return see_other(f"/console/products/{product_id}/photos")


@router.post("/{product_id}/photos/{photo_id}/move", dependencies=[CsrfChecked])
async def move(
    request: Request,
    product_id: uuid.UUID,
    photo_id: uuid.UUID,
    session: SignedIn,
    calls: Calls,
    photos: PhotoService,
) -> Response:
    _, district = await _product(calls, product_id)
    _refuse_unless_may_change(request, session, district)
    position = position_of((await request.form()).get("position"))
    try:
        if position is None:
            raise _NoFile("ลำดับไม่ถูกต้อง / the position is not valid")
        await photos.move(Subject("product", product_id), photo_id, position)
    except DomainError as refused:
        return await _page(request, session, calls, photos, product_id, refused)
    return see_other(f"/console/products/{product_id}/photos")


class _NoFile(DomainError):
    slug = "invalid-input"
    title = "The input is not valid"
    status = 422
