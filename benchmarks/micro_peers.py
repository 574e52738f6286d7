"""Survey estimates as a user calls them, against DuckDB and Polars in the same run (issue 12).

Usage: python benchmarks/micro_peers.py [ROWS] [--threads N]   (default 10,000,000 rows; threads 1 and 2)

Without ``--threads`` the script runs itself once per thread count (Polars reads its thread count
from POLARS_MAX_THREADS when it is imported) and prints one table. Every timing is the best of five
warm runs (one run before them warms pandas, the engines and the caches) and includes what the
user's call includes: building the design, coding the domains, the filter.

Data: region int32 (500 values), sex int8 (0 male, 1 female), age int16, stratum int16 (50),
PSU int32 (5,000 per stratum: 250,000 PSUs), lf 0/1, years of schooling, earnings, births,
float64 weights; rows in random order, seeded.

Workloads and design shapes (gendex's call is written out in each ``gendex_*`` function):

- ``mean/point``: the mean of lf by region x sex among persons aged 15+, point estimates only
  (``variance="none"``; weights only): the peers' weighted ``group_by``.
- ``mean/weights``: the mean of lf by region x sex among persons aged 15+, linearised SE with
  every row its own PSU (R: ``svydesign(ids=~1, weights=~weight)``); DuckDB and Polars compute
  the same SE from the linearisation scores z = w (y - mean) / sum(w) of the domain:
  var = n / (n - 1) * sum((z - mean(z))^2) over all n rows (rows outside the domain score 0).
- ``mean/strata+psu``: the same with strata and PSUs (R: ``ids=~psu, strata=~stratum, nest=TRUE``):
  scores summed per PSU, var = sum over strata of n_h / (n_h - 1) * sum((z_hi - mean_h(z))^2).
- ``mean/80 replicates``: 80 supplied replicate weights (JK1: var = (R-1)/R * sum((t_r - mean(t))^2)),
  on a tenth of the rows, at least 1 M (80 weight columns of 10 M rows would take 6.4 GB).
- ``mean/100 bootstrap``: 100 Rao-Wu bootstrap replicates drawn by gendex (the peers have no
  Rao-Wu draw; gendex alone, on the strata+PSU design).
- ``index inputs``: the standard index inputs by region x sex (population, mean years of
  schooling 25+, secondary and upper secondary education 25+, labour-force participation 15+,
  income share, adolescent birth rate), point estimates against the peers; then with SEs on the
  four design shapes (linearised with weights only and with strata + PSU, 80 replicate weights,
  100 Rao-Wu bootstrap replicates), gendex alone.

The peers' numbers are checked against gendex's in the run (1e-9 relative); a disagreement stops
the script with the domain that differs.
"""

from __future__ import annotations

import argparse
import os
import pathlib
import subprocess
import sys
from typing import Any, Callable, Optional

import numpy as np
import pandas as pd

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import compare  # benchmarks/compare.py: best_of

REGIONS, STRATA, PSUS_PER_STRATUM, REPLICATES = 500, 50, 5_000, 80


# Warm runs per timing: this 2-core machine's kernel threads (page compaction, DAMON) now and then
# take a core for a run; with three, one such run could still decide a ratio.
REPEAT = 5


def best_of(fn: Callable[[], Any], repeat: int = REPEAT) -> float:
    fn()  # warm: pandas, the engines, the allocator and the caches
    return float(compare.best_of(fn, repeat))


def frame(rows: int, seed: int = 12) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    stratum = rng.integers(0, STRATA, rows).astype(np.int16)
    sex = rng.integers(0, 2, rows).astype(np.int8)
    age = rng.integers(0, 90, rows).astype(np.int16)
    teen_woman = (sex == 1) & (age >= 15) & (age <= 19)
    return pd.DataFrame(
        {
            "region": rng.integers(0, REGIONS, rows).astype(np.int32),
            "sex": sex,
            "age": age,
            "stratum": stratum,
            "psu": rng.integers(0, PSUS_PER_STRATUM, rows).astype(np.int32),
            "lf": rng.integers(0, 2, rows).astype(np.float64),
            "school": rng.integers(0, 17, rows).astype(np.float64),
            "earnings": np.where(rng.random(rows) < 0.6, rng.gamma(2.0, 1500.0, rows), 0.0),
            "births": np.where(teen_woman & (rng.random(rows) < 0.05), 1.0, 0.0),
            "weight": rng.uniform(50, 150, rows),
        }
    )


