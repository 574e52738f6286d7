"""Run gendex's benchmarks and their named peers in one run; print ratios.

Usage: python benchmarks/compare.py BUILD_DIR/benchmarks

Each gendex benchmark (Google Benchmark, C++) is paired with a peer doing the
same job in pandas or numpy, timed here in the same process run on the same
machine. Ratios > 1 mean gendex is faster.
"""
from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys
import time

# Single-threaded peers (numpy ufuncs are anyway; no numexpr, no numba).
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

import gendex  # noqa: E402

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


# ------------------------------------------------------------ index peers
#
# The same formulas as gendex's kernels, as a competent numpy user writes them:
# the same caps, floors, MMR truncation and validity checks, every constant
# from the same edition, invalid units NaN. Checked against gendex below.


def numpy_gii(c, ed):
    mmr, abr, pr_f, pr_m, se_f, se_m, lf_f, lf_m = c
    floor, pfloor = ed["gii_component_floor"], ed["gii_parliament_floor"]
    mmr_min, mmr_max = ed["maternal_mortality_min"], ed["maternal_mortality_max"]
    valid = np.isfinite(mmr) & (mmr >= 0) & np.isfinite(abr) & (abr >= 0)
    for share in (pr_f, pr_m, se_f, se_m, lf_f, lf_m):
        valid &= (share >= 0) & (share <= 100)
    no_women = pr_f < pfloor
    pr_f = np.where(no_women, pfloor, pr_f)
    if ed["gii_parliament_male_complement"]:
        pr_m = np.where(no_women, 100 - pfloor, pr_m)
    health_f = np.sqrt(mmr_min / (np.clip(mmr, mmr_min, mmr_max) * np.maximum(abr, floor)))
    emp_f = np.sqrt(pr_f * np.maximum(se_f, floor)) / 100
    emp_m = np.sqrt(np.maximum(pr_m, floor) * np.maximum(se_m, floor)) / 100
    lab_f = np.maximum(lf_f, floor) / 100
    lab_m = np.maximum(lf_m, floor) / 100
    g_f = np.cbrt(health_f * emp_f * lab_f)
    g_m = np.cbrt(emp_m * lab_m)
    harm = 2 / (1 / g_f + 1 / g_m)
    g_fm = np.cbrt((health_f + 1) / 2 * ((emp_f + emp_m) / 2) * ((lab_f + lab_m) / 2))
    return np.where(valid, 1 - harm / g_fm, np.nan), valid


def numpy_hdi(le, eys, mys, gni, ed, le_min, le_max):
    valid = np.isfinite(le) & (le >= le_min) & np.isfinite(eys) & (eys >= ed["expected_schooling_min"])
    valid &= np.isfinite(mys) & (mys >= ed["mean_schooling_min"]) & np.isfinite(gni) & (gni >= ed["gni_per_capita_min"])
    e_min, e_max = ed["expected_schooling_min"], ed["expected_schooling_max"]
    m_min, m_max = ed["mean_schooling_min"], ed["mean_schooling_max"]
    log_min, log_max = np.log(ed["gni_per_capita_min"]), np.log(ed["gni_per_capita_max"])
    health = (np.minimum(le, le_max) - le_min) / (le_max - le_min)
    education = ((np.minimum(eys, e_max) - e_min) / (e_max - e_min) + (np.minimum(mys, m_max) - m_min) / (m_max - m_min)) / 2
    income = (np.log(np.minimum(gni, ed["gni_per_capita_max"])) - log_min) / (log_max - log_min)
    return np.where(valid, np.cbrt(health * education * income), np.nan), valid


def rounded_units(x, ed):
    """Counts of 10^-digits, half up: the publisher's printed value."""
    return np.floor(x * 10.0 ** ed["rounding_digits"] + 0.5)


def numpy_gdi(c, ed):
    le_f, eys_f, mys_f, gni_f, le_m, eys_m, mys_m, gni_m = c
    hdi_f, ok_f = numpy_hdi(le_f, eys_f, mys_f, gni_f, ed, ed["life_expectancy_f_min"], ed["life_expectancy_f_max"])
    hdi_m, ok_m = numpy_hdi(le_m, eys_m, mys_m, gni_m, ed, ed["life_expectancy_m_min"], ed["life_expectancy_m_max"])
    gdi = hdi_f / hdi_m
    scale = 10.0 ** ed["rounding_digits"]
    deviation = np.abs(rounded_units(gdi, ed) - scale)  # in printed units from parity
    group = np.ones(len(gdi), dtype=np.uint8)
    for bound in ("gdi_group1_max", "gdi_group2_max", "gdi_group3_max", "gdi_group4_max"):
        group += deviation > np.floor(ed[bound] / 100 * scale + 1e-9)
    valid = ok_f & ok_m
    group[~valid] = 0
    return hdi_f, hdi_m, gdi, group, valid


def synthetic_gii(n):
    rng = np.random.default_rng(11)
    pr_f = rng.uniform(0, 50, n)
    pr_f[rng.random(n) < 0.02] = 0
    return (rng.uniform(2, 1500, n), rng.uniform(0.05, 150, n), pr_f, 100 - pr_f, rng.uniform(0.5, 100, n),
            rng.uniform(0.5, 100, n), rng.uniform(5, 90, n), rng.uniform(30, 95, n))


def synthetic_gdi(n):
    rng = np.random.default_rng(12)
    return (rng.uniform(40, 90, n), rng.uniform(2, 22, n), rng.uniform(0.5, 16, n), rng.uniform(200, 90000, n),
            rng.uniform(35, 85, n), rng.uniform(2, 22, n), rng.uniform(0.5, 16, n), rng.uniform(300, 120000, n))


