"""E-mail over SMTP (aiosmtplib): plain text, UTF-8, so Thai reads as written."""

from __future__ import annotations

from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import make_msgid

import aiosmtplib

from services.notifications.adapters.channels.base import ChannelError, Outgoing
from shared.contracts.notifications import Channel


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int
    sender: str
    username: str | None = None
    password: str | None = None
    use_tls: bool = False
    start_tls: bool = False
    timeout_seconds: float = 10.0


class EmailClient:
    channel = Channel.EMAIL

    def __init__(self, config: SmtpConfig) -> None:
        self._config = config

    def _compose(self, outgoing: Outgoing) -> EmailMessage:
        mail = EmailMessage()
        mail["From"] = self._config.sender
        mail["To"] = outgoing.address
        mail["Subject"] = outgoing.message.subject
        mail["Message-ID"] = make_msgid(idstring=outgoing.reference)
        mail["Content-Language"] = outgoing.message.language
        mail.set_content(outgoing.message.body, charset="utf-8")
        return mail

    async def send(self, outgoing: Outgoing) -> None:
        address = outgoing.address
        if "@" not in address or address.startswith("@") or address.endswith("@"):
            raise ChannelError("the e-mail address is not valid", permanent=True)
        config = self._config
        try:
            await aiosmtplib.send(
                self._compose(outgoing),
                hostname=config.host,
                port=config.port,
                username=config.username,
                password=config.password,
                use_tls=config.use_tls,
                start_tls=config.start_tls,
                timeout=config.timeout_seconds,
            )
        except aiosmtplib.SMTPRecipientsRefused as exc:
            codes = [r.code for r in exc.recipients]
            permanent = all(code >= 500 for code in codes)
            raise ChannelError(
                f"SMTP refused the recipient ({codes})", permanent=permanent
            ) from None
        except aiosmtplib.SMTPResponseException as exc:
            raise ChannelError(f"SMTP answered {exc.code}", permanent=exc.code >= 500) from None
        except (aiosmtplib.SMTPException, OSError, TimeoutError) as exc:
            raise ChannelError(f"SMTP unreachable: {type(exc).__name__}", permanent=False) from None