def replicate_weights(df: pd.DataFrame, count: int, seed: int = 3) -> pd.DataFrame:
    """JK1-like supplied replicates: replicate r drops the PSUs of group r and reweights the rest."""
    group = (df["psu"].to_numpy() % count).astype(np.int32)
    w = df["weight"].to_numpy()
    cols = {f"rep{r}": np.where(group == r, 0.0, w * count / (count - 1)) for r in range(count)}
    return pd.concat([df, pd.DataFrame(cols, index=df.index)], axis=1)


# ------------------------------------------------------------------ gendex, as a user writes the call


def gendex_design(df: pd.DataFrame, shape: str, threads: int) -> Any:
    """The design of a shape: weights only (point, weights), strata + PSU (strata+psu, bootstrap),
    or supplied JK1 replicate weights (replicates); its strata and PSUs coded on ``threads``."""
    from gendex import micro

    if shape in ("point", "weights"):
        return micro.Design(df, weight="weight", threads=threads)
    if shape in ("strata+psu", "bootstrap"):
        return micro.Design(df, weight="weight", strata="stratum", psu="psu", threads=threads)
    reps = [f"rep{r}" for r in range(REPLICATES)]
    return micro.Design(df, weight="weight", replicate_weights=reps, replicate_type="JK1", threads=threads)


def shape_variance(shape: str) -> Optional[str]:
    """The variance method of a shape (None: the design's default, linearisation or its replicates)."""
    return {"bootstrap": "bootstrap", "point": "none"}.get(shape)


def gendex_mean(df: pd.DataFrame, shape: str, threads: int = 1) -> pd.DataFrame:
    from gendex import micro

    return micro.mean(
        gendex_design(df, shape, threads),
        "lf",
        by=["region", "sex"],
        where=df["age"] >= 15,
        variance=shape_variance(shape),
        replicates=100,
        threads=threads,
    )


def gendex_index_inputs(df: pd.DataFrame, threads: int = 1, shape: str = "point") -> pd.DataFrame:
    from gendex import micro

    ds = micro.index_inputs(
        gendex_design(df, shape, threads),
        2024,
        age="age",
        schooling="school",
        secondary_threshold=7,
        upper_secondary_threshold=12,
        labour_force="lf",
        earnings="earnings",
        adolescent_births="births",
        sex_codes={0: "male", 1: "female"},
        variance=shape_variance(shape),
        replicates=100,
        threads=threads,
    )
    return ds.to_frame()


# ------------------------------------------------------------------ DuckDB (SQL)

_DUCK_MEAN = """
WITH d AS (
  SELECT region, sex, sum(weight * lf) / sum(weight) AS est, sum(weight) AS wsum
  FROM t WHERE age >= 15 GROUP BY region, sex)
{variance}
"""

_DUCK_POINT = """SELECT region, sex, est FROM d ORDER BY region, sex
"""

_DUCK_WEIGHTS = """, z AS (
  SELECT d.region, d.sex, t.weight * (t.lf - d.est) / d.wsum AS z
  FROM t JOIN d ON t.region = d.region AND t.sex = d.sex WHERE t.age >= 15),
s AS (SELECT region, sex, sum(z) AS s1, sum(z * z) AS s2 FROM z GROUP BY region, sex),
n AS (SELECT count(*)::DOUBLE AS n FROM t)
SELECT d.region, d.sex, d.est, sqrt(n.n / (n.n - 1) * (s.s2 - s.s1 * s.s1 / n.n)) AS se
FROM d JOIN s USING (region, sex), n ORDER BY region, sex
"""

_DUCK_PSU = """, p AS (
  SELECT d.region, d.sex, t.stratum, t.psu, sum(t.weight * (t.lf - d.est) / d.wsum) AS z
  FROM t JOIN d ON t.region = d.region AND t.sex = d.sex WHERE t.age >= 15
  GROUP BY d.region, d.sex, t.stratum, t.psu),
nh AS (SELECT stratum, count(DISTINCT psu)::DOUBLE AS nh FROM t GROUP BY stratum),
h AS (SELECT p.region, p.sex, p.stratum, sum(z) AS s1, sum(z * z) AS s2 FROM p GROUP BY p.region, p.sex, p.stratum),
v AS (SELECT region, sex, sum(nh.nh / (nh.nh - 1) * (s2 - s1 * s1 / nh.nh)) AS var
      FROM h JOIN nh USING (stratum) GROUP BY region, sex)
SELECT d.region, d.sex, d.est, sqrt(v.var) AS se FROM d JOIN v USING (region, sex) ORDER BY region, sex
"""


