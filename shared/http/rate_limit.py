"""Failed authentication, limited per source address.

Each failed attempt (no credentials, a malformed or unknown token, a revoked key) is counted
for the client's address over a sliding window. Past the limit every further attempt from
that address, right or wrong, is answered 429 with Retry-After until the oldest failure in
the window has aged out, so guessing cannot go on at speed. Successful requests are never
counted.

The counts live in the memory of one process (one limiter per app): several processes
behind a load balancer each count on their own, and a restart forgets them. The address is
the peer of the TCP connection (behind a reverse proxy: the proxy's), never a header a
client can write.

Settings (environment): AUTH_FAILURE_LIMIT (default 20, 0 turns the limit off) and
AUTH_FAILURE_WINDOW_SECONDS (default 60).
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable

from fastapi import HTTPException, Request
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from shared.logging import get_logger
from shared.service.runtime import runtime_of

log = get_logger(__name__)

# Addresses followed at most; beyond this the ones with the oldest failures are forgotten.
MAX_ADDRESSES = 10_000


class AuthLimitSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="AUTH_", extra="ignore")

    failure_limit: int = Field(default=20, ge=0)
    failure_window_seconds: float = Field(default=60.0, gt=0)


class FailedAuthLimiter:
    """Failures per address in a sliding window; `retry_after` says how long one must wait."""

    def __init__(
        self, limit: int, window_seconds: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit = limit
        self.window = window_seconds
        self._clock = clock
        self._failures: dict[str, deque[float]] = {}

    def _recent(self, address: str, now: float) -> deque[float] | None:
        failures = self._failures.get(address)
        if failures is None:
            return None
        while failures and failures[0] <= now - self.window:
            failures.popleft()
        if not failures:
            del self._failures[address]
            return None
        return failures

    def retry_after(self, address: str) -> int | None:
        """Whole seconds until this address may try again, or None when it may now."""
        if self.limit == 0:
            return None
        now = self._clock()
        failures = self._recent(address, now)
        if failures is None or len(failures) < self.limit:
            return None
        return max(1, math.ceil(failures[-self.limit] + self.window - now))

    def record_failure(self, address: str) -> None:
        if self.limit == 0:
            return
        now = self._clock()
        failures = self._recent(address, now)
        if failures is None:
            if len(self._failures) >= MAX_ADDRESSES:
                self._forget_oldest()
            failures = self._failures[address] = deque(maxlen=self.limit)
        failures.append(now)

    def _forget_oldest(self) -> None:
        oldest = min(self._failures, key=lambda a: self._failures[a][-1])
        del self._failures[oldest]


def limiter_of(request: Request) -> FailedAuthLimiter:
    """The app's limiter, made on first use from the environment's settings."""
    runtime = runtime_of(request.app)
    if runtime.auth_limiter is None:
        settings = AuthLimitSettings()
        runtime.auth_limiter = FailedAuthLimiter(
            settings.failure_limit, settings.failure_window_seconds
        )
    return runtime.auth_limiter


def client_address(request: Request) -> str:
    return request.client.host if request.client is not None else "unknown"


def refuse_if_limited(request: Request) -> None:
    """429 while the caller's address has too many recent failures."""
    wait = limiter_of(request).retry_after(client_address(request))
    if wait is not None:
        raise HTTPException(
            429,
            "มีการยืนยันตัวตนที่ไม่สำเร็จจากที่อยู่นี้มากเกินไป ลองใหม่ภายหลัง / too many failed "
            f"authentication attempts from this address: try again in {wait} s",
            headers={"Retry-After": str(wait)},
        )


def authentication_failed(request: Request, reason: str, status: int = 401) -> HTTPException:
    """Count the failure, log it (address and route, never the credential) and return the
    refusal to raise."""
    address = client_address(request)
    limiter_of(request).record_failure(address)
    log.warning(
        "authentication failed",
        address=address,
        method=request.method,
        path=request.url.path,
        reason=reason,
    )
    return HTTPException(status, reason, headers={"WWW-Authenticate": "Bearer"})
