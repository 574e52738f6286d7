"""gendex.elasticities for every index with a gradient model: against central differences of the
whole compute path on the bundled HDR and BPS rows (the GII, GDI, HDI, IPG and IKG cases are in
test_planning.py), and the index table as the one list of indices with gradients."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import DATA, HDR_FILES, compare_with_differences, tidy

import gendex
from gendex.indices import index_facts


def test_ihdi_gradients_on_the_three_hdr_files():
    checked = 0
    for path, edition in zip(HDR_FILES, ("hdr2021-22", "hdr2023-24", "hdr2025")):
        checked += compare_with_differences("ihdi", gendex.read_hdr(path), edition)
    # About 1,100-1,900 IHDI country-years per file, 7 inputs each.
    assert checked > 20_000


def test_gem_gradients_on_hdr_rows_with_made_up_occupational_shares():
    """The HDR files carry seats and income by sex; the GEM's occupational shares and population by
    sex (not in them) are made up per row, deterministically, to exercise every input."""
    frame = gendex.read_hdr(HDR_FILES[2]).to_frame()
    keep = frame[
        frame["indicator"].isin(["parliament_share", "gni_per_capita"]) & frame["sex"].isin(["female", "male"])
    ]
    units = keep[["region", "period"]].drop_duplicates().reset_index(drop=True)
    k = np.arange(len(units))
    made_up = [
        units.assign(sex="female", indicator="managers_share", value=15 + (k % 30)),
        units.assign(sex="male", indicator="managers_share", value=85 - (k % 30)),
        units.assign(sex="female", indicator="professional_technical_share", value=35 + (k % 25)),
        units.assign(sex="male", indicator="professional_technical_share", value=65 - (k % 25)),
        units.assign(sex="female", indicator="population", value=1e6 * (1.0 + (k % 7) / 100)),
        units.assign(sex="male", indicator="population", value=1e6),
    ]
    columns = ["region", "period", "sex", "indicator", "value"]
    data = gendex.Dataset.from_frame(pd.concat([keep[columns], *[m[columns] for m in made_up]], ignore_index=True))
    assert compare_with_differences("gem", data, "hdr2025") > 30_000


@pytest.fixture(scope="module")
def idg_data() -> gendex.Dataset:
    """BPS's IDG table with population by sex and the purchasing power it does not carry (made up:
    1.00-1.06 women per man, 600-700 thousand Rp). With women's population share p != 1/2 a share
    near 100 sqrt(p) / (sqrt(p) + sqrt(1 - p)) gives a participation index above 1, which the
    index's range check rejects: those units (a share within 10 points of 50) keep p = 1/2."""
    regions = gendex.read_indonesia_regions(DATA)
    table = gendex.read_bps_table(DATA / "bps" / "idg_components_2010_2021.csv", regions).to_frame()
    table = table[table["indicator"] != "idg"]
    shares = table[table["indicator"].isin(["parliament_share", "professional_share"])]
    near_half = shares.assign(near=(shares["value"] - 50).abs() < 10).groupby(["region", "period"])["near"].any()
    units = near_half.reset_index()
    k = np.arange(len(units))
    women = np.where(units["near"], 1000.0, 1000.0 + 10 * (k % 7))
    units = units[["region", "period"]]
    extra = pd.concat(
        [
            units.assign(sex="female", indicator="population", value=women),
            units.assign(sex="male", indicator="population", value=1000.0),
            units.assign(sex="total", indicator="purchasing_power", value=600.0 + (k % 100)),
        ]
    )
    columns = ["region", "period", "sex", "indicator", "value"]
    return gendex.Dataset.from_frame(pd.concat([table[columns], extra[columns]], ignore_index=True))


def test_idg_gradients_on_every_row_of_the_bps_table(idg_data):
    # Over 5,000 region-years of 6 inputs (a share at 0 or 100 is one-sided and left out).
    assert compare_with_differences("idg", idg_data, "bps") > 30_000
    e = gendex.elasticities("idg", idg_data)
    assert set(e["side"]) <= {"both", "left", "right"}
    # A share of 0 (no women in a regency's parliament) gives the right derivative.
    zero = e[(e["indicator"] == "parliament_share") & (e["value"] == 0.0)]
    assert (zero["side"] == "right").all()


