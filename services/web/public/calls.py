"""Calls to the services' public routes (`/v1/public/...`): no credential, public fields
only. A refusal or failure is a ServiceProblem, shown as a public problem page."""

from __future__ import annotations

from typing import Annotated, Any

import httpx
from fastapi import Depends, Request

from services.web.console.calls import UNREACHABLE, ServiceProblem
from services.web.console.state import web_state
from shared.http.observability import CORRELATION_HEADER
from shared.messaging.context import current_correlation_id


class PublicCalls:
    def __init__(self, http: httpx.AsyncClient, urls: dict[str, str], correlation_id: str):
        self._http = http
        self._urls = urls
        self._correlation_id = correlation_id

    async def raw(
        self,
        service: str,
        method: str,
        path: str,
        *,
        headers: dict[str, str] | None = None,
        **kwargs: Any,
    ) -> httpx.Response:
        if not path.startswith("/v1/public/"):
            raise ValueError(f"public pages call only public routes, not {path!r}")
        sent = {"Accept": "application/json", CORRELATION_HEADER: self._correlation_id}
        sent.update(headers or {})
        try:
            return await self._http.request(
                method, self._urls[service] + path, headers=sent, **kwargs
            )
        except httpx.TransportError as exc:
            raise ServiceProblem(
                502, "Service unavailable", UNREACHABLE.format(service=service)
            ) from exc

    async def _json(self, service: str, method: str, path: str, **kwargs: Any) -> Any:
        response = await self.raw(service, method, path, **kwargs)
        if response.status_code >= 400:
            raise ServiceProblem.from_response(response)
        if response.status_code == 204 or not response.content:
            return None
        return response.json()

    async def get(self, service: str, path: str, **kwargs: Any) -> Any:
        return await self._json(service, "GET", path, **kwargs)

    async def post(self, service: str, path: str, **kwargs: Any) -> Any:
        return await self._json(service, "POST", path, **kwargs)


async def public_calls(request: Request) -> PublicCalls:
    state = web_state(request)
    if state.http is None:
        raise RuntimeError("the web front has not started")
    return PublicCalls(state.http, state.service_urls, str(current_correlation_id()))


Public = Annotated[PublicCalls, Depends(public_calls)]
