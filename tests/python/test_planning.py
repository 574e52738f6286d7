"""Planning analyses (gendex._planning): exact decompositions, scenarios, trends and the year of parity."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pandas as pd
import pytest
from conftest import DATA, HDR_FILES, IKG_PUBLISHED_COLUMNS, compare_with_differences, tidy

import gendex

#: The edition each bundled HDR file was computed with.
HDR_EDITIONS = dict(zip(HDR_FILES, ("hdr2021-22", "hdr2023-24", "hdr2025")))


@pytest.fixture(scope="module")
def hdr_files() -> dict[str, gendex.Dataset]:
    return {HDR_EDITIONS[path]: gendex.read_hdr(path) for path in HDR_FILES}


def ikg_published() -> gendex.Dataset:
    published = pd.read_csv(DATA / "bps" / "ikg_published.csv")
    columns = IKG_PUBLISHED_COLUMNS
    rows = [
        (r.region, r.year, sex, ind, r[col]) for _, r in published.iterrows() for col, (sex, ind) in columns.items()
    ]
    return gendex.Dataset.from_frame(tidy(rows))


def residuals(parts: pd.DataFrame) -> pd.Series:
    """Per unit: sum of contributions minus what they must add to."""
    by_unit = parts.groupby(["region", "period"], sort=False)
    return by_unit["contribution"].sum() - by_unit["total"].first()


def check_adds_up(index: str, data: gendex.Dataset, edition: str | None = None) -> tuple[int, float]:
    parts = gendex.decompose(index, data, edition)
    computed = gendex.compute(index, data, edition)
    r = residuals(parts)
    # Every unit computed is decomposed (or named in the notes), none silently dropped.
    assert len(r) + len({(n[0], n[1]) for n in parts.attrs["notes"] if "not decomposed" in n[2]}) == (
        computed.report.computed
    )
    assert float(r.abs().max()) <= 1e-12, (index, edition, float(r.abs().max()))
    form = parts["form"].iloc[0]
    totals = parts.groupby(["region", "period"])[["value", "total"]].first()
    if form == "log_ratio":
        scale = 100.0 if index == "ipg" else 1.0
        assert np.allclose(totals["total"], np.log(totals["value"] / scale), rtol=0, atol=1e-15)
    else:
        assert (totals["total"] == totals["value"]).all()
    return len(r), float(r.abs().max())


# ----------------------------------------------------------------------------------- decompose


@pytest.mark.parametrize("index", ["gdi", "gii"])
def test_decompositions_add_up_on_every_row_of_the_three_hdr_files(hdr_files, index):
    checked = 0
    for edition, data in hdr_files.items():
        checked += check_adds_up(index, data, edition)[0]
    # GDI: 4,8xx-5,6xx country-years per file; GII: 4,4xx-4,9xx (the recomputed ones, all published).
    assert checked > 12_000


def test_decompositions_add_up_on_the_bps_tables(indonesia):
    ipg_table = gendex.read_bps_table(DATA / "bps" / "ipg_components_2010_2021.csv", indonesia)
    units, _ = check_adds_up("ipg", ipg_table)
    assert units > 5_000
    assert check_adds_up("ikg", ikg_published())[0] == len(pd.read_csv(DATA / "bps" / "ikg_published.csv"))  # 17
    # The IDG table prints women's three shares only; the EDEP weights and the income step need the
    # population by sex and the purchasing power, which are assumed here (50/50, 650 thousand Rp).
    idg_table = gendex.read_bps_table(DATA / "bps" / "idg_components_2010_2021.csv", indonesia).to_frame()
    units_idg = idg_table[["region", "period"]].drop_duplicates()
    extra = pd.concat(
        [
            units_idg.assign(sex="female", indicator="population", value=1.0),
            units_idg.assign(sex="male", indicator="population", value=1.0),
            units_idg.assign(sex="total", indicator="purchasing_power", value=650.0),
        ]
    )
    idg_data = pd.concat([idg_table[["region", "period", "sex", "indicator", "value"]], extra], ignore_index=True)
    idg_data = idg_data[idg_data.indicator != "idg"]
    assert check_adds_up("idg", gendex.Dataset.from_frame(idg_data))[0] > 5_000


def test_gdi_parts_are_the_log_ratios_of_the_dimension_indices(hdr25):
    data = hdr25.filter(regions="IDN", periods=2023)
    parts = gendex.decompose("gdi", data).set_index("component")["contribution"]
    wide = gendex.gdi(data).wide().iloc[0]
    for dimension in ("health", "education", "income"):
        ratio = wide[f"hdi_{dimension}_index_female"] / wide[f"hdi_{dimension}_index_male"]
        assert parts[f"hdi_{dimension}_index"] == pytest.approx(math.log(ratio) / 3, rel=1e-14)
    # ln GDI = sum of the three parts; the published GDI of Indonesia 2023 is 0.945 (HDR 2025).
    assert round(math.exp(parts.sum()), 3) == 0.945


def test_gii_shapley_values_match_a_brute_force_recomputation(hdr25):
    """Independent path: each of the 32 coalitions recomputed from an edited frame."""
    data = hdr25.filter(regions="IDN", periods=2023)
    parts = gendex.decompose("gii", data).set_index("component")["contribution"]
    players = {
        "maternal_mortality": [("female", 10.0)],  # MMR at its lower bound 10: 10/MMR = 1
        "adolescent_birth_rate": [("female", 1.0)],  # the 1 of 1/ABR: men's health term
        "parliament_share": [("female", 50.0), ("male", 50.0)],
        "secondary_education": "like_men",
        "labour_force_participation": "like_men",
    }
    assert list(parts.index) == list(players)
    frame = data.to_frame()

    def value(observed: frozenset[str]) -> float:
        f = frame.copy()
        for name, setting in players.items():
            if name in observed:
                continue
            rows = f.indicator == name
            if setting == "like_men":
                male = f.loc[rows & (f.sex == "male"), "value"].iloc[0]
                f.loc[rows & (f.sex == "female"), "value"] = male
            else:
                for sex, v in setting:
                    f.loc[rows & (f.sex == sex), "value"] = v
        return float(gendex.gii(f).wide()["gii"].iloc[0])

    names = list(players)
    n = len(names)
    v = {frozenset(s): value(frozenset(s)) for k in range(n + 1) for s in itertools.combinations(names, k)}
    assert v[frozenset()] == pytest.approx(0.0, abs=1e-15)  # every indicator at parity: G_F = G_M = G_FM, GII 0
    for name in names:
        others = [x for x in names if x != name]
        phi = sum(
            math.factorial(k)
            * math.factorial(n - k - 1)
            / math.factorial(n)
            * (v[frozenset(s) | {name}] - v[frozenset(s)])
            for k in range(n)
            for s in itertools.combinations(others, k)
        )
        assert parts[name] == pytest.approx(phi, abs=1e-14)
    assert round(parts.sum(), 3) == 0.423  # Indonesia's GII 2023, HDR 2025


def test_component_decomposition_of_the_gem():
    rows = [
        ("GRC", 2007, "female", "parliament_share", 14.7),
        ("GRC", 2007, "male", "parliament_share", 85.3),
        ("GRC", 2007, "female", "managers_share", 26.0),
        ("GRC", 2007, "male", "managers_share", 74.0),
        ("GRC", 2007, "female", "professional_technical_share", 49.0),
        ("GRC", 2007, "male", "professional_technical_share", 51.0),
        ("GRC", 2007, "female", "gni_per_capita", 15000.0),
        ("GRC", 2007, "male", "gni_per_capita", 30000.0),
        ("GRC", 2007, "female", "population", 5.6),
        ("GRC", 2007, "male", "population", 5.4),
    ]
    parts = gendex.decompose("gem", tidy(rows)).set_index("component")
    wide = gendex.gem(tidy(rows)).wide().iloc[0]
    assert list(parts.index) == ["gem_political", "gem_economic", "gem_income"]
    for c in parts.index:  # GEM = (political + economic + income) / 3: each part c / 3
        assert parts.loc[c, "contribution"] == pytest.approx(wide[c] / 3, rel=1e-15)
    assert parts["contribution"].sum() == pytest.approx(wide["gem"], abs=1e-15)
    assert set(parts["form"]) == {"component"}


def test_ipg_from_given_ipms_is_one_part_and_says_so():
    rows = [("6203", 2021, "female", "ipm", 68.0), ("6203", 2021, "male", "ipm", 80.0)]
    parts = gendex.decompose("ipg", tidy(rows))
    assert parts["component"].tolist() == ["ipm"]
    assert parts["contribution"].iloc[0] == pytest.approx(math.log(68 / 80), rel=1e-15)  # ln(IPG/100)
    assert "one part" in parts.attrs["notes"][0][2]


def test_decompose_names_the_indices_it_knows():
    with pytest.raises(gendex.UnknownKeyError, match=r"no additive decomposition.*gdi, gii, gem, ipg, idg, ikg"):
        gendex.decompose("hdi", tidy([]))


# ------------------------------------------------------------------------------------ scenario


def edits(*rows: tuple) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["region", "period", "sex", "indicator", "op", "value"])


def test_scenario_operations(kalteng):
    base = kalteng.filter(regions="6203", periods=2021)
    f = base.to_frame().set_index(["sex", "indicator"])["value"]
    after = gendex.scenario(
        base,
        edits(
            ("6203", 2021, "female", "mean_schooling", "add", 1.0),
            ("6203", 2021, "female", "expected_schooling", "close_gap", 50.0),
            ("6203", 2021, "male", "life_expectancy", "set", 70.0),
            ("6203", 2021, "female", "per_capita_expenditure", "scale", 1.1),
        ),
    )
    g = after.to_frame().set_index(["sex", "indicator"])["value"]
    assert g["female", "mean_schooling"] == pytest.approx(f["female", "mean_schooling"] + 1.0, abs=1e-12)
    gap = f["male", "expected_schooling"] - f["female", "expected_schooling"]
    assert g["female", "expected_schooling"] == pytest.approx(f["female", "expected_schooling"] + gap / 2, abs=1e-12)
    assert g["male", "life_expectancy"] == 70.0
    assert g["female", "per_capita_expenditure"] == pytest.approx(1.1 * f["female", "per_capita_expenditure"])
    assert len(after) == len(base)


def test_scenario_keeps_seat_shares_one_whole_and_applies_to_every_unit_when_blank():
    rows = [(r, 2021, s, "parliament_share", v) for r in ("A", "B") for s, v in (("female", 20.0), ("male", 80.0))]
    after = gendex.scenario(tidy(rows), edits((None, None, "female", "parliament_share", "add", 10.0))).to_frame()
    values = after.set_index(["region", "sex"])["value"]
    assert values["A", "female"] == 30.0 and values["A", "male"] == 70.0
    assert values["B", "female"] == 30.0 and values["B", "male"] == 70.0


@pytest.mark.parametrize(
    "edit, message",
    [
        (("6203", 2021, "female", "no_such", "add", 1.0), "edit row 0 .*unknown indicator 'no_such'"),
        (("6203", 2021, "female", "mean_schooling", "double", 1.0), "edit row 0: unknown edit op 'double'"),
        (("9999", 2021, "female", "mean_schooling", "add", 1.0), "edit row 0 .*matches no observation"),
        (("6203", 2021, "female", "mean_schooling", "add", 30.0), "edit row 0 .*outside the range"),
        (("6203", 2021, "female", "mean_schooling", "close_gap", 150.0), "edit row 0 .*between 0 and 100"),
        (("6203", 2021, "total", "mean_schooling", "close_gap", 50.0), "edit row 0 .*female or male"),
        (("6203", 2021, "female", "mean_schooling", "add", float("nan")), "edit row 0: column 'value'"),
        (("6203", "soon", "female", "mean_schooling", "add", 1.0), "edit row 0: column 'period'"),
    ],
)
def test_bad_edits_name_the_row(kalteng, edit, message):
    with pytest.raises(gendex.InputError, match=message):
        gendex.scenario(kalteng.filter(regions="6203", periods=2021), edits(edit))


def test_close_gap_without_the_other_sex_names_the_row():
    data = tidy([("A", 2021, "female", "mean_schooling", 8.0)])
    with pytest.raises(gendex.InputError, match=r"edit row 3 .*A 2021 has no male value"):
        gendex.scenario(data, edits(("A", 2021, "female", "mean_schooling", "close_gap", 50.0)).set_axis([3]))
    with pytest.raises(gendex.InputError, match=r"missing column.*op"):
        gendex.scenario(data, edits().drop(columns="op"))


def test_compare_scenario_recomputes_every_index(kalteng):
    base = kalteng.filter(regions=["6203", "6271"], periods=[2020, 2021])
    edited = gendex.scenario(base, edits(("6203", 2021, "female", "per_capita_expenditure", "add", 500.0)))
    table = gendex.compare_scenario(base, edited)
    assert list(table.columns) == ["index", "region", "period", "baseline", "scenario", "change"]
    assert set(table["index"]) == {"ipg"}  # the BPS table holds the IPG's inputs only
    assert len(table) == 4
    ipg = table[table["index"] == "ipg"].set_index(["region", "period"])
    # Only Kapuas 2021 was edited, and women's higher expenditure raises its IPG.
    assert ipg.loc[("6203", 2021), "change"] > 0
    assert ipg.loc[("6271", 2021), "change"] == 0.0 and ipg.loc[("6203", 2020), "change"] == 0.0
    direct = gendex.ipg(edited).wide().set_index(["region", "period"]).loc[("6203", 2021), "ipg"]
    assert ipg.loc[("6203", 2021), "scenario"] == direct


# --------------------------------------------------------------------------------------- trend


def ipms(values: dict[int, tuple[float, float]], region: str = "R") -> pd.DataFrame:
    rows = [(region, y, s, "ipm", v) for y, (f, m) in values.items() for s, v in (("female", f), ("male", m))]
    return tidy(rows)


def test_trend_and_parity_year_by_hand():
    # IPG = 100 * IPM_P / IPM_L = 90, 92, 94 in 2010, 2012, 2014.
    # Linear: slope (94 - 90) / 4 = 1 point a year; fitted 94 in 2014; 100 reached 6 years later: 2020.
    # Log-linear: g = (ln 94 - ln 90) / 4 = 0.0108713; fitted at 2014 = mean(ln 90, ln 92, ln 94) + 2 g;
    # t* = 2014 + (ln 100 - fitted) / g = 2019.684.
    data = ipms({2010: (72.0, 80.0), 2012: (73.6, 80.0), 2014: (75.2, 80.0)})
    row = gendex.trend("ipg", data).iloc[0]
    assert row["parity"] == 100.0 and row["periods"] == 3
    assert row["slope"] == pytest.approx(1.0, rel=1e-12)
    assert row["parity_year"] == pytest.approx(2020.0, abs=1e-9)
    assert row["log_slope"] == pytest.approx(math.log(94 / 90) / 4, rel=1e-12)
    assert row["parity_year_log"] == pytest.approx(2019.6843933363452, abs=1e-9)
    assert row["parity_note"] == ""


def test_no_parity_year_when_moving_away_or_for_a_log_trend_to_zero(hdr25):
    # IPG 102 then 104: women ahead and moving further away from 100.
    row = gendex.trend("ipg", ipms({2020: (81.6, 80.0), 2021: (83.2, 80.0)})).iloc[0]
    assert math.isnan(row["parity_year"]) and math.isnan(row["parity_year_log"])
    assert "moves away" in row["parity_note"]
    # Indonesia's GII falls over the years; a log-linear trend never reaches 0, the linear one does.
    idn = gendex.trend("gii", hdr25.filter(regions="IDN")).iloc[0]
    assert idn["parity"] == 0.0 and idn["slope"] < 0
    assert idn["parity_year"] > idn["last_period"] and math.isnan(idn["parity_year_log"])
    assert "never reaches parity 0" in idn["parity_note"]
    # One period: no trend, named in the notes.
    one = gendex.trend("ipg", ipms({2021: (70.0, 80.0)}))
    assert len(one) == 0 and one.attrs["notes"] == [("R", 2021, "one period only: no trend")]


def test_kapuas_ipg_trend(kalteng):
    row = gendex.trend("ipg", kalteng.filter(regions="6203")).iloc[0]
    wide = gendex.ipg(kalteng.filter(regions="6203")).wide()
    slope = np.polyfit(wide["period"], wide["ipg"], 1)[0]  # independent least squares
    assert row["slope"] == pytest.approx(slope, rel=1e-9)
    assert row["periods"] == 11 and row["last_period"] == 2021


# -------------------------------------------------------------------------------- edition diff


@pytest.mark.parametrize("index", ["hdi", "gdi", "gii"])
def test_edition_diff_parts_add_up_and_values_are_the_published_ones(hdr_files, index):
    pairs = [("hdr2021-22", "hdr2023-24"), ("hdr2023-24", "hdr2025")]
    for old, new in pairs:
        diff = gendex.edition_diff(index, (hdr_files[old], old), (hdr_files[new], new))
        assert len(diff) > 4_000 and diff.attrs["notes"] == []
        residual = (diff["revision"] + diff["method"] - (diff["new_value"] - diff["old_value"])).abs()
        assert float(residual.max()) <= 1e-12
        # Each side recomputed equals its file's published figure at the printed precision (3 decimals).
        for side, edition in (("old_value", old), ("new_value", new)):
            published = hdr_files[edition].to_frame()
            published = published[(published.indicator == index) & (published.sex == "total")]
            merged = diff.merge(published, on=["region", "period"])
            assert len(merged) >= 0.99 * len(diff)  # a few computed country-years are not published
            assert (gendex.round_half_up(merged[side], 3) == gendex.round_half_up(merged["value"], 3)).all()


def test_indonesia_hdi_between_hdr2023_24_and_hdr2025(hdr_files):
    diff = gendex.edition_diff(
        "hdi",
        (hdr_files["hdr2023-24"].filter(regions="IDN"), "hdr2023-24"),
        (hdr_files["hdr2025"].filter(regions="IDN"), "hdr2025"),
    ).set_index("period")
    row = diff.loc[2022]
    # HDR 2023-24, IDN 2022: LE 68.25, EYS 13.97574, MYS 8.55651, GNIpc 12,045.57 (2017 PPP $)
    #   h = (68.25 - 20)/65 = 0.742308, e = (13.97574/18 + 8.55651/15)/2 = 0.673432,
    #   i = ln(12045.57/100)/ln(750) = 0.723751, HDI = (h e i)^(1/3) = 0.712561 -> published 0.713.
    # HDR 2025, IDN 2022: LE 70.925, EYS 13.41617, MYS 8.69722, GNIpc 13,106.56 (2021 PPP $)
    #   h = 0.783462, e = 0.662579, i = 0.736502, HDI = 0.725788 -> published 0.726.
    # The HDI's goalposts are the same in both editions: method = 0, and the whole difference
    # 0.725788 - 0.712561 = 0.013227 is data revision (LE +2.7 years, incomes restated, EYS -0.56).
    assert row["old_value"] == pytest.approx(0.7125612324160966, abs=1e-12)
    assert round(row["old_value"], 3) == 0.713
    assert row["new_value"] == pytest.approx(0.7257880023455868, abs=1e-12)
    assert round(row["new_value"], 3) == 0.726
    assert row["method"] == 0.0
    assert row["revision"] == pytest.approx(0.013226769929490234, abs=1e-12)
    assert row["revision"] + row["method"] == pytest.approx(row["new_value"] - row["old_value"], abs=1e-15)


def test_edition_diff_separates_a_method_change(hdr_files):
    """The GII's parliament floor differs (0.1 % in HDR 2021-22, 0.01 % after): for a country-year
    without women in parliament the method part is not 0."""
    diff = gendex.edition_diff("gii", (hdr_files["hdr2021-22"], "hdr2021-22"), (hdr_files["hdr2023-24"], "hdr2023-24"))
    assert (diff["method"].abs() > 1e-3).sum() > 10
    assert (diff["method"].abs() < 1e-15).mean() > 0.9  # elsewhere the method is the same


# -------------------------------------------------------------------------------- elasticities


@pytest.mark.parametrize("index", ["hdi", "gdi", "gii"])
def test_gradients_match_central_differences_on_the_hdr_files(hdr_files, index):
    checked = sum(compare_with_differences(index, data, edition) for edition, data in hdr_files.items())
    # Every differentiable country-year of the three files: 4,400-7,000 per file and input.
    assert checked > 40_000


def test_caps_and_floors_give_one_sided_or_zero_gradients():
    rows = [
        # HDI: LE exactly at its cap 85 (left), EYS beyond its cap 18 (none), MYS inside, GNI at 75,000 (left).
        ("A", 2022, "total", "life_expectancy", 85.0),
        ("A", 2022, "total", "expected_schooling", 19.0),
        ("A", 2022, "total", "mean_schooling", 10.0),
        ("A", 2022, "total", "gni_per_capita", 75000.0),
    ]
    e = gendex.elasticities("hdi", tidy(rows), "hdr2025").set_index("indicator")
    assert e.loc["life_expectancy", "side"] == "left" and e.loc["life_expectancy", "gradient"] > 0
    assert e.loc["expected_schooling", "side"] == "none" and e.loc["expected_schooling", "gradient"] == 0.0
    assert e.loc["mean_schooling", "side"] == "both"
    assert e.loc["gni_per_capita", "side"] == "left"
    # The left derivative at the cap is the one of the formula: d HDI / d LE = HDI / (3 h) / 65, h = 1.
    hdi = gendex.hdi(tidy(rows), "hdr2025").wide()["hdi"].iloc[0]
    assert e.loc["life_expectancy", "gradient"] == pytest.approx(hdi / 3 / 65, rel=1e-12)
    gii = [
        # MMR at its lower bound 10 (right), ABR above the floor, no women in parliament (below the floor: none).
        ("B", 2022, "female", "maternal_mortality", 10.0),
        ("B", 2022, "female", "adolescent_birth_rate", 20.0),
        ("B", 2022, "female", "parliament_share", 0.0),
        ("B", 2022, "male", "parliament_share", 100.0),
        ("B", 2022, "female", "secondary_education", 60.0),
        ("B", 2022, "male", "secondary_education", 70.0),
        ("B", 2022, "female", "labour_force_participation", 40.0),
        ("B", 2022, "male", "labour_force_participation", 75.0),
    ]
    g = gendex.elasticities("gii", tidy(gii), "hdr2025").set_index(["indicator", "sex"])
    assert g.loc[("maternal_mortality", "female"), "side"] == "right"
    assert g.loc[("maternal_mortality", "female"), "gradient"] > 0  # more deaths, more inequality
    assert g.loc[("parliament_share", "female"), "side"] == "none"
    assert g.loc[("parliament_share", "female"), "gradient"] == 0.0
    # MMR below its bound 10: it does not move the index (none).
    below = [("C", 2022, s, i, 5.0 if i == "maternal_mortality" else v) for (_, _, s, i, v) in gii]
    c = gendex.elasticities("gii", tidy(below), "hdr2025").set_index(["indicator", "sex"])
    assert c.loc[("maternal_mortality", "female"), "side"] == "none"
    assert c.loc[("maternal_mortality", "female"), "gradient"] == 0.0


def test_ipg_and_ikg_gradients_match_central_differences(kalteng):
    assert compare_with_differences("ipg", kalteng, "bps") == 166 * 8  # every region-year, every input
    # 17 provinces x 8 inputs, less Jakarta's and Yogyakarta's MTF of 0, below its floor (side none).
    assert compare_with_differences("ikg", ikg_published(), "bps") == 17 * 8 - 2


# --------------------------------------------------------------------------------- CLI, plots

KALTENG = DATA / "bps" / "kalteng_2010_2021.csv"


def test_cli_analyse(capsys, tmp_path):
    from gendex.cli import main

    out_csv = tmp_path / "parts.csv"
    assert main(["analyse", "decompose", "ipg", "--input", str(KALTENG), "--output", str(out_csv)]) == 0
    parts = pd.read_csv(out_csv, dtype={"region": str})
    assert list(parts.columns) == list(gendex._planning.DECOMPOSITION_COLUMNS)
    sums = (
        parts.groupby(["region", "period"])["contribution"].sum() - parts.groupby(["region", "period"])["total"].first()
    )
    assert float(sums.abs().max()) < 1e-12
    capsys.readouterr()
    assert main(["analyse", "trend", "ipg", "--input", str(KALTENG)]) == 0
    assert "Year of equality" in capsys.readouterr().out  # the parity_year column, for people
    edits_csv = tmp_path / "edits.csv"
    edits_csv.write_text("region,period,sex,indicator,op,value\n6203,2021,female,mean_schooling,add,1\n")
    assert main(["analyse", "scenario", "--input", str(KALTENG), "--edits", str(edits_csv)]) == 0
    assert "ipg" in capsys.readouterr().out
    edits_csv.write_text("region,period,sex,indicator,op,value\n6203,2021,female,mean_schooling,double,1\n")
    assert main(["analyse", "scenario", "--input", str(KALTENG), "--edits", str(edits_csv)]) == 2
    assert "edit row 0: unknown edit op 'double'" in capsys.readouterr().err
    assert main(["analyse", "decompose", "--input", str(KALTENG)]) == 2
    assert main(["analyse", "decompose", "hdi", "--input", str(KALTENG)]) == 2
    assert "no additive decomposition" in capsys.readouterr().err


def test_cli_analyse_prints_names_and_labels_in_the_language_asked(capsys, tmp_path):
    from gendex.cli import main

    args = ["analyse", "decompose", "ipg", "--input", str(KALTENG), "--top", "500"]
    assert main([*args, "--lang", "id"]) == 0
    printed = capsys.readouterr().out
    # Headers, the bundled BPS region names and the component labels in Bahasa Indonesia.
    assert "Kode wilayah" in printed and "Wilayah" in printed and "Kode komponen" in printed
    assert "Kapuas" in printed
    assert main(args) == 0  # default en
    printed = capsys.readouterr().out
    assert "Region code" in printed and "Component code" in printed and "Kapuas" in printed
    # --output keeps the column ids other programs read, unless --header-lang asks for people's.
    ids_csv, people_csv = tmp_path / "ids.csv", tmp_path / "people.csv"
    assert main([*args, "--output", str(ids_csv)]) == 0
    assert list(pd.read_csv(ids_csv).columns) == list(gendex._planning.DECOMPOSITION_COLUMNS)
    assert main([*args, "--output", str(people_csv), "--header-lang", "id"]) == 0
    people = pd.read_csv(people_csv, dtype=str)
    assert people.columns[:2].tolist() == ["Kode wilayah", "Wilayah"]
    assert set(people["Wilayah"]) >= {"Kapuas", "Kota Palangka Raya"}
    # Every column of every analyse table has a header in both languages.
    from gendex._sampling_error import RANK_COLUMNS, SIGNIFICANCE_COLUMNS
    from gendex.cli.common import HEADERS

    P = gendex._planning
    columns = {*P.DECOMPOSITION_COLUMNS, *P.COMPARISON_COLUMNS, *P.EDITION_DIFF_COLUMNS, *P.ELASTICITY_COLUMNS}
    columns |= {*P.TREND_COLUMNS, *SIGNIFICANCE_COLUMNS, *RANK_COLUMNS}
    for lang in ("en", "id"):
        assert columns - set(HEADERS[lang]) == set(), lang
    assert main(["analyse", "trend", "ipg", "--input", str(KALTENG), "--lang", "id"]) == 0
    assert "Tahun setara" in capsys.readouterr().out


def test_plots_return_figures(kalteng):
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    import gendex.plot

    two = kalteng.filter(regions=["6203", "6271"])
    fig = gendex.plot.plot_decomposition(gendex.decompose("ipg", two))
    assert isinstance(fig, matplotlib.figure.Figure) and len(fig.axes[0].patches) == 6  # 2 regions x 3 parts
    kapuas = kalteng.filter(regions="6203")
    fig = gendex.plot.plot_trend(gendex.ipg(kapuas), gendex.trend("ipg", kapuas), "6203")
    assert isinstance(fig, matplotlib.figure.Figure) and len(fig.axes[0].lines) >= 3
    base = kapuas.filter(periods=2021)
    edited = gendex.scenario(base, edits(("6203", 2021, "female", "mean_schooling", "add", 1.0)))
    fig = gendex.plot.plot_scenario(gendex.compare_scenario(base, edited), "ipg")
    assert isinstance(fig, matplotlib.figure.Figure) and len(fig.axes[0].patches) == 2
    with pytest.raises(gendex.InputError, match="no trend for region 'nowhere'"):
        gendex.plot.plot_trend(gendex.ipg(kapuas), gendex.trend("ipg", kapuas), "nowhere")
    plt.close("all")


@pytest.mark.parametrize("module", ["gendex._planning", "gendex.plot"])
def test_docstring_examples_run(monkeypatch, module):
    import doctest
    import importlib

    pytest.importorskip("matplotlib").use("Agg")
    monkeypatch.chdir(DATA.parent)  # the examples read data/ of the repository
    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted > 0
