#!/usr/bin/env bash
# Install everything the tests need, check lint and format, then run the tests against real
# PostgreSQL and a real Kafka-protocol broker.
#
#   ./scripts/test.sh              every test on the embedded broker, then the integration,
#                                  end-to-end and fault suites again on Apache Kafka
#   ./scripts/test.sh ARGS...      just `pytest ARGS...`, on the broker OTOP_TEST_BROKER names
#                                  (embedded unless set)
#
# Apache Kafka needs Java 17+ and, the first time, Maven (its jars come from Maven Central and
# are kept in ~/.cache/otop). Where they are missing the Kafka pass is skipped with the
# reason, except in CI (CI=true), where that is a failure.
#
# The browser tests drive Debian's own Chromium (/usr/bin/chromium); where it is missing it is
# installed with apt-get (as root, or through sudo). No browser build is ever downloaded.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/venv.sh
ensure_venv ".[local,test]"
.venv/bin/ruff check .
.venv/bin/ruff format --check .

ensure_chromium() {
    [ -x /usr/bin/chromium ] && return 0
    local as_root=()
    if [ "$(id -u)" -ne 0 ]; then
        if ! command -v sudo >/dev/null 2>&1; then
            echo "the browser tests need /usr/bin/chromium: apt-get install chromium (as root)" >&2
            return 0
        fi
        as_root=(sudo)
    fi
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "the browser tests need /usr/bin/chromium, and apt-get is not here to install it" >&2
        return 0
    fi
    echo "== installing Debian's chromium for the browser tests"
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq --no-install-recommends chromium >/dev/null
}
ensure_chromium

if [ "$#" -gt 0 ]; then
    exec .venv/bin/pytest "$@"
fi

status=0
echo "== all tests on the embedded broker"
OTOP_TEST_BROKER=embedded .venv/bin/pytest || status=$?

suites=(tests/integration tests/e2e)
if [ -d tests/faults ]; then
    suites+=(tests/faults)
fi
if missing=$(.venv/bin/python -c 'from devstack.servers.kafka import kafka_available as a; m = a(); print(m or ""); raise SystemExit(1 if m else 0)'); then
    echo "== ${suites[*]} on Apache Kafka"
    OTOP_TEST_BROKER=kafka .venv/bin/pytest "${suites[@]}" || status=$?
elif [ "${CI:-}" = "true" ]; then
    echo "Apache Kafka pass cannot run: $missing" >&2
    status=1
else
    echo "== Apache Kafka pass skipped: $missing" >&2
fi
exit "$status"
