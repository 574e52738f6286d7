#!/usr/bin/env bash
# Lint: clang-format on the C++ (.clang-format), and the Python's ruff check, ruff format --check and
# mypy --strict (configuration in pyproject.toml), also on the example notebooks' code.
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
