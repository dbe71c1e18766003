#!/usr/bin/env bash
# Run the whole platform on this machine: embedded PostgreSQL and Kafka-protocol broker,
# every service, demo data. Ctrl-C stops everything. Extra arguments go to `otop up`.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/venv.sh
ensure_venv ".[local]"
exec .venv/bin/otop up --demo "$@"