def duck_replicates_sql() -> str:
    reps = ", ".join(f"sum(rep{r} * lf) / sum(rep{r}) AS t{r}" for r in range(REPLICATES))
    mean = " + ".join(f"t{r}" for r in range(REPLICATES))
    dev = " + ".join(f"(t{r} - m) * (t{r} - m)" for r in range(REPLICATES))
    return f"""
WITH d AS (SELECT region, sex, sum(weight * lf) / sum(weight) AS est, {reps}
           FROM t WHERE age >= 15 GROUP BY region, sex),
m AS (SELECT *, ({mean}) / {REPLICATES} AS m FROM d)
SELECT region, sex, est, sqrt({REPLICATES - 1} / {REPLICATES} * ({dev})) AS se FROM m ORDER BY region, sex
"""


_DUCK_INPUTS = """
WITH r AS (
  SELECT region, sex, sum(weight) AS population,
    sum(weight * school) FILTER (age >= 25) / sum(weight) FILTER (age >= 25) AS mean_schooling,
    100 * sum(weight) FILTER (age >= 25 AND school >= 7) / sum(weight) FILTER (age >= 25) AS secondary_education,
    100 * sum(weight) FILTER (age >= 25 AND school >= 12) / sum(weight) FILTER (age >= 25) AS upper_secondary_education,
    100 * sum(weight * lf) FILTER (age >= 15) / sum(weight) FILTER (age >= 15) AS labour_force_participation,
    sum(weight * earnings) AS earn,
    1000 * sum(weight * births) FILTER (sex = 1 AND age BETWEEN 15 AND 19)
      / sum(weight) FILTER (sex = 1 AND age BETWEEN 15 AND 19) AS adolescent_birth_rate
  FROM t GROUP BY region, sex)
SELECT *, 100 * earn / sum(earn) OVER (PARTITION BY region) AS income_share FROM r ORDER BY region, sex
"""


def duck_runner(df: pd.DataFrame, threads: int) -> Callable[[str], pd.DataFrame]:
    import duckdb

    con = duckdb.connect()
    con.execute(f"SET threads = {threads}")
    con.register("t", df)  # a view over the pandas frame: no copy, as a user would query it
    return lambda sql: con.execute(sql).df()


# ------------------------------------------------------------------ Polars (lazy group_by)


def polars_frame(df: pd.DataFrame) -> Any:
    import polars as pl

    return pl.from_pandas(df).lazy()


def polars_mean(lf: Any, shape: str, rows: int) -> Any:
    import polars as pl

    keys = ["region", "sex"]
    adults = lf.filter(pl.col("age") >= 15)
    if shape == "replicates":
        reps = [f"rep{r}" for r in range(REPLICATES)]
        t = adults.group_by(keys).agg(
            ((pl.col("weight") * pl.col("lf")).sum() / pl.col("weight").sum()).alias("est"),
            *[((pl.col(c) * pl.col("lf")).sum() / pl.col(c).sum()).alias(c) for c in reps],
        )
        m = pl.mean_horizontal(reps)
        dev = pl.sum_horizontal([(pl.col(c) - m) ** 2 for c in reps])
        return t.select(*keys, "est", ((REPLICATES - 1) / REPLICATES * dev).sqrt().alias("se")).sort(keys).collect()
    d = adults.group_by(keys).agg(
        ((pl.col("weight") * pl.col("lf")).sum() / pl.col("weight").sum()).alias("est"),
        pl.col("weight").sum().alias("W"),
    )
    if shape == "point":
        return d.select(*keys, "est").sort(keys).collect()
    z = adults.join(d, on=keys).with_columns(
        (pl.col("weight") * (pl.col("lf") - pl.col("est")) / pl.col("W")).alias("z")
    )
    if shape == "weights":
        n = float(rows)
        v = z.group_by(keys).agg(pl.col("z").sum().alias("s1"), (pl.col("z") ** 2).sum().alias("s2"))
        v = v.with_columns((n / (n - 1) * (pl.col("s2") - pl.col("s1") ** 2 / n)).alias("var"))
    else:
        nh = lf.group_by("stratum").agg(pl.col("psu").n_unique().cast(pl.Float64).alias("nh"))
        p = z.group_by([*keys, "stratum", "psu"]).agg(pl.col("z").sum())
        h = p.group_by([*keys, "stratum"]).agg(pl.col("z").sum().alias("s1"), (pl.col("z") ** 2).sum().alias("s2"))
        h = h.join(nh, on="stratum").with_columns(
            (pl.col("nh") / (pl.col("nh") - 1) * (pl.col("s2") - pl.col("s1") ** 2 / pl.col("nh"))).alias("var")
        )
        v = h.group_by(keys).agg(pl.col("var").sum())
    return d.join(v, on=keys).select(*keys, "est", pl.col("var").sqrt().alias("se")).sort(keys).collect()


