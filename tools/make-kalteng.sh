#!/usr/bin/env bash
# Rebuild data/bps/kalteng_2010_2021.csv: Kalimantan Tengah (62) and its 14 kabupaten/kota,
# IPG and IDG with components, from BPS's tables in data/bps/, in the tidy data contract.
set -euo pipefail
cd "$(dirname "$0")/.."
gendex=${GENDEX:-.venv/bin/gendex}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for t in ipg idg; do
  "$gendex" convert --input "data/bps/${t}_components_2010_2021.csv" --input-format bps-table \
    --regions data/bps/regions.csv --region-aliases data/bps/region_aliases.csv --subtree 62 \
    --output "$tmp/$t.csv" 2>/dev/null >/dev/null
done
{ cat "$tmp/ipg.csv"; tail -n +2 "$tmp/idg.csv"; } > data/bps/kalteng_2010_2021.csv
echo "wrote data/bps/kalteng_2010_2021.csv ($(($(wc -l < data/bps/kalteng_2010_2021.csv) - 1)) observations)"
