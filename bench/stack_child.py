"""The one-machine stack (`otop up` without demo data) in a process of its own, which writes
where everything runs to a JSON file once it is up; SIGTERM stops it.

    python -m bench.stack_child DATA_DIR WHEREABOUTS_JSON BROKER PG_PORT KAFKA_PORT OFFSET
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

from devstack.stack.banner import Whereabouts
from devstack.stack.stack import Stack
from services.topology import DEPLOYABLES


class BenchStack(Stack):
    def __init__(self, whereabouts: Path, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.whereabouts = whereabouts

    def _whereabouts(self, admin_token: str) -> Whereabouts:
        found = super()._whereabouts(admin_token)
        state = {
            "admin_dsn": self.servers.admin_dsn,
            "bootstrap": self.servers.bootstrap,
            "admin_token": admin_token,
            "urls": {spec.name: self.processes.url(spec) for spec in DEPLOYABLES},
            "ports": {spec.name: self.processes.port(spec) for spec in DEPLOYABLES},
            "pg_port": self.servers.pg_port,
            "kafka_port": self.servers.kafka_port,
            "postgres_log": str(self.data_dir / "postgres" / "postgres.log"),
        }
        partial = self.whereabouts.with_suffix(".partial")
        partial.write_text(json.dumps(state))
        partial.rename(self.whereabouts)
        return found


def main() -> int:
    data_dir, whereabouts, broker, pg_port, kafka_port, offset = sys.argv[1:7]
    stack = BenchStack(
        Path(whereabouts),
        data_dir=Path(data_dir),
        pg_port=int(pg_port),
        kafka_port=int(kafka_port),
        port_offset=int(offset),
        broker=broker,
    )
    return asyncio.run(stack.run())


if __name__ == "__main__":
    sys.exit(main())
