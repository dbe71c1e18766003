"""docker-compose.yml, deploy/Dockerfile and .dockerignore describe the topology in code.

Structural checks only (no Docker engine needed): the services expected come from
services.topology.SERVICES, so every service added there must also be added to compose.
"""

from __future__ import annotations

import json
import re
import shlex
import socket
import subprocess
import sys
import threading
import tomllib
from collections.abc import Iterator
from fnmatch import fnmatch
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any

import pytest
import yaml

from services.topology import SERVICES, ServiceSpec

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_FILE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "deploy" / "Dockerfile"
DOCKERIGNORE = ROOT / ".dockerignore"
ENV_EXAMPLE = ROOT / "deploy" / "compose.env.example"

INFRASTRUCTURE = ("postgres", "kafka", "mailpit")
ONE_SHOT = ("migrate", "topics")
INTERNAL_BOOTSTRAP = "kafka:9092"

# postgresql://<role>:${<PASSWORD_VAR>[:?message]}@<host>:<port>/<database>
_DSN = re.compile(
    r"^postgresql://(?P<user>[a-z_]+):\$\{(?P<var>[A-Z_]+)(?::\?[^}]*)?\}"
    r"@(?P<host>[a-z0-9_-]+):(?P<port>\d+)/(?P<database>[a-z_]+)$"
)
_REQUIRED_VAR = re.compile(r"\$\{(?P<var>[A-Z_][A-Z0-9_]*):\?[^}]*\}")
_ANY_VAR = re.compile(r"\$\{(?P<var>[A-Z_][A-Z0-9_]*)(?P<rest>[^}]*)\}")

services_under_test = pytest.mark.parametrize("spec", SERVICES, ids=lambda spec: spec.name)


# --- helpers ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    loaded = yaml.safe_load(COMPOSE_FILE.read_text("utf-8"))
    assert isinstance(loaded, dict), "docker-compose.yml is not a mapping"
    return loaded


def _service(compose: dict[str, Any], name: str) -> dict[str, Any]:
    services = compose.get("services", {})
    assert name in services, f"docker-compose.yml has no `{name}` service"
    return services[name]


def _env(definition: dict[str, Any]) -> dict[str, str]:
    environment = definition.get("environment", {})
    if isinstance(environment, list):
        environment = dict(item.split("=", 1) for item in environment)
    return {key: str(value) for key, value in environment.items()}


def _command(definition: dict[str, Any]) -> list[str]:
    command = definition.get("command", [])
    return shlex.split(command) if isinstance(command, str) else [str(c) for c in command]


def _published(definition: dict[str, Any]) -> dict[int, int]:
    """Container port -> host port for every published port (short or long syntax)."""
    published: dict[int, int] = {}
    for entry in definition.get("ports", []):
        if isinstance(entry, dict):
            published[int(entry["target"])] = int(entry.get("published", entry["target"]))
            continue
        parts = str(entry).split("/")[0].split(":")
        container = int(parts[-1])
        published[container] = int(parts[-2]) if len(parts) >= 2 else container
    return published


def _healthcheck_command(definition: dict[str, Any]) -> list[str]:
    test = definition.get("healthcheck", {}).get("test", [])
    return shlex.split(test) if isinstance(test, str) else [str(t) for t in test]


def _named_volume_mounts(definition: dict[str, Any]) -> dict[str, str]:
    """Named volume -> mount point (bind mounts of host paths are left out)."""
    mounts: dict[str, str] = {}
    for entry in definition.get("volumes", []):
        if isinstance(entry, dict):
            if entry.get("type", "volume") == "volume":
                mounts[entry["source"]] = entry["target"]
            continue
        source, target = str(entry).split(":")[:2]
        if not source.startswith((".", "/", "~")):
            mounts[source] = target
    return mounts


def _dsn(value: str) -> re.Match[str]:
    match = _DSN.match(value)
    assert match, f"{value!r} is not postgresql://<role>:${{<VAR>}}@<host>:<port>/<database>"
    return match


def _compose_text_without_comments() -> str:
    lines = COMPOSE_FILE.read_text("utf-8").splitlines()
    return "\n".join(line for line in lines if not line.lstrip().startswith("#"))


