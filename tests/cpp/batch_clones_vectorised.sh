#!/bin/sh
# Every x86-64-v4 clone in the binary $1 uses vector registers: GCC's target clones
# (GENDEX_BATCH_CLONES) and the index kernels' _avx512 functions (GENDEX_BATCH_FUNCTION).
# Pointers the compiler cannot prove apart keep a loop scalar in every clone, silently: the survey
# pass's mapped_domains and linear_scores were scalar until their pointers were marked __restrict.
set -eu
binary=$1
command -v objdump >/dev/null || { echo "objdump not found (binutils)"; exit 1; }
objdump -d --no-show-raw-insn -C "$binary" | awk '
  /arch_x86_64_v4\]>:$|_avx512\(.*>:$/ { name = substr($0, index($0, "<") + 1); clones++; vec = 0; inside = 1; next }
  inside && /^$/ { if (!vec) { print "scalar clone: " name; bad++ } inside = 0; next }
  inside && /[xyz]mm(1[6-9]|2[0-9]|3[01])|[yz]mm[0-9]/ { vec = 1 }
  END {
    if (clones == 0) { print "no x86-64-v4 clones found in the binary"; exit 1 }
    printf "%d x86-64-v4 clones, %d scalar\n", clones, bad
    exit bad > 0
  }'
