"""Run gendex's benchmarks and their named peers in one run; print ratios.

Usage: python benchmarks/compare.py BUILD_DIR/benchmarks

Each gendex benchmark (Google Benchmark, C++) is paired with a peer doing the
same job in pandas or numpy, timed here in the same process run on the same
machine. Ratios > 1 mean gendex is faster.
"""

from __future__ import annotations

import functools
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
    return pd.DataFrame(
        {
            "region": pd.Categorical.from_codes(unit % regions, [f"R{r}" for r in range(regions)]),
            "period": (1000 + unit // regions).astype(np.int32),
            "sex": pd.Categorical.from_codes(k % 2, ["female", "male"]),
            "indicator": pd.Categorical.from_codes((k // 2) % indicators, ids),
            "value": rng.uniform(1.0, 90.0, n),
        }
    )


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
    education = (
        (np.minimum(eys, e_max) - e_min) / (e_max - e_min) + (np.minimum(mys, m_max) - m_min) / (m_max - m_min)
    ) / 2
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
    return (
        rng.uniform(2, 1500, n),
        rng.uniform(0.05, 150, n),
        pr_f,
        100 - pr_f,
        rng.uniform(0.5, 100, n),
        rng.uniform(0.5, 100, n),
        rng.uniform(5, 90, n),
        rng.uniform(30, 95, n),
    )


def synthetic_gdi(n):
    rng = np.random.default_rng(12)
    return (
        rng.uniform(40, 90, n),
        rng.uniform(2, 22, n),
        rng.uniform(0.5, 16, n),
        rng.uniform(200, 90000, n),
        rng.uniform(35, 85, n),
        rng.uniform(2, 22, n),
        rng.uniform(0.5, 16, n),
        rng.uniform(300, 120000, n),
    )


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
    hdi, _ = numpy_hdi(
        col["le"], col["eys"], col["mys"], col["gnipc"], ed, ed["life_expectancy_min"], ed["life_expectancy_max"]
    )
    out["hdi"] = hdi
    units = pd.Series(np.where(country, rounded_units(hdi, ed), np.nan), index=t.index)
    out["hdi_rank"] = units.groupby(year).rank(method="min", ascending=False)
    out["hdi_group"] = 1 + sum(
        (units.to_numpy() >= rounded_units(ed[k], ed)).astype(int)
        for k in ("hdi_medium_min", "hdi_high_min", "hdi_very_high_min")
    )
    hdi_f, hdi_m, gdi, group, _ = numpy_gdi(
        tuple(col[k] for k in ("le_f", "eys_f", "mys_f", "gni_pc_f", "le_m", "eys_m", "mys_m", "gni_pc_m")), ed
    )
    out["hdi_f"], out["hdi_m"], out["gdi"], out["gdi_group"] = hdi_f, hdi_m, gdi, group
    gii, _ = numpy_gii(tuple(col[k] for k in ("mmr", "abr", "pr_f", "pr_m", "se_f", "se_m", "lfpr_f", "lfpr_m")), ed)
    out["gii"] = gii
    out["gii_rank"] = (
        pd.Series(np.where(country, rounded_units(gii, ed), np.nan), index=t.index)
        .groupby(year)
        .rank(method="min", ascending=True)
    )
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
    for index, columns in (
        ("hdi", ["hdi"]),
        ("gdi", ["gdi", "hdi_female", "hdi_male"]),
        ("gii", ["gii"]),
        ("ihdi", ["ihdi", "ihdi_loss"]),
    ):
        ours = getattr(gendex, index)(ds).wide().set_index(["region", "period"])
        for name in columns:
            theirs = peer[{"hdi_female": "hdi_f", "hdi_male": "hdi_m"}.get(name, name)]
            joined = ours[name].to_frame("ours").join(theirs.rename("peer").rename_axis(["region", "period"]))
            worst = max(worst, float(np.nanmax(np.abs(joined.ours - joined.peer))))
    return worst


def run_cpp(bench_dir: pathlib.Path, name: str) -> dict[str, float]:
    exe = bench_dir / name
    out = subprocess.run([str(exe), "--benchmark_format=json"], check=True, capture_output=True, text=True).stdout
    results = {}
    for b in timings(json.loads(out)["benchmarks"]):
        scale = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}[b["time_unit"]]
        results[b["name"].split("/")[0]] = b["real_time"] * scale
    return results


def timings(benchmarks: list[dict]) -> list[dict]:
    """A benchmark's runs, or of repeated ones (bench_micro's best_of) the best run: the "min" aggregate."""
    return [b for b in benchmarks if b.get("run_type") != "aggregate" or b.get("aggregate_name") == "min"]


def main() -> int:
    bench_dir = pathlib.Path(sys.argv[1])
    rows = []
    cpp = run_cpp(bench_dir, "bench_dataset")
    peer_read = best_of(pandas_read_hdr, repeat=5)
    rows.append(
        ("read HDR25 wide file into tidy form", cpp["read_hdr25_from_file"], "pandas read_csv + melt", peer_read)
    )
    frame = synthetic_long()
    peer_align = best_of(
        functools.partial(frame.pivot, index=["region", "period"], columns=["indicator", "sex"], values="value"),
        repeat=1,
    )
    rows.append(
        (
            "align F/M of 10 indicators, 1,000,000 region-periods",
            cpp["align_10_indicators_1m_units"],
            "pandas pivot",
            peer_align,
        )
    )
    del frame

    ed = dict(gendex.edition("hdr2025"))
    cpp = run_cpp(bench_dir, "bench_indices")
    n = 10_000_000
    gii_in = synthetic_gii(n)
    rows.append(
        (
            "GII, 10,000,000 units (gii + validity)",
            cpp["gii_10m_units"],
            "numpy ufuncs",
            best_of(functools.partial(numpy_gii, gii_in, ed)),
        )
    )
    del gii_in
    gdi_in = synthetic_gdi(n)
    rows.append(
        (
            "GDI, 10,000,000 units (HDI_f, HDI_m, GDI, group)",
            cpp["gdi_10m_units"],
            "numpy ufuncs",
            best_of(functools.partial(numpy_gdi, gdi_in, ed)),
        )
    )
    del gdi_in
    rows.append(
        (
            "HDR25: read + HDI, GDI, GII, IHDI, every year",
            cpp["hdr25_read_and_four_indices"],
            "pandas melt/pivot + numpy",
            best_of(lambda: pandas_hdr25_four_indices(ed), repeat=5),
        )
    )
    micro_rows, micro_lines = micro_benchmarks(bench_dir)
    rows += micro_rows
    quantile_rows, quantile_lines = quantile_benchmarks(bench_dir)
    rows += quantile_rows
    micro_lines += quantile_lines
    print()
    print(f"{'benchmark':55s} {'gendex':>10s} {'peer':>26s} {'peer time':>10s} {'speed-up':>9s}")
    for what, ours, peer, theirs in rows:
        print(f"{what:55s} {ours * 1e3:8.1f}ms {peer:>26s} {theirs * 1e3:8.1f}ms {theirs / ours:8.1f}x")
    print(
        f"\nthe peers' HDR25 values agree with gendex's to {check_same_formulas(ed):.1e} "
        "(max |difference| over HDI, GDI, HDI_f, HDI_m, GII, IHDI, IHDI loss)"
    )
    print()
    print("\n".join(micro_lines))
    return 0


# ------------------------------------------------------------ survey microdata peers
#
# bench_micro: the standard index inputs (mean schooling, the two education
# shares, labour-force participation, population, income share, births outside
# a facility, first birth before 20) by region x sex from 10,000,000 person
# rows, 500 regions, 250,000 PSUs in 1,000 strata. The peers derive the same
# weighted columns and sum them by domain: pandas groupby, numpy bincount.

MICRO_ROWS, MICRO_REGIONS, MICRO_PSUS, MICRO_STRATA = 10_000_000, 500, 250_000, 1000


def synthetic_persons():
    """Rows as bench_micro draws them (another generator; timing does not care)."""
    rng = np.random.default_rng(2024)
    n = MICRO_ROWS
    psu = rng.integers(0, MICRO_PSUS, n)
    stratum = psu // (MICRO_PSUS // MICRO_STRATA)
    sex = rng.integers(0, 2, n).astype(np.uint8)
    age = np.floor(90 * rng.random(n))
    school = np.where(age < 7, 0.0, np.floor(np.minimum(age - 6, 18 * rng.random(n))))
    lf = ((age >= 15) & (rng.random(n) < np.where(sex == 0, 0.55, 0.8))).astype(float)
    woman = (sex == 0) & (age >= 15) & (age <= 49)
    return {
        "weight": 50 + 450 * rng.random(n),
        "region": (stratum // (MICRO_STRATA // MICRO_REGIONS)).astype(np.int32),
        "sex": sex,
        "age": age,
        "schooling": school,
        "labour_force": lf,
        "earnings": np.where(lf == 1, 1000 + 9000 * rng.random(n), 0.0),
        "bof": np.where(woman & (rng.random(n) < 0.3), (rng.random(n) < 0.2) * 1.0, np.nan),
        "fb20": np.where(woman & (rng.random(n) < 0.7), (rng.random(n) < 0.3) * 1.0, np.nan),
    }


def _weighted_inputs(p):
    """The derived weighted columns every peer sums by domain."""
    w, a = p["weight"], p["age"]
    s25, s15, female = a >= 25, a >= 15, p["sex"] == 0
    bu, fu = female & ~np.isnan(p["bof"]), female & ~np.isnan(p["fb20"])
    return {
        "w": w,
        "w25": w * s25,
        "wys": w * np.where(s25, p["schooling"], 0.0),
        "wsec": w * (s25 & (p["schooling"] >= 7)),
        "wup": w * (s25 & (p["schooling"] >= 12)),
        "w15": w * s15,
        "wlf": w * np.where(s15, p["labour_force"], 0.0),
        "we": w * p["earnings"],
        "wbu": w * bu,
        "wbo": w * np.where(bu, p["bof"], 0.0),
        "wfu": w * fu,
        "wfo": w * np.where(fu, p["fb20"], 0.0),
    }


def _indicators(t, earnings_by_region):
    with np.errstate(invalid="ignore", divide="ignore"):  # men have no births indicators: 0 / 0
        return _indicator_ratios(t, earnings_by_region)


def _indicator_ratios(t, earnings_by_region):
    return {
        "mean_schooling": t["wys"] / t["w25"],
        "secondary": 100 * t["wsec"] / t["w25"],
        "upper_secondary": 100 * t["wup"] / t["w25"],
        "lfpr": 100 * t["wlf"] / t["w15"],
        "population": t["w"],
        "income_share": 100 * t["we"] / earnings_by_region,
        "bof": 100 * t["wbo"] / t["wbu"],
        "fb20": 100 * t["wfo"] / t["wfu"],
    }


def pandas_index_inputs(p):
    frame = pd.DataFrame(_weighted_inputs(p))
    frame["region"], frame["sex"] = p["region"], p["sex"]
    t = frame.groupby(["region", "sex"]).sum()
    return _indicators(t, t["we"].groupby(level="region").transform("sum"))


def numpy_index_inputs(p):
    domain = p["region"].astype(np.int64) * 2 + p["sex"]
    t = {k: np.bincount(domain, weights=v, minlength=2 * MICRO_REGIONS) for k, v in _weighted_inputs(p).items()}
    by_region = t["we"].reshape(-1, 2).sum(axis=1).repeat(2)
    return _indicators(t, by_region)


def run_cpp_json(bench_dir: pathlib.Path, name: str) -> dict[str, dict]:
    exe = bench_dir / name
    out = subprocess.run([str(exe), "--benchmark_format=json"], check=True, capture_output=True, text=True).stdout
    return {b["name"].split("/")[0]: b for b in timings(json.loads(out)["benchmarks"])}


def micro_benchmarks(bench_dir: pathlib.Path):
    """Rows for the ratio table, and the throughput/memory lines against the goals."""
    results = run_cpp_json(bench_dir, "bench_micro")
    seconds = {
        k: b["real_time"] * {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}[b["time_unit"]] for k, b in results.items()
    }
    persons = synthetic_persons()
    peer_pandas = best_of(functools.partial(pandas_index_inputs, persons))
    peer_numpy = best_of(functools.partial(numpy_index_inputs, persons))
    del persons
    what = "survey: 8 index inputs by region x sex, 10M rows"
    rows = [
        (what, seconds["point_estimates_7_indicators"], "pandas groupby", peer_pandas),
        (what, seconds["point_estimates_7_indicators"], "numpy bincount", peer_numpy),
    ]
    lines = ["survey microdata, 10,000,000 rows in random order, 500 regions x 2 sexes, 250,000 PSUs:"]
    for key, label, goal in (
        ("point_estimates_7_indicators", "point estimates", 100),
        ("linearised_ses_7_indicators", "linearised SEs (cell index + pass + variances)", 30),
        ("bootstrap_100_7_indicators", "100 internal bootstrap replicates", 5),
    ):
        rate = MICRO_ROWS / seconds[key] / 1e6
        lines.append(f"  {label:50s} {seconds[key] * 1e3:8.1f}ms {rate:7.1f} M rows/s (goal >= {goal})")
    memory = results["memory_linearised_and_bootstrap"]
    lines.append(
        f"  {'peak memory beyond the input (linearised + bootstrap)':50s} "
        f"{memory['peak_beyond_input_MiB']:8.1f} MiB (goal <= 200; input {memory['input_MiB']:.0f} MiB)"
    )
    lines.append(
        f"  {'GII with 100 bootstrap SEs, 500 regions (from sums)':50s} "
        f"{seconds['gii_bootstrap_100_500_regions'] * 1e3:8.1f}ms"
    )
    for name, label in (
        ("index_inputs_pass_threads", "index inputs, point pass"),
        ("linearised_mean_threads<false>", "linearised mean, weights only"),
        ("linearised_mean_threads<true>", "linearised mean, strata + PSU"),
    ):
        # One repetition times 1 thread, then 2 (bench_micro's one_then_two_threads): the best of each.
        one, two = results[name]["one_ms"] / 1e3, results[name]["two_ms"] / 1e3
        lines.append(
            f"  {label + ', 1 / 2 threads':50s} {one * 1e3:8.1f}ms {two * 1e3:8.1f}ms  {one / two:4.2f}x (goal >= 1.7)"
        )
    return rows, lines


# ------------------------------------------------------------ survey quantiles peer
#
# bench_micro_quantile: weighted quantiles of 10,000,000 rows by 1,000 domains (500 regions x 2 sexes),
# best of 3 single runs. The floor: pandas groupby().quantile on the same shape, unweighted (pandas has
# no weighted quantile), best of 3 warm runs.


def pandas_quartiles(n=MICRO_ROWS, regions=500):
    """Seconds of pandas' quartiles by region x sex, best of 3 warm runs (the frame built once)."""
    rng = np.random.default_rng(2025)
    sex = rng.integers(0, 2, n).astype(np.int8)
    df = pd.DataFrame(
        {
            "region": rng.integers(0, regions, n).astype(np.int32),
            "sex": sex,
            "earnings": np.round(np.exp(8.0 + 0.2 * sex + 0.6 * rng.standard_normal(n))),
        }
    )

    def quartiles():
        return df.groupby(["region", "sex"])["earnings"].quantile([0.25, 0.5, 0.75])

    quartiles()  # warm
    return best_of(quartiles)


def quantile_benchmarks(bench_dir: pathlib.Path):
    """Rows for the ratio table, and the throughput lines against the goal (>= 10 M rows/s)."""
    results = run_cpp_json(bench_dir, "bench_micro_quantile")
    seconds = {
        k: b["real_time"] * {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}[b["time_unit"]] for k, b in results.items()
    }
    peer = pandas_quartiles()
    rows = [
        (
            "survey: weighted quartiles, 1,000 domains, 10M rows",
            seconds["quartiles_point_1000_domains"],
            "pandas quantile, unweighted",
            peer,
        )
    ]
    lines = ["survey quantiles, 10,000,000 rows in random order, 1,000 domains, 250,000 PSUs (best of 3 runs):"]
    for key, label in (
        ("quartiles_point_1000_domains", "three quartiles, point estimates"),
        ("median_woodruff_linearised_1000_domains", "median with its linearised Woodruff interval"),
    ):
        rate = MICRO_ROWS / seconds[key] / 1e6
        lines.append(f"  {label:50s} {seconds[key] * 1e3:8.1f}ms {rate:7.1f} M rows/s (goal >= 10)")
    lines.append(f"  {'pandas groupby().quantile, 3 quartiles, unweighted':50s} {peer * 1e3:8.1f}ms")
    return rows, lines


if __name__ == "__main__":
    sys.exit(main())
