"""RFC 9457 problem documents for every error, and the handlers that produce them."""

from __future__ import annotations

from typing import Any

import asyncpg
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from shared.errors import Conflict, DomainError, Forbidden, InvalidInput, NotFound
from shared.logging import get_logger

log = get_logger(__name__)

PROBLEM_JSON = "application/problem+json"

_STATUS = {Forbidden: 403, NotFound: 404, Conflict: 409, InvalidInput: 422}


class FieldProblem(BaseModel):
    """One field that is not valid, and why."""

    field: str = Field(description="Where, e.g. `lines.0.unit_price`")
    message: str


class Problem(BaseModel):
    """An RFC 9457 problem document (`application/problem+json`), with the platform's own
    fields: `errors` names every field that is not valid."""

    model_config = ConfigDict(extra="allow", title="Problem")

    type: str = Field(description="urn:otop:problem:<slug>: what kind of refusal")
    title: str
    status: int = Field(ge=400, le=599)
    detail: str = Field(description="What is wrong, for a person to read")
    instance: str | None = Field(default=None, description="The path that was asked for")
    errors: list[FieldProblem] | None = None


# The database (or the way to it) is away: the request changed nothing and may be sent again.
DATABASE_UNAVAILABLE: tuple[type[Exception], ...] = (
    asyncpg.PostgresConnectionError,
    asyncpg.InterfaceError,
    asyncpg.InternalClientError,
    asyncpg.CannotConnectNowError,
    asyncpg.TooManyConnectionsError,
    ConnectionError,
    OSError,
)

# What each refusal means, as the API documents it.
PROBLEM_DESCRIPTIONS: dict[int, str] = {
    400: "The body cannot be read (not JSON, or not UTF-8)",
    401: "No valid credentials: `Authorization: Bearer <token>`",
    403: "The credentials are known but may not do this",
    404: "Nothing is found there",
    409: "Conflicts with the current state",
    422: "The input is not valid: each field and why",
    429: "Too many failed authentications from this address; see Retry-After",
    503: "Busy: the change collided with another one and was not made; send it again",
}


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """`responses=` of a route that can answer these statuses with a problem document."""
    return {
        status: {
            "description": PROBLEM_DESCRIPTIONS.get(status, "Refused"),
            "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}},
        }
        for status in statuses
    }


def problem_body(
    status: int,
    title: str,
    detail: str,
    *,
    slug: str,
    instance: str | None = None,
    **extra: Any,
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": f"urn:otop:problem:{slug}",
        "title": title,
        "status": status,
        "detail": detail,
    }
    if instance:
        body["instance"] = instance
    body.update({k: v for k, v in extra.items() if v is not None})
    return body


def problem(
    status: int,
    title: str,
    detail: str,
    *,
    slug: str,
    instance: str | None = None,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    body = problem_body(status, title, detail, slug=slug, instance=instance, **extra)
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def status_for(exc: DomainError) -> int:
    """The HTTP status a refusal is answered with."""
    for cls in type(exc).__mro__:
        if cls in _STATUS:
            return _STATUS[cls]
    return 400


def domain_problem_body(exc: DomainError, instance: str | None = None) -> dict[str, Any]:
    """The problem document of a refusal (also for one item of a batch answer)."""
    return problem_body(
        status_for(exc), exc.title, exc.detail, slug=exc.slug, instance=instance, **exc.extra
    )


def validation_problem_body(errors: list[Any], instance: str | None = None) -> dict[str, Any]:
    """The problem document of pydantic validation errors (`errors()` of the exception)."""
    found = [
        {"field": _location(e.get("loc", ())), "message": _validation_message(e)} for e in errors
    ]
    detail = "; ".join(f"{e['field']}: {e['message']}" for e in found[:5])
    return problem_body(
        422,
        "The input is not valid",
        detail,
        slug="validation-error",
        instance=instance,
        errors=found,
    )


def _location(loc: tuple[Any, ...] | list[Any]) -> str:
    parts = [str(p) for p in loc if p not in ("body",)]
    return ".".join(parts) or "body"


def _validation_message(error: dict[str, Any]) -> str:
    message = str(error.get("msg", "is not valid"))
    return message.removeprefix("Value error, ")


def http_problem(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    """The problem document of an HTTP error the framework raised (404 route, 405, ...)."""
    titles = {
        401: "Not authenticated",
        403: "Forbidden",
        404: "Not found",
        405: "Method not allowed",
        429: "Too many requests",
    }
    return problem(
        exc.status_code,
        titles.get(exc.status_code, "Request failed"),
        str(exc.detail),
        slug={
            401: "unauthorized",
            403: "forbidden",
            404: "not-found",
            429: "too-many-requests",
        }.get(exc.status_code, "http-error"),
        instance=request.url.path,
        headers=getattr(exc, "headers", None),
    )


def install_problem_handlers(app: FastAPI) -> None:
    @app.exception_handler(DomainError)
    async def domain_error(request: Request, exc: DomainError) -> JSONResponse:
        body = domain_problem_body(exc, request.url.path)
        return JSONResponse(body, status_code=body["status"], media_type=PROBLEM_JSON)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        body = validation_problem_body(list(exc.errors()), request.url.path)
        return JSONResponse(body, status_code=422, media_type=PROBLEM_JSON)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return http_problem(request, exc)

    @app.exception_handler(asyncpg.UniqueViolationError)
    async def unique_violation(request: Request, exc: asyncpg.UniqueViolationError) -> JSONResponse:
        return problem(
            409,
            "Conflicts with the current state",
            f"already exists ({exc.constraint_name})",
            slug="conflict",
            instance=request.url.path,
        )

    @app.exception_handler(asyncpg.IntegrityConstraintViolationError)
    async def integrity_violation(
        request: Request, exc: asyncpg.IntegrityConstraintViolationError
    ) -> JSONResponse:
        return problem(
            409,
            "Conflicts with the current state",
            f"the change breaks a rule of the stored data ({exc.constraint_name or 'constraint'})",
            slug="conflict",
            instance=request.url.path,
        )

    @app.exception_handler(asyncpg.TransactionRollbackError)
    async def transaction_rolled_back(
        request: Request, exc: asyncpg.TransactionRollbackError
    ) -> JSONResponse:
        return problem(
            503,
            "Busy",
            "the change collided with another one and was not made; send it again",
            slug="retry",
            instance=request.url.path,
            headers={"Retry-After": "1"},
        )

    async def database_unavailable(request: Request, exc: Exception) -> JSONResponse:
        log.warning(
            "database unavailable during a request",
            path=request.url.path,
            error=f"{type(exc).__name__}: {exc}",
        )
        return problem(
            503,
            "Service unavailable",
            "the database cannot be reached just now; nothing was changed, send it again",
            slug="unavailable",
            instance=request.url.path,
            headers={"Retry-After": "2"},
        )

    for lost in DATABASE_UNAVAILABLE:
        app.add_exception_handler(lost, database_unavailable)

    @app.exception_handler(asyncpg.DataError)
    async def data_error(request: Request, exc: asyncpg.DataError) -> JSONResponse:
        return problem(
            422,
            "The input is not valid",
            "a value is outside what can be stored",
            slug="invalid-input",
            instance=request.url.path,
        )

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error", path=request.url.path)
        return problem(
            500,
            "Internal error",
            "the service failed to handle this request; it has been logged",
            slug="internal-error",
            instance=request.url.path,
        )
