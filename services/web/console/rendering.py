"""Console pages as HTML: one Jinja2 environment over services/web/templates, with the
console's filters, and the staff member and CSRF token in every page's context."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import ChainableUndefined, Environment, FileSystemLoader, select_autoescape

from services.web.console.filters import FILTERS

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

# (path, Thai, English, administrators only)
NAVIGATION: tuple[tuple[str, str, str, bool], ...] = (
    ("/console/members", "สมาชิก", "Members", False),
    ("/console/products", "ผลิตภัณฑ์", "Products", False),
    ("/console/calendar", "ปฏิทินกิจกรรม", "Calendar", False),
    ("/console/checkin", "เช็กอิน", "Check-in", False),
    ("/console/shop", "ร้านค้า", "Shop", False),
    ("/console/stock", "สินค้าฝากขาย", "Consignment stock", False),
    ("/console/orders", "คำสั่งซื้อออนไลน์", "Online orders", False),
    ("/console/trainings", "การอบรม", "Trainings", False),
    ("/console/projects", "โครงการพัฒนา", "Development projects", False),
    ("/console/communities", "ชุมชนนวัตวิถี", "Communities", False),
    ("/console/notifications", "การแจ้งเตือน", "Notifications", False),
    ("/console/audit", "บันทึกการเปลี่ยนแปลง", "Audit", False),
    ("/console/operations", "ระบบ", "Operations", False),
    ("/console/staff", "บัญชีเจ้าหน้าที่", "Staff accounts", True),
)

# The public pages' menu: (path, Thai, English).
PUBLIC_NAVIGATION: tuple[tuple[str, str, str], ...] = (
    ("/shop", "ร้านค้าออนไลน์", "Online shop"),
    ("/calendar", "ปฏิทินกิจกรรม", "Calendar"),
    ("/communities", "ชุมชนท่องเที่ยวนวัตวิถี", "Nawatwithi communities"),
)


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(("html", "xml")),
        undefined=ChainableUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(FILTERS)
    env.globals["navigation"] = NAVIGATION
    env.globals["public_navigation"] = PUBLIC_NAVIGATION
    return env


environment = _environment()


def is_htmx(request: Request) -> bool:
    return request.headers.get("HX-Request") == "true"


def render(
    request: Request,
    template: str,
    context: dict[str, Any] | None = None,
    *,
    status_code: int = 200,
    headers: dict[str, str] | None = None,
) -> HTMLResponse:
    session = getattr(request.state, "staff_session", None)
    page = {
        "request": request,
        "session": session,
        "csrf_token": session.csrf_token if session is not None else "",
        "current_path": request.url.path,
        "htmx": is_htmx(request),
        **(context or {}),
    }
    html = environment.get_template(template).render(page)
    return HTMLResponse(html, status_code=status_code, headers=headers)
