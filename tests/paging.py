"""Reading a cursor-paged list to its end, as a client would."""

from __future__ import annotations

from typing import Any

import httpx

MOST_PAGES = 100


async def item_pages(
    client: httpx.AsyncClient, path: str, **params: Any
) -> list[list[dict[str, Any]]]:
    """Follow `next_cursor` from the first page to the last; the items of each page."""
    pages: list[list[dict[str, Any]]] = []
    cursor: str | None = None
    while True:
        query = {**params, **({"cursor": cursor} if cursor else {})}
        response = await client.get(path, params=query)
        assert response.status_code == 200, response.text
        body = response.json()
        pages.append(body["items"])
        cursor = body["next_cursor"]
        if cursor is None:
            return pages
        assert len(pages) < MOST_PAGES, "the pages never end"
