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