def test_ipm_gradients_on_the_kalteng_components():
    """The IPM's inputs of sex total: the IPG table's women's and men's components as two regions."""
    frame = gendex.read_csv(DATA / "bps" / "kalteng_2010_2021.csv").to_frame()
    parts = frame[
        frame["indicator"].isin(["life_expectancy", "expected_schooling", "mean_schooling", "per_capita_expenditure"])
    ]
    as_total = parts.assign(region=parts["region"] + "-" + parts["sex"], sex="total")
    data = gendex.Dataset.from_frame(as_total[["region", "period", "sex", "indicator", "value"]])
    assert compare_with_differences("ipm", data, "bps") > 1_000


def test_every_index_of_the_table_has_gradients():
    from gendex.indices import index_names

    rows = [("A", 2022, "female", "parliament_share", 20.0), ("A", 2022, "male", "parliament_share", 80.0)]
    for name in index_names():
        e = gendex.elasticities(name, tidy(rows))  # too few inputs: no value, so no rows, but no error
        assert len(e) == 0, name


PATHS_ANNEX = DATA / "paths-to-equal" / "the-paths-to-equal-annex-tables-en.xlsx"


@pytest.mark.parametrize("index", ["wei", "ggpi"])
def test_twin_index_gradients_on_every_country_of_the_paths_to_equal_annex(index):
    """Every country of the annex with the index computed: the side-both gradients against central
    differences of the whole compute path, the parliament share standing in for the local
    government share where the annex notes no elected local government."""
    annex = gendex.read_paths_to_equal(PATHS_ANNEX)
    e = gendex.elasticities(index, annex, "paths-to-equal-2023")
    computed = gendex.compute(index, annex, "paths-to-equal-2023").wide()
    assert e.groupby(["region", "period"]).ngroups == computed[index].notna().sum()
    checked = compare_with_differences(index, annex, "paths-to-equal-2023", keep=("no_local_government",))
    # Every one: no input of the annex sits at a kink; a value of 100 % (account ownership in the
    # Nordic countries) cannot step up, so the helper leaves it out.
    top = e["indicator"].map(lambda i: gendex.IndicatorRegistry.standard()[i].max)
    assert checked == ((e["side"] == "both") & (e["value"] < top)).sum(), (checked, len(e))


GGGI_PROFILES = DATA / "wef" / "gggi_2023_profiles.csv"


def test_gggi_gradients_of_the_given_scores_of_the_2023_profiles():
    profiles = gendex.read_gggi_profiles(GGGI_PROFILES)
    e = gendex.elasticities("gggi", profiles, "wef2023")
    assert set(e["sex"]) == {"total"} and len(e) > 146 * 12
    # A score at its benchmark (parity 1, the sex ratio at birth 0.944) has its left derivative only.
    benchmark = e["indicator"].map({"gggi_sex_ratio_at_birth": 0.944, "gggi_healthy_life_expectancy": 1.06}).fillna(1.0)
    assert (e.loc[e["value"] == benchmark, "side"] == "left").all()
    # 145 economies computed (China has 11 of 14), 1,940 scores: 548 at a benchmark (left), 80 of 0
    # (right); every one of the other 1,312 matches its central difference.
    assert e["side"].value_counts().to_dict() == {"both": 1312, "left": 548, "right": 80}
    assert compare_with_differences("gggi", profiles, "wef2023") == 1312


