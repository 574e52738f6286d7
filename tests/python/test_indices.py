"""Editions and the indices over a Dataset, against values UNDP published."""

from __future__ import annotations

import argparse
import pickle

import numpy as np
import pandas as pd
import pytest
from conftest import DATA, HDR_FILES, tidy

import gendex
import gendex.cli


def row(frame: pd.DataFrame, region: str, period: int) -> pd.Series:
    hit = frame[(frame.region == region) & (frame.period == period)]
    assert len(hit) == 1, (region, period)
    return hit.iloc[0]


@pytest.fixture(scope="session")
def hdr24() -> gendex.Dataset:
    return gendex.read_hdr(HDR_FILES[1])


# ------------------------------------------------------------------ editions


def test_editions_list_the_builtin_ids():
    ids = gendex.editions()
    assert ids[:3] == ["hdr2021-22", "hdr2023-24", "hdr2025"]


def test_an_edition_is_a_mapping_of_typed_constants_with_sources():
    ed = gendex.edition("hdr2025")
    assert ed.id == "hdr2025" and ed.title == "Human Development Report 2025"
    assert ed["gii_parliament_floor"] == 0.01
    assert ed["life_expectancy_min"] == 20.0
    assert ed["rounding_digits"] == 3 and isinstance(ed["rounding_digits"], int)
    assert ed["gii_parliament_male_complement"] is True
    assert ed["ppp_base_year"] == 2021
    assert "0.01 percent floor" in ed.source("gii_parliament_floor")
    assert set(ed) == set(ed.sources) == set(ed.to_dict())
    assert ed.to_dict()["gdi_default_wage_ratio"]["value"] == 0.8
    frame = ed.to_frame()
    assert list(frame.columns) == ["name", "value", "unit", "meaning", "source"]
    assert len(frame) == len(ed)
    assert gendex.edition("hdr2021-22")["gii_parliament_floor"] == 0.1
    with pytest.raises(gendex.UnknownKeyError, match="unknown edition 'hdr1999'; known editions: hdr2021-22"):
        gendex.edition("hdr1999")
    with pytest.raises(gendex.UnknownKeyError, match="unknown edition constant 'no_such'"):
        ed["no_such"]


def test_custom_editions_from_keywords_or_a_dict():
    ed = gendex.custom_edition("hdr2023-24", gii_parliament_floor=0.1)
    assert ed.id == "hdr2023-24+custom"
    assert ed["gii_parliament_floor"] == 0.1
    assert ed.source("gii_parliament_floor") == "override of edition 'hdr2023-24'"
    assert ed["maternal_mortality_max"] == 1000
    same = gendex.custom_edition("hdr2023-24", {"gii_parliament_floor": 0.1})
    assert same == ed
    named = gendex.edition("hdr2025").replace({"gdi_default_wage_ratio": 0.75}, id="fao-wages")
    assert named.id == "fao-wages" and named["gdi_default_wage_ratio"] == 0.75
    assert pickle.loads(pickle.dumps(named)) == named
    with pytest.raises(gendex.InputError, match="'life_expectancy_min' \\(90\\) must be below 'life_expectancy_max'"):
        gendex.custom_edition("hdr2025", life_expectancy_min=90)
    with pytest.raises(gendex.InputError, match="is a built-in edition"):
        gendex.custom_edition("hdr2025", id="hdr2021-22", gii_parliament_floor=0.1)
    with pytest.raises(gendex.UnknownKeyError, match="unknown edition constant 'floor'"):
        gendex.custom_edition("hdr2025", floor=1)


# ------------------------------------------------------------------ indices


