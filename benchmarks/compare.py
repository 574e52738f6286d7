"""Run gendex's benchmarks and their named peers in one run; print ratios.

Usage: python benchmarks/compare.py BUILD_DIR/benchmarks

Each gendex benchmark (Google Benchmark, C++) is paired with a peer doing the
same job in pandas or numpy, timed here in the same process run on the same
machine. Ratios > 1 mean gendex is faster.
"""
from __future__ import annotations

import json
import pathlib
import subprocess
import sys
import time

import numpy as np
import pandas as pd

ROOT = pathlib.Path(__file__).resolve().parent.parent
HDR25 = ROOT / "data" / "undp" / "HDR25_Composite_indices_complete_time_series.csv"


def best_of(fn, repeat=3):
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def pandas_read_hdr():
    wide = pd.read_csv(HDR25, encoding="cp1252")
    long = wide.melt(id_vars=["iso3", "country", "hdicode", "region"], var_name="column", value_name="value")
    return long.dropna(subset=["value"])


def synthetic_long(regions=1000, periods=1000, indicators=10):
    """The same 20,000,000-row tidy table the C++ benchmark builds (values differ; timing does not care)."""
    n = regions * periods * indicators * 2
    rng = np.random.default_rng(42)
    k = rng.permutation(n)
    unit = k // 20
    ids = np.array([f"ind{i}" for i in range(indicators)])
    return pd.DataFrame({
        "region": pd.Categorical.from_codes(unit % regions, [f"R{r}" for r in range(regions)]),
        "period": (1000 + unit // regions).astype(np.int32),
        "sex": pd.Categorical.from_codes(k % 2, ["female", "male"]),
        "indicator": pd.Categorical.from_codes((k // 2) % indicators, ids),
        "value": rng.uniform(1.0, 90.0, n),
    })


def run_cpp(bench_dir: pathlib.Path, name: str) -> dict[str, float]:
    exe = bench_dir / name
    out = subprocess.run([str(exe), "--benchmark_format=json"], check=True, capture_output=True, text=True).stdout
    results = {}
    for b in json.loads(out)["benchmarks"]:
        scale = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}[b["time_unit"]]
        results[b["name"].split("/")[0]] = b["real_time"] * scale
    return results


def main() -> int:
    bench_dir = pathlib.Path(sys.argv[1])
    rows = []
    cpp = run_cpp(bench_dir, "bench_dataset")
    peer_read = best_of(pandas_read_hdr, repeat=5)
    rows.append(("read HDR25 wide file into tidy form", cpp["read_hdr25_from_file"], "pandas read_csv + melt", peer_read))
    frame = synthetic_long()
    peer_align = best_of(lambda: frame.pivot(index=["region", "period"], columns=["indicator", "sex"], values="value"),
                         repeat=1)
    rows.append(("align F/M of 10 indicators, 1,000,000 region-periods", cpp["align_10_indicators_1m_units"],
                 "pandas pivot", peer_align))
    print()
    print(f"{'benchmark':55s} {'gendex':>10s} {'peer':>24s} {'peer time':>10s} {'speed-up':>9s}")
    for what, ours, peer, theirs in rows:
        print(f"{what:55s} {ours * 1e3:8.1f}ms {peer:>24s} {theirs * 1e3:8.1f}ms {theirs / ours:8.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