def _dockerfile_instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with line continuations joined and comments dropped."""
    logical: list[str] = []
    pending = ""
    for line in DOCKERFILE.read_text("utf-8").splitlines():
        stripped = line.strip()
        if not pending and (not stripped or stripped.startswith("#")):
            continue
        if stripped.startswith("#"):
            continue
        if stripped.endswith("\\"):
            pending += stripped[:-1] + " "
            continue
        logical.append(pending + stripped)
        pending = ""
    instructions = []
    for line in logical:
        keyword, _, arguments = line.partition(" ")
        instructions.append((keyword.upper(), arguments.strip()))
    return instructions


def _image_tag(image: str) -> str | None:
    name = image.split("@")[0]
    last = name.rsplit("/", 1)[-1]
    return last.split(":", 1)[1] if ":" in last else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def readyz_server() -> Iterator[tuple[int, dict[str, int]]]:
    """A local HTTP server whose /readyz answers with the status the test sets."""
    state = {"status": 200}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            status = state["status"] if self.path == "/readyz" else 404
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(json.dumps({"status": status}).encode())

        def log_message(self, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", _free_port()), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1], state
    finally:
        server.shutdown()
        server.server_close()


# --- the services of the topology -------------------------------------------------------


def test_every_topology_service_runs_in_compose(compose: dict[str, Any]) -> None:
    missing = [spec.name for spec in SERVICES if spec.name not in compose["services"]]
    assert not missing, f"services in services/topology.py missing from compose: {missing}"


@services_under_test
def test_every_service_runs_from_the_project_image(
    compose: dict[str, Any], spec: ServiceSpec
) -> None:
    build = _service(compose, spec.name).get("build")
    assert isinstance(build, dict), f"{spec.name} does not build the project's image"
    context = ROOT / build.get("context", ".")
    assert context.resolve() == ROOT
    assert (context / build.get("dockerfile", "Dockerfile")).resolve() == DOCKERFILE


@services_under_test
def test_every_service_runs_its_own_serve_command(
    compose: dict[str, Any], spec: ServiceSpec
) -> None:
    assert _command(_service(compose, spec.name)) == ["serve", spec.name]


@services_under_test
def test_every_service_publishes_its_own_port(compose: dict[str, Any], spec: ServiceSpec) -> None:
    published = _published(_service(compose, spec.name))
    assert published.get(spec.port) == spec.port, (
        f"{spec.name} must publish {spec.port}:{spec.port}, publishes {published}"
    )


@services_under_test
def test_every_service_connects_as_its_own_database_role(
    compose: dict[str, Any], spec: ServiceSpec
) -> None:
    dsn = _dsn(_env(_service(compose, spec.name)).get("DATABASE_URL", ""))
    assert dsn["user"] == spec.name
    assert dsn["var"] == spec.password_env
    assert dsn["host"] == "postgres"
    assert dsn["database"] == _env(_service(compose, "postgres"))["POSTGRES_DB"]


@services_under_test
def test_every_service_requires_an_admin_token_without_a_default(
    compose: dict[str, Any], spec: ServiceSpec
) -> None:
    token = _env(_service(compose, spec.name)).get("ADMIN_TOKEN", "")
    assert re.fullmatch(r"\$\{ADMIN_TOKEN:\?[^}]+\}", token), (
        f"{spec.name}: ADMIN_TOKEN must be ${{ADMIN_TOKEN:?message}} (required, no default), "
        f"is {token!r}"
    )


@services_under_test
def test_every_service_reaches_kafka_on_its_internal_listener(
    compose: dict[str, Any], spec: ServiceSpec
) -> None:
    env = _env(_service(compose, spec.name))
    assert env.get("KAFKA_BOOTSTRAP_SERVERS") == INTERNAL_BOOTSTRAP
    advertised = _env(_service(compose, "kafka"))["KAFKA_ADVERTISED_LISTENERS"]
    assert f"//{INTERNAL_BOOTSTRAP}" in advertised


@services_under_test
def test_every_service_runs_in_production_with_json_logs(
    compose: dict[str, Any], spec: ServiceSpec
) -> None:
    env = _env(_service(compose, spec.name))
    assert env.get("OTOP_ENV") == "production"
    assert env.get("LOG_FORMAT") == "json"


@services_under_test
def test_every_service_reports_health_from_its_readyz(
    compose: dict[str, Any], spec: ServiceSpec
) -> None:
    command = _healthcheck_command(_service(compose, spec.name))
    assert command[:3] == ["CMD", "python", "-c"], (
        f"{spec.name}: the slim image has no curl; check /readyz with python -c"
    )
    assert f"http://localhost:{spec.port}/readyz" in command[3]


@services_under_test
def test_readiness_check_passes_only_when_readyz_answers_ok(
    compose: dict[str, Any], spec: ServiceSpec, readyz_server: tuple[int, dict[str, int]]
) -> None:
    port, state = readyz_server
    code = _healthcheck_command(_service(compose, spec.name))[3]
    local = code.replace(f"localhost:{spec.port}/", f"127.0.0.1:{port}/")

    def check() -> int:
        return subprocess.run(
            [sys.executable, "-c", local], capture_output=True, timeout=30
        ).returncode

    state["status"] = 200
    assert check() == 0
    state["status"] = 503
    assert check() != 0


@services_under_test
def test_every_service_waits_for_migrations_and_topics(
    compose: dict[str, Any], spec: ServiceSpec
) -> None:
    depends_on = _service(compose, spec.name).get("depends_on", {})
    assert isinstance(depends_on, dict), "depends_on must state conditions"
    for task in ONE_SHOT:
        assert depends_on.get(task, {}).get("condition") == "service_completed_successfully", (
            f"{spec.name} must wait for `{task}` to complete successfully"
        )


def test_long_running_containers_restart_unless_stopped(compose: dict[str, Any]) -> None:
    for name in [*INFRASTRUCTURE, *(spec.name for spec in SERVICES)]:
        assert _service(compose, name).get("restart") == "unless-stopped", name
    for name in ONE_SHOT:
        assert _service(compose, name).get("restart", "no") == "no", name


# --- one-shot tasks ---------------------------------------------------------------------


def test_migrate_runs_as_the_postgres_administrator_once_postgres_is_healthy(
    compose: dict[str, Any],
) -> None:
    migrate = _service(compose, "migrate")
    postgres_env = _env(_service(compose, "postgres"))
    assert _command(migrate) == ["migrate"]
    dsn = _dsn(_env(migrate).get("DATABASE_URL", ""))
    assert dsn["user"] == postgres_env.get("POSTGRES_USER", "postgres")
    assert dsn["var"] == "POSTGRES_PASSWORD"
    assert dsn["host"] == "postgres"
    assert dsn["database"] == postgres_env["POSTGRES_DB"]
    assert migrate["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert migrate["build"] == _service(compose, SERVICES[0].name)["build"]


@services_under_test
def test_migrate_gets_every_service_database_password(
    compose: dict[str, Any], spec: ServiceSpec
) -> None:
    value = _env(_service(compose, "migrate")).get(spec.password_env, "")
    assert re.fullmatch(rf"\$\{{{spec.password_env}:\?[^}}]+\}}", value), (
        f"migrate needs {spec.password_env}=${{{spec.password_env}:?...}} to create the "
        f"{spec.name} role, has {value!r}"
    )


def test_topics_are_created_once_kafka_is_healthy(compose: dict[str, Any]) -> None:
    topics = _service(compose, "topics")
    assert _command(topics) == ["topics"]
    assert _env(topics).get("KAFKA_BOOTSTRAP_SERVERS") == INTERNAL_BOOTSTRAP
    assert topics["depends_on"]["kafka"]["condition"] == "service_healthy"
    assert topics["build"] == _service(compose, SERVICES[0].name)["build"]


# --- infrastructure ---------------------------------------------------------------------


def test_every_image_is_pinned_to_a_version(compose: dict[str, Any]) -> None:
    for name, definition in compose["services"].items():
        image = definition.get("image")
        if image is None:
            assert "build" in definition, f"{name} has neither an image nor a build"
            continue
        tag = _image_tag(image)
        assert tag and tag != "latest", f"{name}: image {image!r} is not pinned to a tag"
        if "build" not in definition:
            assert "${" not in image, f"{name}: image {image!r} must not come from a variable"
            assert re.search(r"\d+\.\d+", tag), f"{name}: {image!r} is not pinned to a version"


@pytest.mark.parametrize("name", INFRASTRUCTURE)
def test_infrastructure_has_a_healthcheck_and_a_named_volume(
    compose: dict[str, Any], name: str
) -> None:
    definition = _service(compose, name)
    assert _healthcheck_command(definition), f"{name} has no healthcheck"
    mounts = _named_volume_mounts(definition)
    assert mounts, f"{name} keeps its data in no named volume"
    declared = compose.get("volumes") or {}
    assert set(mounts) <= set(declared), f"{name}: volumes {set(mounts)} are not declared"


def test_postgres_requires_its_password_and_keeps_its_data(compose: dict[str, Any]) -> None:
    postgres = _service(compose, "postgres")
    env = _env(postgres)
    assert re.fullmatch(r"\$\{POSTGRES_PASSWORD:\?[^}]+\}", env.get("POSTGRES_PASSWORD", ""))
    assert env.get("POSTGRES_DB") == "otop"
    assert re.match(r"postgres:17\.\d+", postgres["image"])
    assert "/var/lib/postgresql/data" in _named_volume_mounts(postgres).values()
    assert "pg_isready" in " ".join(_healthcheck_command(postgres))


def test_kafka_runs_a_single_kraft_node_without_auto_created_topics(
    compose: dict[str, Any],
) -> None:
    kafka = _service(compose, "kafka")
    env = _env(kafka)
    assert kafka["image"].startswith("apache/kafka:")
    assert set(env["KAFKA_PROCESS_ROLES"].split(",")) == {"broker", "controller"}
    assert env.get("CLUSTER_ID"), "the apache/kafka image needs CLUSTER_ID in KRaft mode"
    node_id = env["KAFKA_NODE_ID"]
    assert env["KAFKA_CONTROLLER_QUORUM_VOTERS"].startswith(f"{node_id}@kafka:")
    assert env["KAFKA_AUTO_CREATE_TOPICS_ENABLE"] == "false"
    assert env["KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR"] == "1"
    assert env["KAFKA_LOG_DIRS"] in _named_volume_mounts(kafka).values()
    health = " ".join(_healthcheck_command(kafka))
    assert re.search(r"/opt/kafka/bin/kafka-(broker-api-versions|topics)\.sh", health)


def test_kafka_advertises_an_external_listener_the_host_can_reach(
    compose: dict[str, Any],
) -> None:
    kafka = _service(compose, "kafka")
    advertised = _env(kafka)["KAFKA_ADVERTISED_LISTENERS"].split(",")
    external = [
        listener for listener in advertised if "//localhost:" in listener or "//127." in listener
    ]
    assert external, f"no listener for host tools in {advertised}"
    port = int(external[0].rsplit(":", 1)[1])
    assert _published(kafka).get(port) == port


def test_mail_catcher_accepts_smtp_on_1025(compose: dict[str, Any]) -> None:
    mailpit = _service(compose, "mailpit")
    env = _env(mailpit)
    assert mailpit["image"].startswith("axllent/mailpit:")
    assert env.get("MP_SMTP_BIND_ADDR", "0.0.0.0:1025").endswith(":1025")
    assert 8025 in _published(mailpit), "the mail catcher's web UI is not published"


# --- secrets ----------------------------------------------------------------------------


def test_every_required_variable_is_documented_in_the_env_example() -> None:
    text = _compose_text_without_comments()
    required = {m["var"] for m in _REQUIRED_VAR.finditer(text)}
    required |= {spec.password_env for spec in SERVICES}
    assert {"ADMIN_TOKEN", "POSTGRES_PASSWORD"} <= required
    documented = set(re.findall(r"^([A-Z_][A-Z0-9_]*)=", ENV_EXAMPLE.read_text("utf-8"), re.M))
    missing = sorted(required - documented)
    assert not missing, f"deploy/compose.env.example does not list {missing}"


def test_every_variable_is_either_required_or_has_a_default() -> None:
    text = _compose_text_without_comments()
    bare = sorted(
        m["var"] for m in _ANY_VAR.finditer(text) if not m["rest"].startswith((":?", ":-"))
    )
    assert not bare, f"variables that would silently be empty: {bare}"


# --- the image --------------------------------------------------------------------------


def test_dockerfile_base_image_is_pinned() -> None:
    stages: set[str] = set()
    bases = []
    for keyword, arguments in _dockerfile_instructions():
        if keyword != "FROM":
            continue
        words = [w for w in arguments.split() if not w.startswith("--")]
        if len(words) >= 3 and words[1].upper() == "AS":
            stages.add(words[2].lower())
        if words[0].lower() not in stages:
            bases.append(words[0])
    assert bases, "deploy/Dockerfile has no FROM"
    for image in bases:
        assert image.startswith("python:3.11"), f"base image {image!r} is not Python 3.11"
        tag = _image_tag(image) or ""
        assert re.match(r"3\.11\.\d+-slim", tag), f"base image {image!r} is not pinned"


def test_dockerfile_installs_the_project_without_extras() -> None:
    instructions = _dockerfile_instructions()
    copied = {
        Path(word).as_posix().rstrip("/")
        for keyword, arguments in instructions
        if keyword == "COPY" and "--from" not in arguments
        for word in arguments.split()[:-1]
        if not word.startswith("--")
    }
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    packages = {
        p.rstrip("*") for p in pyproject["tool"]["setuptools"]["packages"]["find"]["include"]
    }
    assert {"pyproject.toml", *packages} <= copied, f"the image copies only {copied}"
    installs = [
        arguments.split()
        for keyword, arguments in instructions
        if keyword == "RUN" and re.search(r"\bpip install\b", arguments)
    ]
    assert any("." in words for words in installs), "the Dockerfile never runs `pip install .`"
    assert not any(w.startswith(".[") for words in installs for w in words), "extras installed"


def test_image_runs_otop_as_a_non_root_user() -> None:
    instructions = _dockerfile_instructions()
    users = [arguments for keyword, arguments in instructions if keyword == "USER"]
    assert users, "the image runs as root"
    assert users[-1].split(":")[0] not in {"root", "0"}
    entrypoints = [arguments for keyword, arguments in instructions if keyword == "ENTRYPOINT"]
    assert entrypoints and json.loads(entrypoints[-1]) == ["otop"]
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    assert "otop" in pyproject["project"]["scripts"]


def _dockerignore_excludes(path: str, patterns: list[str]) -> bool:
    """Whether Docker leaves `path` out of the build context (the last matching rule wins)."""
    parts = path.split("/")
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    excluded = False
    for raw in patterns:
        negated = raw.startswith("!")
        pattern = (raw[1:] if negated else raw).strip("/")
        candidates = [pattern, pattern[3:]] if pattern.startswith("**/") else [pattern]
        if any(fnmatch(prefix, c) for prefix in prefixes for c in candidates):
            excluded = not negated
    return excluded


def test_dockerignore_sends_the_sources_and_keeps_secrets_out() -> None:
    patterns = [
        line.strip()
        for line in DOCKERIGNORE.read_text("utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    needed = ["pyproject.toml"]
    for folder in ("shared", "services"):
        needed += [
            p.relative_to(ROOT).as_posix()
            for p in (ROOT / folder).rglob("*")
            if p.is_file() and "__pycache__" not in p.parts
        ]
    left_out = [path for path in needed if _dockerignore_excludes(path, patterns)]
    assert not left_out, f".dockerignore leaves out files the image needs: {left_out[:5]}"
    for private in (
        ".env",
        ".git/config",
        ".venv/bin/python",
        ".otop/secrets.json",
        "deploy/compose.env",
        "services/__pycache__/cli.cpython-311.pyc",
        "tests/conftest.py",
    ):
        assert _dockerignore_excludes(private, patterns), f"{private} would enter the image"


# --- the web front (topology.WEB) ---------------------------------------------------------


def test_the_web_front_runs_on_its_port_with_its_own_role_and_signing_key(
    compose: dict[str, Any],
) -> None:
    from services.topology import WEB

    web = _service(compose, WEB.name)
    env = _env(web)
    assert _published(web) == {WEB.port: WEB.port}
    dsn = _DSN.match(env["DATABASE_URL"])
    assert dsn and dsn["user"] == WEB.name and dsn["var"] == WEB.password_env
    assert _REQUIRED_VAR.fullmatch(env["STAFF_TOKEN_PRIVATE_KEY"])
    assert _command(web) == ["serve", WEB.name]
    assert WEB.password_env in _env(_service(compose, "migrate"))


@services_under_test
def test_every_service_verifies_staff_tokens_with_a_required_public_key(
    compose: dict[str, Any], spec: ServiceSpec
) -> None:
    env = _env(_service(compose, spec.name))
    assert _REQUIRED_VAR.fullmatch(env["STAFF_TOKEN_PUBLIC_KEY"])