def test_hdi_of_norway_2023(hdr25):
    frame = gendex.hdi(hdr25).wide()
    nor = row(frame, "NOR", 2023)
    assert round(nor.hdi, 3) == 0.970
    assert nor.hdi_rank == 2 and nor.hdi_rank_of == 193 and nor.hdi_group == 4
    assert list(frame.columns) == [
        "region",
        "period",
        "hdi",
        "hdi_rank",
        "hdi_rank_of",
        "hdi_group",
        "hdi_health_index",
        "hdi_education_index",
        "hdi_income_index",
    ]
    assert pd.isna(row(frame, "ZZK.WORLD", 2023).hdi_rank)  # aggregates are not ranked
    assert frame.hdi_rank.dtype == "Int64"


@pytest.mark.parametrize(
    "region, gdi, group",
    [
        ("NOR", 0.995, 1),
        ("BGD", 0.918, 4),
        ("IDN", 0.945, 3),
        ("NER", 0.855, 5),
        ("QAT", 1.036, 2),
        ("ITA", 0.975, 1),  # 0.97477 unrounded: the group comes from the printed value
    ],
)
def test_published_gdi_of_hdr25(hdr25, region, gdi, group):
    r = row(gendex.gdi(hdr25).wide(), region, 2023)
    assert round(r.gdi, 3) == gdi
    assert r.gdi_group == group
    assert r.gdi == pytest.approx(r.hdi_female / r.hdi_male, rel=1e-15)
    assert hdr25.value(region, 2023, "female", "hdi") == pytest.approx(r.hdi_female, abs=1e-8)


def test_gii_of_costa_rica(hdr25):
    r = row(gendex.gii(hdr25).wide(), "CRI", 2023)
    assert round(r.gii, 3) == 0.217
    assert r.gii_rank == 55
    # TN24's worked example from a tidy frame: GII 0.232.
    frame = tidy(
        [
            ("CRI", 2022, "F", "maternal_mortality", 22),
            ("CRI", 2022, "F", "adolescent_birth_rate", 35.7),
            ("CRI", 2022, "F", "parliament_share", 47.4),
            ("CRI", 2022, "M", "parliament_share", 52.6),
            ("CRI", 2022, "F", "secondary_education", 50.2),
            ("CRI", 2022, "M", "secondary_education", 48.1),
            ("CRI", 2022, "F", "labour_force_participation", 50.1),
            ("CRI", 2022, "M", "labour_force_participation", 72.9),
        ]
    )
    tn = row(gendex.gii(frame, edition="hdr2023-24").wide(), "CRI", 2022)
    assert round(tn.gii, 3) == 0.232
    assert round(tn.gii_geometric_mean_female, 4) == 0.3021 and round(tn.gii_geometric_mean_male, 4) == 0.7158
    assert round(tn.gii_harmonic_mean, 4) == 0.4249 and round(tn.gii_reference, 4) == 0.5534


def test_a_custom_parliament_floor_changes_qatar_2016(hdr24):
    qat = hdr24.filter(regions="QAT", periods=2016)
    published = gendex.compute("gii", qat, edition="hdr2023-24").frame
    gii = published[published.indicator == "gii"].value.iloc[0]
    assert round(gii, 3) == 0.650
    # The 0.1 % floor of the technical notes' text, as a keyword override or an Edition.
    for result in (
        gendex.compute("gii", qat, edition="hdr2023-24", gii_parliament_floor=0.1).frame,
        gendex.compute("gii", qat, edition=gendex.custom_edition("hdr2023-24", gii_parliament_floor=0.1)).frame,
    ):
        value = result[result.indicator == "gii"].value.iloc[0]
        assert value == pytest.approx(0.515, abs=5e-4)
        assert result.source.iloc[0] == "gendex gii, edition hdr2023-24+custom"