def test_gggi_gradients_of_raw_values_made_from_the_2023_profiles():
    """Raw values behind each score: men's 60-99 (made up per row), women's the score times men's,
    and 1.1 times that where the score sits at its benchmark (beyond it: no gradient, side none)."""
    frame = gendex.read_gggi_profiles(GGGI_PROFILES).to_frame()
    scores = frame[frame["indicator"].isin([i for i, _ in index_facts("gggi").outputs[6:]])]
    scores = scores.reset_index(drop=True)
    men = 60.0 + np.arange(len(scores)) % 40
    at_benchmark = scores["value"].to_numpy() == np.where(scores["indicator"] == "gggi_sex_ratio_at_birth", 0.944, 1.06)
    at_benchmark |= (scores["value"].to_numpy() == 1.0) & ~scores["indicator"].isin(
        ["gggi_sex_ratio_at_birth", "gggi_healthy_life_expectancy"]
    )
    women = scores["value"].to_numpy() * men * np.where(at_benchmark, 1.1, 1.0)
    columns = ["region", "period", "sex", "indicator", "value"]
    raw = pd.concat([scores.assign(sex="female", value=women), scores.assign(sex="male", value=men)])
    data = gendex.Dataset.from_frame(raw[columns])
    e = gendex.elasticities("gggi", data, "wef2023")
    assert set(e["sex"]) == {"female", "male"}
    # 1,940 indicators: 548 made beyond their benchmark (none for both sexes), 80 with women's value 0
    # (right; men's gradient is -0 / m^2 = 0, side both); the other 1,312 both for both sexes.
    assert e.groupby("sex")["side"].value_counts().to_dict() == {
        ("female", "both"): 1312,
        ("female", "none"): 548,
        ("female", "right"): 80,
        ("male", "both"): 1392,
        ("male", "none"): 548,
    }
    assert (e.loc[e["side"] == "none", "gradient"] == 0.0).all()
    # The index from the raw values is the published one (the scores are the ratios).
    published = gendex.compute("gggi", gendex.read_gggi_profiles(GGGI_PROFILES), "wef2023").wide()
    recomputed = gendex.compute("gggi", data, "wef2023").wide()
    index = recomputed.set_index("region")["gggi"]
    assert len(index) == 145  # 146 economies; China has 11 of the 14 indicators (skipped)
    assert np.allclose(index, published.set_index("region")["gggi"].reindex(index.index), rtol=0, atol=1e-12)
    assert compare_with_differences("gggi", data, "wef2023") == 1312 + 1392  # every side-both row


def test_gggi_gradients_at_a_benchmark_from_either_side():
    """Women's primary enrolment 95 against men's 95 is at parity (score 1): women's gradient is the
    left derivative w / (4 W) / m and men's the right one -w / (4 W) f / m^2, with w = 0.459 and the
    education weights W = 0.191 + 0.459 + 0.230 + 0.121 = 1.001: 0.459 / 4.004 / 95 = 0.00120669...
    One step either way by hand: women at 94 move the index by 0.459 / 4.004 * (94/95 - 1) =
    -0.00120669..., women at 96 not at all (the score stays 1); men at 96 by 0.459 / 4.004 * (95/96 - 1)."""
    values = {
        "gggi_literacy_rate": (90.0, 100.0),
        "gggi_enrolment_in_primary_education": (95.0, 95.0),
        "gggi_enrolment_in_secondary_education": (80.0, 100.0),
        "gggi_enrolment_in_tertiary_education": (40.0, 50.0),
        "gggi_labour_force_participation": (50.0, 80.0),
        "gggi_estimated_earned_income": (9.0, 10.0),
        "gggi_legislators_senior_officials_and_managers": (30.0, 70.0),
        "gggi_professional_and_technical_workers": (45.0, 55.0),
        "gggi_sex_ratio_at_birth": (94.0, 106.0),
        "gggi_healthy_life_expectancy": (63.0, 60.0),
        "gggi_women_in_parliament": (25.0, 75.0),
        "gggi_women_in_ministerial_positions": (20.0, 80.0),
        "gggi_years_with_female_head_of_state": (5.0, 45.0),
    }

    def rows(women: float, men: float, hale: tuple[float, float] = (63.0, 60.0)) -> pd.DataFrame:
        out = dict(values, gggi_enrolment_in_primary_education=(women, men), gggi_healthy_life_expectancy=hale)
        return tidy([r for i, (f, m) in out.items() for r in (("A", 2023, "female", i, f), ("A", 2023, "male", i, m))])

    def index(women: float, men: float) -> float:
        return float(gendex.gggi(rows(women, men), "wef2023").wide()["gggi"].iloc[0])

    e = gendex.elasticities("gggi", rows(95.0, 95.0), "wef2023").set_index(["indicator", "sex"])
    women = e.loc[("gggi_enrolment_in_primary_education", "female")]
    men = e.loc[("gggi_enrolment_in_primary_education", "male")]
    d = 0.459 / 4.004
    assert women["side"] == "left" and women["gradient"] == pytest.approx(d / 95, rel=1e-12)
    assert men["side"] == "right" and men["gradient"] == pytest.approx(-d / 95, rel=1e-12)
    base = index(95.0, 95.0)
    assert index(94.0, 95.0) - base == pytest.approx(d * (94 / 95 - 1), rel=1e-9)
    assert index(96.0, 95.0) == base
    assert index(95.0, 96.0) - base == pytest.approx(d * (95 / 96 - 1), rel=1e-9)
    assert index(95.0, 94.0) == base
    # HALE 63/60 = 1.05 is inside its benchmark 1.06 (both); 66/60 = 1.1 beyond it (none, 0).
    assert e.loc[("gggi_healthy_life_expectancy", "female"), "side"] == "both"
    b = gendex.elasticities("gggi", rows(95.0, 95.0, hale=(66.0, 60.0)), "wef2023").set_index(["indicator", "sex"])
    assert b.loc[("gggi_healthy_life_expectancy", "female"), "side"] == "none"
    assert b.loc[("gggi_healthy_life_expectancy", "male"), "gradient"] == 0.0


