"""What the stack prints once everything runs: where each part is and how to reach it."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from devstack.stack.processes import DEMO_PROMPTPAY_ID
from services.topology import SALES, SERVICES, WEB, ServiceSpec


@dataclass(frozen=True)
class Whereabouts:
    url: Callable[[ServiceSpec], str]
    bootstrap: str
    broker_description: str
    mail_url: str | None
    admin_dsn: str
    admin_token: str
    data_dir: Path
    demo_staff: bool = False  # the demo staff accounts were loaded


def banner(where: Whereabouts) -> str:
    url = where.url
    promptpay = os.environ.get("SALES_PROMPTPAY_ID")
    lines = ["", "OTOP network platform is running:"]
    for spec in SERVICES:
        lines.append(f"  {spec.name:<14} {url(spec)}   (API docs {url(spec)}/docs)")
    lines.append(f"  {'staff console':<14} {url(WEB)}/console")
    lines.append(
        f"  {'terminal app':<14} {url(SALES)}/terminal/   (pair it from the console: "
        "ร้านค้า Shop → เครื่องขาย Terminals, as shop.manager)"
    )
    lines += [
        f"  kafka          {where.bootstrap}   {where.broker_description}",
        *(
            [f"  mail catcher   {where.mail_url}   (e-mail members would get)"]
            if where.mail_url
            else []
        ),
        f"  postgres       {hide_password(where.admin_dsn)}",
        f"  promptpay id   {promptpay or DEMO_PROMPTPAY_ID}"
        + ("" if promptpay else "   (a demo id: set your own)"),
        f"  admin token    {where.admin_token}",
        f"  data           {where.data_dir}",
        f"  try:  curl -H 'Authorization: Bearer <admin token>' {url(SERVICES[0])}/v1/members",
        *(demo_staff_lines() if where.demo_staff else []),
        "Press Ctrl-C to stop.",
        "",
    ]
    return "\n".join(lines)


def demo_staff_lines() -> list[str]:
    """The demo staff accounts to sign in to the console with, one a line."""
    from devstack.demo.staff import DEMO_STAFF

    width = max(len(account.username) for account in DEMO_STAFF)
    return [
        "  demo staff accounts (username / password / role, area):",
        *(f"    {a.username:<{width}}  {a.password:<20}  {a.describe()}" for a in DEMO_STAFF),
    ]


def hide_password(dsn: str) -> str:
    parts = urlsplit(dsn)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return urlunsplit(parts._replace(netloc=netloc))
    return dsn