def test_compute_gives_the_tidy_contract_and_a_report(hdr25):
    result = gendex.compute("gdi", hdr25)
    frame, report = result.frame, result.report
    assert list(frame.columns) == list(gendex.frames.CONTRACT_COLUMNS)
    assert set(frame.indicator) == {
        "gdi",
        "gdi_group",
        "hdi",
        "hdi_health_index",
        "hdi_education_index",
        "hdi_income_index",
    }
    assert set(frame[frame.indicator == "hdi"].sex) == {"female", "male"}
    assert report.index == "gdi" and report.edition == "hdr2025"
    assert report.computed == 5243 and report.units == report.computed + len(report.skipped)
    assert result.summary == report.summary and result.edition == "hdr2025" and result.index == "gdi"
    assert list(report.skipped.columns) == ["region", "period", "indicator", "sex", "problem", "reason"]
    assert report.skipped.period.dtype == "int64"
    # Full precision, the same Dataset as the result.
    assert gendex.Dataset.from_frame(frame) == result.values


def test_raise_names_the_unit_and_skip_lists_it(hdr25):
    caf = hdr25.filter(regions="CAF", periods=[2009, 2010])
    with pytest.raises(
        gendex.InputError,
        match=r"region 'CAF', period 2009: life_expectancy \(total\) is below the "
        r"minimum 20 of edition hdr2025 \(value 14.665\); cannot compute hdi",
    ):
        gendex.hdi(caf, on_invalid="raise")
    result = gendex.hdi(caf)
    frame, report = result.wide(), result.report
    assert list(frame.period) == [2010]
    assert report.skipped.to_dict("records") == [
        {
            "region": "CAF",
            "period": 2009,
            "indicator": "life_expectancy",
            "sex": "total",
            "problem": "below_minimum",
            "reason": "life_expectancy (total) is below the minimum 20 of edition hdr2025 (value 14.665)",
        }
    ]
    with pytest.raises(gendex.InputError, match="use raise or skip"):
        gendex.hdi(caf, on_invalid="ignore")
    with pytest.raises(gendex.UnknownKeyError, match="unknown index 'hdx'; known indices: hdi, gdi, gii, ihdi, gem"):
        gendex.compute("hdx", caf)
    with pytest.raises(TypeError, match="tidy pandas DataFrame"):
        gendex.hdi([1, 2, 3])


def test_gdi_estimates_income_and_notes_the_default_wage_ratio():
    # TN24 Bangladesh 2022 income step without a wage ratio.
    rows = [
        ("BGD", 2022, s, i, v)
        for s, i, v in [
            ("F", "life_expectancy", 76.012),
            ("F", "expected_schooling", 12.40666962),
            ("F", "mean_schooling", 6.755380154),
            ("M", "life_expectancy", 71.514),
            ("M", "expected_schooling", 11.50172043),
            ("M", "mean_schooling", 8.020810127),
            ("T", "gni_per_capita", 6511.122),
            ("F", "economically_active_share", 33.3),
            ("F", "population", 50.4),
            ("M", "population", 49.6),
        ]
    ]
    result = gendex.gdi(tidy(rows), edition="hdr2023-24")
    frame, report = result.wide(), result.report
    r = frame.iloc[0]
    assert r.gni_per_capita_female == pytest.approx(3687.1577642413304, abs=1e-9)
    assert r.gni_per_capita_male == pytest.approx(9380.634046012843, abs=1e-9)
    assert r.income_share_female == pytest.approx(28.5408185, abs=1e-7)
    assert round(r.gdi, 3) == 0.914
    assert "default wage ratio 0.8 used (wage_ratio not given)" in list(report.notes.note)
    with_ratio = gendex.gdi(tidy(rows), edition="hdr2023-24", gdi_default_wage_ratio=0.7).wide()
    assert with_ratio.gni_per_capita_female.iloc[0] < r.gni_per_capita_female