def polars_inputs(lf: Any) -> Any:
    import polars as pl

    w, age, school = pl.col("weight"), pl.col("age"), pl.col("school")
    teen = (pl.col("sex") == 1) & age.is_between(15, 19)

    def share(cond: Any, value: Any = None) -> Any:
        top = (w * value).filter(cond).sum() if value is not None else w.filter(cond).sum()
        return top / w.filter(cond).sum()

    r = lf.group_by(["region", "sex"]).agg(
        w.sum().alias("population"),
        share(age >= 25, school).alias("mean_schooling"),
        (100 * w.filter((age >= 25) & (school >= 7)).sum() / w.filter(age >= 25).sum()).alias("secondary_education"),
        (100 * w.filter((age >= 25) & (school >= 12)).sum() / w.filter(age >= 25).sum()).alias(
            "upper_secondary_education"
        ),
        (100 * share(age >= 15, pl.col("lf"))).alias("labour_force_participation"),
        (w * pl.col("earnings")).sum().alias("earn"),
        (1000 * share(teen, pl.col("births"))).alias("adolescent_birth_rate"),
    )
    r = r.with_columns((100 * pl.col("earn") / pl.col("earn").sum().over("region")).alias("income_share"))
    return r.sort(["region", "sex"]).collect()


# ------------------------------------------------------------------ agreement


def agree(name: str, got: pd.DataFrame, ref: pd.DataFrame, columns: dict[str, str]) -> None:
    """``got`` (a peer's) equals gendex's ``ref`` within 1e-9 relative on each column pair."""
    for peer_col, ref_col in columns.items():
        a, b = np.asarray(got[peer_col], dtype=float), np.asarray(ref[ref_col], dtype=float)
        bad = ~np.isclose(a, b, rtol=1e-9, atol=0.0, equal_nan=True)
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            sys.exit(f"{name}: {peer_col} differs from gendex at row {i}: {a[i]!r} vs {b[i]!r}")


def gendex_inputs_wide(df: pd.DataFrame) -> pd.DataFrame:
    tidy = gendex_index_inputs(df)
    wide = tidy.pivot_table(index=["region", "sex"], columns="indicator", values="value").reset_index()
    wide["region"] = wide["region"].astype(int)
    wide["sex"] = (wide["sex"] == "female").astype(int)
    return wide.sort_values(["region", "sex"]).reset_index(drop=True)


INPUTS = [
    "population",
    "mean_schooling",
    "secondary_education",
    "upper_secondary_education",
    "labour_force_participation",
    "income_share",
    "adolescent_birth_rate",
]


# ------------------------------------------------------------------ one thread count


