#!/usr/bin/env bash
# Run every test stage, keep going after a failure, print one summary, exit non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
mkdir -p "$BUILD"
stages=(test-lint test-cpp test-asan test-consumer test-python test-wheel test-docs test-fuzz)
failed=()
for s in "${stages[@]}"; do
  echo "=== $s"
  start=$SECONDS
  if make --no-print-directory "$s"; then result=ok; else result=FAILED; failed+=("$s"); fi
  echo "=== $s: $result ($((SECONDS - start)) s)"
done
# Count test cases from the JUnit files the runners wrote.
python3 - "$BUILD" "${failed[*]:-}" <<'PY'
import sys, pathlib, xml.etree.ElementTree as ET
build, failed_stages = pathlib.Path(sys.argv[1]), sys.argv[2].split()
passed = failed = skipped = 0
for name in ["cpp/junit.xml", "asan/junit.xml", "pytest.xml", "pytest-wheel.xml", "pytest-docs.xml"]:
    p = build / name
    if not p.exists():
        continue
    for case in ET.parse(p).getroot().iter("testcase"):
        kinds = {child.tag for child in case}
        if kinds & {"failure", "error"}:
            failed += 1
        elif "skipped" in kinds:
            skipped += 1
        else:
            passed += 1
print()
print("stages failed: " + (", ".join(failed_stages) if failed_stages else "none"))
# The consumer example is one more test.
consumer_failed = "test-consumer" in failed_stages
passed += 0 if consumer_failed else 1
failed += 1 if consumer_failed else 0
print(f"summary: {passed} passed, {failed} failed, {skipped} skipped")
PY
[ ${#failed[@]} -eq 0 ]
