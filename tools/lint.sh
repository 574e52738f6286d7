#!/usr/bin/env bash
# Lint: clang-format on the C++ (.clang-format), every public header through clang's warnings (the build
# compiles them with g++; an application may use clang), and the Python's ruff check, ruff format
# --check and mypy --strict (configuration in pyproject.toml), also on the example notebooks' code.
# Runs every check, then exits non-zero when any failed. PYTHON overrides the interpreter (default .venv/bin/python).
set -uo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-.venv/bin/python}
PATHS=(python tests/python tests/docs benchmarks tools docs/conf.py)
failed=()
run() {
  echo "=== $*"
  if "$PYTHON" -m "$@"; then :; else failed+=("$1"); fi
}
echo "=== clang-format --dry-run --Werror"
if git ls-files -z '*.hpp' '*.cpp' '*.h' | xargs -0 clang-format --dry-run --Werror; then :; else failed+=(clang-format); fi
echo "=== clang++ -fsyntax-only -Wall -Wextra -Wpedantic -Werror on every public header"
headers=$(mktemp --suffix=.cpp)
(cd include && git ls-files 'gendex/*.hpp' | sed 's/.*/#include "&"/') > "$headers"
if clang++ -std=c++20 -fsyntax-only -Wall -Wextra -Wpedantic -Werror -Iinclude -isystem /usr/include/eigen3 \
  -x c++ "$headers"; then :; else failed+=(clang-headers); fi
rm -f "$headers"
run ruff check "${PATHS[@]}"
run ruff format --check "${PATHS[@]}"
run mypy
# The example notebooks' code, as a notebook user's type checker sees it.
echo "=== mypy --strict on the example notebooks"
notebooks=$(mktemp -d)
if "$PYTHON" tools/notebook_code.py "$notebooks" && MYPYPATH=python "$PYTHON" -m mypy --strict --no-incremental "$notebooks"; then :; else failed+=(mypy-notebooks); fi
rm -rf "$notebooks"
if ((${#failed[@]})); then
  echo "lint: FAILED (${failed[*]})"
  exit 1
fi
echo "lint: ok"
