"""A local mail catcher for the one-machine stack and the tests.

An SMTP server (aiosmtpd) keeps every mail it receives in memory, and a small web page lists
them and shows each one (UTF-8, so Thai reads as written). Nothing is delivered anywhere:
this is where a person reads what members would have received. `refuse` makes the server
answer 550 for chosen recipients, as a real server does for a mailbox that does not exist.
"""

from __future__ import annotations

import asyncio
import html
import json
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from aiohttp import web
from aiosmtpd.smtp import SMTP, Envelope, Session


@dataclass(frozen=True)
class CaughtMail:
    number: int
    sender: str
    recipients: tuple[str, ...]
    subject: str
    body: str
    received_at: datetime
    headers: dict[str, str] = field(default_factory=dict)


class _Handler:
    def __init__(self, catcher: MailCatcher) -> None:
        self._catcher = catcher

    async def handle_RCPT(
        self,
        server: SMTP,
        session: Session,
        envelope: Envelope,
        address: str,
        rcpt_options: list[str],
    ) -> str:
        if address.lower() in self._catcher.refuse:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        raw = envelope.original_content or envelope.content or b""
        if isinstance(raw, str):
            raw = raw.encode()
        self._catcher.keep(envelope.mail_from or "", tuple(envelope.rcpt_tos), raw)
        return "250 Message accepted"


class MailCatcher:
    def __init__(
        self,
        smtp_port: int,
        http_port: int | None = None,
        host: str = "127.0.0.1",
        max_messages: int = 5000,
    ) -> None:
        self.host = host
        self.smtp_port = smtp_port
        self.http_port = http_port
        self.max_messages = max_messages
        self.messages: list[CaughtMail] = []
        self.refuse: set[str] = set()
        self._count = 0
        self._smtp: asyncio.AbstractServer | None = None
        self._web: web.AppRunner | None = None

    @property
    def web_url(self) -> str:
        return f"http://{self.host}:{self.http_port}"

    def keep(self, sender: str, recipients: tuple[str, ...], raw: bytes) -> None:
        parsed = message_from_bytes(raw, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        part = parsed.get_body(preferencelist=("plain", "html"))
        body = _text(part) if part is not None else ""
        self._count += 1
        self.messages.append(
            CaughtMail(
                number=self._count,
                sender=sender,
                recipients=recipients,
                subject=str(parsed.get("Subject", "")),
                body=body,
                received_at=datetime.now(UTC),
                headers={k: str(v) for k, v in parsed.items()},
            )
        )
        del self.messages[: -self.max_messages]

    async def start(self) -> None:
        # aiosmtpd logs every SMTP command (addresses included) at INFO: keep it quiet.
        logging.getLogger("mail.log").setLevel(logging.WARNING)
        loop = asyncio.get_running_loop()
        handler = _Handler(self)
        self._smtp = await loop.create_server(
            lambda: SMTP(handler, hostname="otop-mail-catcher", enable_SMTPUTF8=True),
            self.host,
            self.smtp_port,
        )
        if self.http_port is not None:
            app = web.Application()
            app.router.add_get("/", self._index)
            app.router.add_get("/messages/{number}", self._show)
            app.router.add_get("/api/messages", self._api)
            self._web = web.AppRunner(app, access_log=None)
            await self._web.setup()
            await web.TCPSite(self._web, self.host, self.http_port).start()

    async def stop(self) -> None:
        if self._web is not None:
            await self._web.cleanup()
            self._web = None
        if self._smtp is not None:
            self._smtp.close()
            await self._smtp.wait_closed()
            self._smtp = None

    # --- the web page ---------------------------------------------------------------

    @staticmethod
    def _page(title: str, content: str) -> web.Response:
        text = (
            '<!doctype html><html lang="th"><head><meta charset="utf-8">'
            f"<title>{html.escape(title)}</title>"
            "<style>body{font-family:sans-serif;margin:2em}td,th{padding:4px 10px;"
            "text-align:left}pre{white-space:pre-wrap;font-size:1.05em}</style></head>"
            f"<body>{content}</body></html>"
        )
        return web.Response(text=text, content_type="text/html", charset="utf-8")

    async def _index(self, request: web.Request) -> web.Response:
        rows = "".join(
            f"<tr><td>{m.number}</td><td>{m.received_at:%Y-%m-%d %H:%M:%S} UTC</td>"
            f"<td>{html.escape(', '.join(m.recipients))}</td>"
            f'<td><a href="/messages/{m.number}">{html.escape(m.subject)}</a></td></tr>'
            for m in reversed(self.messages)
        )
        return self._page(
            "Mail catcher",
            f"<h1>Mail catcher</h1><p>{len(self.messages)} messages</p>"
            "<table><tr><th>#</th><th>received</th><th>to</th><th>subject</th></tr>"
            f"{rows}</table>",
        )

    async def _show(self, request: web.Request) -> web.Response:
        number = request.match_info["number"]
        found = next((m for m in self.messages if str(m.number) == number), None)
        if found is None:
            raise web.HTTPNotFound(text="no such message")
        return self._page(
            found.subject,
            f"<p><a href='/'>all messages</a></p><h2>{html.escape(found.subject)}</h2>"
            f"<p>From: {html.escape(found.sender)}<br>To: "
            f"{html.escape(', '.join(found.recipients))}</p><pre>{html.escape(found.body)}</pre>",
        )

    async def _api(self, request: web.Request) -> web.Response:
        items: list[dict[str, Any]] = [
            {
                "number": m.number,
                "from": m.sender,
                "to": list(m.recipients),
                "subject": m.subject,
                "body": m.body,
                "received_at": m.received_at.isoformat(),
            }
            for m in self.messages
        ]
        return web.json_response({"messages": items}, dumps=_dumps)


def _text(part: EmailMessage) -> str:
    """The part's text. A mailer that sends UTF-8 without naming a charset (or names one
    Python does not know) still shows readable Thai rather than replacement characters or
    a refused mail."""
    declared = part.get_param("charset")
    try:
        text = part.get_content()
    except LookupError:
        text = None
    if text is not None and (declared is not None or text.isascii()):
        return str(text)
    raw = part.get_payload(decode=True)
    return raw.decode("utf-8", errors="replace") if isinstance(raw, bytes) else ""


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)
