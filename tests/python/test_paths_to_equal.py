"""The twin indices of The Paths to Equal (UNDP / UN Women 2023) from the annex workbook (docs/wei-ggpi.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

import gendex

DATA = Path(__file__).resolve().parents[2] / "data"
ANNEX = DATA / "paths-to-equal" / "the-paths-to-equal-annex-tables-en.xlsx"
# Aggregates of the annex (Table 2 and 3, below the countries).
AGGREGATES = (
    "Very high human development",
    "High human development",
    "Medium human development",
    "Low human development",
    "Australia and New Zealand",
    "Central Asia and Southern Asia",
    "Eastern Asia and South-eastern Asia",
    "Europe and Northern America",
    "Latin America and the Caribbean",
    "Northern Africa and Western Asia",
    "Oceania excluding Australia and New Zealand",
    "Sub-Saharan Africa",
    "Least developed countries",
    "Small island developing states",
    "Organisation for Economic Co-operation and Development",
    "World",
)
# Printed with ".." for local government but with a WEI and GGPI: UNDP's aggregation is not documented.
KNOWN_DEVIATIONS = (
    "Low human development",
    "Northern Africa and Western Asia",
    "Sub-Saharan Africa",
    "Least developed countries",
)


@pytest.fixture(scope="module")
def annex() -> gendex.Dataset:
    return gendex.read_paths_to_equal(ANNEX)


def published(annex: gendex.Dataset, indicator: str) -> dict[str, float]:
    frame = annex.filter(indicators=indicator).to_frame()
    return dict(zip(frame["region"], frame["value"]))


@pytest.mark.parametrize("index", ["wei", "ggpi"])
def test_every_country_exact_at_three_decimals_with_its_group(annex, index):
    result = gendex.compute(index, annex)
    assert result.edition == "paths-to-equal-2023"
    given = published(annex, index)
    groups = published(annex, f"{index}_group")
    countries = [r for r in given if r not in AGGREGATES]
    assert len(countries) == 114
    wide = result.wide().set_index("region")
    shown = gendex.round_half_up(wide.loc[countries, index], 3)
    assert (shown == [given[c] for c in countries]).all()
    assert wide.loc[countries, f"{index}_group"].tolist() == [int(groups[c]) for c in countries]
    table = result.published()
    assert not table.loc[table["region"].isin(countries), "differs"].any()
    # The countries with incomplete data (".." in the annex) are left out, naming what is missing.
    assert result.report.computed == 124
    skipped = set(result.report.skipped["region"])
    assert set(KNOWN_DEVIATIONS) <= skipped and not skipped & set(countries)


@pytest.mark.parametrize("index", ["wei", "ggpi"])
def test_aggregates_with_a_local_government_value_and_the_known_deviations(annex, index):
    result = gendex.compute(index, annex)
    given = published(annex, index)
    wide = result.wide().set_index("region")
    with_local = [a for a in AGGREGATES if a in given and a not in KNOWN_DEVIATIONS]
    assert len(with_local) == 10
    # The aggregates' components are printed at full precision: the same formulas give the printed value.
    shown = gendex.round_half_up(wide.loc[with_local, index], 3)
    assert (shown == [given[a] for a in with_local]).all()
    assert round(wide.loc["World", index], 4) == {"wei": 0.6067, "ggpi": 0.7208}[index]
    skipped = result.report.skipped.set_index("region")
    for region in KNOWN_DEVIATIONS:
        assert region in given  # published, but its local-government share is ".."
        assert skipped.loc[region, "indicator"] == "local_government_share"


def test_the_local_government_substitution_and_footnotes(annex):
    frame = annex.to_frame()
    flagged = set(frame.loc[frame["indicator"] == "no_local_government", "region"])
    assert {"Singapore", "United Arab Emirates", "Egypt", "Iraq", "Liberia", "Myanmar", "Yemen"} <= flagged
    wei = gendex.compute("wei", annex.filter(regions="Yemen"))
    assert "the parliament share 0.298507463 stands in" in wei.report.notes["note"].iloc[0]
    australia = frame[(frame["region"] == "Australia") & (frame["indicator"] == "lfpr_couple_young_child")]
    assert australia.set_index("sex").loc["female", "source"] == "Table 2, note c,d"


def test_indonesia_worked_examples_and_shortcuts(annex):
    indonesia = annex.filter(regions="Indonesia")
    wei = gendex.wei(indonesia).wide().iloc[0]
    assert [round(wei[f"wei_{d}"], 4) for d in ("health", "education", "labour", "decision", "violence")] == [
        0.8236,
        0.5132,
        0.5366,
        0.3064,
        0.85,
    ]
    assert round(wei["wei"], 5) == 0.56788 and wei["wei_group"] == 1
    ggpi = gendex.ggpi(indonesia).wide().iloc[0]
    assert [round(ggpi[f"ggpi_{d}"], 4) for d in ("health", "education", "labour", "decision")] == [
        0.9753,
        0.8577,
        0.7536,
        0.2874,
    ]
    assert round(ggpi["ggpi"], 5) == 0.65239 and ggpi["ggpi_group"] == 2


def test_bad_workbooks_name_the_sheet_and_cell(tmp_path):
    import openpyxl

    book = openpyxl.load_workbook(ANNEX)
    book["Table 2"]["E9"] = "n/a"  # Australia's family planning
    bad = tmp_path / "bad.xlsx"
    book.save(bad)
    with pytest.raises(gendex.InputError, match=r"Table 2!E9 \(Australia\): 'n/a' is not a number or '\.\.'"):
        gendex.read_paths_to_equal(bad)
    book = openpyxl.load_workbook(ANNEX)
    book["Table 3"]["I11"] = 1.0  # Australia's women with secondary education, differing from Table 2
    book.save(bad)
    with pytest.raises(gendex.InputError, match="upper_secondary_education \\(female\\) of 'Australia'"):
        gendex.read_paths_to_equal(bad)
    del book["Table 3"]
    book.save(bad)
    with pytest.raises(gendex.InputError, match="no sheet 'Table 3'"):
        gendex.read_paths_to_equal(bad)
