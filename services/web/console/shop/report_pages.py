"""Console pages for the shop's reports: shifts with their cash reports, and revenue by
producer, product, event or day with a chart and CSV/Excel exports."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from services.web.console.kit import Calls, ServiceProblem, SignedIn, render, require
from services.web.console.shop.chart import revenue_chart_svg
from services.web.console.shop.exports import revenue_csv, revenue_xlsx
from services.web.console.shop.formatting import be_date
from services.web.console.shop.lookups import names_of, rights, shop_code
from services.web.console.shop.revenue import GROUPINGS, RevenueTable, revenue_table
from shared.identity.roles import Action
from shared.timeutil import business_day, now_bangkok

router = APIRouter()
Grouping = Literal["producer", "product", "event", "day"]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _period(start: date | None, end: date | None) -> tuple[date, date]:
    """The period asked for; by default this month up to today (Bangkok)."""
    today = business_day(now_bangkok())
    return start or today.replace(day=1), end or today


@router.get("/shifts")
async def shifts(
    request: Request,
    session: SignedIn,
    calls: Calls,
    status: Literal["open", "closed", ""] = "",
    start: Annotated[date | None, Query(alias="from")] = None,
    end: Annotated[date | None, Query(alias="to")] = None,
    cursor: str | None = None,
) -> HTMLResponse:
    require(session, Action.READ_SHOP, shop_code(request))
    params: dict[str, Any] = {"limit": 50}
    for name, value in (("status", status), ("from", start), ("to", end), ("cursor", cursor)):
        if value:
            params[name] = str(value)
    problem = None
    page: dict[str, Any] = {"items": [], "next_cursor": None}
    try:
        page = await calls.get("sales", "/v1/shifts", params=params)
    except ServiceProblem as refused:
        if refused.status >= 500 or refused.status == 403:
            raise
        problem = refused
    chosen = {"status": status, "from": start or "", "to": end or ""}
    return render(
        request,
        "console/shop/shifts.html",
        {"page": page, "chosen": chosen, "problem": problem, **rights(request, session)},
        status_code=problem.status if problem else 200,
    )


async def _table(calls: Calls, by: str, start: date, end: date) -> RevenueTable:
    report = await calls.get(
        "sales",
        "/v1/reports/revenue",
        params={"by": by, "from": start.isoformat(), "to": end.isoformat()},
    )
    kind = by if by in ("producer", "product", "event") else None
    names = await names_of(calls, kind, (r.get("key") for r in report["rows"])) if kind else {}
    return revenue_table(report, names, day_label=be_date)


@router.get("/revenue")
async def revenue(
    request: Request,
    session: SignedIn,
    calls: Calls,
    by: Grouping = "producer",
    start: Annotated[date | None, Query(alias="from")] = None,
    end: Annotated[date | None, Query(alias="to")] = None,
) -> HTMLResponse:
    require(session, Action.READ_SHOP, shop_code(request))
    start, end = _period(start, end)
    table, chart, problem = None, None, None
    try:
        table = await _table(calls, by, start, end)
        chart = revenue_chart_svg(table) if table.lines else None
    except ServiceProblem as refused:
        if refused.status >= 500 or refused.status == 403:
            raise
        problem = refused
    query = f"by={by}&from={start.isoformat()}&to={end.isoformat()}"
    return render(
        request,
        "console/shop/revenue.html",
        {
            "table": table,
            "chart": chart,
            "problem": problem,
            "groupings": GROUPINGS,
            "chosen": {"by": by, "from": start.isoformat(), "to": end.isoformat()},
            "query": query,
            **rights(request, session),
        },
        status_code=problem.status if problem else 200,
    )


def _download(content: bytes, media_type: str, filename: str) -> Response:
    return Response(
        content,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@router.get("/revenue.csv")
async def revenue_as_csv(
    request: Request,
    session: SignedIn,
    calls: Calls,
    by: Grouping = "producer",
    start: Annotated[date | None, Query(alias="from")] = None,
    end: Annotated[date | None, Query(alias="to")] = None,
) -> Response:
    require(session, Action.READ_SHOP, shop_code(request))
    table = await _table(calls, by, *_period(start, end))
    return _download(revenue_csv(table), "text/csv; charset=utf-8", f"{table.slug}.csv")


@router.get("/revenue.xlsx")
async def revenue_as_xlsx(
    request: Request,
    session: SignedIn,
    calls: Calls,
    by: Grouping = "producer",
    start: Annotated[date | None, Query(alias="from")] = None,
    end: Annotated[date | None, Query(alias="to")] = None,
) -> Response:
    require(session, Action.READ_SHOP, shop_code(request))
    table = await _table(calls, by, *_period(start, end))
    return _download(revenue_xlsx(table), XLSX, f"{table.slug}.xlsx")
