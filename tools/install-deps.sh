#!/usr/bin/env bash
# Install what gendex needs, skipping whatever is already there.
#   tools/install-deps.sh system   Debian packages (compiler, CMake, Eigen, Boost, GoogleTest, ...)
#   tools/install-deps.sh python   project-local .venv with the Python packages of requirements-dev.txt
set -euo pipefail
cd "$(dirname "$0")/.."

system_deps() {
  local packages=(g++ make cmake ninja-build pkg-config libeigen3-dev libboost-serialization-dev
                  libgtest-dev libgmock-dev libbenchmark-dev clang-format
                  clang libclang-rt-dev  # the libFuzzer targets of make fuzz (tests/fuzz): clang and its
                                         # fuzzer/sanitizer runtimes (only recommended by clang, so not
                                         # pulled in by --no-install-recommends)
                  binutils  # readelf: tests/python/test_wheel.py reads the extension's DT_NEEDED
                  chromium)  # chromium: renders report.html in tests/python/test_report.py
  command -v python3 >/dev/null 2>&1 || packages+=(python3 python3-venv python3-dev)
  local missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  # A python3 without venv/ensurepip or headers needs Debian's (only when it is Debian's python3).
  if command -v python3 >/dev/null 2>&1 && [ "$(command -v python3)" = /usr/bin/python3 ]; then
    python3 -c 'import ensurepip' 2>/dev/null || missing+=(python3-venv)
    python3 -c 'import sysconfig, os, sys; sys.exit(not os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h")))' \
      || missing+=(python3-dev)
  fi
  if [ ${#missing[@]} -eq 0 ]; then
    echo "system packages: all present"
    return
  fi
  echo "system packages: installing ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
}

python_deps() {
  local want
  want=$(sha256sum requirements-dev.txt | cut -d' ' -f1)
  if [ -x .venv/bin/python ] && [ "$(cat .venv/.requirements-sha256 2>/dev/null)" = "$want" ]; then
    echo "python packages: all present (.venv)"
    return
  fi
  [ -x .venv/bin/python ] || python3 -m venv .venv
  echo "python packages: installing requirements-dev.txt into .venv"
  .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip </dev/null
  .venv/bin/python -m pip install -q --disable-pip-version-check -r requirements-dev.txt </dev/null
  echo "$want" > .venv/.requirements-sha256
}

case "${1:-all}" in
  system) system_deps ;;
  python) python_deps ;;
  all) system_deps; python_deps ;;
  *) echo "usage: $0 [system|python|all]" >&2; exit 2 ;;
esac
