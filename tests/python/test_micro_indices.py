"""gendex.micro: the standard index inputs by region x sex, and index uncertainty.

The C++ suite (tests/cpp/test_micro_indices.cpp) checks the internal
bootstrap against brute force with the scalar kernels; this suite checks the
Python path: builders against the generic estimators (which match R's survey
package), supplied replicate weights against brute force (every replicate
computed as a weighted full sample), a hand-checkable case, the change between
periods, given inputs, pickling, progress and errors.
"""

from __future__ import annotations

import pickle
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import gendex

micro = pytest.importorskip("gendex.micro")
if not hasattr(gendex._core, "micro_index_uncertainty"):
    pytest.skip("gendex._core has no index-uncertainty bindings", allow_module_level=True)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "micro"
SEX = {1: "female", 2: "male"}
BOOT = [f"boot{i}" for i in range(1, 21)]


@pytest.fixture(scope="module")
def survey() -> pd.DataFrame:
    """The R reference survey, plus births columns for women 15-49 (deterministic)."""
    df = pd.read_csv(FIXTURES / "survey.csv")
    rng = np.random.default_rng(5)
    women = (df["sex"] == 1) & (df["age"] >= 15) & (df["age"] <= 49)
    recent = women & (rng.uniform(size=len(df)) < 0.5)
    df["bof"] = np.where(recent, (rng.uniform(size=len(df)) < 0.25).astype(float), np.nan)
    married = women & (rng.uniform(size=len(df)) < 0.7)
    df["fb20"] = np.where(married, (rng.uniform(size=len(df)) < 0.3).astype(float), np.nan)
    first = df[married].groupby("region").head(1).index  # every region has a first birth before 20 (IKG needs > 0)
    df.loc[first, "fb20"] = 1.0
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

GIVEN = {
    "maternal_mortality": 177.0,
    "adolescent_birth_rate": 26.6,
    "parliament_share": 21.0,
    "life_expectancy": {"female": 73.5, "male": 69.6},
    "expected_schooling": {"female": 13.2, "male": 13.0},
    "gni_per_capita": 12000.0,
    "per_capita_expenditure": 11500.0,
}


def close(a, b, estimate, rel: float = 1e-12) -> None:
    """SEs equal to `rel`; SEs at rounding-noise level (a domain inside one PSU) compared absolutely."""
    a, b, estimate = (np.asarray(x, dtype=float) for x in (a, b, estimate))
    assert (np.abs(a - b) <= rel * np.abs(b) + 1e-12 * np.abs(estimate)).all(), np.max(np.abs(a - b) / np.abs(b))


