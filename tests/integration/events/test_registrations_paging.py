"""An event's registrations, attendance and no-shows come a page at a time, in the order the
members applied; the counts of attendance stay those of the whole event on every page."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest

from shared.timeutil import now_bangkok
from tests.conftest import eventually
from tests.integration.events.registry_feed import RegistryFeed
from tests.integration.events.staff_calls import apply, assert_problem, published_event

APPLICANTS = 7


async def _pages(events: httpx.AsyncClient, path: str, **params: Any) -> list[dict[str, Any]]:
    """Every page of `path`, followed by its cursors to the end."""
    pages: list[dict[str, Any]] = []
    cursor: str | None = None
    while True:
        query = {**params, **({"cursor": cursor} if cursor else {})}
        response = await events.get(path, params=query)
        assert response.status_code == 200, response.text
        pages.append(response.json())
        cursor = pages[-1]["next_cursor"]
        if cursor is None:
            return pages
        assert len(pages) <= APPLICANTS, "the pages never end"


def _ids(items: list[dict[str, Any]]) -> list[str]:
    return [r["registration_id"] for r in items]


async def test_registrations_page_through_every_one_once_in_the_order_applied(
    events: httpx.AsyncClient, registry_feed: RegistryFeed
) -> None:
    event = await published_event(events, kind="training", capacity=4)
    applied = [
        await apply(events, event["event_id"], await registry_feed.member())
        for _ in range(APPLICANTS)
    ]
    path = f"/v1/events/{event['event_id']}/registrations"

    pages = await _pages(events, path, limit=3)

    assert [len(p["items"]) for p in pages] == [3, 3, 1]
    listed = [r for p in pages for r in p["items"]]
    assert _ids(listed) == _ids(applied)
    assert [r["waitlist_position"] for r in listed] == [None] * 4 + [1, 2, 3]
    waiting = await _pages(events, path, status="waitlisted", limit=2)
    assert [_ids(p["items"]) for p in waiting] == [_ids(applied[4:6]), _ids(applied[6:])]
    whole = await _pages(events, path, limit=APPLICANTS)
    assert [_ids(p["items"]) for p in whole] == [_ids(applied)]


async def test_attendance_and_no_shows_page_through_every_one_once_with_whole_counts(
    events: httpx.AsyncClient, registry_feed: RegistryFeed
) -> None:
    start = now_bangkok() - timedelta(hours=3)
    event = await published_event(
        events,
        kind="training",
        capacity=APPLICANTS,
        starts_at=start.isoformat(),
        ends_at=(now_bangkok() + timedelta(seconds=4)).isoformat(),
        registration_opens_at=(start - timedelta(days=5)).isoformat(),
        registration_closes_at=(now_bangkok() + timedelta(seconds=3)).isoformat(),
    )
    applied = [
        await apply(events, event["event_id"], await registry_feed.member())
        for _ in range(APPLICANTS)
    ]
    came, missed = applied[0::2], applied[1::2]
    for registration in came:
        checked_in = await events.post(
            f"/v1/registrations/{registration['registration_id']}/check-in"
        )
        assert checked_in.status_code == 200, checked_in.text

    attendance = await _pages(events, f"/v1/events/{event['event_id']}/attendance", limit=3)

    assert [_ids(p["items"]) for p in attendance] == [_ids(came[:3]), _ids(came[3:])]
    assert all(p["attended"] == p["items"] for p in attendance)
    assert {(p["confirmed"], p["checked_in"], p["not_checked_in"]) for p in attendance} == {
        (APPLICANTS, len(came), len(missed))
    }

    async def ended() -> bool:
        return now_bangkok() >= datetime.fromisoformat(event["ends_at"])

    await eventually(ended, timeout=10)
    closed = await events.post(f"/v1/events/{event['event_id']}/close")
    assert closed.status_code == 200, closed.text

    no_shows = await _pages(events, f"/v1/events/{event['event_id']}/no-shows", limit=2)

    assert [_ids(p["items"]) for p in no_shows] == [_ids(missed[:2]), _ids(missed[2:])]
    assert all(p["no_shows"] == p["items"] for p in no_shows)
    refused = await events.get(
        f"/v1/events/{event['event_id']}/no-shows", params={"cursor": "not a cursor"}
    )
    assert_problem(refused, 422, "cursor")


@pytest.mark.parametrize("listing", ["registrations", "attendance"])
@pytest.mark.parametrize(
    "cursor",
    [
        "not a cursor",
        "bm90LWpzb24",  # base64 of "not-json"
        "WyIxIl0",  # ["1"]: text, not a place in the order of applications
        "WzEsMl0",  # [1, 2]: two numbers
        "Wzk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5XQ",  # a number past any bigint
    ],
)
async def test_a_cursor_this_service_did_not_give_out_is_a_422_problem(
    events: httpx.AsyncClient, listing: str, cursor: str
) -> None:
    event = await published_event(events, kind="training", capacity=4)

    response = await events.get(
        f"/v1/events/{event['event_id']}/{listing}", params={"cursor": cursor}
    )

    assert_problem(response, 422, "cursor")


async def test_a_calendar_cursor_is_not_a_place_among_registrations(
    events: httpx.AsyncClient,
) -> None:
    for _ in range(2):
        await published_event(events, kind="training", capacity=4)
    calendar = (await events.get("/v1/events", params={"limit": 1})).json()
    assert calendar["next_cursor"]
    event_id = calendar["items"][0]["event_id"]

    response = await events.get(
        f"/v1/events/{event_id}/registrations", params={"cursor": calendar["next_cursor"]}
    )

    assert_problem(response, 422, "cursor")
