import io
import json
import logging

import pytest

from shared.logging import configure_logging, get_logger, redact_personal_data


def test_personal_data_under_known_keys_is_masked():
    event = redact_personal_data(
        None,
        "info",
        {
            "event": "member registered",
            "phone": "0812345678",
            "email": "somsri@example.org",
            "line_id": "somsri.kt",
            "national_id": "1101700203451",
            "contact": {"name": "สมศรี", "phone": "0899999999"},
        },
    )
    text = json.dumps(event, ensure_ascii=False)
    for secret in ("0812345678", "somsri@example.org", "somsri.kt", "1101700203451", "0899999999"):
        assert secret not in text
    assert event["contact"]["name"] == "สมศรี"


def test_personal_data_inside_free_text_is_masked():
    event = redact_personal_data(
        None, "info", {"event": "could not reach somsri@example.org at 081-234-5678"}
    )
    assert "somsri@example.org" not in event["event"]
    assert "234-5678" not in event["event"]
    assert event["event"].startswith("could not reach")


def test_logs_are_json_with_the_bound_correlation_id_when_not_on_a_terminal(monkeypatch):
    import structlog

    stream = io.StringIO()
    monkeypatch.setattr("sys.stderr", stream)
    configure_logging("INFO", "auto", service="registry")
    structlog.contextvars.bind_contextvars(correlation_id="c0ffee")
    try:
        get_logger("test").info("สมาชิกใหม่", email="a@example.org")
    finally:
        structlog.contextvars.clear_contextvars()
        logging.getLogger().handlers.clear()
    line = json.loads(stream.getvalue().strip().splitlines()[-1])
    assert line["event"] == "สมาชิกใหม่"
    assert line["correlation_id"] == "c0ffee"
    assert line["service"] == "registry"
    assert line["email"] != "a@example.org"


def test_ids_are_not_mistaken_for_phone_numbers():
    text = "event ab12cdf0-1234-5678-9abc-def012345678 correlation 0a12-0812345678-b"
    assert redact_personal_data(None, "info", {"event": text})["event"] == text


def _capture(monkeypatch, fmt: str) -> io.StringIO:  # type: ignore[no-untyped-def]
    stream = io.StringIO()
    monkeypatch.setattr("sys.stderr", stream)
    configure_logging("INFO", fmt, service="registry")
    return stream


def _fail_with_personal_data() -> None:
    phone = "0812345678"  # a local the traceback must not show either
    raise ValueError(f"could not notify {phone} or somsri@example.org")


@pytest.mark.parametrize("fmt", ["json", "console"])
def test_tracebacks_are_scrubbed_and_show_no_local_variables(monkeypatch, fmt):
    stream = _capture(monkeypatch, fmt)
    try:
        try:
            _fail_with_personal_data()
        except ValueError:
            get_logger("test").exception("delivery failed")
            logging.getLogger("uvicorn.error").exception("Exception in ASGI application")
    finally:
        logging.getLogger().handlers.clear()
    output = stream.getvalue()
    assert "delivery failed" in output and "Exception in ASGI application" in output
    assert "ValueError" in output
    assert "0812345678" not in output
    assert "somsri@example.org" not in output
