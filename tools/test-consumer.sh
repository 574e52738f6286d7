#!/usr/bin/env bash
# Install gendex into a temporary prefix, build examples/cpp-consumer against it with find_package and
# run its programs (consumer, and quickstart: the code of docs/quickstart-cpp.md).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
prefix=$(mktemp -d)
work=$(mktemp -d)
trap 'rm -rf "$prefix" "$work"' EXIT
cmake --install "$BUILD/cpp" --prefix "$prefix" >/dev/null
cmake -S examples/cpp-consumer -B "$work" -G Ninja -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build "$work" >/dev/null
"$work/consumer" data/undp/HDR25_Composite_indices_complete_time_series.csv
# The C++ quickstart (docs/quickstart-cpp.md): exits non-zero unless it reproduces the published GDI.
"$work/quickstart" data/undp/HDR25_Composite_indices_complete_time_series.csv
