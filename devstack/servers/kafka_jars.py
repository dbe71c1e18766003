"""Apache Kafka's jars on this machine: Java is checked, and Maven copies the broker's jars
from Maven Central the first time.

`kafka/pom.xml` beside this file names `kafka_2.13` and one logging binding, and Maven copies
them with their runtime dependencies into a cache folder outside the project
(`~/.cache/otop/kafka-<version>/libs`, or under `OTOP_CACHE_DIR`); later starts reuse it.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

KAFKA_VERSION = "4.1.1"
MINIMUM_JAVA = 17
HEAP_OPTIONS = ("-Xmx512m", "-Xms256m")
JVM_OPTIONS = (
    "-XX:+UseG1GC",
    "-XX:MaxGCPauseMillis=20",
    "-XX:+ExplicitGCInvokesConcurrent",
    "-Djava.awt.headless=true",
)
BROKER_MAIN = "kafka.Kafka"
STORAGE_TOOL_MAIN = "kafka.tools.StorageTool"
NODE_ID = 1

_RESOURCES = Path(__file__).with_name("kafka")
POM = _RESOURCES / "pom.xml"
LOG_CONFIG = _RESOURCES / "log4j2.xml"


def cache_dir() -> Path:
    configured = os.environ.get("OTOP_CACHE_DIR")
    return Path(configured) if configured else Path.home() / ".cache" / "otop"


def _java_major(java: str) -> int | None:
    probe = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=30)
    found = re.search(r'version "(\d+)(?:\.(\d+))?', probe.stderr + probe.stdout)
    if found is None:
        return None
    major = int(found.group(1))
    return int(found.group(2) or 0) if major == 1 else major


def _libs_ready(folder: Path) -> bool:
    marker = folder / "complete"
    return marker.is_file() and marker.read_text().strip() == _pom_digest()


def _pom_digest() -> str:
    return hashlib.sha256(POM.read_bytes()).hexdigest()


def _kafka_folder() -> Path:
    return cache_dir() / f"kafka-{KAFKA_VERSION}"


def kafka_available() -> str | None:
    """None when an Apache Kafka broker can run here; otherwise what is missing, in a sentence."""
    java = shutil.which("java")
    if java is None:
        return f"Java {MINIMUM_JAVA} or later is not installed (no `java` on PATH)"
    major = _java_major(java)
    if major is None or major < MINIMUM_JAVA:
        found = "an unknown version" if major is None else f"Java {major}"
        return f"Apache Kafka {KAFKA_VERSION} needs Java {MINIMUM_JAVA} or later; found {found}"
    if shutil.which("mvn") is None and not _libs_ready(_kafka_folder()):
        return "Maven is not installed (no `mvn` on PATH) to fetch the Apache Kafka jars"
    return None


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def ensure_kafka_jars() -> Path:
    """The folder of the broker's jars, copied from Maven Central the first time.

    A lock keeps two processes from copying at once; the folder counts only once a marker
    (the pom's digest) is written after a complete copy, so a copy cut short is redone.
    """
    folder = _kafka_folder()
    libs = folder / "libs"
    with _locked(folder / ".lock"):
        if _libs_ready(folder):
            return libs
        mvn = shutil.which("mvn")
        if mvn is None:
            raise RuntimeError("Maven is not installed (no `mvn` on PATH) to fetch Kafka's jars")
        (folder / "complete").unlink(missing_ok=True)
        partial = folder / "libs.partial"
        shutil.rmtree(partial, ignore_errors=True)
        shutil.rmtree(libs, ignore_errors=True)
        result = subprocess.run(
            [
                mvn,
                "-q",
                "-B",
                "-f",
                str(POM),
                "dependency:copy-dependencies",
                f"-DoutputDirectory={partial}",
            ],
            capture_output=True,
            text=True,
        )
        if result.returncode != 0 or not any(partial.glob("kafka_2.13-*.jar")):
            output = (result.stdout + result.stderr).strip()
            raise RuntimeError(
                f"Maven could not fetch Apache Kafka {KAFKA_VERSION}'s jars "
                f"(exit {result.returncode}): {output[-3000:] or 'no output'}"
            )
        partial.rename(libs)
        (folder / "complete").write_text(_pom_digest() + "\n")
        return libs
