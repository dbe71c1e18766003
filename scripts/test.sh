#!/usr/bin/env bash
# Install everything the tests need, check lint and format, then run every test against
# real PostgreSQL and a real Kafka-protocol broker (embedded ones unless Docker is there).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/venv.sh
ensure_venv ".[local,test]"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
exec .venv/bin/pytest "$@"
