"""BPS indices and the Indonesian hierarchy from Python, on the bundled data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import DATA, IKG_PUBLISHED_COLUMNS, tidy

import gendex


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


# ---------------------------------------------------------------- IDG: the income inputs made explicit (issue 14)


def test_idg_income_step_of_the_worked_examples_at_their_printed_precision():
    bps = gendex.edition("bps")._core
    # Indonesia HDR 2001, Aceh 1996: wages 271.929 / 383.423, labour force 38.4 % women, p_f 0.499, PPP 562.8.
    r = 271.929 / 383.423
    share = 100 * r * 0.384 / (r * 0.384 + 0.616)  # 30.657 %, printed 0.307
    prop_f, prop_m, ede, index = gendex._core.idg_income(bps, share, 0.499, 562.8)
    assert (round(prop_f, 3), round(prop_m, 3), round(ede, 2), round(index, 3)) == (0.614, 1.384, 0.85, 0.276)
    # Aceh HDR 2010, DKI Jakarta 2008: wages 1,320,438 / 1,796,428, labour force 40.2 % women, p_f 0.509.
    r = 1320438 / 1796428
    share = 100 * r * 0.402 / (r * 0.402 + 0.598)  # printed 0.331
    prop_f, prop_m, _, _ = gendex._core.idg_income(bps, share, 0.509, 625.8)
    assert (round(prop_f, 3), round(prop_m, 3)) == (0.650, 1.363)


def test_idg_constants_are_edition_data_with_sources():
    bps = gendex.edition("bps")
    constants = {name: value for name, _, value, *_ in bps._core.constants()}
    assert (constants["idg_income_min"], constants["idg_income_max"], constants["idg_income_offset"]) == (
        300.0,
        732.72,
        360.0,
    )
    assert "737.72" in bps._core.source("idg_income_max")  # the misprint, documented
    assert "Aceh 1996" in bps._core.source("idg_income_offset")


@pytest.fixture(scope="module")
def idg_table(indonesia) -> gendex.Dataset:
    return gendex.read_bps_table(DATA / "bps" / "idg_components_2010_2021.csv", indonesia)


@pytest.fixture(scope="module")
def implied(idg_table) -> pd.DataFrame:
    return gendex.idg_implied_purchasing_power(idg_table)


def test_implied_purchasing_power_of_every_bundled_idg_row(idg_table, implied):
    # Every region-year with a published IDG and its three shares (6,000 IDGs; one lacks a share); p_f = 0.5.
    published = idg_table.to_frame()
    assert (published["indicator"] == "idg").sum() == 6000
    assert len(implied) == 5999
    assert implied["purchasing_power"].notna().all()
    # Within the old method's goalposts (300-732.72 thousand Rp) for 98.97 %; the methodology note found
    # "plausible for 98.5 %, median 649 thousand Rp, tracking the national series year by year".
    assert implied["plausible"].sum() == 5937
    assert round(implied["purchasing_power"].median()) == 649
    national = implied[implied["region"] == "00"].set_index("period")["purchasing_power"]
    # Indonesia 2021 by hand: I_parl = EDEP(21.89, 78.11) / 50 = 0.68392, I_prof = EDEP(49.99, 50.01) / 50 = 1.0000,
    # I_income = 3 x 76.26 / 100 - 0.68392 - 1.0000 = 0.60389; X_ede = EDEP(0.7444, 1.2556) = 0.93468;
    # PPP = (0.60389 x 432.72 + 360) / 0.93468 = 664.73.
    assert national[2021] == pytest.approx(664.73, abs=0.01)
    assert round(national[2010], 3) == 637.844
    # The listed file is current (tools/idg_implied_purchasing_power.py writes it).
    listed = pd.read_csv(DATA / "bps" / "idg_implied_purchasing_power.csv", dtype={"region": str})
    assert listed["region"].tolist() == implied["region"].tolist()
    np.testing.assert_allclose(listed["purchasing_power"], implied["purchasing_power"], atol=0.0005)
    assert listed["plausible"].tolist() == implied["plausible"].tolist()


def test_implied_purchasing_power_for_legislatures_without_women(implied):
    none = implied[implied["parliament_share"] == 0]
    assert len(none) == 120
    row = none.iloc[0]
    # EDEP of a zero share is 0, so I_parliament = 0 and I_income = 3 IDG / 100 - I_professional; by hand:
    prof = 1 / (0.5 / row["professional_share"] + 0.5 / (100 - row["professional_share"])) / 50
    s = row["income_share"] / 100
    ede = 1 / (0.5 / (s / 0.5) + 0.5 / ((1 - s) / 0.5))
    income = 3 * row["idg"] / 100 - 0 - prof
    assert row["purchasing_power"] == pytest.approx((income * (732.72 - 300) + 360) / ede, rel=1e-12)


def test_idg_output_says_whose_inputs_these_are():
    data = pd.DataFrame(
        {
            "region": ["6203"] * 6,
            "period": [2021] * 6,
            "sex": ["female", "female", "female", "female", "male", "total"],
            "indicator": [
                "parliament_share",
                "professional_share",
                "income_share",
                "population",
                "population",
                "purchasing_power",
            ],
            "value": [0.0, 54.86, 27.65, 0.5, 0.5, 640.0],
        }
    )
    result = gendex.idg(data)
    # No women in the DPRD: I_parliament 0; 100 (0 + 0.99055 + 0.35155) / 3 = 44.737 (tests/cpp/test_bps_indices.cpp).
    assert round(float(result.wide()["idg"].iloc[0]), 3) == 44.737
    (note,) = result.report.notes["note"].tolist()
    assert note.startswith("BPS's inputs: parliament_share, professional_share, income_share (female, %); the user's:")


def test_idg_participation_index_above_one_when_women_are_not_half_the_population():
    # Women 30 % of the population, 39.57 % of the seats: EDEP = 1 / (0.3 / 39.57 + 0.7 / 60.43) = 52.18,
    # so I_parliament = 52.18 / 50 = 1.0436, the largest possible: 2 / (sqrt(0.3) + sqrt(0.7))^2.
    share = 100 * np.sqrt(0.3) / (np.sqrt(0.3) + np.sqrt(0.7))  # 39.57: the share at which EDEP peaks
    data = tidy(
        [
            ("X", 2021, "female", "parliament_share", share),
            ("X", 2021, "female", "professional_share", 50.0),
            ("X", 2021, "female", "income_share", 30.0),
            ("X", 2021, "female", "population", 30.0),
            ("X", 2021, "male", "population", 70.0),
            ("X", 2021, "total", "purchasing_power", 640.0),
        ]
    )
    wide = gendex.idg(data).wide()
    expected = 2 / (np.sqrt(0.3) + np.sqrt(0.7)) ** 2
    assert expected > 1
    assert wide["idg_parliament_index"].iloc[0] == pytest.approx(expected, rel=1e-12)
