#!/usr/bin/env bash
# Run every libFuzzer target built in a fuzz build directory (make fuzz), each for FUZZ_RUNS
# executions (or FUZZ_SECONDS seconds, when set; FUZZ_SEED fixes libFuzzer's seed), with the limits a finding is judged by:
# 1 GiB RSS, 1 GiB per allocation, 10 s per input. Seeds are rewritten from data/ each time;
# the grown corpora stay in <build>/corpus (out of git), findings in <build>/artifacts.
#   tools/run-fuzz.sh build/fuzz [target ...]
# Prints executions, crashes, timeouts, OOMs and leaks per target; exits 1 on any finding.
set -uo pipefail
cd "$(dirname "$0")/.."
B=${1:?usage: tools/run-fuzz.sh <fuzz build dir> [target ...]}
shift
RUNS=${FUZZ_RUNS:-10000000}
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(tidy_csv hdr_wide bps_table region_csv sdmx_csv dataset_archive hierarchy_archive)
"$B/tests/fuzz/gendex_fuzz_seeds" . "$B/seeds" >/dev/null || exit 1
limits=(-rss_limit_mb=1024 -malloc_limit_mb=1024 -timeout=10 -print_final_stats=1)
[ -n "${FUZZ_SECONDS:-}" ] && limits+=(-max_total_time="$FUZZ_SECONDS")
[ -n "${FUZZ_SEED:-}" ] && limits+=(-seed="$FUZZ_SEED")  # the smoke of make test is reproducible
# Up to FUZZ_JOBS targets at a time (default: the cores); each target's report is printed in order once all are done.
jobs=${FUZZ_JOBS:-$(nproc)}
run_target() {
  local t=$1
  ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=0 UBSAN_OPTIONS=print_stacktrace=1 \
    "$B/tests/fuzz/fuzz_$t" -runs="$RUNS" "${limits[@]}" -artifact_prefix="$B/artifacts/$t/" \
    "$B/corpus/$t" "$B/seeds/$t" >"$B/logs/$t.log" 2>&1
  echo $? >"$B/logs/$t.rc"
}
for t in "${targets[@]}"; do
  mkdir -p "$B/corpus/$t" "$B/artifacts/$t" "$B/logs"
  rm -f "$B/logs/$t.rc"
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n; done
  run_target "$t" &
done
wait
found=0
for t in "${targets[@]}"; do
  log="$B/logs/$t.log"
  rc=$(cat "$B/logs/$t.rc" 2>/dev/null || echo 1)
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  timeouts=$(grep -c 'ERROR: libFuzzer: timeout' "$log")
  ooms=$(grep -c -E 'ERROR: libFuzzer: (out-of-memory|malloc)' "$log")
  leaks=$(grep -c 'ERROR: LeakSanitizer' "$log")
  crashes=0
  if [ "$rc" -ne 0 ] && [ $((timeouts + ooms + leaks)) -eq 0 ]; then crashes=1; fi
  printf '%-18s %10s executions  %d crashes  %d timeouts  %d OOMs  %d leaks  corpus %d\n' \
    "$t" "${execs:-?}" "$crashes" "$timeouts" "$ooms" "$leaks" "$(find "$B/corpus/$t" -type f | wc -l)"
  if [ "$rc" -ne 0 ]; then
    found=1
    grep -E -m3 'FINDING|ERROR|runtime error|Test unit written' "$log" | sed 's/^/    /'
  fi
done
exit $found
