"""Census scale (issue 12): a synthetic Indonesia-sized person file to the IPG and IKG inputs of every
kabupaten with 100 bootstrap replicates, and the IKG with confidence intervals.

Usage: python benchmarks/census.py [--rows N] [--file PATH] [--chunk-rows N]
(default 270,000,000 rows in build/census/census-<rows>.parquet; ``make bench-census``).

The file is written once (seeded; reused while it exists): 514 kabupaten, each with 600 PSUs in two
strata (urban, rural: 1,028 strata, 308,400 PSUs), people sorted by kabupaten and PSU as a census
file is. Columns: kab (uint16), stratum (uint16), psu (int32), jk (int8: 1 male, 2 female, BPS's
coding), umur (int8), sekolah (years of schooling, int8), ak (in the labour force 0/1, int8),
upah (earnings, float32), mtf (a birth outside a facility, float32: 1/0 for women with a birth in
the last two years, NaN otherwise), mhpk20 (first birth before 20, float32: 1/0 for women 20-24
with a birth, NaN otherwise), bobot (weight, float32). Row groups of 1,000,000 rows.

The timed call is what a user writes: ``micro.scan`` over the file, ``accumulate_index_inputs``
(cells per PSU x domain, for the bootstrap), the inputs' 100-replicate bootstrap SEs
(``acc.dataset``) and the IKG's (``acc.uncertainty``). Prints each step's time, the total and the
peak resident memory (ru_maxrss of a process that only reads; the file is written by another).
"""

from __future__ import annotations

import argparse
import os
import pathlib
import resource
import sys
import time

import numpy as np

KABUPATEN, PSUS_PER_KAB, ROW_GROUP = 514, 600, 1_000_000
ROOT = pathlib.Path(__file__).resolve().parents[1]


