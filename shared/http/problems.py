"""RFC 9457 problem documents for every error, and the handlers that produce them."""

from __future__ import annotations

from typing import Any

import asyncpg
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from shared.errors import Conflict, DomainError, InvalidInput, NotFound
from shared.logging import get_logger

log = get_logger(__name__)

PROBLEM_JSON = "application/problem+json"

_STATUS = {NotFound: 404, Conflict: 409, InvalidInput: 422}


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
    body: dict[str, Any] = {
        "type": f"urn:otop:problem:{slug}",
        "title": title,
        "status": status,
        "detail": detail,
    }
    if instance:
        body["instance"] = instance
    body.update({k: v for k, v in extra.items() if v is not None})
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def _status_for(exc: DomainError) -> int:
    for cls in type(exc).__mro__:
        if cls in _STATUS:
            return _STATUS[cls]
    return 400


def _location(loc: tuple[Any, ...] | list[Any]) -> str:
    parts = [str(p) for p in loc if p not in ("body",)]
    return ".".join(parts) or "body"


def _validation_message(error: dict[str, Any]) -> str:
    message = str(error.get("msg", "is not valid"))
    return message.removeprefix("Value error, ")


def install_problem_handlers(app: FastAPI) -> None:
    @app.exception_handler(DomainError)
    async def domain_error(request: Request, exc: DomainError) -> JSONResponse:
        return problem(
            _status_for(exc),
            exc.title,
            exc.detail,
            slug=exc.slug,
            instance=request.url.path,
            **exc.extra,
        )

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [
            {"field": _location(e.get("loc", ())), "message": _validation_message(e)}
            for e in exc.errors()
        ]
        detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors[:5])
        return problem(
            422,
            "The input is not valid",
            detail,
            slug="validation-error",
            instance=request.url.path,
            errors=errors,
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        titles = {
            401: "Not authenticated",
            403: "Forbidden",
            404: "Not found",
            405: "Method not allowed",
        }
        return problem(
            exc.status_code,
            titles.get(exc.status_code, "Request failed"),
            str(exc.detail),
            slug={401: "unauthorized", 403: "forbidden", 404: "not-found"}.get(
                exc.status_code, "http-error"
            ),
            instance=request.url.path,
            headers=getattr(exc, "headers", None),
        )

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
