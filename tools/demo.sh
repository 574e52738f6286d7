#!/usr/bin/env bash
# The main job on bundled data: read UNDP's HDR 2025 file, check sex-disaggregation
# coverage, convert it to the tidy data contract, and recompute its GDI and GII; then the same
# for Kalimantan Tengah with BPS's indices, and an audit of the tables three offices sent.
# The gendex command is the console script `pip install .` puts in the virtual environment.
set -euo pipefail
cd "$(dirname "$0")/.."
gendex=.venv/bin/gendex
if [ ! -x "$gendex" ]; then
  echo "tools/demo.sh: $gendex not found; install gendex first: .venv/bin/pip install ." >&2
  exit 1
fi
hdr=data/undp/HDR25_Composite_indices_complete_time_series.csv
out=build/demo
countries=IDN,MYS,PHL,IND,NOR,NER
mkdir -p "$out"

echo "== gendex audit: which indicators are reported for women and men (HDR 2025)"
"$gendex" audit --input "$hdr" --input-format hdr-wide --output "$out/hdr25_audit.csv"
echo
echo "== gendex convert: HDR 2025 wide file -> tidy CSV of the data contract"
"$gendex" convert --input "$hdr" --input-format hdr-wide --output "$out/hdr25_tidy.csv"
echo
echo "== gendex compute gdi: the Gender Development Index recomputed from the file's components"
"$gendex" compute gdi --input "$hdr" --input-format hdr-wide --edition hdr2025 --show "$countries" \
  --output "$out/hdr25_gdi.csv" --report "$out/hdr25_gdi_report.csv"
echo
echo "== gendex compute gii: the Gender Inequality Index, ranks among all countries"
"$gendex" compute gii --input "$hdr" --input-format hdr-wide --edition hdr2025 --show "$countries" \
  --report "$out/hdr25_gii_report.csv"
echo
kalteng=data/bps/kalteng_2010_2021.csv
echo "== Kalimantan Tengah (Pokja PUG view): which offices report women's and men's values"
"$gendex" audit --input "$kalteng" --regions data/bps/regions.csv --output "$out/kalteng_audit.csv"
echo
echo "== gendex compute ipg --lang id: Indeks Pembangunan Gender, Kalimantan Tengah (edition bps), BPS's IPG beside it"
"$gendex" compute ipg --input "$kalteng" --edition bps --regions data/bps/regions.csv --lang id --top 15
echo
echo "== gendex priorities ipg --lang id: which component drags each IPG furthest from parity"
"$gendex" priorities ipg --input "$kalteng" --edition bps --regions data/bps/regions.csv --lang id --show Kapuas,6213 \
  --output "$out/kalteng_ipg_priorities.csv"
echo
echo "== gendex priorities gii: the same question of the GII (HDR 2025)"
"$gendex" priorities gii --input "$hdr" --input-format hdr-wide --edition hdr2025 --show IDN,IND,NER
echo
echo "== gendex audit of a folder: what three offices sent (examples/offices/), problems by cell"
"$gendex" audit --input examples/offices/ --expected population,teachers --lang id --output "$out/offices_audit.csv"
echo
.venv/bin/python examples/demo.py
echo
echo "== gendex report: Kapuas's report for the Pokja PUG (IPG and IDG, Indonesian), workbook and web page"
"$gendex" report --input "$kalteng" --index ipg,idg --regions data/bps/regions.csv --focus Kapuas --lang id \
  --output "$out/kapuas_report"
