#!/usr/bin/env bash
# Run a GoogleTest binary as JOBS shards at once (GTEST_TOTAL_SHARDS), from the repository root, each
# writing <out>/gtest-shard-N.xml (JUnit) and .log; prints the failures and exits non-zero on any.
# The sanitizer build runs its tests this way: one process per test (ctest) spent a third of the
# stage's test time starting ASan processes.
#   tools/run-gtest-shards.sh <gtest binary> <out dir> [jobs]
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=${1:?usage: tools/run-gtest-shards.sh <gtest binary> <out dir> [jobs]}
OUT=${2:?usage: tools/run-gtest-shards.sh <gtest binary> <out dir> [jobs]}
JOBS=${3:-$(nproc)}
rm -f "$OUT"/gtest-shard-*
for ((s = 0; s < JOBS; s++)); do
  (GTEST_TOTAL_SHARDS=$JOBS GTEST_SHARD_INDEX=$s "$BIN" --gtest_output="xml:$OUT/gtest-shard-$s.xml" \
    >"$OUT/gtest-shard-$s.log" 2>&1
   echo $? >"$OUT/gtest-shard-$s.rc") &
done
wait
failed=0
for ((s = 0; s < JOBS; s++)); do
  rc=$(cat "$OUT/gtest-shard-$s.rc")
  grep -E '^\[  (PASSED|SKIPPED) +\]' "$OUT/gtest-shard-$s.log" | sed "s/^/shard $s: /"
  if [ "$rc" -ne 0 ]; then
    failed=1
    echo "shard $s: exit code $rc; its failures and last lines:"
    grep -E '^\[  FAILED  \]' "$OUT/gtest-shard-$s.log" | sed 's/^/    /'
    tail -n 30 "$OUT/gtest-shard-$s.log" | sed 's/^/    /'
  fi
done
exit $failed
