"""gendex.micro: domain estimates from survey microdata, against R's survey package.

The reference values are tests/fixtures/micro/reference.csv (make_reference.R);
the C++ suite checks all of them, this suite the Python path to the same numbers.
"""

from __future__ import annotations

import importlib.util
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
    assert list(got.columns) == ["region", "sex", "estimate", "se", "lower", "upper", "n", "deff"]
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


def test_lonely_psu_errors_name_the_data_values(survey: pd.DataFrame, tmp_path: Path) -> None:
    """The core sees only codes; every path names the stratum and the PSU by
    the data's values, the PSU by its row when each row is its own PSU."""
    df = survey.assign(stratum_lonely="h" + survey["stratum_lonely"].astype(str), psu=survey["psu"] + 7000)
    lonely = df[df["stratum_lonely"] == "h11"]
    psu = lonely["psu"].iloc[0]
    assert (lonely["psu"] == psu).all() and df.groupby("stratum_lonely")["psu"].nunique().drop("h11").min() > 1
    named = f"stratum h11 has only one PSU (PSU {psu})"  # the values: its codes are small integers
    d = micro.Design(df, weight="weight", strata="stratum_lonely", psu="psu")
    sex = {1: "female", 2: "male"}
    calls = {
        "mean": lambda: micro.mean(d, "y", by=["region", "sex"]),
        "pickled accumulator": lambda: pickle.loads(pickle.dumps(micro.accumulate(d, ["y"], by="sex"))).mean("y"),
        "bootstrap": lambda: micro.mean(d, "y", variance="bootstrap"),
        "quantile": lambda: micro.quantile(d, "y", 0.5),
        "pay gap": lambda: micro.pay_gap(d, earnings="earnings", sex="sex", sex_codes=sex),
        "index inputs": lambda: micro.index_inputs(
            d, 2023, "region", "sex", age="age", labour_force="in_lf", sex_codes=sex
        ),
        "index-input accumulator": lambda: micro.accumulate_index_inputs(
            d, "region", "sex", age="age", labour_force="in_lf", sex_codes=sex
        ).estimates(),
        "post-stratified": lambda: micro.mean(
            micro.poststratify(d, pd.DataFrame({"sex": [1, 2], "total": [560000.0, 540000.0]})), "y"
        ),
    }
    if importlib.util.find_spec("pyarrow") is not None:  # micro.scan reads Parquet with pyarrow
        df.to_parquet(tmp_path / "lonely.parquet", row_group_size=900)
        scanned = micro.scan(tmp_path / "lonely.parquet", weight="weight", strata="stratum_lonely", psu="psu")
        calls["scanned file"] = lambda: micro.mean(scanned, "y", by="sex")
    for name, call in calls.items():
        with pytest.raises(gendex.InputError) as caught:
            call()
        assert named in str(caught.value), name
    # Each row its own PSU (no psu column): the stratum's one row is named as a row.
    rows = pd.DataFrame({"w": [1.0, 2.0, 1.0], "y": [1.0, 2.0, 3.0], "h": ["a", "b", "b"]})
    with pytest.raises(gendex.InputError, match=r"stratum a has only one PSU \(PSU row 0\) and all rows"):
        micro.mean(micro.Design(rows, weight="w", strata="h"), "y")


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
    # The design effects: from the accumulator's second moments, from the rows in the direct call.
    pd.testing.assert_frame_equal(acc.ratio("earnings", "in_lf"), direct, rtol=1e-12, atol=1e-12)
    back = pickle.loads(pickle.dumps(acc))
    assert back == acc
    pd.testing.assert_frame_equal(back.proportion("in_lf"), acc.proportion("in_lf"))
    boot = acc.mean("earnings", variance="bootstrap", replicates=40, seed=7)
    assert boot["se"].notna().all()
    pd.testing.assert_frame_equal(boot, acc.mean("earnings", variance="bootstrap", replicates=40, seed=7))


def test_whole_population_and_status(survey: pd.DataFrame) -> None:
    d = micro.Design(survey, weight="weight", strata="stratum", psu="psu")
    out = micro.mean(d, "y")
    assert len(out) == 1 and list(out.columns) == ["estimate", "se", "lower", "upper", "n", "deff"]
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


@pytest.mark.parametrize("variance", ["bootstrap", "linearization"])
def test_estimates_do_not_depend_on_row_order(survey, variance):
    """Review M6 (bootstrap SEs changed by up to 26 % when the rows were shuffled with the same seed),
    issue 15's acceptance: for 5 random row orders of the reference microdata, every estimate and SE of
    every statistic, overall and by region x sex, within 1e-12 relative (summation order aside)."""

    def estimates(data: pd.DataFrame) -> list[pd.DataFrame]:
        d = micro.Design(data, weight="weight", strata="stratum", psu="psu")
        adults = data["age"] >= 15
        options = {"variance": variance, "replicates": 50, "seed": 11}
        return [
            micro.mean(d, "earnings", **options),
            micro.mean(d, "y", by=["region", "sex"], **options),
            micro.proportion(d, "in_lf", by="sex", where=adults, **options),
            micro.total(d, "earnings", by="region", **options),
            micro.ratio(d, "earnings", "in_lf", by="sex", where=adults, **options),
        ]

    base = estimates(survey)
    for k in range(5):
        shuffled = survey.sample(frac=1.0, random_state=k).reset_index(drop=True)
        assert not shuffled["y"].equals(survey["y"])
        for again, expected in zip(estimates(shuffled), base):
            np.testing.assert_allclose(again["estimate"], expected["estimate"], rtol=1e-12, atol=0)
            # A domain inside one PSU has a zero variance: its SE is rounding noise (~1e-14 x the
            # estimates), whose digits depend on the summation order, so it is compared at that scale.
            noise = 1e-12 * expected["estimate"].abs().max()
            np.testing.assert_allclose(again["se"], expected["se"], rtol=1e-12, atol=noise)


