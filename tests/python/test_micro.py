"""gendex.micro: domain estimates from survey microdata, against R's survey package.

The reference values are tests/fixtures/micro/reference.csv (make_reference.R);
the C++ suite checks all of them, this suite the Python path to the same numbers.
"""

from __future__ import annotations

import pickle
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import gendex

micro = pytest.importorskip("gendex.micro")
if not hasattr(gendex._core, "MicroDesign"):  # the extension was built without register_micro
    pytest.skip("gendex._core has no micro bindings", allow_module_level=True)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "micro"


@pytest.fixture(scope="module")
def survey() -> pd.DataFrame:
    return pd.read_csv(FIXTURES / "survey.csv")


@pytest.fixture(scope="module")
def reference() -> pd.DataFrame:
    return pd.read_csv(FIXTURES / "reference.csv")


def expected(reference: pd.DataFrame, config: str, statistic: str) -> pd.DataFrame:
    ref = reference[(reference.config == config) & (reference.statistic == statistic)]
    return ref.sort_values(["region", "sex"]).reset_index(drop=True)


def check(got: pd.DataFrame, ref: pd.DataFrame) -> None:
    assert list(got.columns) == ["region", "sex", "estimate", "se"]
    assert len(got) == len(ref) == 60
    assert (got["region"].to_numpy() == ref["region"].to_numpy()).all()
    assert (got["sex"].to_numpy() == ref["sex"].to_numpy()).all()
    np.testing.assert_allclose(got["estimate"], ref["estimate"], rtol=1e-12)
    # SEs at rounding-noise level (a domain inside one PSU) are compared absolutely.
    noise = 1e-12 * np.abs(ref["estimate"].to_numpy())
    assert (np.abs(got["se"].to_numpy() - ref["se"].to_numpy()) <= 1e-9 * ref["se"].to_numpy() + noise).all()


def test_linearised_estimates_match_r(survey: pd.DataFrame, reference: pd.DataFrame) -> None:
    d = micro.Design(survey, weight="weight", strata="stratum", psu="psu")
    by = ["region", "sex"]
    check(micro.mean(d, "y", by=by), expected(reference, "lin", "mean_y"))
    check(
        micro.proportion(d, "in_lf", by=by, where=survey["age"] >= 15),
        expected(reference, "lin", "proportion_in_lf_15"),
    )
    check(micro.total(d, "earnings", by=by), expected(reference, "lin", "total_earnings"))
    check(
        micro.ratio(d, "earnings", "in_lf", by=by, where=survey["age"] >= 15),
        expected(reference, "lin", "ratio_earnings_in_lf_15"),
    )


def test_lonely_psu_options_match_r(survey: pd.DataFrame, reference: pd.DataFrame) -> None:
    for option in ["remove", "adjust", "certainty", "average"]:
        d = micro.Design(survey, weight="weight", strata="stratum_lonely", psu="psu", lonely_psu=option)
        check(micro.mean(d, "y", by=["region", "sex"]), expected(reference, f"lonely_{option}", "mean_y"))
    d = micro.Design(survey, weight="weight", strata="stratum_lonely", psu="psu")
    with pytest.raises(gendex.InputError, match="has only one PSU"):
        micro.mean(d, "y", by=["region", "sex"])


def test_replicate_weights_match_r(survey: pd.DataFrame, reference: pd.DataFrame) -> None:
    boot = [f"boot{i}" for i in range(1, 21)]
    jk = [f"jk{i}" for i in range(1, 21)]
    by = ["region", "sex"]
    d = micro.Design(survey, weight="weight", replicate_weights=boot, replicate_type="bootstrap")
    check(micro.mean(d, "y", by=by), expected(reference, "boot", "mean_y"))
    check(
        micro.ratio(d, "earnings", "in_lf", by=by, where=survey["age"] >= 15),
        expected(reference, "boot", "ratio_earnings_in_lf_15"),
    )
    d = micro.Design(survey, weight="weight", replicate_weights=jk, replicate_type="JK1", mse=True)
    check(micro.total(d, "earnings", by=by), expected(reference, "jk1_mse", "total_earnings"))
    # A rows x replicates array works as well as column names.
    d = micro.Design(survey, weight="weight", replicate_weights=survey[boot].to_numpy(), scale=0.05, rscales=1.0)
    check(
        micro.mean(d, "years_school", by=by, where=survey["age"] >= 25),
        expected(reference, "boot_scale", "mean_years_school_25"),
    )


