"""The platform's topology in one place: which services exist, their ports and schemas.

The one-machine stack (`otop up`) and the operator CLI read this; docker-compose.yml
describes the same topology for containers.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ServiceSpec:
    name: str  # also its Postgres schema and role
    port: int
    app_factory: str  # "module:function" for uvicorn --factory
    migrations: Path
    # "module:function" loading demo data through the service's API, or None. The function
    # takes ({service name: base URL}, admin token) and returns {what: how many loaded}.
    demo_loader: str | None = None

    @property
    def password_env(self) -> str:
        return f"{self.name.upper()}_DB_PASSWORD"


_ROOT = Path(__file__).parent

SERVICES: tuple[ServiceSpec, ...] = (
    ServiceSpec(
        "registry",
        8001,
        "services.registry.app:create_app",
        _ROOT / "registry" / "migrations",
        demo_loader="services.registry.demo_data:load_stack_demo",
    ),
    ServiceSpec(
        "events",
        8002,
        "services.events.app:create_app",
        _ROOT / "events" / "migrations",
        demo_loader="services.events.demo_data:load_stack_demo",
    ),
    ServiceSpec(
        "sales",
        8003,
        "services.sales.app:create_app",
        _ROOT / "sales" / "migrations",
        demo_loader="services.sales.demo_data:load_stack_demo",
    ),
    ServiceSpec(
        "notifications",
        8004,
        "services.notifications.app:create_app",
        _ROOT / "notifications" / "migrations",
        demo_loader="services.notifications.demo_data:load_stack_demo",
    ),
)


def service(name: str) -> ServiceSpec:
    for spec in SERVICES:
        if spec.name == name:
            return spec
    known = ", ".join(s.name for s in SERVICES)
    raise KeyError(f"unknown service {name!r} (known: {known})")
