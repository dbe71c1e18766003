"""structlog set up once for every process: JSON off a terminal, readable on one.

Personal data (phone, email, national id, LINE id) never reaches a log line in clear: values
under those keys are masked, and e-mail addresses or phone numbers inside free text are too.
"""

from __future__ import annotations

import logging
import re
import sys
import time
from collections.abc import MutableMapping
from typing import Any

import structlog

PERSONAL_KEYS = frozenset(
    {
        "phone",
        "contact_phone",
        "email",
        "contact_email",
        "national_id",
        "contact_national_id",
        "line_id",
        "contact_line_id",
        "password",
        "token",
        "authorization",
    }
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
# Bounded by non-word characters, so ids (UUIDs, offsets) are not mistaken for numbers.
_PHONE = re.compile(r"(?<![\w-])(\+?66|0)[\s-]?\d{1,2}[\s-]?\d{3}[\s-]?\d{3,4}(?![\w-])")
_NATIONAL_ID = re.compile(r"(?<![\w-])\d[\s-]?\d{4}[\s-]?\d{5}[\s-]?\d{2}[\s-]?\d(?![\w-])")


def mask(value: object) -> str:
    text = str(value)
    if len(text) <= 2:
        return "***"
    return f"{text[:1]}***{text[-1:]}"


# Every pattern above needs an "@" or a digit: text with neither is left as it is, unread.
_MAY_HOLD_CONTACT = re.compile(r"[@\d]")
# Values the logging itself binds (parsed ids, positions, its own names), never personal data.
_OWN_KEYS = frozenset(
    {"timestamp", "level", "logger", "service", "partition", "offset", "event_id", "correlation_id"}
)


def scrub_text(text: str) -> str:
    if not _MAY_HOLD_CONTACT.search(text):
        return text
    text = _EMAIL.sub(lambda m: mask(m.group(0)), text)
    text = _NATIONAL_ID.sub("*************", text)
    return _PHONE.sub(lambda m: mask(m.group(0)), text)


def _scrub(value: Any, depth: int = 0) -> Any:
    if depth > 5:
        return value
    if isinstance(value, str):
        return scrub_text(value)
    if isinstance(value, dict):
        return {
            k: (mask(v) if str(k).lower() in PERSONAL_KEYS and v else _scrub(v, depth + 1))
            for k, v in value.items()
        }
    if isinstance(value, list | tuple):
        return [_scrub(v, depth + 1) for v in value]
    return value


def redact_personal_data(
    _logger: Any, _method: str, event_dict: MutableMapping[str, Any]
) -> MutableMapping[str, Any]:
    for key in list(event_dict):
        if key in _OWN_KEYS:
            continue
        value = event_dict[key]
        if key.lower() in PERSONAL_KEYS and value:
            event_dict[key] = mask(value)
        else:
            event_dict[key] = _scrub(value)
    return event_dict


def configure_logging(level: str = "INFO", fmt: str = "auto", service: str | None = None) -> None:
    """Configure structlog and route the standard library's loggers through it."""
    as_json = fmt == "json" or (fmt == "auto" and not sys.stderr.isatty())
    shared_processors: list[Any] = [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_logger_name,
        structlog.stdlib.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        structlog.processors.StackInfoRenderer(),
        # Tracebacks become plain text (no local variables) BEFORE redaction, so an
        # exception's message is scrubbed like everything else.
        structlog.processors.format_exc_info,
        redact_personal_data,
    ]
    if service:
        shared_processors.insert(1, _add_service(service))
    renderer: Any = (
        structlog.processors.JSONRenderer(ensure_ascii=False)
        if as_json
        else structlog.dev.ConsoleRenderer(
            colors=sys.stderr.isatty(), exception_formatter=structlog.dev.plain_traceback
        )
    )
    structlog.configure(
        processors=[
            *shared_processors,
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )
    formatter = structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=shared_processors,
        processors=[
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            renderer,
        ],
    )
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(formatter)
    handler.addFilter(QuietRepeats())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for noisy in ("aiokafka", "kafka", "asyncio", "httpx", "httpcore"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, root.level))
    for uvicorn_logger in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logging.getLogger(uvicorn_logger).handlers[:] = []
        logging.getLogger(uvicorn_logger).propagate = True
    logging.getLogger("uvicorn.access").setLevel(logging.WARNING)


class QuietRepeats(logging.Filter):
    """A library's message that repeats (a broker that is away, a topic that is missing) is
    let through the 1st, 2nd, 4th, 8th… time, saying how often it was seen, so an outage
    leaves a few lines with counts instead of a flood. A message quiet for `window` seconds
    starts counting again."""

    def __init__(
        self,
        prefixes: tuple[str, ...] = ("aiokafka", "kafka", "faststream", "asyncio"),
        window: float = 300.0,
        clock: Any = time.monotonic,
    ) -> None:
        super().__init__()
        self._prefixes = prefixes
        self._window = window
        self._clock = clock
        self._seen: dict[tuple[str, int, str], list[float]] = {}

    def filter(self, record: logging.LogRecord) -> bool:
        if not record.name.startswith(self._prefixes):
            return True
        now = self._clock()
        key = (record.name, record.levelno, str(record.msg))
        seen = self._seen.get(key)
        if seen is None or now - seen[1] > self._window:
            if len(self._seen) > 1000:
                self._seen.clear()
            seen = self._seen[key] = [0, now]
        seen[0] += 1
        seen[1] = now
        count = int(seen[0])
        if count.bit_count() != 1:
            return False
        if count > 1:
            record.msg = f"{record.getMessage()} (seen {count} times)"
            record.args = None
        return True


def _add_service(service: str) -> Any:
    def processor(_logger: Any, _method: str, event_dict: Any) -> Any:
        event_dict.setdefault("service", service)
        return event_dict

    return processor


def get_logger(name: str | None = None) -> Any:
    return structlog.get_logger(name)
