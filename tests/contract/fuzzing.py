"""Cases drawn from a service's OpenAPI document by Schemathesis, sent to the app in-process,
and the answers checked against the document."""

from __future__ import annotations

import contextlib
import copy
import json
from dataclasses import dataclass
from typing import Any

import httpx
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import Case, GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.parameters import ParameterLocation
from schemathesis.schemas import APIOperation
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
NEGATIVE_CHECKS = [*CHECKS, negative_data_rejection]


def operations(document: dict[str, Any]) -> list[APIOperation]:
    """The document's operations, drawn without their security schemes: every request
    carries the credentials its operation takes (`credentials`), and refusals of
    credentials are the authorisation tests' business."""
    bare = copy.deepcopy(document)
    bare.get("components", {}).pop("securitySchemes", None)
    for methods in bare.get("paths", {}).values():
        for operation in methods.values():
            if isinstance(operation, dict):
                operation.pop("security", None)
    schema = schemathesis.openapi.from_dict(bare)
    return [result.ok() for result in schema.get_all_operations()]


def takes_input(operation: APIOperation) -> bool:
    raw = operation.definition.raw
    return bool(raw.get("parameters")) or "requestBody" in raw


def draw(operation: APIOperation, mode: GenerationMode, count: int) -> list[Case]:
    """Up to `count` cases of an operation (fewer where fewer exist). A negative case whose
    only fault is in its headers is left out: the credentials are set on every request
    (refusals of credentials are checked by the authorisation tests)."""
    cases: list[Case] = []

    @settings(
        max_examples=count,
        database=None,
        deadline=None,
        derandomize=True,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(operation.as_strategy(generation_mode=mode))
    def collect(case: Case) -> None:
        if mode is GenerationMode.POSITIVE or _invalid_beyond_headers(case):
            cases.append(case)

    with contextlib.suppress(Unsatisfiable):
        collect()
    return cases


def _invalid_beyond_headers(case: Case) -> bool:
    components = case.meta.components if case.meta is not None else {}
    return any(
        info.mode is GenerationMode.NEGATIVE and location is not ParameterLocation.HEADER
        for location, info in components.items()
    )


def credentials(
    document: dict[str, Any], operation: APIOperation, tokens: dict[str, str]
) -> dict[str, str]:
    """The Authorization header for the first security scheme the operation takes."""
    raw = document["paths"][operation.path][operation.method.lower()]
    for requirement in raw.get("security", []):
        for scheme in requirement:
            if scheme in tokens:
                return {"Authorization": f"Bearer {tokens[scheme]}"}
    return {}


async def send(client: httpx.AsyncClient, case: Case, headers: dict[str, str]) -> httpx.Response:
    kwargs = case.as_transport_kwargs(base_url=str(client.base_url).rstrip("/"))
    sent_headers = {k: str(v) for k, v in (kwargs.get("headers") or {}).items()}
    sent_headers.update(headers)
    content: bytes | str | None = None
    if "json" in kwargs:
        content = json.dumps(kwargs["json"], ensure_ascii=False).encode()
        sent_headers.setdefault("Content-Type", "application/json")
    elif "data" in kwargs:
        content = kwargs["data"]
    return await client.request(
        kwargs["method"],
        kwargs["url"],
        params=kwargs.get("params") or None,
        headers=sent_headers,
        content=content,
    )


@dataclass
class Finding:
    operation: str
    mode: str
    status: int
    problem: str
    request: str

    def __str__(self) -> str:
        return f"{self.operation} [{self.mode}] → {self.status}: {self.problem}\n    {self.request}"


def check(case: Case, response: httpx.Response, mode: GenerationMode) -> str | None:
    """What is wrong with the answer, or None."""
    try:
        case.validate_response(
            response, checks=NEGATIVE_CHECKS if mode is GenerationMode.NEGATIVE else CHECKS
        )
    except BaseExceptionGroup as group:
        return "; ".join(_summary(e) for e in group.exceptions)
    except Exception as exc:
        return _summary(exc)
    return None


def _summary(exc: BaseException) -> str:
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return f"{type(exc).__name__}: " + " | ".join(lines[:3])[:400]


def describe(case: Case, response: httpx.Response) -> str:
    body = case.body if not isinstance(case.body, schemathesis.core.NotSet) else None
    return (
        f"{case.method} {case.formatted_path} query={case.query} "
        f"body={json.dumps(body, ensure_ascii=False, default=str)[:300]} "
        f"→ {response.text[:300]}"
    )
