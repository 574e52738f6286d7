"""The survey domain mean as a user calls it (issue 12), against the C++ pass alone.

Usage: python benchmarks/micro_public_call.py [ROWS]   (default 10,000,000)

Data as issue 12 measured it: region int32 (500 values), sex int8 (2), age int16,
a 0/1 variable, float64 weights; rows in random order. Each timing is the best of
three warm runs (one run before them warms pandas and the caches).

- public: ``micro.mean(micro.Design(df, weight="weight"), "lf", by=["region", "sex"],
  where=df["age"] >= 15, variance=...)``, design construction included;
- core: ``_core.micro_estimate`` on the same design with the domain codes made
  beforehand (the C++ pass alone).
"""

from __future__ import annotations

import pathlib
import sys
from typing import Any, Callable

import numpy as np
import pandas as pd

from gendex import _core, micro

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import compare  # benchmarks/compare.py: best_of


def best_of(fn: Callable[[], Any], repeat: int = 3) -> float:
    fn()  # warm: pandas, the allocator and the caches
    return float(compare.best_of(fn, repeat))


def frame(rows: int) -> pd.DataFrame:
    rng = np.random.default_rng(12)
    return pd.DataFrame(
        {
            "region": rng.integers(0, 500, rows).astype(np.int32),
            "sex": rng.integers(0, 2, rows).astype(np.int8),
            "age": rng.integers(0, 90, rows).astype(np.int16),
            "lf": rng.integers(0, 2, rows).astype(np.float64),
            "weight": rng.uniform(50, 150, rows),
        }
    )


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000_000
    df = frame(rows)
    where = df["age"] >= 15
    design = micro.Design(df, weight="weight")
    codes = (df["region"].to_numpy().astype(np.uint32) * 2 + df["sex"].to_numpy().astype(np.uint32)).astype(np.uint32)
    mask = where.to_numpy().view(np.uint8)
    lf = df["lf"].to_numpy()
    print(f"{rows:,} rows, 500 regions x 2 sexes, where age >= 15; best of 3 warm runs")
    for variance in ("none", "linearization"):

        def public(variance: str = variance) -> pd.DataFrame:
            return micro.mean(
                micro.Design(df, weight="weight"), "lf", by=["region", "sex"], where=df["age"] >= 15, variance=variance
            )

        def core(variance: str = variance) -> Any:
            return _core.micro_estimate(design._core, "mean", ("lf", lf), None, codes, 1000, mask, variance)

        tp, tc = best_of(public), best_of(core)
        print(
            f"variance={variance:<14} public {tp * 1e3:8.1f} ms ({rows / tp / 1e6:6.1f} M rows/s)   "
            f"C++ pass {tc * 1e3:8.1f} ms ({rows / tc / 1e6:6.1f} M rows/s)   public/C++ {tp / tc:5.2f}x"
        )


if __name__ == "__main__":
    main()
