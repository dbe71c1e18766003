"""Jinja2 templates per notification kind and language (`templates/<kind>.<lang>.j2`).

Each template defines the blocks `subject` and `body`. Thai is the default; a kind without
an English template is sent in Thai. A template that renders an empty subject or body is an
error, never an empty message.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import jinja2

from services.notifications.domain.formatting import format_baht, format_date, format_datetime
from services.notifications.domain.kinds import Kind
from services.notifications.domain.message import Message

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
DEFAULT_LANGUAGE = "th"

STATUS_LABELS = {
    "th": {
        "pending": "รอการตรวจสอบ",
        "active": "สมาชิกปกติ",
        "suspended": "ระงับสมาชิกภาพชั่วคราว",
        "withdrawn": "พ้นสภาพสมาชิก",
        "pending_approval": "รอการอนุมัติ",
        "confirmed": "ยืนยันแล้ว",
        "waitlisted": "อยู่ในรายชื่อสำรอง",
        "cancelled": "ยกเลิกแล้ว",
        "member_cancelled": "ท่านขอยกเลิกเอง",
        "staff_cancelled": "เจ้าหน้าที่ยกเลิกการลงทะเบียน",
        "rejected": "ไม่ได้รับการอนุมัติ",
        "event_cancelled": "งานถูกยกเลิก",
        "member_suspended": "สมาชิกภาพถูกระงับ",
    },
    "en": {
        "pending": "pending review",
        "active": "active",
        "suspended": "suspended",
        "withdrawn": "withdrawn",
        "pending_approval": "awaiting approval",
        "confirmed": "confirmed",
        "waitlisted": "on the waitlist",
        "cancelled": "cancelled",
        "member_cancelled": "you cancelled it",
        "staff_cancelled": "staff cancelled the registration",
        "rejected": "not approved",
        "event_cancelled": "the event was cancelled",
        "member_suspended": "the membership was suspended",
    },
}


class TemplateMissing(LookupError):
    pass


class EmptyMessage(ValueError):
    pass


class TemplateRenderer:
    def __init__(self, folder: Path = TEMPLATES) -> None:
        self._env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(folder),
            undefined=jinja2.StrictUndefined,
            autoescape=False,
            keep_trailing_newline=False,
            trim_blocks=True,
            lstrip_blocks=True,
        )

    def _template(self, kind: Kind, language: str) -> tuple[jinja2.Template, str]:
        for candidate in dict.fromkeys((language, DEFAULT_LANGUAGE)):
            try:
                return self._env.get_template(f"{kind.value}.{candidate}.j2"), candidate
            except jinja2.TemplateNotFound:
                continue
        raise TemplateMissing(f"there is no template for {kind.value}")

    def render(self, kind: Kind, language: str, context: Mapping[str, Any]) -> Message:
        template, used = self._template(kind, language)
        helpers = _helpers(used)
        ctx = template.new_context({**helpers, **context})
        # A subject is one line (an e-mail header cannot hold a line break), whatever
        # line breaks the event's title or a reason brings along.
        subject = " ".join("".join(template.blocks["subject"](ctx)).split())
        body = "".join(template.blocks["body"](ctx)).strip()
        if not subject or not body:
            raise EmptyMessage(f"the {used} template of {kind.value} rendered nothing")
        return Message(subject=subject, body=body, language=used)


def _helpers(language: str) -> dict[str, Any]:
    labels = STATUS_LABELS.get(language, STATUS_LABELS[DEFAULT_LANGUAGE])

    def pick(item: Mapping[str, Any], name: str) -> str:
        if language == "en" and item.get(f"{name}_en"):
            return str(item[f"{name}_en"])
        return str(item[f"{name}_th"])

    return {
        "lang": language,
        "baht": lambda amount: format_baht(amount, language),
        # A payout below zero is money the member owes: shown as such, not as "-120.00".
        "owed": lambda amount: Decimal(str(amount)) < 0,
        "owed_baht": lambda amount: format_baht(-Decimal(str(amount)), language),
        "day": lambda value: format_date(value, language),
        "moment": lambda value: format_datetime(value, language),
        "label": lambda value: labels.get(str(value), str(value)),
        "pick": pick,
        # A message in Thai with English beneath (to an order's customer) words both.
        "baht_en": lambda amount: format_baht(amount, "en"),
        "day_en": lambda value: format_date(value, "en"),
        "moment_en": lambda value: format_datetime(value, "en"),
    }