def test_ihdi_and_gem(hdr25):
    nor = row(gendex.ihdi(hdr25).wide(), "NOR", 2023)
    assert round(nor.ihdi, 3) == 0.909
    assert nor.ihdi_loss == pytest.approx(hdr25.value("NOR", 2023, "total", "ihdi_loss"), abs=1e-8)
    rows = [
        ("GRC", 2005, s, i, v)
        for s, i, v in [
            ("F", "parliament_share", 8.7),
            ("F", "managers_share", 25.6),
            ("F", "professional_technical_share", 48.0),
            ("M", "professional_technical_share", 52.0),
            ("F", "gni_per_capita", 12000),
            ("M", "gni_per_capita", 28000),
            ("F", "population", 5.07),
            ("M", "population", 4.92),
        ]
    ]
    gem = gendex.gem(tidy(rows)).wide().iloc[0]
    # The Greece example's EDEP [P_f/X_f + P_m/X_m]^-1, here with shares that sum to 1.
    p_f = 5.07 / (5.07 + 4.92)
    assert gem.gem_parliament_edep == pytest.approx(1 / (p_f / 8.7 + (1 - p_f) / 91.3), rel=1e-14)
    assert gem.gem == pytest.approx((gem.gem_political + gem.gem_economic + gem.gem_income) / 3, rel=1e-15)
    assert gendex.index_names() == [
        "hdi",
        "gdi",
        "gii",
        "ihdi",
        "gem",
        "ipm",
        "ipg",
        "idg",
        "ikg",
        "gggi",
        "wei",
        "ggpi",
    ]


def test_aggregates_reproduce_the_world_life_expectancy(hdr25):
    hierarchy = gendex.read_hdr_regions(HDR_FILES[2])
    countries = [r.code for r in hierarchy.regions if not r.code.startswith("ZZ")]
    result = gendex.aggregate(hdr25, {"ZZK.WORLD": countries}, components=[("life_expectancy", "total", "")])
    world = result.values.value("ZZK.WORLD", 2023, "total", "life_expectancy")
    assert world == pytest.approx(hdr25.value("ZZK.WORLD", 2023, "total", "life_expectancy"), rel=1e-9)
    regional = gendex.aggregate(hdr25, hierarchy)
    assert regional.report.index == "aggregate"
    assert "weighted by population (total) for want of population (total, 5-24)" in regional.report.notes.note.iloc[0]
    # The aggregates' HDI from the aggregated components.
    assert len(gendex.hdi(regional.values).wide()) > 0


def test_round_half_up_as_publishers_print():
    # Half up, not half to even; 2.675 (stored as 2.67499999...) is the decimal tie it was written as.
    assert gendex.round_half_up(2.5, 0) == 3.0 and np.round(2.5) == 2.0
    assert gendex.round_half_up(0.0005, 3) == 0.001
    assert gendex.round_half_up(2.675, 2) == 2.68 and round(2.675, 2) == 2.67
    assert gendex.round_half_up(-1.5, 0) == -2.0
    values = np.array([[0.9745, 1.0255], [0.5, np.nan]])
    out = gendex.round_half_up(values, 3)
    assert out.shape == (2, 2) and out[0, 0] == 0.975 and out[0, 1] == 1.026 and np.isnan(out[1, 1])
    series = gendex.round_half_up(pd.Series([95.325, 88.015], index=["a", "b"]), 2)
    assert list(series) == [95.33, 88.02] and list(series.index) == ["a", "b"]
    with pytest.raises(gendex.InputError, match="digits must be between 0 and 15"):
        gendex.round_half_up(1.0, 16)


def test_every_way_in_reports_the_index_tables_default_edition():
    """compute("ipg"), ipg() and priorities("ipg") all use bps; at 63e2b5c compute used hdr2025."""
    d = gendex.read_csv(DATA / "bps" / "kalteng_2010_2021.csv")
    by_name = gendex.compute("ipg", d)
    shortcut = gendex.ipg(d)
    gains = gendex.priorities("ipg", d)
    assert by_name.edition == shortcut.edition == gains.edition == "bps"
    assert by_name.report.edition == shortcut.report.edition == "bps"
    assert gains.summary == "ipg (edition bps): 166 of 166 region-periods computed"
    assert gendex.compute("ipg", d).frame.equals(gendex.compute("ipg", d, edition="bps").frame)
    hdr = gendex.read_hdr(DATA / "undp" / "HDR25_Composite_indices_complete_time_series.csv")
    assert gendex.gdi(hdr).edition == gendex.gdi(hdr).report.edition == "hdr2025"