def pandas_hdr25_four_indices(ed):
    """Read HDR25 with pandas, reshape to one row per country-year, compute HDI, GDI, GII, IHDI with
    groups, ranks (competition, per year, countries only) and the IHDI loss."""
    wide = pd.read_csv(HDR25, encoding="cp1252")
    long = wide.melt(id_vars=["iso3", "country", "hdicode", "region"], var_name="column", value_name="value")
    long = long.dropna(subset=["value"])
    parts = long["column"].str.rsplit("_", n=1, expand=True)
    long["stem"], long["year"] = parts[0], parts[1].astype(int)
    t = long.pivot(index=["iso3", "year"], columns="stem", values="value")
    col = {k: t[k].to_numpy() for k in t.columns}
    country = ~t.index.get_level_values("iso3").str.startswith("ZZ")
    year = t.index.get_level_values("year")
    out = pd.DataFrame(index=t.index)
    hdi, _ = numpy_hdi(col["le"], col["eys"], col["mys"], col["gnipc"], ed, ed["life_expectancy_min"],
                       ed["life_expectancy_max"])
    out["hdi"] = hdi
    units = pd.Series(np.where(country, rounded_units(hdi, ed), np.nan), index=t.index)
    out["hdi_rank"] = units.groupby(year).rank(method="min", ascending=False)
    out["hdi_group"] = 1 + sum((units.to_numpy() >= rounded_units(ed[k], ed)).astype(int)
                              for k in ("hdi_medium_min", "hdi_high_min", "hdi_very_high_min"))
    hdi_f, hdi_m, gdi, group, _ = numpy_gdi(tuple(col[k] for k in ("le_f", "eys_f", "mys_f", "gni_pc_f", "le_m",
                                                                   "eys_m", "mys_m", "gni_pc_m")), ed)
    out["hdi_f"], out["hdi_m"], out["gdi"], out["gdi_group"] = hdi_f, hdi_m, gdi, group
    gii, _ = numpy_gii(tuple(col[k] for k in ("mmr", "abr", "pr_f", "pr_m", "se_f", "se_m", "lfpr_f", "lfpr_m")), ed)
    out["gii"] = gii
    out["gii_rank"] = pd.Series(np.where(country, rounded_units(gii, ed), np.nan), index=t.index).groupby(
        year).rank(method="min", ascending=True)
    adjust = np.cbrt((1 - col["ineq_le"] / 100) * (1 - col["ineq_edu"] / 100) * (1 - col["ineq_inc"] / 100))
    ok = (col["ineq_le"] >= 0) & (col["ineq_le"] <= 100) & (col["ineq_edu"] >= 0) & (col["ineq_edu"] <= 100)
    ok &= (col["ineq_inc"] >= 0) & (col["ineq_inc"] <= 100)
    out["ihdi"] = np.where(ok, hdi * adjust, np.nan)
    out["ihdi_loss"] = 100 * (1 - rounded_units(out["ihdi"].to_numpy(), ed) / rounded_units(hdi, ed))
    out["coefficient_human_inequality"] = (col["ineq_le"] + col["ineq_edu"] + col["ineq_inc"]) / 3
    return out


def check_same_formulas(ed):
    """The peers compute what gendex computes: max |difference| on every HDR25 country-year."""
    ds = gendex.read_hdr(HDR25)
    peer = pandas_hdr25_four_indices(ed)
    worst = 0.0
    for index, columns in (("hdi", ["hdi"]), ("gdi", ["gdi", "hdi_female", "hdi_male"]), ("gii", ["gii"]),
                           ("ihdi", ["ihdi", "ihdi_loss"])):
        ours = getattr(gendex, index)(ds).set_index(["region", "period"])
        for name in columns:
            theirs = peer[{"hdi_female": "hdi_f", "hdi_male": "hdi_m"}.get(name, name)]
            joined = ours[name].to_frame("ours").join(theirs.rename("peer").rename_axis(["region", "period"]))
            worst = max(worst, float(np.nanmax(np.abs(joined.ours - joined.peer))))
    return worst


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
    del frame

    ed = dict(gendex.edition("hdr2025"))
    cpp = run_cpp(bench_dir, "bench_indices")
    n = 10_000_000
    gii_in = synthetic_gii(n)
    rows.append(("GII, 10,000,000 units (gii + validity)", cpp["gii_10m_units"], "numpy ufuncs",
                 best_of(lambda: numpy_gii(gii_in, ed))))
    del gii_in
    gdi_in = synthetic_gdi(n)
    rows.append(("GDI, 10,000,000 units (HDI_f, HDI_m, GDI, group)", cpp["gdi_10m_units"], "numpy ufuncs",
                 best_of(lambda: numpy_gdi(gdi_in, ed))))
    del gdi_in
    rows.append(("HDR25: read + HDI, GDI, GII, IHDI, every year", cpp["hdr25_read_and_four_indices"],
                 "pandas melt/pivot + numpy", best_of(lambda: pandas_hdr25_four_indices(ed), repeat=5)))
    print()
    print(f"{'benchmark':55s} {'gendex':>10s} {'peer':>26s} {'peer time':>10s} {'speed-up':>9s}")
    for what, ours, peer, theirs in rows:
        print(f"{what:55s} {ours * 1e3:8.1f}ms {peer:>26s} {theirs * 1e3:8.1f}ms {theirs / ours:8.1f}x")
    print(f"\nthe peers' HDR25 values agree with gendex's to {check_same_formulas(ed):.1e} "
          "(max |difference| over HDI, GDI, HDI_f, HDI_m, GII, IHDI, IHDI loss)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