def write_file(path: pathlib.Path, rows: int, seed: int = 2024) -> None:
    """The synthetic person file, one row group at a time (memory: a row group)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rng = np.random.default_rng(seed)
    psus = KABUPATEN * PSUS_PER_KAB
    # PSU sizes around rows / psus (0.5x to 1.5x), adjusted to sum to rows.
    sizes = rng.uniform(0.5, 1.5, psus)
    sizes = np.floor(sizes / sizes.sum() * rows).astype(np.int64)
    sizes[: rows - int(sizes.sum())] += 1
    psu_of_row_start = np.concatenate([[0], np.cumsum(sizes)])
    schema = pa.schema(
        [
            ("kab", pa.uint16()),
            ("stratum", pa.uint16()),
            ("psu", pa.int32()),
            ("jk", pa.int8()),
            ("umur", pa.int8()),
            ("sekolah", pa.int8()),
            ("ak", pa.int8()),
            ("upah", pa.float32()),
            ("mtf", pa.float32()),
            ("mhpk20", pa.float32()),
            ("bobot", pa.float32()),
        ]
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    with pq.ParquetWriter(partial, schema) as writer:
        for start in range(0, rows, ROW_GROUP):
            n = min(ROW_GROUP, rows - start)
            row = np.arange(start, start + n)
            psu = np.searchsorted(psu_of_row_start, row, side="right") - 1
            kab = psu // PSUS_PER_KAB
            urban = (psu % PSUS_PER_KAB) < PSUS_PER_KAB // 3
            stratum = kab * 2 + urban
            kab_effect = (kab % 97) / 97.0  # kabupaten differ, smoothly
            female = rng.random(n) < 0.5
            age = rng.integers(0, 90, n)
            school = np.clip(rng.normal(6 + 5 * urban + 3 * kab_effect - 1.2 * female, 3.5), 0, 16)
            school = np.where(age < 7, 0, np.minimum(school, np.maximum(age - 6, 0))).astype(np.int8)
            working_age = age >= 15
            lf = working_age & (rng.random(n) < np.where(female, 0.52 + 0.1 * kab_effect, 0.82))
            earnings = np.where(lf, rng.lognormal(14.5 + 0.08 * school - 0.3 * female, 0.6), 0.0)
            recent_birth = female & (age >= 15) & (age <= 49) & (rng.random(n) < 0.06)
            mtf = np.where(recent_birth, (rng.random(n) < 0.25 - 0.15 * urban).astype(np.float32), np.nan)
            young_mother = female & (age >= 20) & (age <= 24) & (rng.random(n) < 0.55)
            mhpk20 = np.where(young_mother, (rng.random(n) < 0.3 - 0.1 * urban).astype(np.float32), np.nan)
            weight = rng.uniform(0.8, 1.25, n)
            table = pa.table(
                {
                    "kab": (kab + 1).astype(np.uint16),
                    "stratum": stratum.astype(np.uint16),
                    "psu": psu.astype(np.int32),
                    "jk": np.where(female, 2, 1).astype(np.int8),
                    "umur": age.astype(np.int8),
                    "sekolah": school,
                    "ak": lf.astype(np.int8),
                    "upah": earnings.astype(np.float32),
                    "mtf": mtf.astype(np.float32),
                    "mhpk20": mhpk20.astype(np.float32),
                    "bobot": weight.astype(np.float32),
                },
                schema=schema,
            )
            writer.write_table(table, row_group_size=ROW_GROUP)
            print(f"\rwriting {path.name}: {start + n:,} / {rows:,} rows", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    partial.replace(path)


def run(path: pathlib.Path, chunk_rows: int) -> None:
    from gendex import micro

    steps: list[tuple[str, float]] = []
    start = time.perf_counter()

    def step(name: str) -> None:
        steps.append((name, time.perf_counter() - start - sum(t for _, t in steps)))

    d = micro.scan(path, weight="bobot", strata="stratum", psu="psu", chunk_rows=chunk_rows, progress=False)
    step(f"design codes ({d.rows:,} rows, {d.partitions} chunks)")
    acc = micro.accumulate_index_inputs(
        d,
        region="kab",
        sex="jk",
        sex_codes={1: "male", 2: "female"},
        age="umur",
        schooling="sekolah",
        upper_secondary_threshold=12,
        labour_force="ak",
        earnings="upah",
        births_outside_facility="mtf",
        first_birth_before_20="mhpk20",
        progress=False,
    )
    step("index inputs accumulated (regions pass + cells pass)")
    inputs = acc.dataset(2024, variance="bootstrap", replicates=100, seed=1)
    step("the inputs' 100-replicate bootstrap SEs")
    ikg = acc.uncertainty("ikg", given={"parliament_share": 21.9}, period=2024, replicates=100, seed=1)
    step("IKG with 100-replicate confidence intervals")
    total = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2  # KiB -> GiB
    frame = ikg.frame
    print(f"census: {d.rows:,} rows, {len(frame)} kabupaten, {len(inputs.to_frame()):,} input rows")
    for name, seconds in steps:
        print(f"  {seconds:8.1f} s  {name}")
    print(f"  {total:8.1f} s  total (goal <= 60 s)    peak memory {peak:.2f} GiB (goal <= 2 GiB)")
    first = frame.iloc[0]
    print(
        f"  e.g. kabupaten {first['region']}: IKG {first['estimate']:.4f}, se {first['se']:.4f}, "
        f"95% CI [{first['lower']:.4f}, {first['upper']:.4f}]"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=270_000_000)
    parser.add_argument("--file", type=pathlib.Path, help="default: build/census/census-<rows>.parquet")
    parser.add_argument("--chunk-rows", type=int, default=2_000_000)
    args = parser.parse_args()
    path = args.file or ROOT / "build" / "census" / f"census-{args.rows}.parquet"
    if not path.exists():
        t = time.perf_counter()
        write_file(path, args.rows)
        print(f"wrote {path} ({path.stat().st_size / 1024**3:.2f} GiB) in {time.perf_counter() - t:.0f} s")
        os.execv(sys.executable, [sys.executable, *sys.argv])  # a fresh process: its peak memory is the run's
    run(path, args.chunk_rows)


if __name__ == "__main__":
    main()