def test_estimates_carry_n_bounds_at_level_and_unit(survey: pd.DataFrame) -> None:
    """Issue 11/16: n (unweighted rows of the domain inside where), normal bounds at level=, the unit."""
    d = micro.Design(survey, weight="weight", strata="stratum", psu="psu")
    where = survey["age"] >= 15
    got = micro.proportion(d, "in_lf", by="sex", where=where)
    # n by hand: rows of each sex inside the filter.
    assert got["n"].tolist() == [int(((survey["sex"] == s) & where).sum()) for s in sorted(survey["sex"].unique())]
    assert got["n"].tolist() == got.attrs["rows"].tolist()
    # R: confint(svyby(~in_lf, ~sex, subset(des, age >= 15), svymean)) = estimate -/+ qnorm(0.975) * se.
    z95 = 1.959963984540054  # qnorm(0.975)
    np.testing.assert_allclose(got["lower"], got["estimate"] - z95 * got["se"], rtol=1e-14)
    np.testing.assert_allclose(got["upper"], got["estimate"] + z95 * got["se"], rtol=1e-14)
    at90 = micro.proportion(d, "in_lf", by="sex", where=where, level=0.90)
    z90 = 1.6448536269514722  # qnorm(0.95)
    np.testing.assert_allclose(at90["upper"] - at90["estimate"], z90 * at90["se"], rtol=1e-14)
    assert got.attrs["unit"] == "fraction (0-1)" and got.attrs["level"] == 0.95
    assert micro.mean(d, "y").attrs["unit"] == "unit of the variable"
    with pytest.raises(gendex.InputError, match="confidence level must be between 0 and 1, got 95"):
        micro.mean(d, "y", level=95)
    with pytest.raises(TypeError, match="unexpected keyword argument 'levels'"):
        micro.mean(d, "y", levels=0.9)  # type: ignore[call-arg]
    # The accumulator's estimators take the same keywords and give the same frame.
    acc = micro.accumulate(d, ["in_lf"], by="sex", where=where)
    pd.testing.assert_frame_equal(acc.proportion("in_lf", level=0.90), at90, rtol=1e-12)


def test_domain_codes_in_cpp_match_sorted_tuples() -> None:
    """Domains coded in C++: integer columns of every width, booleans, categoricals (category order) and
    strings; sorted order of the value tuples present inside where; each label read in the column's dtype."""
    rng = np.random.default_rng(5)
    n = 5000
    df = pd.DataFrame(
        {
            "i8": rng.integers(-3, 3, n).astype(np.int8),
            "u64": rng.choice(np.array([0, 2**63 + 5, 2**64 - 1], dtype=np.uint64), n),
            "i64": rng.choice(np.array([-(2**63), 0, 2**63 - 1], dtype=np.int64), n),
            "b": rng.integers(0, 2, n).astype(bool),
            "cat": pd.Categorical(rng.choice(["x", "y", "z"], n), categories=["z", "x", "y"]),
            "s": rng.choice(["bb", "a", "c"], n),
            "y": rng.normal(size=n),
            "w": rng.uniform(1, 2, n),
        }
    )
    where = df["i8"] != 0
    by = ["i8", "u64", "i64", "b", "cat", "s"]
    got = micro.mean(micro.Design(df, weight="w"), "y", by=by, where=where, variance="none")
    inside = df[where]
    ref = inside.groupby(by, observed=True, sort=True).apply(lambda g: np.average(g["y"], weights=g["w"]))
    ref = ref.reset_index(name="estimate")
    assert len(got) == len(ref)
    for c in by:
        assert got[c].tolist() == ref[c].tolist(), c
    assert got["i8"].dtype == np.int8 and got["u64"].dtype == np.uint64 and got["b"].dtype == bool
    np.testing.assert_allclose(got["estimate"], ref["estimate"], rtol=1e-12, atol=1e-15)  # means near 0: atol
    assert got["n"].tolist() == inside.groupby(by, observed=True, sort=True).size().tolist()
    missing = df.assign(cat=df["cat"].cat.remove_categories(["x"]))
    with pytest.raises(gendex.InputError, match=r"row \d+, column 'cat': missing value"):
        micro.mean(micro.Design(missing, weight="w"), "y", by="cat")


def test_design_displays_its_columns_counts_and_variance(survey: pd.DataFrame) -> None:
    """A notebook shows what a design is: rows, weights, strata and PSUs (counted), variance method."""
    design = micro.Design(survey, weight="weight", strata="stratum", psu="psu")
    n_psu = survey.groupby(["stratum", "psu"]).ngroups  # PSU ids are nested in strata
    assert (
        repr(design)
        == f"<gendex.micro.Design: {len(survey)} rows, {survey.stratum.nunique()} strata, {n_psu} PSUs, linearisation>"
    )
    page = design._repr_html_()
    assert f"<td>{len(survey):,}</td>" in page
    assert f"<td>{survey.stratum.nunique()} (&#x27;stratum&#x27;)</td>" in page
    assert f"<td>{n_psu} (&#x27;psu&#x27;)</td>" in page
    assert "<td>linearisation (lonely PSUs: fail)</td>" in page
    boot = micro.Design(survey, weight="weight", replicate_weights=[f"boot{i}" for i in range(1, 21)])
    page = boot._repr_html_()
    assert "<td>20 bootstrap replicate weights</td>" in page and "<td>every row its own PSU</td>" in page
