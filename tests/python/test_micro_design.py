"""gendex.micro design extensions against R's survey package: design effects, confidence bounds and
finite population corrections.

The reference values are tests/fixtures/micro/reference_design.csv (make_reference_design.R), on the
synthetic survey of make_data.py; every number is compared within 1e-9 relative.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

import gendex

micro = pytest.importorskip("gendex.micro")
if not hasattr(gendex._core, "MicroDesign"):
    pytest.skip("gendex._core has no micro bindings", allow_module_level=True)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "micro"
BY = ["region", "sex"]
STATISTICS = ["mean_y", "proportion_in_lf_15", "total_earnings", "ratio_earnings_in_lf_15", "mean_years_school_25"]


@pytest.fixture(scope="module")
def survey() -> pd.DataFrame:
    """survey.csv with the finite population corrections make_reference_design.R makes."""
    d = pd.read_csv(FIXTURES / "survey.csv")

    def psus(strata: str) -> pd.Series:
        return d.groupby(strata)["psu"].transform("nunique")

    n_h = psus("stratum")
    d["fpc_size"] = 2 * n_h + d["stratum"]
    d["fpc_fraction"] = n_h / (2 * n_h + d["stratum"])
    d["fpc_element"] = 3 * d.groupby("stratum")["psu"].transform("size")
    n_lonely = psus("stratum_lonely")
    d["fpc_lonely"] = 2 * n_lonely + d["stratum_lonely"]
    d["fpc_census"] = np.where(d["stratum_lonely"] == 11, n_lonely, 2 * n_lonely + d["stratum_lonely"])
    return d


@pytest.fixture(scope="module")
def reference() -> pd.DataFrame:
    return pd.read_csv(FIXTURES / "reference_design.csv")


def designs(survey: pd.DataFrame) -> dict[str, Any]:
    lin = {"weight": "weight", "strata": "stratum", "psu": "psu"}
    lonely = {"weight": "weight", "strata": "stratum_lonely", "psu": "psu"}
    return {
        "lin": micro.Design(survey, **lin),
        "lin_element": micro.Design(survey, weight="weight", strata="stratum"),
        "jk1": micro.Design(
            survey, weight="weight", replicate_weights=[f"jk{i}" for i in range(1, 21)], replicate_type="JK1"
        ),
        "fpc_size": micro.Design(survey, **lin, fpc="fpc_size"),
        "fpc_fraction": micro.Design(survey, **lin, fpc="fpc_fraction"),
        "fpc_element": micro.Design(survey, weight="weight", strata="stratum", fpc="fpc_element"),
        "fpc_adjust": micro.Design(survey, **lonely, fpc="fpc_lonely", lonely_psu="adjust"),
        "fpc_census": micro.Design(survey, **lonely, fpc="fpc_census"),
    }


def estimate(design: Any, survey: pd.DataFrame, statistic: str, **options: Any) -> pd.DataFrame:
    adults, over_25 = survey["age"] >= 15, survey["age"] >= 25
    if statistic == "mean_y":
        return micro.mean(design, "y", by=BY, **options)
    if statistic == "proportion_in_lf_15":
        return micro.proportion(design, "in_lf", by=BY, where=adults, **options)
    if statistic == "total_earnings":
        return micro.total(design, "earnings", by=BY, **options)
    if statistic == "ratio_earnings_in_lf_15":
        return micro.ratio(design, "earnings", "in_lf", by=BY, where=adults, **options)
    return micro.mean(design, "years_school", by=BY, where=over_25, **options)


def close(got: pd.Series, want: pd.Series, noise: float = 0.0) -> None:
    """Within 1e-9 relative (plus `noise` absolute, for values at rounding level)."""
    g, w = got.to_numpy(dtype=float), want.to_numpy(dtype=float)
    assert (np.abs(g - w) <= 1e-9 * np.abs(w) + noise).all(), np.max(np.abs(g - w) / np.abs(w))


CALIBRATED = [
    "ps_lin",
    "cal_linear_lin",
    "cal_raking_lin",
    "ps_jk1",
    "cal_linear_jk1",
    "cal_raking_jk1",
    "cal_fpc",
    "rake_lin",
    "rake_jk1",
]


def calibrated(survey: pd.DataFrame, config: str) -> Any:
    """The post-stratified and calibrated designs of make_reference_design.R, with its totals."""
    data = survey.assign(ageg=(survey.age >= 15).astype(int) + (survey.age >= 40) + (survey.age >= 65))
    base = designs(data)
    cells = pd.DataFrame([(s, a) for a in range(4) for s in (1, 2)], columns=["sex", "ageg"])
    cells["total"] = 120000.0 + 10000 * cells.sex + 15000 * cells.ageg + 5000 * cells.sex * cells.ageg
    margins = [
        pd.DataFrame({"sex": [1, 2], "total": [560000.0, 540000.0]}),
        pd.DataFrame({"ageg": [0, 1, 2, 3], "total": [250000.0, 400000.0, 300000.0, 150000.0]}),
    ]
    numeric = {"years_school": 8.2 * 1100000}
    of = config.rsplit("_", 1)[1]  # the design calibrated: lin, jk1 or fpc
    design = base["fpc_size" if of == "fpc" else of]
    if config.startswith("ps"):
        return micro.poststratify(design, cells)
    if config.startswith("rake"):  # R: rake(des, list(~sex, ~ageg), ...) with its default control
        return micro.rake(design, margins)
    return micro.calibrate(design, margins, numeric, calfun="raking" if "raking" in config or of == "fpc" else "linear")


PLAIN = ["lin", "lin_element", "jk1", "fpc_size", "fpc_fraction", "fpc_element", "fpc_adjust", "fpc_census"]


@pytest.mark.parametrize("config", PLAIN + CALIBRATED)
def test_estimates_deff_and_bounds_match_r(survey: pd.DataFrame, reference: pd.DataFrame, config: str) -> None:
    design = calibrated(survey, config) if config in CALIBRATED else designs(survey)[config]
    compared = 0
    for statistic in STATISTICS:
        ref = reference[(reference.config == config) & (reference.statistic == statistic)]
        ref = ref.sort_values(BY).reset_index(drop=True)
        got = estimate(design, survey, statistic)
        replace = estimate(design, survey, statistic, deff="srswr")
        assert len(got) == len(ref) == 60
        assert (got[BY].to_numpy() == ref[BY].to_numpy()).all()
        close(got["estimate"], ref["estimate"])
        # SEs of a domain inside one PSU are rounding noise in both: compared absolutely.
        noise = 1e-12 * np.abs(ref["estimate"].to_numpy())
        close(got["se"], ref["se"], noise)
        # R's confint on svyby is normal (df = Inf): estimate -/+ qnorm(0.975) se.
        close(got["lower"], ref["lower"], noise)
        close(got["upper"], ref["upper"], noise)
        defined = ref["deff"].notna() & (ref["se"] > 1e-6 * np.abs(ref["estimate"]))
        close(got.loc[defined, "deff"], ref.loc[defined, "deff"])
        close(replace.loc[defined, "deff"], ref.loc[defined, "deff_replace"])
        compared += 6 * len(ref) - 2 * int((~defined).sum())
    assert compared >= 1500 if "jk1" not in config else compared >= 1300


def test_deff_is_the_variance_over_the_srs_variance(survey: pd.DataFrame) -> None:
    """A hand computation for one domain (region 1, women): deff = se^2 / v_srs with
    v_srs = sum w (y - ybar)^2 / (N^2 (n - 1)) * (N - n) (R's deff = TRUE) or * N ("replace")."""
    d = designs(survey)
    got = micro.mean(d["lin"], "y", by=BY)
    rows = survey[(survey.region == 1) & (survey.sex == 1)]
    w, y = rows["weight"].to_numpy(), rows["y"].to_numpy()
    n, big_n = len(rows), w.sum()
    squares = (w * (y - (w * y).sum() / big_n) ** 2).sum()
    se = got.loc[0, "se"]
    assert got.loc[0, "deff"] == pytest.approx(se**2 / (squares / (big_n**2 * (n - 1)) * (big_n - n)), rel=1e-12)
    replace = micro.mean(d["lin"], "y", by=BY, deff="srswr")
    assert replace.loc[0, "deff"] == pytest.approx(se**2 / (squares / (big_n**2 * (n - 1)) * big_n), rel=1e-12)
    # R 4.1-1 stops on deff for svyratio over replicate weights; gendex uses the linearisation design's
    # definition, the SRS variance of the ratio: sum w (y - R x)^2 / (X^2 (n - 1)) * (N - n).
    ratio = micro.ratio(d["jk1"], "earnings", "in_lf", by=BY, where=survey["age"] >= 15)
    adults = rows[rows.age >= 15]
    w, y, x = adults["weight"].to_numpy(), adults["earnings"].to_numpy(), adults["in_lf"].to_numpy()
    r, big_x, n, big_n = (w * y).sum() / (w * x).sum(), (w * x).sum(), len(adults), w.sum()
    srs = (w * (y - r * x) ** 2).sum() / (big_x**2 * (n - 1)) * (big_n - n)
    assert ratio.loc[0, "deff"] == pytest.approx(ratio.loc[0, "se"] ** 2 / srs, rel=1e-12)


@pytest.mark.parametrize("config", ["lin", "lin_element", "jk1", "fpc_size"])
def test_accumulator_deff_equals_the_one_call_deff(survey: pd.DataFrame, config: str) -> None:
    """An accumulator's design effects come from its per-domain second moments in one pass; the
    one-call estimators read the rows twice. Both are R's deff (tested above against R); here they
    agree to 1e-12 for each statistic, after a merge of two halves and after a pickle."""
    import pickle

    d = designs(survey)[config]
    adults = (survey["age"] >= 15).to_numpy()
    acc = micro.accumulate(d, ["y", "in_lf", "earnings"], by=BY)
    for deff in ("srswor", "srswr"):
        pairs = [
            (acc.mean("y", deff=deff), micro.mean(d, "y", by=BY, deff=deff)),
            (acc.total("earnings", deff=deff), micro.total(d, "earnings", by=BY, deff=deff)),
        ]
        grown = micro.accumulate(d, ["in_lf", "earnings"], by=BY, where=adults)
        pairs.append(
            (
                grown.ratio("earnings", "in_lf", deff=deff),
                micro.ratio(d, "earnings", "in_lf", by=BY, where=adults, deff=deff),
            )
        )
        pairs.append(
            (grown.proportion("in_lf", deff=deff), micro.proportion(d, "in_lf", by=BY, where=adults, deff=deff))
        )
        for got, want in pairs:
            assert got["deff"].notna().sum() >= 55, config
            # SEs at rounding level (a domain inside one PSU) give design effects of about 0 in both.
            np.testing.assert_allclose(got["deff"], want["deff"], rtol=1e-12, atol=1e-12, equal_nan=True)
    halves = [micro.accumulate(d, ["y"], by=BY, where=half) for half in (adults, ~adults)]
    merged = halves[0].merge(halves[1])
    np.testing.assert_allclose(merged.mean("y")["deff"], micro.mean(d, "y", by=BY)["deff"], rtol=1e-12, atol=1e-12)
    again = pickle.loads(pickle.dumps(acc))
    np.testing.assert_array_equal(again.mean("y")["deff"], acc.mean("y")["deff"])


def test_deff_options_and_gaps(survey: pd.DataFrame) -> None:
    d = designs(survey)["lin"]
    assert micro.mean(d, "y", by=BY, deff="none")["deff"].isna().all()
    assert micro.mean(d, "y", by=BY, variance="none")["deff"].isna().all()  # no variance, no design effect
    acc = micro.accumulate(d, ["y"], by=BY)
    assert acc.mean("y", deff="none")["deff"].isna().all()
    assert acc.mean("y", variance="none")["deff"].isna().all()
    with pytest.raises(gendex.InputError, match="unknown design-effect option 'yes'"):
        micro.mean(d, "y", by=BY, deff="yes")


def test_fpc_errors_name_the_row(survey: pd.DataFrame) -> None:
    def design(values: Any, **kwargs: Any) -> Any:
        return micro.Design(survey.assign(f=values), weight="weight", strata="stratum", psu="psu", fpc="f", **kwargs)

    second = int(np.flatnonzero(survey["stratum"] == survey.loc[0, "stratum"])[1])  # row 0's stratum again
    with pytest.raises(gendex.InputError, match=f"row {second}, column 'f'.*differs from .* at row 0"):
        design(survey["fpc_size"].astype(float).where(survey.index != second, 1000.0))
    mixed = survey["fpc_size"].astype(float).where(survey["stratum"] != 3, 0.5)
    with pytest.raises(gendex.InputError, match=r"mix population sizes .* and sampling fractions"):
        design(mixed)
    small = survey["fpc_size"].astype(float).where(survey["stratum"] != 2, 3.0)
    with pytest.raises(gendex.InputError, match="population of 3 below the stratum's 8 sampled PSUs"):
        design(small)
    with pytest.raises(gendex.InputError, match="must be a finite number > 0"):
        design(survey["fpc_size"].astype(float).where(survey.index != 7, np.nan))
    boot = design(survey["fpc_size"])
    with pytest.raises(gendex.InputError, match="internal bootstrap takes no finite population corrections"):
        micro.mean(boot, "y", by=BY, variance="bootstrap", replicates=5)
    # A census in every stratum: no sampling variance at all.
    census = design(survey.groupby("stratum")["psu"].transform("nunique"))
    assert (micro.mean(census, "y", by=BY)["se"] == 0).all()


def test_fpc_accumulators_merge_and_pickle(survey: pd.DataFrame) -> None:
    """Partitions of an FPC design (every PSU in both halves, so both code them alike) merge to the whole;
    the population sizes travel in the archive."""
    import pickle

    whole = micro.Design(survey, weight="weight", strata="stratum", psu="psu", fpc="fpc_size")
    want = micro.mean(whole, "y", by=BY)
    halves = [survey.iloc[k::2] for k in (0, 1)]
    accs = [
        micro.accumulate(micro.Design(h, weight="weight", strata="stratum", psu="psu", fpc="fpc_size"), ["y"], by=BY)
        for h in halves
    ]
    merged = pickle.loads(pickle.dumps(accs[0])).merge(accs[1])
    got = merged.mean("y")
    np.testing.assert_allclose(got["se"], want["se"], rtol=1e-12, atol=1e-12 * 60)  # region 30: one PSU, SE 0
    assert not np.allclose(got["se"], micro.mean(designs(survey)["lin"], "y", by=BY)["se"])  # the fpc counts
    plain = micro.accumulate(micro.Design(halves[1], weight="weight", strata="stratum", psu="psu"), ["y"], by=BY)
    with pytest.raises(gendex.InputError, match="one has finite population corrections and the other not"):
        accs[0].merge(plain)


def test_rake_stops_as_r_and_says_when_it_does_not_converge(survey: pd.DataFrame) -> None:
    data = survey.assign(ageg=(survey.age >= 15).astype(int) + (survey.age >= 40) + (survey.age >= 65))
    d = designs(data)["lin"]
    margins = [
        pd.DataFrame({"sex": [1, 2], "total": [560000.0, 540000.0]}),
        pd.DataFrame({"ageg": [0, 1, 2, 3], "total": [250000.0, 400000.0, 300000.0, 150000.0]}),
    ]
    raked = micro.rake(d, margins).data
    # The last post-stratification (age group) holds exactly; sex to within R's epsilon of 1 person.
    np.testing.assert_allclose(raked.groupby("ageg")["raked_weight"].sum(), margins[1]["total"], rtol=1e-12)
    assert np.abs(raked.groupby("sex")["raked_weight"].sum().to_numpy() - margins[0]["total"].to_numpy()).max() < 1
    # A relative epsilon (below 1: a fraction of the weights' sum) of 1e-12 needs more than one sweep.
    with pytest.raises(gendex.InputError, match=r"rake: a weighted count still moved by .* in sweep 1, not below"):
        micro.rake(d, margins, epsilon=1e-12, maxit=1)
    with pytest.raises(gendex.InputError, match="rake: epsilon must be a number > 0"):
        micro.rake(d, margins, epsilon=0.0)
    with pytest.raises(gendex.InputError, match="rake: maxit must be a whole number >= 1"):
        micro.rake(d, margins, maxit=0)
    with pytest.raises(gendex.InputError, match="rake, margin 2: the sample has rows in ageg=3"):
        micro.rake(d, [margins[0], margins[1].iloc[:3]])
    with pytest.raises(gendex.InputError, match="already calibrated"):
        micro.rake(micro.rake(d, margins), margins)
    # Hand case (the docstring's): one sweep takes sex to 6 / 4 (weights 3, 3, 2, 2), which already
    # fits the adult margin 5 / 5; the second sweep changes nothing, below epsilon: stop.
    df = pd.DataFrame({"w": [1.0] * 4, "sex": [1, 1, 2, 2], "adult": [0, 1, 0, 1]})
    hand = [pd.DataFrame({"sex": [1, 2], "total": [6.0, 4.0]}), pd.DataFrame({"adult": [0, 1], "total": [5.0, 5.0]})]
    assert micro.rake(micro.Design(df, weight="w"), hand).data["raked_weight"].tolist() == [3.0, 3.0, 2.0, 2.0]


def test_calibration_errors_and_guards(survey: pd.DataFrame) -> None:
    d = designs(survey)["lin"]
    sexes = pd.DataFrame({"sex": [1, 2], "total": [560000.0, 540000.0]})
    ps = micro.poststratify(d, sexes)
    # Post-stratified weights hit the totals exactly: sum of w N_g / sum_g w over g is N_g.
    np.testing.assert_allclose(ps.data.groupby("sex")["poststratified_weight"].sum(), [560000.0, 540000.0])
    with pytest.raises(gendex.InputError, match="the sample has rows in sex=2 but the totals have no row for it"):
        micro.poststratify(d, sexes.iloc[:1])
    with pytest.raises(gendex.InputError, match="the totals have sex=3, which has no rows in the sample"):
        micro.poststratify(d, pd.concat([sexes, pd.DataFrame({"sex": [3], "total": [1.0]})]))
    with pytest.raises(gendex.InputError, match="already calibrated"):
        micro.calibrate(ps, [sexes])
    with pytest.raises(gendex.InputError, match="margin 2 sums to 1000, margin 1 to 1100000"):
        micro.calibrate(d, [sexes, pd.DataFrame({"in_lf": [0, 1], "total": [600.0, 400.0]})])
    with pytest.raises(gendex.InputError, match="unknown calfun 'logit'"):
        micro.calibrate(d, [sexes], calfun="logit")
    with pytest.raises(gendex.InputError, match="need the rows"):
        micro.accumulate(ps, ["y"], by=BY)
    with pytest.raises(gendex.InputError, match="does not recalibrate"):
        micro.mean(ps, "y", by=BY, variance="bootstrap")
