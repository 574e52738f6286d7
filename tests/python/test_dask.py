"""gendex.dask: the micro estimates over a dask DataFrame equal the single-machine ones.

Runs on dask's local scheduler and on a distributed LocalCluster with two
worker processes (accumulators travel as Boost archives). Every test has a
hard time limit, and the cluster is started and stopped here.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import gendex
from gendex import micro

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")
gdask = pytest.importorskip("gendex.dask")

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "micro"
SEX = {1: "female", 2: "male"}
LIMIT = 240  # seconds for any one test, cluster start included


@pytest.fixture(autouse=True)
def time_limit() -> Iterator[None]:
    """Fail (never hang) when a test runs past LIMIT seconds."""

    def expire(signum, frame):
        raise TimeoutError(f"test ran longer than {LIMIT} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(LIMIT)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture(scope="module")
def survey() -> pd.DataFrame:
    df = pd.read_csv(FIXTURES / "survey.csv")
    rng = np.random.default_rng(3)
    women = (df["sex"] == 1) & (df["age"] >= 15) & (df["age"] <= 49)
    df["bof"] = np.where(women & (rng.uniform(size=len(df)) < 0.5), (rng.uniform(size=len(df)) < 0.3) * 1.0, np.nan)
    df["fb20"] = np.where(women & (rng.uniform(size=len(df)) < 0.7), (rng.uniform(size=len(df)) < 0.3) * 1.0, np.nan)
    df.loc[df[df["fb20"].notna()].groupby("region").head(1).index, "fb20"] = 1.0  # IKG needs MHPK20 > 0
    return df


COLUMNS = {
    "age": "age",
    "schooling": "years_school",
    "secondary_threshold": 7,
    "upper_secondary_threshold": 12,
    "labour_force": "in_lf",
    "earnings": "earnings",
    "births_outside_facility": "bof",
    "first_birth_before_20": "fb20",
    "sex_codes": SEX,
}
GIVEN = {"maternal_mortality": 177.0, "adolescent_birth_rate": 26.6, "parliament_share": 21.0}


def same(a: pd.DataFrame, b: pd.DataFrame, value: str = "estimate") -> None:
    """Equal frames: keys exactly, estimates to 1e-12 relative, SEs to 1e-12 (or rounding noise of the estimate)."""
    assert list(a.columns) == list(b.columns)
    keys = [c for c in a.columns if c not in ("estimate", "se", "lower", "upper", "value", "deff")]
    pd.testing.assert_frame_equal(a[keys].reset_index(drop=True), b[keys].reset_index(drop=True))
    np.testing.assert_allclose(b[value], a[value], rtol=1e-12)
    noise = 1e-12 * np.abs(a[value].to_numpy())
    assert (np.abs(b["se"].to_numpy() - a["se"].to_numpy()) <= 1e-12 * a["se"].to_numpy() + noise).all()
    if "deff" in a.columns:  # dask: from the merged partitions' second moments; SEs at rounding level give ~0
        np.testing.assert_allclose(b["deff"], a["deff"], rtol=1e-12, atol=1e-12, equal_nan=True)


def test_local_scheduler_without_a_cluster(survey: pd.DataFrame) -> None:
    assert gdask._client() is None
    d = micro.Design(survey, weight="weight", strata="stratum", psu="psu")
    dd_ = gdask.Design(dd.from_pandas(survey, npartitions=3), weight="weight", strata="stratum", psu="psu")
    same(micro.mean(d, "y", by=["region", "sex"]), gdask.mean(dd_, "y", by=["region", "sex"]))


def test_partitions_pass_on_one_thread_each(survey: pd.DataFrame, monkeypatch: pytest.MonkeyPatch) -> None:
    # The scheduler runs partitions side by side: each partition's pass asks the core for one thread
    # (threads=0 would start every core's worth in every partition).
    from gendex import _core

    asked: list[int] = []
    accumulate, design = _core.micro_accumulate, _core.MicroDesign

    def recording(real):
        def call(*args, **kwargs):
            asked.append(kwargs.get("threads", 0))
            return real(*args, **kwargs)

        return call

    monkeypatch.setattr(_core, "micro_accumulate", recording(accumulate))
    monkeypatch.setattr(_core, "MicroDesign", recording(design))  # the partition's design checks its weights
    dd_ = gdask.Design(dd.from_pandas(survey, npartitions=3), weight="weight", strata="stratum", psu="psu")
    gdask.mean(dd_, "y", by=["region", "sex"])
    assert asked == [1] * 6


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    cluster = distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None, memory_limit="2GiB"
    )
    c = distributed.Client(cluster, timeout="60s")
    try:
        yield c
    finally:
        c.close(timeout=30)
        cluster.close(timeout=30)


@pytest.fixture(scope="module")
def designs(survey: pd.DataFrame, client: object) -> tuple[micro.Design, gdask.Design]:
    ddf = dd.from_pandas(survey, npartitions=5)
    return (
        micro.Design(survey, weight="weight", strata="stratum", psu="psu"),
        gdask.Design(ddf, weight="weight", strata="stratum", psu="psu", timeout=120),
    )


def test_generic_estimators_equal_single_machine(survey: pd.DataFrame, designs) -> None:
    d, dk = designs
    by = ["region", "sex"]
    adults = survey["age"] >= 15
    same(micro.mean(d, "y", by=by), gdask.mean(dk, "y", by=by))
    same(
        micro.proportion(d, "in_lf", by=by, where=adults),
        gdask.proportion(dk, "in_lf", by=by, where=lambda p: p["age"] >= 15),
    )
    same(micro.total(d, "earnings", by="sex"), gdask.total(dk, "earnings", by="sex"))
    same(
        micro.ratio(d, "earnings", "in_lf", by=by, where=adults),
        gdask.ratio(dk, "earnings", "in_lf", by=by, where=dk.data["age"] >= 15),
    )
    # Internal bootstrap: the replicates depend only on the seed and the PSU codes, which the partitions share.
    same(
        micro.mean(d, "years_school", by=by, where=survey["age"] >= 25, variance="bootstrap", replicates=30, seed=4),
        gdask.mean(
            dk, "years_school", by=by, where=lambda p: p["age"] >= 25, variance="bootstrap", replicates=30, seed=4
        ),
    )
    # Supplied replicate weights.
    boot = [f"boot{i}" for i in range(1, 21)]
    r = micro.Design(survey, weight="weight", replicate_weights=boot)
    rk = gdask.Design(dk.data, weight="weight", replicate_weights=boot, timeout=120)
    same(micro.mean(r, "y", by=by), gdask.mean(rk, "y", by=by))
    # The whole population, no by.
    same(micro.mean(d, "y"), gdask.mean(dk, "y"))


def test_index_inputs_and_uncertainty_equal_single_machine(designs) -> None:
    d, dk = designs
    a = micro.index_inputs(d, 2023, "region", "sex", **COLUMNS).to_frame()
    b = gdask.index_inputs(dk, 2023, "region", "sex", **COLUMNS).to_frame()
    same(a, b, value="value")
    acc = gdask.accumulate_index_inputs(dk, "region", "sex", **COLUMNS)
    assert isinstance(acc, micro.IndexInputAccumulator)
    same(
        micro.accumulate_index_inputs(d, "region", "sex", **COLUMNS).estimates(variance="bootstrap", replicates=25),
        acc.estimates(variance="bootstrap", replicates=25),
    )
    u = micro.index_uncertainty(d, "ikg", GIVEN, 2023, "region", "sex", replicates=30, seed=2, **COLUMNS)
    v = gdask.index_uncertainty(dk, "ikg", GIVEN, 2023, "region", "sex", replicates=30, seed=2, **COLUMNS)
    same(u.frame, v.frame)
    g = micro.index_uncertainty(d, "gii", GIVEN, 2023, "region", "sex", replicates=30, seed=2, **COLUMNS)
    h = acc.uncertainty("gii", GIVEN, 2023, replicates=30, seed=2)
    same(g.frame, h.frame)


def test_partition_errors_name_rows_of_the_whole_frame(survey: pd.DataFrame, client: object) -> None:
    bad = survey.copy()
    bad.loc[4321, "earnings"] = np.nan
    dk = gdask.Design(dd.from_pandas(bad, npartitions=4), weight="weight", strata="stratum", psu="psu", timeout=120)
    with pytest.raises(gendex.InputError, match="row 4321, column 'earnings': earnings nan is not a finite number"):
        gdask.accumulate_index_inputs(dk, "region", "sex", earnings="earnings", sex_codes=SEX)
    with pytest.raises(gendex.InputError, match="row 4321, column 'earnings'"):
        gdask.total(dk, "earnings", by="sex")
    with pytest.raises(gendex.InputError, match="a proportion needs 0 or 1"):
        gdask.proportion(dk, "y", by="sex")
    with pytest.raises(KeyError, match="column 'wt'"):
        gdask.Design(dk.data, weight="wt")
    with pytest.raises(TypeError, match="needs a dask DataFrame"):
        gdask.Design(survey, weight="weight")