def test_accumulator_gives_the_same_numbers_and_pickles(survey: pd.DataFrame) -> None:
    d = micro.Design(survey, weight="weight", strata="stratum", psu="psu")
    where = survey["age"] >= 15
    acc = micro.accumulate(d, ["earnings", "in_lf"], by=["region", "sex"], where=where)
    direct = micro.ratio(d, "earnings", "in_lf", by=["region", "sex"], where=where)
    pd.testing.assert_frame_equal(acc.ratio("earnings", "in_lf"), direct)
    back = pickle.loads(pickle.dumps(acc))
    assert back == acc
    pd.testing.assert_frame_equal(back.proportion("in_lf"), acc.proportion("in_lf"))
    boot = acc.mean("earnings", variance="bootstrap", replicates=40, seed=7)
    assert boot["se"].notna().all()
    pd.testing.assert_frame_equal(boot, acc.mean("earnings", variance="bootstrap", replicates=40, seed=7))


def test_whole_population_and_status(survey: pd.DataFrame) -> None:
    d = micro.Design(survey, weight="weight", strata="stratum", psu="psu")
    out = micro.mean(d, "y")
    assert len(out) == 1 and list(out.columns) == ["estimate", "se"]
    assert out.attrs["status"] == ["ok"]
    assert out.attrs["rows"][0] == len(survey)
    none = micro.mean(d, "y", by="sex", variance="none")
    assert none["se"].isna().all()


def test_errors_name_rows_columns_and_domains(survey: pd.DataFrame) -> None:
    bad = survey.copy()
    bad.loc[3, "weight"] = 0.0
    with pytest.raises(gendex.InputError, match="row 3, column 'weight'"):
        micro.Design(bad, weight="weight", strata="stratum", psu="psu")
    d = micro.Design(survey, weight="weight", strata="stratum", psu="psu")
    with pytest.raises(gendex.InputError, match="a proportion needs 0 or 1"):
        micro.proportion(d, "years_school", by="sex")
    with pytest.raises(KeyError, match="column 'income'"):
        micro.mean(d, "income", by="sex")
    nan = survey.copy()
    nan["earnings"] = nan["earnings"].where(nan["age"] >= 15)  # missing below 15: fine when filtered out
    dn = micro.Design(nan, weight="weight", strata="stratum", psu="psu")
    micro.mean(dn, "earnings", by="sex", where=nan["age"] >= 15)
    with pytest.raises(gendex.InputError, match="column 'earnings': value nan is not a finite number"):
        micro.mean(dn, "earnings", by="sex")
    # A ratio with a zero denominator in a domain: an error naming it, or an explicit no-estimate.
    young = survey["age"] < 15
    with pytest.raises(gendex.InputError, match="sex=1: the weighted total of 'in_lf' is 0"):
        micro.ratio(d, "earnings", "in_lf", by="sex", where=young)
    out = micro.ratio(d, "earnings", "in_lf", by="sex", where=young, empty="no_estimate")
    assert out.attrs["status"] == ["zero_denominator", "zero_denominator"]
    assert out["estimate"].isna().all()


def test_domain_labels_survive_more_combinations_than_int64():
    """Review M1: ten by-columns of 100 levels (100**10 > 2**63) gave wrong labels for 91 of 100 domains."""
    rng = np.random.default_rng(3)
    df = pd.DataFrame({f"c{k}": rng.permutation(100) for k in range(10)})
    df["y"] = rng.normal(size=100)
    df["w"] = 1.0
    est = micro.mean(micro.Design(df, weight="w"), "y", by=[f"c{k}" for k in range(10)], variance="none")
    assert len(est) == 100
    by_row = df.set_index([f"c{k}" for k in range(10)])["y"]
    for row in est.itertuples(index=False):
        key = tuple(getattr(row, f"c{k}") for k in range(10))
        assert row.estimate == by_row.loc[key]  # one row per domain: its mean is its y


def test_where_is_aligned_on_the_index(survey):
    """Review M5: a mask Series with the same labels in another order was applied by position."""
    d = micro.Design(survey, weight="weight", strata="stratum", psu="psu")
    mask = survey["age"] >= 15
    expected = micro.mean(d, "earnings", where=mask.to_numpy())
    shuffled = mask.sample(frac=1.0, random_state=1)
    pd.testing.assert_frame_equal(micro.mean(d, "earnings", where=shuffled), expected)
    with pytest.raises(gendex.InputError, match="'where' has an index that differs"):
        micro.mean(d, "earnings", where=mask.set_axis(mask.index + 10**6))


def test_bootstrap_does_not_depend_on_row_order(survey):
    """Review M6: bootstrap SEs changed by up to 26 % when the rows were shuffled with the same seed."""
    base = micro.mean(
        micro.Design(survey, weight="weight", strata="stratum", psu="psu"),
        "earnings",
        variance="bootstrap",
        replicates=50,
        seed=11,
    )
    for k in range(5):
        shuffled = survey.sample(frac=1.0, random_state=k).reset_index(drop=True)
        again = micro.mean(
            micro.Design(shuffled, weight="weight", strata="stratum", psu="psu"),
            "earnings",
            variance="bootstrap",
            replicates=50,
            seed=11,
        )
        np.testing.assert_allclose(again["estimate"], base["estimate"], rtol=1e-12)
        np.testing.assert_allclose(again["se"], base["se"], rtol=1e-12)
