"""Where each service listens, as `otop seed` and `otop status` reach it."""

from __future__ import annotations

import os

from services.topology import SERVICES


def service_urls(host: str = "localhost", port_offset: int = 0) -> dict[str, str]:
    """{service: base URL}: http://HOST:<port + offset>, or <SERVICE>_URL when it is set."""
    return {
        spec.name: os.environ.get(
            f"{spec.name.upper()}_URL", f"http://{host}:{spec.port + port_offset}"
        ).rstrip("/")
        for spec in SERVICES
    }
