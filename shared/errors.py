"""Errors the domain and service layers raise; the HTTP layer maps them to problem documents."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """Something the caller asked for cannot be done. `detail` says what and why."""

    slug = "invalid-request"
    title = "The request cannot be carried out"

    def __init__(self, detail: str, **extra: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        self.extra = extra


class InvalidInput(DomainError):
    slug = "invalid-input"
    title = "The input is not valid"


class NotFound(DomainError):
    slug = "not-found"
    title = "Not found"


class Forbidden(DomainError):
    """The caller is known but may not do this."""

    slug = "forbidden"
    title = "Not allowed"


class Conflict(DomainError):
    slug = "conflict"
    title = "Conflicts with the current state"


class InvalidTransition(Conflict):
    slug = "invalid-transition"
    title = "That change is not allowed from the current state"
