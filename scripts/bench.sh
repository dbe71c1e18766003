#!/usr/bin/env bash
# The benchmark (bench/): starts the whole stack on embedded servers (or Apache Kafka with
# --broker kafka), loads data through the APIs, measures every figure beside its limit and
# prints a table; the JSON goes to bench/results/.
#   ./scripts/bench.sh [--broker kafka] [--quick] [--runs N] [--json PATH] [--profile]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/venv.sh
ensure_venv ".[local,test,bench]"
exec .venv/bin/python -m bench "$@"
