"""Calls to the four services on the signed-in staff member's behalf, each with a fresh
staff token signed for that member's account and grants."""

from __future__ import annotations

from typing import Any

import httpx
from fastapi import Depends, Request

from services.web.console.session import signed_in
from services.web.console.state import WebState, web_state
from services.web.domain.sessions import StaffSession
from shared.http.observability import CORRELATION_HEADER
from shared.messaging.context import current_correlation_id

SERVICES = ("registry", "events", "sales", "notifications")

UNREACHABLE = (
    "ติดต่อบริการ {service} ไม่ได้ในขณะนี้ โปรดลองใหม่ / the {service} service cannot be "
    "reached just now; try again"
)


class ServiceProblem(Exception):
    """A service refused or failed: its problem document's status, title and detail."""

    def __init__(
        self, status: int, title: str, detail: str, *, errors: list[dict[str, Any]] | None = None
    ) -> None:
        super().__init__(f"{status} {title}: {detail}")
        self.status = status
        self.title = title
        self.detail = detail
        self.errors = errors or []

    @classmethod
    def from_response(cls, response: httpx.Response) -> ServiceProblem:
        try:
            body = response.json()
        except ValueError:
            body = None
        if not isinstance(body, dict):
            text = response.text.strip()[:300]
            return cls(response.status_code, response.reason_phrase or "Error", text)
        detail = body.get("detail")
        if not isinstance(detail, str):
            detail = str(detail) if detail is not None else ""
        errors = body.get("errors") if isinstance(body.get("errors"), list) else None
        return cls(
            response.status_code,
            str(body.get("title") or response.reason_phrase or "Error"),
            detail,
            errors=errors,
        )


class ServiceCalls:
    def __init__(
        self,
        state: WebState,
        session: StaffSession,
        correlation_id: str | None = None,
    ) -> None:
        if state.http is None:
            raise RuntimeError("the web front has not started")
        self._http = state.http
        self._signer = state.signer
        self._urls = state.service_urls
        self._session = session
        self._correlation_id = correlation_id

    def _url(self, service: str, path: str) -> str:
        if service not in self._urls:
            raise ValueError(f"unknown service {service!r} (known: {', '.join(SERVICES)})")
        return self._urls[service] + (path if path.startswith("/") else f"/{path}")

    def _headers(self, extra: dict[str, str] | None) -> dict[str, str]:
        token = self._signer.sign(self._session.account_id, list(self._session.grants))
        headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
        if self._correlation_id:
            headers[CORRELATION_HEADER] = self._correlation_id
        headers.update(extra or {})
        return headers

    async def raw(
        self,
        service: str,
        method: str,
        path: str,
        *,
        headers: dict[str, str] | None = None,
        **kwargs: Any,
    ) -> httpx.Response:
        """The service's response as it is (any status); ServiceProblem (502) only when the
        service cannot be reached."""
        try:
            return await self._http.request(
                method, self._url(service, path), headers=self._headers(headers), **kwargs
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

    async def patch(self, service: str, path: str, **kwargs: Any) -> Any:
        return await self._json(service, "PATCH", path, **kwargs)

    async def put(self, service: str, path: str, **kwargs: Any) -> Any:
        return await self._json(service, "PUT", path, **kwargs)

    async def delete(self, service: str, path: str, **kwargs: Any) -> Any:
        return await self._json(service, "DELETE", path, **kwargs)


async def service_calls(
    request: Request, session: StaffSession = Depends(signed_in)
) -> ServiceCalls:
    # The request's correlation id (the one it came with, if any) goes on to the services.
    return ServiceCalls(web_state(request), session, str(current_correlation_id()))
