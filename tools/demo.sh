#!/usr/bin/env bash
# The main job on bundled data: read UNDP's HDR 2025 file, check sex-disaggregation
# coverage, and convert it to the tidy data contract.
set -euo pipefail
cd "$(dirname "$0")/.."
gendex=build/cpp/gendex
hdr=data/undp/HDR25_Composite_indices_complete_time_series.csv
out=build/demo
mkdir -p "$out"

echo "== gendex audit: which indicators are reported for women and men (HDR 2025)"
"$gendex" audit --input "$hdr" --input-format hdr-wide --output "$out/hdr25_audit.csv"
echo
echo "== gendex convert: HDR 2025 wide file -> tidy CSV of the data contract"
"$gendex" convert --input "$hdr" --input-format hdr-wide --output "$out/hdr25_tidy.csv"
echo
if [ -x .venv/bin/python ] && .venv/bin/python -c "import gendex" 2>/dev/null; then
  .venv/bin/python examples/demo.py
fi
