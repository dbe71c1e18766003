"""Problem documents for refusals reported inside a batch answer."""

from __future__ import annotations

from typing import Any

from fastapi.responses import JSONResponse

from services.sales.domain.errors import DomainError, status_of
from shared.http.problems import PROBLEM_JSON


def problem_body(error: DomainError, instance: str | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": f"urn:otop:problem:{error.slug}",
        "title": error.title,
        "status": status_of(error),
        "detail": error.detail,
    }
    if instance:
        body["instance"] = instance
    body.update({k: v for k, v in error.extra.items() if v is not None})
    return body


def problem_response(error: DomainError, instance: str) -> JSONResponse:
    return JSONResponse(
        problem_body(error, instance), status_code=status_of(error), media_type=PROBLEM_JSON
    )


def validation_problem(errors: list[dict[str, Any]]) -> dict[str, Any]:
    found = [
        {
            "field": ".".join(str(p) for p in e.get("loc", ())) or "body",
            "message": str(e.get("msg", "is not valid")).removeprefix("Value error, "),
        }
        for e in errors
    ]
    return {
        "type": "urn:otop:problem:validation-error",
        "title": "The input is not valid",
        "status": 422,
        "detail": "; ".join(f"{e['field']}: {e['message']}" for e in found[:5]),
        "errors": found,
    }
