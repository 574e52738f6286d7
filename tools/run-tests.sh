#!/usr/bin/env bash
# Run every test stage, keep going after a failure, print one summary, exit non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
mkdir -p "$BUILD"
stages=(test-cpp test-asan test-consumer test-python test-wheel test-docs test-fuzz)
failed=()
make --no-print-directory deps >/dev/null || exit 1  # before the stages that run side by side
# The lint (mostly mypy, one core) runs beside the C++ build; its output is printed when it is done.
lint_start=$SECONDS
make --no-print-directory test-lint >"$BUILD/test-lint.log" 2>&1 &
lint_pid=$!
for s in "${stages[@]}"; do
  echo "=== $s"
  start=$SECONDS
  if make --no-print-directory "$s"; then result=ok; else result=FAILED; failed+=("$s"); fi
  echo "=== $s: $result ($((SECONDS - start)) s)"
  if [ "$s" = test-cpp ]; then
    echo "=== test-lint (beside test-cpp)"
    if wait "$lint_pid"; then result=ok; else result=FAILED; failed+=(test-lint); fi
    cat "$BUILD/test-lint.log"
    echo "=== test-lint: $result (ended by $((SECONDS - lint_start)) s)"
  fi
done
# Count test cases from the JUnit files the runners wrote.
python3 - "$BUILD" "${failed[*]:-}" <<'PY'
import sys, pathlib, xml.etree.ElementTree as ET
build, failed_stages = pathlib.Path(sys.argv[1]), sys.argv[2].split()
passed = failed = skipped = 0
reports = [build / "cpp/junit.xml", *sorted(build.glob("asan/gtest-shard-*.xml"))]
reports += [build / name for name in ["pytest.xml", "pytest-wheel.xml", "pytest-docs.xml"]]
for p in reports:
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
