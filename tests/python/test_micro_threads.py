"""threads=: the one-call estimators' passes over rows on several threads give the same bits (issue 12)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import gendex
from gendex import micro


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    # 1.2 M rows: several blocks of the point pass (2^18 rows) and two row parts of the scores (2^20).
    rng = np.random.default_rng(4)
    n = 1_200_000
    psu = rng.integers(0, 6000, n)
    return pd.DataFrame(
        {
            "stratum": psu % 9,
            "psu": psu,
            "region": rng.integers(0, 30, n),
            "sex": rng.integers(1, 3, n),
            "age": rng.integers(0, 90, n),
            "y": rng.gamma(2.0, 10.0, n),
            "weight": rng.uniform(10, 200, n),
        }
    )


@pytest.mark.parametrize("psu", [None, "psu"])
def test_any_thread_count_gives_the_same_bits(frame: pd.DataFrame, psu: str | None) -> None:
    d = micro.Design(frame, weight="weight", strata="stratum", psu=psu)
    where = frame["age"] >= 15
    runs = [micro.mean(d, "y", by=["region", "sex"], where=where, threads=t) for t in (1, 2, 3, None)]
    for other in runs[1:]:
        pd.testing.assert_frame_equal(other, runs[0], check_exact=True)
    t = [micro.total(d, "y", by="sex", threads=k) for k in (1, 2)]
    pd.testing.assert_frame_equal(t[0], t[1], check_exact=True)
    # The same estimates as an accumulator's (cells, one thread): 1e-12.
    acc = micro.accumulate(d, ["y"], by=["region", "sex"], where=where).mean("y")
    assert np.allclose(runs[0]["se"], acc["se"], rtol=1e-12, atol=0)
    assert np.allclose(runs[0]["estimate"], acc["estimate"], rtol=1e-13, atol=0)


@pytest.mark.parametrize("bad", [0, -1, 2.5, True, "2", 5000])
def test_threads_must_be_a_whole_number_from_1(frame: pd.DataFrame, bad: object) -> None:
    d = micro.Design(frame.head(100), weight="weight")
    with pytest.raises(gendex.InputError, match=r"threads must be a whole number from 1 to 1024 or None"):
        micro.mean(d, "y", threads=bad)  # type: ignore[arg-type]


def test_index_inputs_on_any_thread_count_give_the_same_bits(frame: pd.DataFrame) -> None:
    # The index-input point pass (no cells) over blocks of 2^18 rows: the same sums for 1, 2 and 3 threads,
    # and the same estimates as the pass with cells (one thread, another summation order): 1e-13.
    d = micro.Design(frame.assign(lf=(frame["y"] > 20).astype(float)), weight="weight")
    columns = {"age": "age", "labour_force": "lf", "sex_codes": {1: "female", 2: "male"}}
    runs = [
        micro.index_inputs(d, 2024, region="region", variance="none", threads=t, **columns).to_frame()
        for t in (1, 2, 3)
    ]
    for other in runs[1:]:
        pd.testing.assert_frame_equal(other, runs[0], check_exact=True)
    cells = micro.accumulate_index_inputs(d, region="region", **columns).estimates()
    lfp = runs[0][runs[0]["indicator"] == "labour_force_participation"]["value"].to_numpy()
    ref = cells[cells["indicator"] == "labour_force_participation"]["estimate"].to_numpy()
    assert len(lfp) == 60 and np.allclose(lfp, ref, rtol=1e-13, atol=0)


def test_designs_coded_on_any_thread_count_are_the_same(frame: pd.DataFrame) -> None:
    # 1.2 M rows: four coding shares of 2^18 rows at most. The strata and PSU codes, and the estimates,
    # do not depend on the design's threads; threads= is checked as the estimators' is.
    designs = [micro.Design(frame, weight="weight", strata="stratum", psu="psu", threads=t) for t in (1, 2, 4)]
    for d in designs[1:]:
        assert np.array_equal(d._strata_codes, designs[0]._strata_codes)
        assert np.array_equal(d._psu_codes, designs[0]._psu_codes)
    assert designs[0]._psu_codes.max() == 5999 and designs[0]._strata_codes.max() == 8
    means = [micro.mean(d, "y", by="region", threads=1) for d in designs]
    for m in means[1:]:
        pd.testing.assert_frame_equal(m, means[0], check_exact=True)
    with pytest.raises(gendex.InputError, match=r"threads must be a whole number from 1 to 1024 or None"):
        micro.Design(frame, weight="weight", strata="stratum", threads=0)