def test_sides_at_an_inequality_cap_and_a_share_bound():
    """IHDI: an Atkinson measure of 100 % is its cap (the IHDI is 0, the left derivative -inf);
    IDG: women's share of 100 % makes men's 0, a left derivative."""
    ihdi = [
        ("A", 2022, "total", "life_expectancy", 70.0),
        ("A", 2022, "total", "expected_schooling", 12.0),
        ("A", 2022, "total", "mean_schooling", 8.0),
        ("A", 2022, "total", "gni_per_capita", 10000.0),
        ("A", 2022, "total", "inequality_life_expectancy", 10.0),
        ("A", 2022, "total", "inequality_education", 20.0),
        ("A", 2022, "total", "inequality_income", 30.0),
    ]
    e = gendex.elasticities("ihdi", tidy(ihdi), "hdr2025").set_index("indicator")
    # d IHDI / d A_h = -IHDI / (3 (100 - A_h)): with A = 10, 20, 30 %, IHDI = HDI (0.9 0.8 0.7)^(1/3).
    hdi = gendex.hdi(tidy(ihdi[:4]), "hdr2025").wide()["hdi"].iloc[0]
    value = hdi * (0.9 * 0.8 * 0.7) ** (1 / 3)
    assert e.loc["inequality_life_expectancy", "gradient"] == pytest.approx(-value / (3 * 90), rel=1e-12)
    capped = [r if r[3] != "inequality_income" else (*r[:4], 100.0) for r in ihdi]
    c = gendex.elasticities("ihdi", tidy(capped), "hdr2025").set_index("indicator")
    assert c.loc["inequality_income", "side"] == "left" and c.loc["inequality_income", "gradient"] == -np.inf


def test_cli_elasticities(tmp_path):
    from gendex.cli import main

    out_csv = tmp_path / "e.csv"
    kalteng = DATA / "bps" / "kalteng_2010_2021.csv"
    assert main(["analyse", "elasticities", "ipg", "--input", str(kalteng), "--output", str(out_csv)]) == 0
    table = pd.read_csv(out_csv, dtype={"region": str})
    expected = gendex.elasticities("ipg", gendex.read_csv(kalteng))
    assert len(table) == len(expected) > 0
    np.testing.assert_allclose(table["gradient"], expected["gradient"], rtol=1e-15)
