"""The local mail catcher: a real SMTP server whose web page shows what it caught."""

from __future__ import annotations

from email.message import EmailMessage

import aiosmtplib
import httpx
import pytest

from devstack.servers.mail_catcher import MailCatcher
from devstack.servers.ports import free_port


async def test_a_thai_mail_is_caught_and_readable_on_the_web_page() -> None:
    catcher = MailCatcher(smtp_port=free_port(), http_port=free_port())
    await catcher.start()
    try:
        mail = EmailMessage()
        mail["From"] = "no-reply@otop.local"
        mail["To"] = "member@example.org"
        mail["Subject"] = "สรุปยอดขายประจำวันที่ 20 พฤศจิกายน 2569"
        mail.set_content("ยอดขายสุทธิ: 1,250.50 บาท", charset="utf-8")
        await aiosmtplib.send(mail, hostname="127.0.0.1", port=catcher.smtp_port)
        [caught] = catcher.messages
        assert caught.subject == "สรุปยอดขายประจำวันที่ 20 พฤศจิกายน 2569"
        assert caught.body.strip() == "ยอดขายสุทธิ: 1,250.50 บาท"
        async with httpx.AsyncClient(base_url=catcher.web_url) as web:
            index = await web.get("/")
            assert (
                "สรุปยอดขายประจำวันที่" in index.text
                and "charset=utf-8" in index.headers["content-type"]
            )
            shown = await web.get(f"/messages/{caught.number}")
            assert "1,250.50 บาท" in shown.text
            listed = (await web.get("/api/messages")).json()["messages"]
            assert listed[0]["to"] == ["member@example.org"]
            assert (await web.get("/messages/999")).status_code == 404
    finally:
        await catcher.stop()


async def test_a_refused_recipient_gets_a_permanent_smtp_error() -> None:
    catcher = MailCatcher(smtp_port=free_port())
    catcher.refuse.add("gone@example.org")
    await catcher.start()
    try:
        mail = EmailMessage()
        mail["From"] = "no-reply@otop.local"
        mail["To"] = "gone@example.org"
        mail["Subject"] = "x"
        mail.set_content("x")
        with pytest.raises(aiosmtplib.SMTPRecipientsRefused) as refused:
            await aiosmtplib.send(mail, hostname="127.0.0.1", port=catcher.smtp_port)
        assert refused.value.recipients[0].code == 550
        assert catcher.messages == []
    finally:
        await catcher.stop()


@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "text/plain; charset=x-unknown-8bit"],
    ids=["no charset named", "unknown charset"],
)
def test_thai_utf8_without_a_usable_charset_is_still_readable(content_type: str) -> None:
    catcher = MailCatcher(smtp_port=0)
    text = "ยอดขายสุทธิ: 1,250.50 บาท"
    raw = (
        b"From: no-reply@otop.local\r\nTo: member@example.org\r\n"
        b"Subject: =?utf-8?b?4Liq4Lij4Li44Lib?=\r\n"
        + f"Content-Type: {content_type}\r\nContent-Transfer-Encoding: 8bit\r\n\r\n".encode()
        + text.encode()
        + b"\r\n"
    )
    catcher.keep("no-reply@otop.local", ("member@example.org",), raw)
    [caught] = catcher.messages
    assert caught.subject == "สรุป"
    assert caught.body.strip() == text
