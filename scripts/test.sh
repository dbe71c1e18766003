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
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/venv.sh
ensure_venv ".[local,test]"
.venv/bin/ruff check .
.venv/bin/ruff format --check .

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
