"""Every service as a uvicorn process of its own, supervised: started again with backoff
whenever it exits, its output streamed with the service's name in front."""

from __future__ import annotations

import asyncio
import os
import sys

from devstack.stack.output import say
from devstack.stack.supervision import ServiceLaunch, SupervisedService
from services.topology import ServiceSpec

_COLOURS = ["\033[36m", "\033[35m", "\033[33m", "\033[32m", "\033[34m"]
_RESET = "\033[0m"

# The sales service's PromptPay id on this machine when the environment sets none: a demo
# mobile number, so QR payments can be tried; a real shop sets SALES_PROMPTPAY_ID.
DEMO_PROMPTPAY_ID = "0812345678"


def promptpay_env(spec: ServiceSpec) -> dict[str, str]:
    if spec.name != "sales" or os.environ.get("SALES_PROMPTPAY_ID", "").strip():
        return {}
    return {"SALES_PROMPTPAY_ID": DEMO_PROMPTPAY_ID}


class ServiceProcesses:
    def __init__(self, host: str, port_offset: int) -> None:
        self.host = host
        self.port_offset = port_offset
        self.services: dict[str, SupervisedService] = {}

    def port(self, spec: ServiceSpec) -> int:
        return spec.port + self.port_offset

    def url(self, spec: ServiceSpec) -> str:
        return f"http://{self.host}:{self.port(spec)}"

    def launch(self, spec: ServiceSpec, index: int, settings: dict[str, str]) -> SupervisedService:
        """The service's supervisor (not started yet): its command, and the environment with
        `settings` (DATABASE_URL, KAFKA_BOOTSTRAP_SERVERS, ADMIN_TOKEN, ...) on top."""
        env = {
            **os.environ,
            **settings,
            # Readable lines for a person at a terminal; JSON when the output is collected.
            "LOG_FORMAT": os.environ.get(
                "LOG_FORMAT", "console" if sys.stdout.isatty() else "json"
            ),
            "PYTHONUNBUFFERED": "1",
            **promptpay_env(spec),
        }
        command = [
            sys.executable,
            "-m",
            "uvicorn",
            "--factory",
            spec.app_factory,
            "--host",
            self.host,
            "--port",
            str(self.port(spec)),
            "--loop",
            "uvloop",
            "--http",
            "httptools",
            "--no-access-log",
            "--timeout-graceful-shutdown",
            "10",
        ]
        colour = _COLOURS[index % len(_COLOURS)] if sys.stdout.isatty() else ""
        prefix = f"{colour}{spec.name:<13}{_RESET if colour else ''}| "
        service = SupervisedService(ServiceLaunch(spec, self.url(spec), command, env, prefix))
        self.services[spec.name] = service
        return service

    async def wait_ready(self, remind_every: float = 30.0) -> None:
        """Until every service has answered /readyz once (the supervisors keep restarting
        any that exit meanwhile); says every `remind_every` seconds who is still missing."""
        while True:
            waiting = [s for s in self.services.values() if not s.ready.is_set()]
            if not waiting:
                return
            events = [asyncio.create_task(s.ready.wait()) for s in waiting]
            _, pending = await asyncio.wait(events, timeout=remind_every)
            for task in pending:
                task.cancel()
            if len(pending) == len(events):
                names = ", ".join(s.name for s in waiting if not s.ready.is_set())
                say(f"still waiting for {names} to become ready")

    async def stop(self) -> None:
        await asyncio.gather(*(service.stop() for service in self.services.values()))
