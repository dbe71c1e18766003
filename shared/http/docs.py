"""The service's documentation pages, served whole by the service itself (no CDN).

- `/docs` (Swagger UI) and `/redoc` (ReDoc) load their script and styles from `/static/docs`,
  the files the `fastapi-offline` package ships.
- `/asyncapi` is the service's AsyncAPI document rendered here as plain HTML (channels,
  messages, payload schemas); `/asyncapi.json` and `/asyncapi.yaml` are the document itself.
- The OpenAPI document describes every refusal a route can give as
  `application/problem+json` (see `document_problems`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml
from fastapi import APIRouter, FastAPI, Response
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from shared.http.asyncapi_page import render_asyncapi
from shared.http.problems import PROBLEM_DESCRIPTIONS, PROBLEM_JSON, Problem

STATIC_URL = "/static/docs"
ASSETS = Path(str(files("fastapi_offline") / "static"))
TEMPLATES = Path(__file__).parent / "static"
YAML = "application/yaml"

AsyncAPIDocument = Callable[[], dict[str, Any]]


def install_docs(app: FastAPI, asyncapi: AsyncAPIDocument) -> None:
    """Serve /docs, /redoc, their assets, and the AsyncAPI document and page. The app must be
    created with `docs_url=None, redoc_url=None`."""
    app.mount(STATIC_URL, StaticFiles(directory=ASSETS), name="docs-assets")
    openapi_url = app.openapi_url or "/openapi.json"
    router = APIRouter()

    @router.get("/docs", include_in_schema=False)
    async def swagger_ui() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=openapi_url,
            title=f"{app.title} — API",
            swagger_js_url=f"{STATIC_URL}/swagger-ui-bundle.js",
            swagger_css_url=f"{STATIC_URL}/swagger-ui.css",
            swagger_favicon_url=f"{STATIC_URL}/favicon.png",
            # The default validator badge asks a public server to validate the document.
            swagger_ui_parameters={"validatorUrl": None},
        )

    @router.get("/redoc", include_in_schema=False)
    async def redoc() -> HTMLResponse:
        return get_redoc_html(
            openapi_url=openapi_url,
            title=f"{app.title} — API",
            redoc_js_url=f"{STATIC_URL}/redoc.standalone.js",
            redoc_favicon_url=f"{STATIC_URL}/favicon.png",
            with_google_fonts=False,
        )

    @router.get(
        "/asyncapi",
        response_class=HTMLResponse,
        tags=["asyncapi"],
        summary="The topics this service publishes, their messages and payloads (HTML)",
    )
    async def asyncapi_page() -> HTMLResponse:
        return HTMLResponse(render_asyncapi(asyncapi()))

    @router.get(
        "/asyncapi.json",
        tags=["asyncapi"],
        summary="The AsyncAPI 3.0 document of this service",
        response_model=dict[str, Any],
    )
    async def asyncapi_json() -> JSONResponse:
        return JSONResponse(asyncapi())

    @router.get(
        "/asyncapi.yaml",
        tags=["asyncapi"],
        summary="The AsyncAPI 3.0 document of this service, as YAML",
        response_class=Response,
        responses={200: {"content": {YAML: {"schema": {"type": "object"}}}}},
    )
    async def asyncapi_yaml() -> Response:
        text = yaml.safe_dump(asyncapi(), sort_keys=False, allow_unicode=True)
        return Response(text, media_type=f"{YAML}; charset=utf-8")

    app.include_router(router)


# --- the OpenAPI document's refusals ---------------------------------------------------------

_WRITES = {"post", "put", "patch", "delete"}
_FASTAPI_VALIDATION = ("HTTPValidationError", "ValidationError")


def problem_statuses(method: str, operation: dict[str, Any]) -> set[int]:
    """The refusals an operation can give, from what it takes: credentials (401, 403, 429),
    an id in the path (404), any input (422), a body that cannot be read (400), a change of
    state (409, 503)."""
    statuses: set[int] = set()
    parameters = operation.get("parameters", [])
    if operation.get("security"):
        statuses |= {401, 403, 429}
    if any(p.get("in") == "path" for p in parameters):
        statuses.add(404)
    if parameters or "requestBody" in operation:
        statuses.add(422)
    if "requestBody" in operation:
        statuses.add(400)
    if method in _WRITES:
        statuses |= {409, 503}
    return statuses


def _problem_response(status: int) -> dict[str, Any]:
    return {
        "description": PROBLEM_DESCRIPTIONS.get(status, "Refused"),
        "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }


def document_problems(document: dict[str, Any]) -> dict[str, Any]:
    """Add every refusal an operation can give to its responses, as a problem document; the
    validation refusal FastAPI documents as JSON becomes one too. Changes `document`."""
    for methods in document.get("paths", {}).values():
        for method, operation in methods.items():
            if method not in {"get", "head", *_WRITES}:
                continue
            responses = operation.setdefault("responses", {})
            for status in sorted(problem_statuses(method, operation)):
                current = responses.get(str(status))
                if current is None or "application/json" in current.get("content", {}):
                    responses[str(status)] = _problem_response(status)
            operation["responses"] = dict(sorted(responses.items()))
    components = document.setdefault("components", {}).setdefault("schemas", {})
    schema = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
    components.update(schema.pop("$defs", {}))
    components["Problem"] = schema
    if "#/components/schemas/HTTPValidationError" not in json.dumps(document.get("paths", {})):
        for name in _FASTAPI_VALIDATION:
            components.pop(name, None)
    return document


def install_problem_documentation(app: FastAPI) -> None:
    """Make `app.openapi()` document each route's refusals (`document_problems`)."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = document_problems(build())
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
