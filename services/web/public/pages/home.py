"""The public front page: where the shop, the calendar and the communities are."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from services.web.console.rendering import render

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
async def home(request: Request) -> HTMLResponse:
    shop_name = request.app.state.web.settings.shop_name
    # The same for every visitor and no cookie: any cache may keep it a few minutes.
    return render(
        request,
        "public/home.html",
        {"shop_name": shop_name},
        headers={"Cache-Control": "public, max-age=300"},
    )
