"""The platform's benchmark: every figure beside the limit it is measured against.

./scripts/bench.sh [--broker kafka] [--quick]
"""
