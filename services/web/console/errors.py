"""How the console answers what stops a page: to the sign-in page, to the password page,
or a Thai-first error page (just the error box for htmx)."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from services.web.console.calls import ServiceProblem
from services.web.console.rendering import is_htmx, render
from services.web.console.session import (
    PASSWORD_PATH,
    ConsoleRefusal,
    PasswordChangeRequired,
    SignInRequired,
)
from shared.errors import DomainError
from shared.http.problems import domain_problem_body, http_problem, problem

HEADINGS = {403: "ไม่มีสิทธิ์", 404: "ไม่พบข้อมูล", 409: "ขัดแย้งกับข้อมูลปัจจุบัน"}
NO_SUCH_PAGE = "ไม่มีหน้านี้ / there is no such page"
# Machine routes keep answering problem documents, whatever the client accepts.
_MACHINE_PATHS = ("/v1/", "/static/", "/photos/", "/healthz", "/readyz", "/metrics")


def _wants_a_page(request: Request) -> bool:
    if request.url.path.startswith(_MACHINE_PATHS):
        return False
    return "text/html" in request.headers.get("accept", "")


def _go(request: Request, location: str) -> Response:
    if is_htmx(request):
        return Response(status_code=200, headers={"HX-Redirect": location})
    return RedirectResponse(location, status_code=303)


def show_problem(request: Request, problem_: ServiceProblem) -> Response:
    status = problem_.status if 400 <= problem_.status < 500 else 502
    context = {"problem": problem_, "problem_heading": HEADINGS.get(status)}
    if is_htmx(request):
        # htmx swaps only 2xx answers by default: the box replaces the target in place.
        return render(request, "console/_problem_box.html", context, status_code=200)
    if not request.url.path.startswith("/console"):
        return render(request, "public/problem.html", context, status_code=status)
    return render(request, "console/problem.html", context, status_code=status)


def install_console_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def no_such_page(request: Request, exc: StarletteHTTPException) -> Response:
        # A browser asking for an address the web front does not have gets a Thai page.
        if exc.status_code in (404, 405) and _wants_a_page(request):
            return show_problem(request, ServiceProblem(404, "Not found", NO_SUCH_PAGE))
        return http_problem(request, exc)

    @app.exception_handler(SignInRequired)
    async def sign_in_required(request: Request, exc: SignInRequired) -> Response:
        return _go(request, exc.location)

    @app.exception_handler(PasswordChangeRequired)
    async def password_change_required(request: Request, exc: PasswordChangeRequired) -> Response:
        return _go(request, PASSWORD_PATH)

    @app.exception_handler(ServiceProblem)
    async def service_problem(request: Request, exc: ServiceProblem) -> Response:
        return show_problem(request, exc)

    @app.exception_handler(ConsoleRefusal)
    async def refused(request: Request, exc: ConsoleRefusal) -> Response:
        if not request.url.path.startswith("/console"):
            return problem(exc.status, "Forbidden", exc.message, slug="forbidden")
        return show_problem(request, ServiceProblem(exc.status, "Not allowed", exc.message))

    @app.exception_handler(DomainError)
    async def domain_error(request: Request, exc: DomainError) -> Response:
        body = domain_problem_body(exc, request.url.path)
        if request.url.path.startswith("/console"):
            return show_problem(
                request, ServiceProblem(body["status"], body["title"], body["detail"])
            )
        return problem(
            body["status"], body["title"], body["detail"], slug=exc.slug, instance=request.url.path
        )
