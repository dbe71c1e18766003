"""Every console POST carries the session's CSRF token; anything else is refused."""

from __future__ import annotations

import uuid

import pytest
from starlette.requests import Request

from services.web.console.session import ConsoleRefusal, csrf_checked
from services.web.domain.sessions import StaffSession

TOKEN = "the-session-csrf-token"


def request_with(headers: dict[str, str], body: bytes = b"") -> Request:
    session = StaffSession(uuid.uuid4(), "somchai", "สมชาย", (), TOKEN)

    async def receive() -> dict[str, object]:
        return {"type": "http.request", "body": body, "more_body": False}

    scope = {
        "type": "http",
        "method": "POST",
        "path": "/console/x",
        "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
        "query_string": b"",
        "state": {"staff_session": session},
    }
    return Request(scope, receive)


FORM = {"content-type": "application/x-www-form-urlencoded"}


async def test_the_token_in_the_header_or_the_form_passes() -> None:
    await csrf_checked(request_with({"X-CSRF-Token": TOKEN}))
    await csrf_checked(request_with(FORM, f"csrf_token={TOKEN}".encode()))


@pytest.mark.parametrize(
    ("headers", "body"),
    [({}, b""), ({"X-CSRF-Token": "forged"}, b""), (FORM, b"csrf_token=forged"), (FORM, b"x=1")],
)
async def test_a_missing_or_wrong_token_is_refused_with_403(
    headers: dict[str, str], body: bytes
) -> None:
    with pytest.raises(ConsoleRefusal) as refused:
        await csrf_checked(request_with(headers, body))
    assert refused.value.status == 403
