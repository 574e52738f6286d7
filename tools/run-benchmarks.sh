#!/usr/bin/env bash
# Benchmarks against their named peers, measured in the same run (see benchmarks/compare.py).
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/python benchmarks/compare.py "${1:-build/bench}/benchmarks"