def run(rows: int, threads: int) -> list[tuple[str, str, float]]:
    """(workload, engine, seconds) for every pair, at ``threads`` threads for gendex's means and the peers."""
    df = frame(rows)
    # A tenth of the rows, at least a million: fewer leave domains empty in some replicate.
    small = replicate_weights(frame(max(rows // 10, 1_000_000), seed=13), REPLICATES)
    duck, duck_small = duck_runner(df, threads), duck_runner(small, threads)
    out: list[tuple[str, str, float]] = []

    for shape, data, query in (
        ("point", df, duck),
        ("weights", df, duck),
        ("strata+psu", df, duck),
        ("replicates", small, duck_small),
    ):
        n = len(data)
        ref = gendex_mean(data, shape, threads).sort_values(["region", "sex"]).reset_index(drop=True)
        sql = _DUCK_MEAN.format(
            variance={"point": _DUCK_POINT, "weights": _DUCK_WEIGHTS, "strata+psu": _DUCK_PSU}.get(shape, "")
        )
        if shape == "replicates":
            sql = duck_replicates_sql()

        def polars_call(data: pd.DataFrame = data, shape: str = shape, n: int = n) -> Any:
            return polars_mean(polars_frame(data), shape, n)

        checked = {"est": "estimate"} if shape == "point" else {"est": "estimate", "se": "se"}
        agree(f"duckdb mean/{shape}", query(sql), ref, checked)
        agree(f"polars mean/{shape}", polars_call().to_pandas(), ref, checked)
        label = f"mean/{shape}" + (f" ({n:,} rows)" if n != rows else "")
        out.append((label, "gendex", best_of(lambda data=data, shape=shape: gendex_mean(data, shape, threads))))
        out.append((label, "duckdb", best_of(lambda sql=sql, query=query: query(sql))))
        out.append((label, "polars", best_of(polars_call)))

    out.append(("mean/100 bootstrap", "gendex", best_of(lambda: gendex_mean(df, "bootstrap", threads), repeat=2)))

    ref = gendex_inputs_wide(df)
    agree("duckdb index inputs", duck(_DUCK_INPUTS), ref, {c: c for c in INPUTS})
    agree("polars index inputs", polars_inputs(polars_frame(df)).to_pandas(), ref, {c: c for c in INPUTS})
    out.append(("index inputs", "gendex", best_of(lambda: gendex_index_inputs(df, threads))))
    out.append(("index inputs", "duckdb", best_of(lambda: duck(_DUCK_INPUTS))))
    out.append(("index inputs", "polars", best_of(lambda: polars_inputs(polars_frame(df)))))
    # With SEs (gendex alone: the peers would need each indicator's linearisation or replicates
    # written out). The linearised SEs score the rows (the PSUs here cross the regions); the
    # bootstrap keeps a cell per (PSU, domain), nearly one per row here (seconds: best of 2). Last,
    # a survey file's shape: PSUs nested in the regions (two strata a region), rows in PSU order;
    # the linearised SEs then keep a cell per (PSU, sex).
    survey = df.assign(region=(df["stratum"] // 2).astype(np.int32))
    survey = survey.sort_values(["stratum", "psu"], kind="stable", ignore_index=True)
    for shape, data, label in (
        ("weights", df, "weights"),
        ("strata+psu", df, "strata+psu"),
        ("replicates", small, "replicates"),
        ("bootstrap", df, "bootstrap"),
        ("strata+psu", survey, "strata+psu, PSUs in regions, in order"),
    ):
        label = f"index inputs/{label}" + (f" ({len(data):,} rows)" if len(data) != rows else "")
        repeat = 2 if shape == "bootstrap" else REPEAT
        time = best_of(lambda data=data, shape=shape: gendex_index_inputs(data, threads, shape), repeat=repeat)
        out.append((label, "gendex", time))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows", nargs="?", type=int, default=10_000_000)
    parser.add_argument("--threads", type=int, help="one thread count (the peers'); default: 1 and 2, one process each")
    args = parser.parse_args()
    if args.threads is not None:
        for workload, engine, seconds in run(args.rows, args.threads):
            print(f"{workload}\t{engine}\t{seconds!r}")
        return
    results: dict[tuple[str, str, int], float] = {}
    workloads: list[str] = []
    for threads in (1, 2):
        env = dict(os.environ, POLARS_MAX_THREADS=str(threads))
        proc = subprocess.run(
            [sys.executable, __file__, str(args.rows), "--threads", str(threads)],
            env=env,
            capture_output=True,
            text=True,
        )
        if proc.returncode != 0:
            sys.exit(proc.stderr or proc.stdout)
        for line in proc.stdout.splitlines():
            workload, engine, seconds = line.split("\t")
            results[(workload, engine, threads)] = float(seconds)
            if workload not in workloads:
                workloads.append(workload)
    print(
        f"{args.rows:,} rows, {REGIONS} regions x 2 sexes; best of {REPEAT} warm runs (the bootstrap: 2); "
        "peers agree with gendex to 1e-9"
    )
    print(
        "gendex takes threads= (the passes over the rows, the replicate-weight sums by groups of replicates and "
        "the bootstrap's replicates; the cell index runs on one thread); ratio = peer time / gendex time"
    )
    print(f"{'workload':<56}{'engine':<8}{'1 thread':>12}{'2 threads':>12}{'ratio 1t':>10}{'ratio 2t':>10}")
    for workload in workloads:
        for engine in ("gendex", "duckdb", "polars"):
            t1, t2 = results.get((workload, engine, 1)), results.get((workload, engine, 2))
            if t1 is None or t2 is None:
                continue
            g1, g2 = results[(workload, "gendex", 1)], results[(workload, "gendex", 2)]
            ratio = "" if engine == "gendex" else f"{t1 / g1:10.2f}{t2 / g2:10.2f}"
            print(f"{workload:<56}{engine:<8}{t1 * 1e3:10.0f}ms{t2 * 1e3:10.0f}ms{ratio}")


if __name__ == "__main__":
    main()
