"""Write data/bps/idg_implied_purchasing_power.csv: the old-method purchasing power every published IDG of
data/bps/idg_components_2010_2021.csv implies, with its plausibility (docs/bps-indices.md, IDG).

Female population share 0.5 (BPS does not publish it); plausible = within the edition's goalposts
idg_income_min-idg_income_max (thousand Rp 300-732.72). tests/python/test_bps.py checks the file is current.
usage: PYTHONPATH=python .venv/bin/python tools/idg_implied_purchasing_power.py [--output FILE]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parents[1]
OUTPUT = REPO / "data" / "bps" / "idg_implied_purchasing_power.csv"


def implied_table() -> pd.DataFrame:
    """Every region-year of the bundled IDG table with the purchasing power its IDG implies."""
    import gendex

    indonesia = gendex.read_indonesia_regions(REPO / "data")
    table = gendex.read_bps_table(REPO / "data" / "bps" / "idg_components_2010_2021.csv", indonesia)
    out = gendex.idg_implied_purchasing_power(table, population_share_f=0.5)
    out.insert(1, "name", [indonesia.by_code(code).name for code in out["region"]])
    out["purchasing_power"] = out["purchasing_power"].round(3)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--output", default=str(OUTPUT))
    args = parser.parse_args()
    frame = implied_table()
    frame.to_csv(args.output, index=False, lineterminator="\n")
    print(f"wrote {len(frame)} rows ({int(frame['plausible'].sum())} plausible) to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
