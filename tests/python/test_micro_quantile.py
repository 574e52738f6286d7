"""gendex.micro.quantile and pay_gap against R's survey package.

Reference values: tests/fixtures/micro/reference_quantile.csv and reference_pay_gap.csv, written by
make_reference_quantile.R (survey 4.1-1) from survey.csv and hours.csv.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import gendex

micro = pytest.importorskip("gendex.micro")
if not hasattr(gendex._core, "micro_quantile"):
    pytest.skip("gendex._core has no micro quantile bindings", allow_module_level=True)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "micro"
BOOT = [f"boot{i}" for i in range(1, 21)]
JK = [f"jk{i}" for i in range(1, 21)]


@pytest.fixture(scope="module")
def survey() -> pd.DataFrame:
    df = pd.read_csv(FIXTURES / "survey.csv")
    df["hours"] = pd.read_csv(FIXTURES / "hours.csv")["hours"]
    df["psu_id"] = df["stratum"] * 100 + df["psu"]
    return df


def design(survey: pd.DataFrame, config: str) -> micro.Design:
    """The designs of make_reference_quantile.R."""
    if config == "lin":
        return micro.Design(survey, weight="weight", strata="stratum", psu="psu")
    if config == "lin_element":
        return micro.Design(survey, weight="weight", strata="stratum")
    if config == "lin_nostrata":
        return micro.Design(survey, weight="weight", psu="psu_id")
    if config == "lonely_adjust":
        return micro.Design(survey, weight="weight", strata="stratum_lonely", psu="psu", lonely_psu="adjust")
    if config == "boot":
        return micro.Design(survey, weight="weight", replicate_weights=BOOT, replicate_type="bootstrap")
    assert config == "jk1_mse"
    return micro.Design(survey, weight="weight", replicate_weights=JK, replicate_type="JK1", mse=True)


STATISTICS = {  # statistic -> (variable, probabilities, row filter)
    "quantile_y": ("y", [0.1, 0.25, 0.5, 0.75, 0.9], lambda df: None),
    "quantile_earnings_lf": ("earnings", [0.5, 0.9], lambda df: df["in_lf"] == 1),
    "quantile_years_school_25": ("years_school", [0.0, 0.5, 1.0], lambda df: df["age"] >= 25),
}
CONFIGS = ["lin", "lin_element", "lin_nostrata", "lonely_adjust", "boot", "jk1_mse"]


@pytest.mark.parametrize("config", CONFIGS)
def test_quantiles_and_woodruff_intervals_match_r(survey: pd.DataFrame, config: str) -> None:
    reference = pd.read_csv(FIXTURES / "reference_quantile.csv")
    d = design(survey, config)
    compared = 0
    for statistic, (variable, q, where) in STATISTICS.items():
        got = micro.quantile(d, variable, q=q, by=["region", "sex"], where=where(survey), empty="no_estimate")
        assert list(got.columns) == ["region", "sex", "q", "estimate", "se", "lower", "upper", "n", "df", "interval"]
        ref = reference[(reference.config == config) & (reference.statistic == statistic)]
        both = got.merge(ref, on=["region", "sex", "q"], suffixes=("", "_r"), validate="one_to_one")
        assert len(both) == len(ref) == len(got)
        # The quantile rule picks a data value: the same double as R.
        assert (both["estimate"] == both["estimate_r"]).all()
        assert (both["df"] == both["df_r"]).all()
        for column in ("lower", "upper", "se"):
            a, b = both[column].to_numpy(), both[f"{column}_r"].to_numpy()
            # R's NaN bounds (p^ -/+ t se outside [0, 1]) are NaN here too, and named.
            assert (np.isnan(a) == np.isnan(b)).all(), column
            np.testing.assert_allclose(a[~np.isnan(a)], b[~np.isnan(b)], rtol=1e-9, atol=0)
            compared += int((~np.isnan(a)).sum())
        missing = both["lower"].isna() | both["upper"].isna()
        assert (both.loc[missing, "interval"] != "ok").all() and (both.loc[~missing, "interval"] == "ok").all()
    assert compared > 1200  # of 1,800: small domains at df 5..13 lose some bounds, as in R


def test_quantile_rule_by_hand() -> None:
    # Weights 1, 2, 1, 1 on sorted values 10, 20, 30, 40 (W = 5); running sums 1, 3, 4, 5.
    # p = 0.5: p W = 2.5, last running sum <= 2.5 is 1 (value 10), not equal -> the next value, 20.
    # p = 0.6: p W = 3 is reached exactly at 20 -> 20.  p = 0.61 -> 30.
    # p = 0.1: no running sum <= 0.5 -> R's last() gives the first position, not equal -> the second value.
    df = pd.DataFrame({"w": [1.0, 1, 2, 1], "x": [40.0, 10, 20, 30]})
    got = micro.quantile(micro.Design(df, weight="w"), "x", q=[0.5, 0.6, 0.61, 0.1, 1.0], variance="none")
    assert got["estimate"].tolist() == [20.0, 20.0, 30.0, 20.0, 40.0]
    assert (got["interval"] == "not_computed").all()


def test_quantile_errors(survey: pd.DataFrame) -> None:
    d = design(survey, "lin")
    with pytest.raises(gendex.InputError, match="between 0 and 1"):
        micro.quantile(d, "y", q=[1.5])
    bad = survey.assign(y=survey["y"].where(survey.index != 7))
    with pytest.raises(gendex.InputError, match="row 7, column 'y'"):
        micro.quantile(design(bad, "lin"), "y")


@pytest.mark.parametrize("config", ["lin", "lin_element", "lonely_adjust", "boot", "jk1_mse"])
@pytest.mark.parametrize("statistic", ["mean", "median"])
def test_pay_gap_matches_r(survey: pd.DataFrame, config: str, statistic: str) -> None:
    reference = pd.read_csv(FIXTURES / "reference_pay_gap.csv")
    ref = reference[(reference.config == config) & (reference.statistic == statistic)].reset_index(drop=True)
    got = micro.pay_gap(
        design(survey, config),
        earnings="earnings",
        hours="hours",
        sex="sex",
        sex_codes={1: "female", 2: "male"},
        by="region",
        where=survey["in_lf"] == 1,
        statistic=statistic,
        empty="no_estimate",
    )
    assert got["region"].tolist() == ref["region"].tolist() and len(got) == 30
    np.testing.assert_allclose(got["estimate"], ref["estimate"], rtol=1e-12)
    # Region 30 lives in one PSU (but for the element design, where rows are PSUs): the gap's score sums
    # to 0 in that PSU, so its true SE is 0 and both sides report rounding noise (R up to 3e-6, from
    # differences of totals of ~1e6) or, linearising the median, nothing: its Woodruff interval has
    # df = 1 PSU - 1 stratum = 0.
    one_psu = (got["region"] == 30) & (config != "lin_element")
    assert (got.loc[one_psu, "se"].fillna(0) < 1e-5).all()
    linearised_median = statistic == "median" and config in ("lin", "lonely_adjust")
    assert got.attrs["status"][29] == ("no_variance" if linearised_median else "ok")
    got, ref = got[~one_psu], ref[~one_psu]
    assert not got["se"].isna().any() and not ref["se"].isna().any()
    np.testing.assert_allclose(got["se"], ref["se"], rtol=1e-9)
    assert got.attrs["unit"] == "% of men's hourly earnings"


def test_bootstrap_intervals_use_the_same_quantiles_and_design_df(survey: pd.DataFrame) -> None:
    d = design(survey, "lin")
    lin = micro.quantile(d, "y", q=[0.25, 0.5], by="region")
    boot = micro.quantile(d, "y", q=[0.25, 0.5], by="region", variance="bootstrap", replicates=50, seed=3)
    assert (boot["estimate"] == lin["estimate"]).all()
    assert (boot["df"] == lin["df"]).all()  # PSUs - strata of each region, as linearisation
    # Region 30 is one PSU: df 0, no interval; the others have one at df 5..13, or lose a bound where
    # p^ -/+ t se leaves [0, 1] (as R would).
    assert set(boot.loc[boot.region == 30, "interval"]) == {"no_degrees_of_freedom"}
    rest = boot[boot.region != 30]
    assert set(rest["interval"]) <= {"ok", "lower_outside", "upper_outside"}
    ok = rest[rest["interval"] == "ok"]
    assert len(ok) >= 40 and (ok["se"] > 0).all() and (ok["lower"] <= ok["estimate"]).all()
    again = micro.quantile(d, "y", q=[0.25, 0.5], by="region", variance="bootstrap", replicates=50, seed=3)
    assert again["se"].equals(boot["se"])
