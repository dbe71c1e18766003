"""What the console's requests share, kept on the app: settings, the database's stores, the
staff token signer and one HTTP client for the services."""

from __future__ import annotations

from dataclasses import dataclass

import asyncpg
import httpx
from fastapi import Request

from services.web.service_layer.accounts import StaffAccounts
from services.web.service_layer.signing_in import SignIn
from services.web.settings import WebSettings
from shared.identity.tokens import StaffTokenSigner


@dataclass
class WebState:
    settings: WebSettings
    signer: StaffTokenSigner
    service_urls: dict[str, str]
    pool: asyncpg.Pool | None = None
    sign_in: SignIn | None = None
    accounts: StaffAccounts | None = None
    http: httpx.AsyncClient | None = None

    def started(self) -> tuple[SignIn, StaffAccounts]:
        if self.sign_in is None or self.accounts is None:
            raise RuntimeError("the web front has not started")
        return self.sign_in, self.accounts


def web_state(request: Request) -> WebState:
    return request.app.state.web
