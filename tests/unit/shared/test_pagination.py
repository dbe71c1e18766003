from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta, timezone

import pytest

from shared.db.pagination import decode_cursor, encode_cursor
from shared.errors import InvalidInput


def test_a_cursor_gives_back_its_moment_in_utc_and_its_id():
    ident = uuid.uuid4()
    moment = datetime(2026, 11, 21, 9, 30, tzinfo=timezone(timedelta(hours=7)))
    assert decode_cursor(encode_cursor(moment, ident)) == (moment.astimezone(UTC), ident)


@pytest.mark.parametrize("cursor", ["", "not-base64!", "WzFd", encode_cursor.__name__])
def test_a_cursor_this_service_did_not_give_out_is_invalid_input(cursor: str):
    with pytest.raises(InvalidInput):
        decode_cursor(cursor)
