"""align, parity, audit and rollup on hand-made Datasets, every expected number worked out by hand."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import tidy

import gendex

NAN = float("nan")


def frame_equal(actual: pd.DataFrame, expected: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(actual.reset_index(drop=True), expected, check_dtype=False, check_exact=True)


# -------------------------------------------------------------------- align


def test_align_one_row_per_region_period_nan_for_gaps():
    ds = gendex.Dataset.from_frame(
        tidy(
            [
                ("B", 2021, "F", "life_expectancy", 71.0),
                ("A", 2021, "M", "life_expectancy", 66.0),
                ("A", 2020, "F", "life_expectancy", 70.0),
                ("A", 2020, "M", "life_expectancy", 65.0),
                ("A", 2020, "T", "life_expectancy", 67.5),
                ("B", 2021, "M", "mean_schooling", 9.5),
                ("C", 2019, "T", "hdi", 0.5),  # not requested: no row for C
            ]
        )
    )
    df = gendex.align(ds, ["life_expectancy", "mean_schooling"])
    # Regions in order of first appearance (B before A), periods ascending.
    frame_equal(
        df,
        pd.DataFrame(
            {
                "region": ["B", "A", "A"],
                "period": [2021, 2020, 2021],
                "life_expectancy_female": [71.0, 70.0, NAN],
                "life_expectancy_male": [NAN, 65.0, 66.0],
                "mean_schooling_female": [NAN, NAN, NAN],
                "mean_schooling_male": [9.5, NAN, NAN],
            }
        ),
    )
    totals = gendex.align(ds, "life_expectancy", sexes=["total", "F"])
    assert list(totals.columns) == ["region", "period", "life_expectancy_total", "life_expectancy_female"]
    assert totals["life_expectancy_total"].tolist()[1] == 67.5
    empty = gendex.align(ds, "gii")
    assert list(empty.columns) == ["region", "period", "gii_female", "gii_male"] and len(empty) == 0


def test_align_by_age_group_and_on_the_hdr_file(hdr25):
    ds = gendex.Dataset.from_frame(
        tidy(
            [("A", 2020, "F", "labour_force_participation", 50.0), ("A", 2020, "M", "labour_force_participation", 70.0)]
        ).assign(age_group=["15+", "15+"])
    )
    assert len(gendex.align(ds, "labour_force_participation")) == 0
    aligned = gendex.align(ds, "labour_force_participation", age_group="15+")
    assert aligned.iloc[0].tolist() == ["A", 2020, 50.0, 70.0]
    wide = gendex.align(hdr25, ["gni_per_capita"], sexes=["female", "male", "total"])
    nor = wide[(wide["region"] == "NOR") & (wide["period"] == 2023)].iloc[0]
    assert nor["gni_per_capita_female"] == hdr25.value("NOR", 2023, "female", "gni_per_capita")
    assert nor["gni_per_capita_total"] == hdr25.value("NOR", 2023, "total", "gni_per_capita")


# ------------------------------------------------------------------- parity


def test_parity_by_hand():
    ds = gendex.Dataset.from_frame(
        tidy(
            [
                ("A", 2020, "F", "life_expectancy", 75.0),
                ("A", 2020, "M", "life_expectancy", 70.0),
                ("B", 2020, "F", "life_expectancy", 60.0),
                ("B", 2020, "M", "life_expectancy", 80.0),
                ("C", 2020, "F", "life_expectancy", 65.0),  # no male value: no row
                ("A", 2020, "F", "mean_schooling", 8.0),
                ("A", 2020, "M", "mean_schooling", 8.0),
            ]
        )
    )
    frame_equal(
        gendex.parity(ds, ["life_expectancy", "mean_schooling"]),
        pd.DataFrame(
            {
                "region": ["A", "B", "A"],
                "period": [2020, 2020, 2020],
                "indicator": ["life_expectancy", "life_expectancy", "mean_schooling"],
                "female": [75.0, 60.0, 8.0],
                "male": [70.0, 80.0, 8.0],
                "ratio": [75 / 70, 0.75, 1.0],
                "difference": [5.0, -20.0, 0.0],
                "adjusted_gpi": [2 - 70 / 75, 0.75, 1.0],  # above parity mirrored as 2 - male/female
            }
        ),
    )
    assert gendex._core.adjusted_gender_parity_index(75.0, 70.0) == 2 - 70 / 75


def test_parity_of_a_zero_male_value_names_the_unit():
    ds = gendex.Dataset.from_frame(
        tidy([("A", 2020, "F", "parliament_share", 10.0), ("A", 2020, "M", "parliament_share", 0.0)])
    )
    with pytest.raises(gendex.InputError) as e:
        gendex.parity(ds, "parliament_share")
    assert str(e.value) == (
        "parity of 'parliament_share' for region 'A', period 2020 needs positive values (female 10, male 0)"
    )


# -------------------------------------------------------------------- audit


@pytest.fixture
def audit_data() -> tuple[gendex.Dataset, gendex.RegionHierarchy]:
    """Three regions in 2020 with known gaps. Regions appear in the order ID-11, ID-12, ID-1101."""
    ds = gendex.Dataset.from_frame(
        tidy(
            [
                ("ID-11", 2020, "F", "labour_force_participation", 50.0),
                ("ID-11", 2020, "M", "labour_force_participation", 80.0),
                ("ID-12", 2020, "T", "labour_force_participation", 65.0),
                ("ID-1101", 2020, "F", "labour_force_participation", 45.0),
                ("ID-11", 2020, "F", "population", 100.0),
                ("ID-11", 2020, "M", "population", 110.0),
                ("ID-11", 2020, "T", "population", 210.0),
                ("ID-12", 2020, "F", "population", 50.0),
                ("ID-12", 2020, "M", "population", 50.0),
                ("ID-12", 2020, "T", "population", 101.0),  # female + male = 100: a mismatch of -1
                ("ID-1101", 2020, "T", "population", 30.0),
                ("ID-11", 2020, "F", "parliament_share", 20.0),
                ("ID-11", 2020, "M", "parliament_share", 80.0),
            ]
        )
    )
    hierarchy = gendex.RegionHierarchy(
        pd.DataFrame(
            {
                "code": ["ID", "ID-11", "ID-12", "ID-1101"],
                "name": ["Indonesia", "Aceh", "Sumatera Utara", "Kab. Simeulue"],
                "parent": [None, "ID", "ID", "ID-11"],
                "level": ["country", "provinsi", "provinsi", "kabkota"],
            }
        )
    )
    return ds, hierarchy


def test_audit_rows_and_percentages(audit_data):
    ds, hierarchy = audit_data
    report = gendex.audit(ds, ["labour_force_participation", "population", "parliament_share"], hierarchy=hierarchy)
    regions = ["ID-11", "ID-12", "ID-1101"]
    frame_equal(
        report.rows,
        pd.DataFrame(
            {
                "region": regions * 3,
                "period": [2020] * 9,
                "indicator": ["labour_force_participation"] * 3 + ["population"] * 3 + ["parliament_share"] * 3,
                "age_group": [""] * 9,
                "coverage": [
                    "disaggregated",
                    "total_only",
                    "female_only",
                    "disaggregated",
                    "disaggregated",
                    "total_only",
                    "disaggregated",
                    "missing",
                    "missing",
                ],
                "has_female": [True, False, True, True, True, False, True, False, False],
                "has_male": [True, False, False, True, True, False, True, False, False],
                "has_total": [False, True, False, True, True, True, False, False, False],
                # parliament seats are shares of a whole: 20 + 80 = 100 is checked too
                "sum_check": ["", "", "", "ok", "mismatch", "", "ok", "", ""],
                "sum_gap": [NAN, NAN, NAN, 0.0, -1.0, NAN, 0.0, NAN, NAN],
            }
        ),
    )
    frame_equal(
        report.by_indicator,
        pd.DataFrame(
            {
                "by": ["indicator"] * 3,
                "key": ["labour_force_participation", "population", "parliament_share"],
                "units": [3, 3, 3],
                "disaggregated": [1, 2, 1],
                "complement": [0, 0, 0],
                "total_only": [1, 1, 0],
                "partial": [1, 0, 0],
                "missing": [0, 0, 2],
                "sum_mismatch": [0, 1, 0],
                "percent_disaggregated": [100 * 1 / 3, 100 * 2 / 3, 100 * 1 / 3],
            }
        ),
    )
    frame_equal(
        report.by_level,
        pd.DataFrame(
            {
                "by": ["level", "level"],
                "key": ["kabkota", "provinsi"],
                "units": [3, 6],
                "disaggregated": [0, 4],
                "complement": [0, 0],
                "total_only": [1, 1],
                "partial": [1, 0],
                "missing": [1, 1],
                "sum_mismatch": [0, 1],
                "percent_disaggregated": [0.0, 100 * 4 / 6],
            }
        ),
    )
    assert report.by_indicator["percent_disaggregated"][0] == 33.333333333333336


def test_audit_defaults_to_the_by_sex_indicators_present(audit_data):
    ds, _ = audit_data
    report = gendex.audit(ds)  # population is "any", not by_sex: not audited; nothing is "missing"
    assert report.by_indicator["key"].tolist() == ["labour_force_participation", "parliament_share"]
    assert report.rows["coverage"].tolist() == ["disaggregated", "total_only", "female_only", "disaggregated"]
    assert report.by_level["key"].tolist() == ["unknown"]
    assert report.by_level["units"].tolist() == [4]
    with pytest.raises(gendex.UnknownKeyError, match="unknown indicator 'nope'"):
        gendex.audit(ds, ["nope"])


def test_audit_tolerance(audit_data):
    ds, _ = audit_data
    loose = gendex.audit(ds, ["population"], sum_tolerance=0.01)  # |gap| 1 <= 0.01 * 101
    assert loose.rows["sum_check"].tolist() == ["ok", "ok", ""]
    assert loose.by_indicator["sum_mismatch"].tolist() == [0]


# ------------------------------------------------------------------- rollup


@pytest.fixture
def rollup_data() -> tuple[gendex.Dataset, gendex.RegionHierarchy]:
    ds = gendex.Dataset.from_frame(
        tidy(
            [
                ("A", 2020, "F", "life_expectancy", 70.0),
                ("B", 2020, "F", "life_expectancy", 80.0),
                ("A", 2020, "M", "life_expectancy", 65.0),
                ("B", 2020, "M", "life_expectancy", 75.0),
                ("P", 2020, "F", "life_expectancy", 77.0),  # P's own published value
                ("A", 2020, "F", "population", 100.0),
                ("B", 2020, "F", "population", 300.0),
                ("A", 2020, "M", "population", 100.0),
                ("B", 2020, "M", "population", 100.0),
                ("A", 2020, "T", "population", 200.0),
                ("B", 2020, "T", "population", 400.0),
                ("C", 2020, "F", "life_expectancy", 60.0),
                ("C", 2020, "F", "population", 50.0),
                ("D", 2020, "F", "population", 70.0),  # D has no life expectancy: Q cannot be rolled up
            ]
        )
    )
    hierarchy = gendex.RegionHierarchy(
        [
            {"code": "W", "level": "world"},
            {"code": "P", "parent": "W", "level": "region"},
            {"code": "Q", "parent": "W", "level": "region"},
            {"code": "A", "parent": "P"},
            {"code": "B", "parent": "P"},
            {"code": "C", "parent": "Q"},
            {"code": "D", "parent": "Q"},
        ]
    )
    return ds, hierarchy


def test_rollup_weighted_by_same_sex_population(rollup_data):
    ds, hierarchy = rollup_data
    result = gendex.rollup(ds, hierarchy, "life_expectancy")
    values, report = result.values, result.report
    female = (70 * 100 + 80 * 300) / 400  # 77.5
    male = (65 * 100 + 75 * 100) / 200  # 70
    assert (female, male) == (77.5, 70.0)
    # W is listed because its child P has a value, but P has no population to weight it by.
    frame_equal(
        report,
        pd.DataFrame(
            {
                "parent": ["P", "P", "Q", "W"],
                "period": [2020, 2020, 2020, 2020],
                "sex": ["female", "male", "female", "female"],
                "age_group": ["", "", "", ""],
                "children_used": [2, 2, 1, 0],
                "children_total": [2, 2, 2, 2],
                "complete": [True, True, False, False],
                "rolled_up": [female, male, NAN, NAN],
                "has_given": [True, False, False, False],
                "given": [77.0, NAN, NAN, NAN],
                "difference": [77.0 - female, NAN, NAN, NAN],
                "flagged": [True, False, False, False],
            }
        ),
    )
    assert len(values) == 2
    assert values.value("P", 2020, "female", "life_expectancy") == female
    assert values.value("P", 2020, "male", "life_expectancy") == male
    assert values.row(0).source == "rollup"


def test_rollup_weighted_by_total_population_and_tolerance(rollup_data):
    ds, hierarchy = rollup_data
    result = gendex.rollup(ds, hierarchy, "life_expectancy", weight_by_same_sex=False, tolerance=1.0)
    values, report = result.values, result.report
    female = (70 * 200 + 80 * 400) / 600
    assert values.value("P", 2020, "female", "life_expectancy") == female
    assert report["difference"][0] == 77.0 - female
    assert report["parent"].tolist() == ["P", "P", "Q", "W"]
    assert report["flagged"].tolist() == [False, False, False, False]  # |77 - 76.67| <= 1
    assert report["complete"].tolist() == [True, True, False, False]
    assert report["children_used"].tolist() == [2, 2, 0, 0]  # C and P have no total population to weight by


def test_rollup_sums_an_additive_indicator(rollup_data):
    ds, hierarchy = rollup_data
    result = gendex.rollup(ds, hierarchy, "population")
    values, report = result.values, result.report
    assert values.value("P", 2020, "female", "population") == 400.0
    assert values.value("P", 2020, "total", "population") == 600.0
    assert values.value("Q", 2020, "female", "population") == 120.0
    assert report["complete"].all()
    with pytest.raises(gendex.UnknownKeyError, match="unknown indicator 'nope'"):
        gendex.rollup(ds, hierarchy, "nope")


def test_analyses_want_a_dataset_not_a_frame(audit_data):
    ds, hierarchy = audit_data
    with pytest.raises(TypeError, match=r"got DataFrame \(make one with gendex.Dataset.from_frame\)"):
        gendex.parity(ds.to_frame(), "labour_force_participation")
    with pytest.raises(TypeError, match=r"expected a gendex.RegionHierarchy"):
        gendex.rollup(ds, hierarchy.to_frame(), "population")
