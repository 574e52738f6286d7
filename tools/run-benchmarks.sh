#!/usr/bin/env bash
# Benchmarks against their named peers, measured in the same run (see benchmarks/compare.py).
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/python benchmarks/compare.py "${1:-build/bench}/benchmarks"
# Survey estimates through the public Python API against DuckDB and Polars, 1 and 2 threads.
.venv/bin/python -m pip install -q --disable-pip-version-check -r requirements-bench.txt </dev/null
.venv/bin/python benchmarks/micro_peers.py "${MICRO_ROWS:-10000000}"