def test_the_python_shortcuts_and_priorities_follow_the_index_table():
    names = gendex.index_names()
    assert names == ["hdi", "gdi", "gii", "ihdi", "gem", "ipm", "ipg", "idg", "ikg", "gggi", "wei", "ggpi"]
    for name in names:
        assert callable(getattr(gendex, name)), name  # one shortcut per index of the table
        expected = {"BPS": "bps", "WEF": "wef2023", "UNDP/UN Women": "paths-to-equal-2023"}.get(
            gendex._core.index_info(name)[4], "hdr2025"
        )
        assert gendex.default_edition(name) == expected
    with_parity = [n for n in names if gendex._core.index_info(n)[6]]
    assert with_parity == ["gdi", "gii", "ipg", "ikg"]
    # The command line accepts exactly the table's indices, and priorities exactly those with parity components.
    commands = next(a for a in gendex.cli.build_parser()._actions if isinstance(a, argparse._SubParsersAction)).choices
    index_choices = {
        name: next(a.choices for a in commands[name]._actions if a.dest == "index")
        for name in ("compute", "priorities")
    }
    assert list(index_choices["compute"]) == names
    assert list(index_choices["priorities"]) == with_parity
    d = gendex.read_csv(DATA / "bps" / "kalteng_2010_2021.csv")
    for name in sorted(set(names) - set(with_parity)):
        with pytest.raises(gendex.UnknownKeyError, match=f"priorities: unknown index '{name}'"):
            gendex.priorities(name, d)


def test_index_inputs_are_a_typed_specification_and_an_empty_result_names_what_is_missing():
    """Issue 9: the index table's inputs are a checked specification, not text; issue 11: an empty result says why."""
    from gendex.indices import InputRequirement, RequiredInput, index_facts

    gdi = index_facts("gdi")
    assert all(isinstance(r, InputRequirement) for r in gdi.requirements)
    assert gdi.requirements[0].alternatives == (
        (
            RequiredInput("life_expectancy", ("female", "male"), False),
            RequiredInput("expected_schooling", ("female", "male"), False),
            RequiredInput("mean_schooling", ("female", "male"), False),
        ),
    )
    income = gdi.requirements[1].alternatives
    assert income[0] == (RequiredInput("gni_per_capita", ("female", "male"), False),)
    assert RequiredInput("wage_ratio", ("total",), True) in income[1]
    assert gdi.inputs.startswith("life_expectancy, expected_schooling, mean_schooling (female, male); ")
    assert index_facts("ipg").indicators()[-1] == "ipm"  # the published IPM by sex is an alternative
    registry = gendex.IndicatorRegistry.standard()
    for name in gendex.index_names():
        assert all(i in registry for i in index_facts(name).indicators()), name

    frame = pd.DataFrame(
        [
            ("A", 2020, s, i, v)
            for s in ("female", "male")
            for i, v in (("expected_schooling", 12), ("mean_schooling", 8), ("gni_per_capita", 9000))
        ]
        + [("A", 2020, "female", "life_expectancy", 70.0)],
        columns=["region", "period", "sex", "indicator", "value"],
    )
    report = gendex.compute("gdi", frame).report
    assert report.computed == 0
    assert report.missing == ("gdi: no region-period has life_expectancy for female and male",)
    hdi = pd.DataFrame(
        [("A", 2020, "total", i, v) for i, v in (("life_expectancy", 70), ("expected_schooling", 12))]
        + [("A", 2020, "total", "mean_schooling", 8), ("A", 2020, "total", "gni_per_capita", 9000)],
        columns=["region", "period", "sex", "indicator", "value"],
    )
    assert gendex.compute("hdi", hdi).report.missing == ()
