"""BPS indices and the Indonesian hierarchy from Python, on the bundled data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import DATA, IKG_PUBLISHED_COLUMNS, tidy

import gendex


@pytest.fixture(scope="module")
def indonesia() -> gendex.RegionHierarchy:
    return gendex.read_indonesia_regions(DATA)


@pytest.fixture(scope="module")
def kalteng() -> gendex.Dataset:
    return gendex.read_csv(DATA / "bps" / "kalteng_2010_2021.csv")


def test_hierarchy_and_bps_tables(indonesia):
    assert len(indonesia.children("62")) == 14
    assert indonesia.by_code("6203").name == "KAPUAS"
    ipg_table = gendex.read_bps_table(DATA / "bps" / "ipg_components_2010_2021.csv", indonesia)
    assert ipg_table.value("6203", 2021, "total", "ipg") == 95.32
    assert ipg_table.value("00", 2021, "female", "ipm") == 69.59  # Indonesia, IPM_P 2021
    with pytest.raises(gendex.UnknownKeyError, match="unknown region code '9999'"):
        indonesia.by_code("9999")


def test_kapuas_ipg_trend_and_rank(kalteng, indonesia):
    wide = gendex.ipg(kalteng).wide()
    kapuas = wide[wide.region == "6203"].set_index("period")
    # The BPS table has no kabupaten/kota rows for 2016 (provinces only).
    assert list(kapuas.index) == [y for y in range(2010, 2022) if y != 2016]
    # 100 * IPM_P / IPM_L from the recomputed IPMs, within the rounding of BPS's components.
    assert kapuas.loc[2021, "ipg"] == pytest.approx(95.32, abs=0.02)
    assert kapuas.loc[2021, "ipm_female"] == pytest.approx(68.65, abs=0.01)
    ranks = gendex.rank(kalteng, "ipg", within=indonesia)
    y2021 = ranks[(ranks.period == 2021) & (ranks.group == "62")].set_index("region")
    assert len(y2021) == 14 and (y2021["of"] == 14).all()
    assert y2021.loc["6203", "rank"] == 1  # Kapuas 95.32
    assert y2021.loc["6271", "rank"] == 2  # Kota Palangka Raya 95.01
    assert y2021.loc["6213", "rank"] == 14  # Murung Raya 83.55


def test_labels_in_indonesian(kalteng):
    frame = gendex.with_labels(gendex.compute("ipg", kalteng, edition="bps").frame, "id")
    row = frame[
        (frame.region == "6203") & (frame.period == 2021) & (frame.indicator == "ipm") & (frame.sex == "female")
    ].iloc[0]
    assert row.indicator_label == "Indeks Pembangunan Manusia (IPM)"
    assert row.sex_label == "Perempuan"
    assert set(frame[frame.indicator == "ipg"].indicator_label) == {"Indeks Pembangunan Gender (IPG)"}
    assert gendex._core.sex_label("male", "id") == "Laki-laki"
    with pytest.raises(gendex.UnknownKeyError, match="unknown language 'fr'"):
        gendex.with_labels(frame, "fr")


def _published_ikg_inputs() -> tuple[pd.DataFrame, pd.DataFrame]:
    """data/bps/ikg_published.csv, and its inputs as a tidy frame."""
    published = pd.read_csv(DATA / "bps" / "ikg_published.csv")
    columns = IKG_PUBLISHED_COLUMNS
    rows = [
        (r.region, r.year, sex, ind, r[col]) for _, r in published.iterrows() for col, (sex, ind) in columns.items()
    ]
    return published, tidy(rows)


def test_ikg_reproduces_the_published_rows():
    published, inputs = _published_ikg_inputs()
    result = gendex.ikg(inputs).wide().set_index(["region", "period"])
    for _, r in published.iterrows():
        assert round(result.loc[(r.region, r.year), "ikg"] + 1e-12, 3) == pytest.approx(r.ikg, abs=1e-12)


def test_ikg_floor_for_a_legislature_without_women_is_an_override():
    rows = [
        ("6203", 2021, "F", "births_outside_facility", 20),
        ("6203", 2021, "F", "first_birth_before_20", 30),
        ("6203", 2021, "F", "parliament_share", 0),
        ("6203", 2021, "M", "parliament_share", 100),
        ("6203", 2021, "F", "upper_secondary_education", 30),
        ("6203", 2021, "M", "upper_secondary_education", 40),
        ("6203", 2021, "F", "labour_force_participation", 45),
        ("6203", 2021, "M", "labour_force_participation", 80),
    ]
    result = gendex.ikg(tidy(rows))
    default = result.wide()
    assert "floored" in result.report.notes.note.iloc[0]
    one_percent = gendex.ikg(tidy(rows), ikg_parliament_floor=1.0).wide()
    # A higher floor for women's seats means less measured inequality.
    assert one_percent.ikg.iloc[0] < default.ikg.iloc[0]


def test_which_component_drags_kapuas_ipg(kalteng):
    result = gendex.priorities("ipg", kalteng)
    gains, notes = result.frame, result.notes
    assert list(gains.columns) == ["region", "period", "index", "component", "value", "at_parity", "gain", "rank"]
    kapuas = gains[(gains.region == "6203") & (gains.period == 2021)].set_index("component")
    assert sorted(kapuas.index) == ["expected_schooling", "life_expectancy", "mean_schooling", "per_capita_expenditure"]
    assert sorted(kapuas["rank"]) == [1, 2, 3, 4]
    assert kapuas["value"].iloc[0] == pytest.approx(95.32, abs=0.02)
    # Independent path: set women's expenditure to men's in the frame and recompute the IPG.
    frame = kalteng.to_frame()
    unit = (frame.region == "6203") & (frame.period == 2021)
    spend = frame.indicator == "per_capita_expenditure"
    male = frame.loc[unit & spend & (frame.sex == "male"), "value"].iloc[0]
    frame.loc[unit & spend & (frame.sex == "female"), "value"] = male
    at_parity = gendex.ipg(frame).wide().set_index(["region", "period"]).loc[("6203", 2021), "ipg"]
    assert kapuas.loc["per_capita_expenditure", "at_parity"] == pytest.approx(at_parity, abs=1e-12)
    assert kapuas.loc["per_capita_expenditure", "gain"] == pytest.approx(at_parity - kapuas["value"].iloc[0], abs=1e-12)
    # Women's expenditure (Rp) is far below men's in every kabupaten: the largest drag of 2021 everywhere.
    top = gains[(gains.period == 2021) & (gains["rank"] == 1)]
    assert set(top.component) == {"per_capita_expenditure"}
    labelled = gendex.priorities("ipg", kalteng, lang="id").frame
    assert "Pengeluaran per Kapita Disesuaikan" in set(labelled.component_label)
    # IPGs from published IPMs only (no components) cannot be decomposed, and say so.
    assert notes.empty or notes.note.str.contains("has no female value").all()


def test_ikg_terms_have_ikg_ids_and_the_gii_keeps_its_own():
    """Issue 9: the IKG's intermediate outputs were named gii_*; they are ikg_* now (values unchanged)."""
    _, inputs = _published_ikg_inputs()
    wide = gendex.ikg(inputs).wide()
    assert list(wide.columns[2:]) == [
        "ikg",
        "ikg_health_female",
        "ikg_geometric_mean_female",
        "ikg_geometric_mean_male",
        "ikg_harmonic_mean",
        "ikg_reference",
    ]
    harmonic = 2 / (1 / wide.ikg_geometric_mean_female + 1 / wide.ikg_geometric_mean_male)
    assert np.allclose(wide.ikg_harmonic_mean, harmonic, rtol=1e-14)
    assert np.allclose(wide.ikg, 1 - wide.ikg_harmonic_mean / wide.ikg_reference, rtol=1e-12)
    assert ("gii_geometric_mean", "female") in gendex.indices.index_facts("gii").outputs
