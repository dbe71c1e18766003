"""Counting what a request sends to PostgreSQL: every statement asyncpg sends on any
connection (BEGIN, COMMIT and the pool's reset on release included), in order; only what
the block's own task (and tasks it starts) sends, not the relay's polling."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from asyncpg.connection import Connection

_counting: ContextVar[list[str] | None] = ContextVar("_counting", default=None)


def _note(query: str) -> None:
    sent = _counting.get()
    if sent is not None:
        sent.append(_first_words(query))


def _first_words(query: str) -> str:
    return " ".join(query.split())[:90]


@contextmanager
def statements_sent() -> Iterator[list[str]]:
    """The statements sent while the block runs, each as its first words."""
    sent: list[str] = []
    plain = Connection.execute
    bound = Connection._execute

    async def execute(self: Connection, query: str, *args: Any, **kwargs: Any) -> Any:
        if not args:  # with arguments it goes through _execute, counted there
            _note(query)
        return await plain(self, query, *args, **kwargs)

    async def _execute(self: Connection, query: str, *args: Any, **kwargs: Any) -> Any:
        _note(query)
        return await bound(self, query, *args, **kwargs)

    Connection.execute = execute  # type: ignore[method-assign]
    Connection._execute = _execute  # type: ignore[method-assign]
    token = _counting.set(sent)
    try:
        yield sent
    finally:
        _counting.reset(token)
        Connection.execute = plain  # type: ignore[method-assign]
        Connection._execute = bound  # type: ignore[method-assign]