def test_builders_equal_the_domain_estimators(survey: pd.DataFrame) -> None:
    d = micro.Design(survey, weight="weight", strata="stratum", psu="psu")
    acc = micro.accumulate_index_inputs(d, "region", "sex", **COLUMNS)
    est = acc.estimates()
    assert list(est.columns) == ["region", "sex", "indicator", "estimate", "se", "status", "lower", "upper", "unit"]
    assert sorted(est["indicator"].unique()) == sorted(
        [
            "mean_schooling",
            "secondary_education",
            "upper_secondary_education",
            "labour_force_participation",
            "population",
            "income_share",
            "births_outside_facility",
            "first_birth_before_20",
        ]
    )
    frame = survey.assign(
        sex=survey["sex"].map(SEX), sec=100.0 * (survey["years_school"] >= 7), lf=100.0 * survey["in_lf"], one=1.0
    )
    dd = micro.Design(frame, weight="weight", strata="stratum", psu="psu")
    by = ["region", "sex"]

    def check(indicator: str, expected: pd.DataFrame) -> None:
        got = est[est["indicator"] == indicator].reset_index(drop=True)
        assert (got["region"].to_numpy() == expected["region"].to_numpy()).all()
        assert (got["sex"].to_numpy() == expected["sex"].to_numpy()).all()
        np.testing.assert_allclose(got["estimate"], expected["estimate"], rtol=1e-13)
        close(got["se"], expected["se"], expected["estimate"])

    check("mean_schooling", micro.mean(dd, "years_school", by=by, where=frame["age"] >= 25))
    check("secondary_education", micro.mean(dd, "sec", by=by, where=frame["age"] >= 25))
    check("labour_force_participation", micro.mean(dd, "lf", by=by, where=frame["age"] >= 15))
    check("population", micro.total(dd, "one", by=by))
    women_bof = (frame["sex"] == "female") & frame["bof"].notna()
    bof = micro.mean(dd, "bof", by=by, where=women_bof)
    check("births_outside_facility", bof.assign(estimate=100 * bof["estimate"], se=100 * bof["se"]))
    share = est[est["indicator"] == "income_share"]
    np.testing.assert_allclose(share.groupby("region")["estimate"].sum(), 100.0, rtol=1e-14)
    # Units as the registry states them (proportions in percent, as they feed the indices), normal bounds.
    units = est.groupby("indicator")["unit"].first().to_dict()
    assert units["labour_force_participation"] == "%" and units["mean_schooling"] == "years"
    assert units["population"] == "persons"
    z = 1.959963984540054  # qnorm(0.975); SEs at rounding-noise level compared absolutely
    np.testing.assert_allclose(est["upper"] - est["estimate"], z * est["se"], rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("shape", ["psus across regions", "element design"])
def test_linearised_ses_from_the_rows_scores_equal_the_cells(survey: pd.DataFrame, shape: str) -> None:
    # PSUs that cross regions (or rows that are their own PSUs) would need nearly a cell per row:
    # index_inputs scores the rows instead. The accumulator's (cells) estimates and SEs to rounding
    # (sums in another order), on 1 and 2 threads alike bit for bit.
    df = survey.assign(psu_x=np.arange(len(survey)) % 37)
    df["stratum_x"] = df["psu_x"] % 5
    if shape == "element design":
        d = micro.Design(df, weight="weight", strata="stratum")
    else:
        d = micro.Design(df, weight="weight", strata="stratum_x", psu="psu_x")
    frame = micro.index_inputs(d, 2023, "region", "sex", threads=1, **COLUMNS).to_frame()
    two = micro.index_inputs(d, 2023, "region", "sex", threads=2, **COLUMNS).to_frame()
    pd.testing.assert_frame_equal(frame, two)
    cells = micro.accumulate_index_inputs(d, "region", "sex", **COLUMNS).dataset(2023).to_frame()
    np.testing.assert_allclose(frame["value"], cells["value"], rtol=1e-13, atol=0)
    # (SEs that are 0 in exact arithmetic come out as rounding noise: compared against the value)
    noise = 1e-13 * frame["value"].abs().to_numpy()
    assert (np.abs(frame["se"] - cells["se"]).to_numpy() <= 1e-11 * cells["se"].to_numpy() + noise).all()
    assert (frame["se"] > 1e-3 * frame["value"].abs()).mean() > 0.9  # real SEs, not zeros


def test_dataset_has_contract_ids_and_ses(survey: pd.DataFrame) -> None:
    d = micro.Design(survey, weight="weight", strata="stratum", psu="psu")
    ds = micro.index_inputs(d, 2023, "region", "sex", **COLUMNS)
    assert isinstance(ds, gendex.Dataset)
    frame = ds.to_frame()
    assert set(frame["period"]) == {2023}
    assert frame["se"].notna().all()
    female_only = frame[frame["indicator"].isin(["births_outside_facility", "first_birth_before_20"])]
    assert set(female_only["sex"]) == {"female"}
    assert len(frame) == 30 * (6 * 2 + 2)
    row = frame[(frame["region"] == "7") & (frame["sex"] == "male") & (frame["indicator"] == "mean_schooling")]
    assert row["unit"].item() == "years"
    boot = micro.index_inputs(d, 2023, "region", "sex", variance="bootstrap", replicates=30, seed=3, **COLUMNS)
    # (the bootstrap sums cells; the linearised SEs here come from the rows' scores: PSUs cross regions)
    np.testing.assert_allclose(boot.to_frame()["value"], frame["value"], rtol=1e-13, atol=0)
    assert not np.allclose(boot.to_frame()["se"], frame["se"])
    # variance="none" takes the point pass (no PSU cells, sums in another order): the same values to
    # rounding, and no SEs
    point = micro.index_inputs(d, 2023, "region", "sex", variance="none", **COLUMNS).to_frame()
    np.testing.assert_allclose(point["value"], frame["value"], rtol=1e-13, atol=0)
    assert point["se"].isna().all()


def test_supplied_replicates_index_se_equals_brute_force(survey: pd.DataFrame) -> None:
    # Every replicate as a weighted full sample (rows with weight 0 dropped), its index a point estimate.
    d = micro.Design(survey, weight="weight", replicate_weights=BOOT, replicate_type="bootstrap")
    for index in ["gii", "ikg", "gdi", "ipg"]:
        u = micro.index_uncertainty(d, index, GIVEN, 2023, "region", "sex", **COLUMNS)
        assert u.variance == "replicates" and u.replicate_count == 20
        frame = u.frame
        thetas = []
        for col in BOOT:
            rep = survey[survey[col] > 0]
            rd = micro.Design(rep, weight=col)
            point = micro.index_uncertainty(
                rd, index, GIVEN, None, "region", "sex", replicates=2, empty="no_estimate", **COLUMNS
            )
            thetas.append(point.frame.set_index(["indicator", "sex", "region"])["estimate"])
        reps = pd.concat(thetas, axis=1)
        key = frame.set_index(["indicator", "sex", "region"])
        reps = reps.loc[key.index]
        centred = reps.sub(reps.mean(axis=1), axis=0)
        brute = np.sqrt((centred**2).sum(axis=1) / 19)
        np.testing.assert_allclose(key["se"], brute, rtol=1e-12)
        np.testing.assert_allclose(
            u.replicates(index).to_numpy().T, reps.loc[index].loc["total"].to_numpy(), rtol=1e-13
        )


def test_hand_checkable_case() -> None:
    # One region, four persons aged 30, two PSUs; JK1 replicates delete one PSU (the other doubled):
    # LFPR_F: full 1/4, replicates 100 % and 0 %: se = sqrt(1/2 * (50^2 + 50^2)) = 50.
    df = pd.DataFrame(
        {
            "region": "A",
            "sex": ["F", "F", "M", "M"],
            "age": 30,
            "w": [1.0, 3.0, 2.0, 2.0],
            "psu": [0, 1, 0, 1],
            "lf": [1.0, 0.0, 1.0, 1.0],
            "edu": [12.0, 9.0, 12.0, 9.0],
            "r1": [2.0, 0.0, 4.0, 0.0],
            "r2": [0.0, 6.0, 0.0, 4.0],
        }
    )
    d = micro.Design(df, weight="w", replicate_weights=["r1", "r2"], replicate_type="JK1")
    cols = {
        "age": "age",
        "labour_force": "lf",
        "education": "edu",
        "secondary_threshold": 12,
        "upper_secondary_threshold": 12,
    }
    est = micro.accumulate_index_inputs(d, **cols).estimates().set_index(["indicator", "sex"])
    assert est.loc[("labour_force_participation", "female"), "estimate"] == 25.0
    assert est.loc[("labour_force_participation", "female"), "se"] == 50.0
    assert est.loc[("labour_force_participation", "male"), "se"] == 0.0
    assert est.loc[("population", "female"), "se"] == 2.0
    lin = micro.Design(df, weight="w", psu="psu")
    lin_est = micro.accumulate_index_inputs(lin, **cols).estimates().set_index(["indicator", "sex"])
    assert lin_est.loc[("labour_force_participation", "female"), "se"] == pytest.approx(37.5, rel=1e-14)
    u = micro.index_uncertainty(
        d, "gii", {"maternal_mortality": 100, "adolescent_birth_rate": 40, "parliament_share": 20}, **cols
    )
    reps = u.replicates().iloc[:, 0].to_numpy()
    assert u.frame["se"].item() == pytest.approx(np.sqrt(0.5 * np.sum((reps - reps.mean()) ** 2)), rel=1e-14)
    # The normal interval at 95 %: estimate -/+ 1.959964 se.
    f = u.to_frame(level=0.95)
    assert f["upper"].item() - f["estimate"].item() == pytest.approx(1.959963984540054 * f["se"].item(), rel=1e-12)


def test_bootstrap_change_and_pickles(survey: pd.DataFrame) -> None:
    d = micro.Design(survey, weight="weight", strata="stratum", psu="psu")
    acc = micro.accumulate_index_inputs(d, "region", "sex", **COLUMNS)
    a = acc.uncertainty("ikg", GIVEN, 2022, replicates=40, seed=11)
    again = acc.uncertainty("ikg", GIVEN, 2022, replicates=40, seed=11)
    pd.testing.assert_frame_equal(a.frame, again.frame)
    assert (a.frame["se"] > 0).all() and (a.frame["lower"] < a.frame["upper"]).all()
    ds = a.to_dataset()
    assert ds.to_frame()["indicator"].unique().tolist() == ["ikg"] and ds.has_se
    # A later period: the same PSUs, other values (a panel); and a period with other parliament shares.
    later_df = survey.assign(in_lf=survey["in_lf"].where(survey["age"] % 3 != 0, 1 - survey["in_lf"]))
    dl = micro.Design(later_df, weight="weight", strata="stratum", psu="psu")
    b = micro.index_uncertainty(dl, "ikg", GIVEN, 2023, "region", "sex", replicates=40, seed=11, **COLUMNS)
    ind = b.change(a)
    np.testing.assert_allclose(ind["se"], np.hypot(a.frame["se"], b.frame["se"]), rtol=1e-14)
    np.testing.assert_array_equal(ind["change"], b.frame["estimate"] - a.frame["estimate"])
    paired = micro.index_change(a, b, assumption="same_replicates")
    diff = b.replicates() - a.replicates()
    brute = np.sqrt(((diff - diff.mean()) ** 2).sum() / 39)
    np.testing.assert_allclose(paired["se"], brute.to_numpy(), rtol=1e-12)
    assert micro.index_change(a, a, "same_replicates")["se"].eq(0).all()
    # Regions are matched by name: a subset of regions.
    sub = micro.Design(survey[survey["region"] <= 10], weight="weight", strata="stratum", psu="psu")
    c = micro.index_uncertainty(sub, "ikg", GIVEN, 2024, "region", "sex", replicates=40, seed=11, **COLUMNS)
    assert list(c.change(a)["region"]) == list(range(1, 11))
    with pytest.raises(gendex.InputError, match="needs the same seed"):
        micro.index_change(a, acc.uncertainty("ikg", GIVEN, replicates=40, seed=12), "same_replicates")
    # Pickles: the accumulator (archives) and the result.
    back = pickle.loads(pickle.dumps(acc))
    assert back == acc and isinstance(back, micro.IndexInputAccumulator)
    pd.testing.assert_frame_equal(pickle.loads(pickle.dumps(a)).frame, a.frame)
    # Partitions merge: two halves of the rows.
    half = len(survey) // 2
    parts = []
    for rows in (slice(0, half), slice(half, None)):
        part = survey.iloc[rows]
        strata = micro._codes(survey, ["stratum"])[0][rows]
        psu = micro._codes(survey, ["stratum", "psu"])[0][rows]
        pdsn = micro.Design._from_codes(part, "weight", "stratum", "psu", strata, psu)
        parts.append(
            micro.IndexInputAccumulator(
                gendex._core.micro_accumulate_index_inputs(
                    pdsn._core,
                    np.asarray(part["region"] - 1, dtype=np.uint32),
                    30,
                    np.asarray(part["sex"] - 1, dtype=np.uint8),
                    "region",
                    "sex",
                    {
                        "age": ("age", part["age"].to_numpy(float)),
                        "labour_force": ("in_lf", part["in_lf"].to_numpy(float)),
                    },
                ),
                acc.labels,
                False,
            )
        )
    merged = parts[0].merge(parts[1]).estimates()
    whole = micro.accumulate_index_inputs(d, "region", "sex", age="age", labour_force="in_lf", sex_codes=SEX)
    expected = whole.estimates()
    np.testing.assert_allclose(merged["estimate"], expected["estimate"], rtol=1e-12)
    close(merged["se"], expected["se"], expected["estimate"])


def test_given_inputs_from_a_dataset(survey: pd.DataFrame) -> None:
    d = micro.Design(survey, weight="weight", strata="stratum", psu="psu")
    regions = [str(r) for r in range(1, 31)]
    rows = []
    for k, r in enumerate(regions):
        rows += [
            (r, 2023, "female", "maternal_mortality", 150.0 + k),
            (r, 2023, "female", "adolescent_birth_rate", 30.0),
            (r, 2023, "female", "parliament_share", 15.0 + k / 2),
            (r, 2023, "male", "parliament_share", 85.0 - k / 2),
        ]
    given = gendex.Dataset.from_frame(pd.DataFrame(rows, columns=["region", "period", "sex", "indicator", "value"]))
    u = micro.index_uncertainty(d, "gii", given, 2023, "region", "sex", replicates=20, **COLUMNS)
    mapping = {
        "maternal_mortality": {int(r): 150.0 + k for k, r in enumerate(regions)},
        "adolescent_birth_rate": 30.0,
        "parliament_share": {
            "female": pd.Series({int(r): 15.0 + k / 2 for k, r in enumerate(regions)}),
            "male": {r: 85.0 - k / 2 for k, r in enumerate(regions)},
        },
    }
    v = micro.index_uncertainty(d, "gii", mapping, 2023, "region", "sex", replicates=20, **COLUMNS)
    pd.testing.assert_frame_equal(u.frame, v.frame)
    with pytest.raises(
        gendex.InputError, match="has maternal_mortality \\(female\\) for period 2023 but not for region"
    ):
        small = gendex.Dataset.from_frame(
            pd.DataFrame(rows[:8], columns=["region", "period", "sex", "indicator", "value"])
        )
        micro.index_uncertainty(d, "gii", small, 2023, "region", "sex", replicates=20, **COLUMNS)


def test_errors_are_clear(survey: pd.DataFrame) -> None:
    d = micro.Design(survey, weight="weight", strata="stratum", psu="psu")
    with pytest.raises(gendex.InputError, match=r"row 0, column 'sex': sex '1' is not female or male .*sex_codes"):
        micro.accumulate_index_inputs(d, "region", "sex", age="age")
    with pytest.raises(KeyError, match="column 'schooling'"):
        micro.accumulate_index_inputs(d, "region", "sex", age="age", schooling="schooling", sex_codes=SEX)
    bad = survey.copy()
    bad.loc[17, "in_lf"] = 3.0
    bad.loc[17, "age"] = 40
    with pytest.raises(gendex.InputError, match="row 17, column 'in_lf': labour-force status must be 0 or 1"):
        micro.accumulate_index_inputs(
            micro.Design(bad, weight="weight", strata="stratum", psu="psu"),
            "region",
            "sex",
            age="age",
            labour_force="in_lf",
            sex_codes=SEX,
        )
    acc = micro.accumulate_index_inputs(d, "region", "sex", **COLUMNS)
    with pytest.raises(gendex.InputError, match="gii needs maternal_mortality \\(female\\) as a given input"):
        acc.uncertainty("gii", {"parliament_share": 20})
    with pytest.raises(gendex.InputError, match="index standard errors come from replicates"):
        acc.uncertainty("gii", GIVEN, variance="linearization")
    with pytest.raises(KeyError, match="unknown given input 'mmr'"):
        acc.uncertainty("gii", {"mmr": 100})
    with pytest.raises(gendex.InputError, match="maternal_mortality has no value for region '2'"):
        acc.uncertainty("gii", dict(GIVEN, maternal_mortality={1: 100.0}))
    with pytest.raises(gendex.InputError, match="use gii, ikg, gdi or ipg"):
        acc.uncertainty("gem", GIVEN)
    no_births = micro.accumulate_index_inputs(d, "region", "sex", age="age", labour_force="in_lf", sex_codes=SEX)
    with pytest.raises(gendex.InputError, match="needs the survey indicator 'births_outside_facility'"):
        no_births.uncertainty("ikg", GIVEN)
    # A region whose index is undefined: named with the reason, or NaN with the reason.
    parl = {int(r): 20.0 for r in range(1, 31)}
    parl[4] = 120.0
    with pytest.raises(gendex.InputError, match="ikg, region 4: no estimate, parliament_share \\(female\\) is above"):
        acc.uncertainty("ikg", dict(GIVEN, parliament_share=parl), replicates=10)
    marked = acc.uncertainty("ikg", dict(GIVEN, parliament_share=parl), replicates=10, empty="no_estimate").frame
    assert np.isnan(marked.loc[marked["region"] == 4, "estimate"].item())
    assert marked.loc[marked["region"] == 4, "problem"].item() == "parliament_share (female) is above the maximum"


def test_progress_bar_only_when_asked_or_watched(survey: pd.DataFrame, capsys: pytest.CaptureFixture[str]) -> None:
    d = micro.Design(survey, weight="weight", strata="stratum", psu="psu")
    acc = micro.accumulate_index_inputs(d, "region", "sex", **COLUMNS)
    acc.uncertainty("gii", GIVEN, replicates=50)  # not a terminal: silent
    assert capsys.readouterr().err == ""
    acc.uncertainty("gii", GIVEN, replicates=60, progress=True)
    err = capsys.readouterr().err
    assert "gendex: gii replicates" in err and "60/60" in err
    calls = []
    bar = micro._ProgressBar("x", enabled=True, delay=0.0)
    bar._tqdm = False  # the text bar, whether tqdm is installed or not
    for k in range(1, 4):
        bar(k, 3)
        calls.append(k)
    bar.close()
    assert "3/3" in capsys.readouterr().err


def test_every_field_of_an_index_uncertainty_crosses_python_and_pickle(survey: pd.DataFrame) -> None:
    """Issue 11: every field of the bound result (its replicate options included) survives pickle."""
    d = micro.Design(survey, weight="weight", replicate_weights=BOOT, replicate_type="JK1", rscales=0.5)
    u = micro.index_uncertainty(d, "gdi", GIVEN, 2023, "region", "sex", **COLUMNS)._core
    back = pickle.loads(pickle.dumps(u))
    fields = ["index", "edition", "regions", "variance", "replicate_count", "scale", "rscales", "mse", "seed"]
    for field in [*fields, "replicate_spec"]:
        assert getattr(back, field) == getattr(u, field), field
    assert u.replicate_spec[0] == "JK1"
    assert len(back.series) == len(u.series) > 1
    assert pickle.dumps(back) == pickle.dumps(u)  # every series field, byte for byte


def test_every_spelling_of_sex_gives_the_same_sums(survey: pd.DataFrame) -> None:
    # The fixture codes sex 1 (female) / 2 (male). Each other coding below maps to the same persons, through
    # the narrow-column table (int8, bool, categorical, strings) or the domain codes (int64 codes 7 and 10**12,
    # too far apart for a table): the accumulated sums must be identical.
    d = micro.Design(survey, weight="weight", strata="stratum", psu="psu")
    reference = micro.accumulate_index_inputs(d, "region", "sex", age="age", labour_force="in_lf", sex_codes=SEX)
    female = (survey["sex"] == 1).to_numpy()
    codings = {
        "int8": (np.where(female, 1, 2).astype(np.int8), SEX),
        "bool": (female, {True: "female", False: "male"}),
        "categorical": (pd.Categorical(np.where(female, "P", "L"), categories=["L", "P"]), None),
        "strings": (np.where(female, "female", "male").astype(object), None),
        "wide int64": (np.where(female, 7, 10**12).astype(np.int64), {7: "female", 10**12: "male"}),
    }
    for name, (values, mapping) in codings.items():
        d = micro.Design(survey.assign(sex=values), weight="weight", strata="stratum", psu="psu")
        got = micro.accumulate_index_inputs(d, "region", "sex", age="age", labour_force="in_lf", sex_codes=mapping)
        pd.testing.assert_frame_equal(got.estimates(), reference.estimates(), obj=name)
    # A missing value, and a value neither female nor male, are named by their first row in both paths.
    first_male = int(np.flatnonzero(~female)[0])
    bad = {
        "row 0, column 'sex': missing value": pd.Categorical([None, *np.where(female[1:], "P", "L")]),
        f"row {first_male}, column 'sex': sex '1000000000000' is not female": np.where(female, 7, 10**12),
        f"row {first_male}, column 'sex': sex '2' is not female": np.where(female, 1, 2).astype(np.int8),
    }
    for message, values in bad.items():
        d = micro.Design(survey.assign(sex=values), weight="weight", strata="stratum", psu="psu")
        with pytest.raises(gendex.InputError, match=message):
            micro.accumulate_index_inputs(d, "region", "sex", age="age", sex_codes={7: "female", 1: "female"})
