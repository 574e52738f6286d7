"""Priorities with realistic steps (gendex.priorities(steps=...), analysis/step_priorities.hpp)."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import DATA, IKG_PUBLISHED_COLUMNS, tidy

import gendex
from gendex.cli import main


@pytest.fixture(scope="module")
def kapuas() -> gendex.Dataset:
    return gendex.read_csv(DATA / "bps" / "kalteng_2010_2021.csv").filter(regions="6203", periods=2021)


@pytest.fixture(scope="module")
def ikg_inputs() -> gendex.Dataset:
    published = pd.read_csv(DATA / "bps" / "ikg_published.csv")
    rows = [
        (r.region, r.year, sex, ind, r[col])
        for _, r in published.iterrows()
        for col, (sex, ind) in IKG_PUBLISHED_COLUMNS.items()
    ]
    return gendex.Dataset.from_frame(tidy(rows))


def test_kapuas_ipg_steps_by_hand(kapuas):
    steps = {
        "mean_schooling": ("add", 1.0),
        "expected_schooling": ("add", 1.0),
        "life_expectancy": ("add", 1.0),
        "per_capita_expenditure": ("close_gap", 50.0),
    }
    result = gendex.priorities("ipg", kapuas, steps=steps)
    frame = result.frame.set_index("component")
    # Kapuas 2021 (BPS), women / men: UHH 70.70 / 66.76, HLS 12.96 / 12.92, RLS 7.45 / 7.91,
    # PPK 10,536 / 13,442 thousand Rp. BPS goalposts: UHH 22.5-87.5 (P) and 17.5-82.5 (L),
    # HLS 0-18, RLS 0-15, PPK ln 1,007.436 - ln 26,572.352.
    #   I_P: h = 48.2/65 = 0.741538, e = (12.96/18 + 7.45/15)/2 = 0.608333, i = ln(10536/1007.436)/ln(26.376) = 0.717316
    #   I_L: h = 49.26/65 = 0.757846, e = (12.92/18 + 7.91/15)/2 = 0.622556, i = 0.791751
    #   IPM_P = 68.6534, IPM_L = 72.0194, IPG = 100 * 68.6534 / 72.0194 = 95.32628
    # A step on women's inputs scales IPM_P by (new term / old term)^(1/3):
    #   RLS + 1: e = (0.72 + 8.45/15)/2 = 0.641667, IPG 95.32628 * (0.641667/0.608333)^(1/3) = 97.03653 (+1.71025)
    #   HLS + 1: e = (13.96/18 + 0.496667)/2 = 0.636111, IPG 96.75567 (+1.42939)
    #   UHH + 1: h = 49.2/65 = 0.756923, IPG 95.98102 (+0.65473)
    #   PPK half the gap: 10,536 + 0.5 * 2,906 = 11,989, IPG 97.04395 (+1.71767)
    assert frame.loc["mean_schooling", "value"] == pytest.approx(95.32628129954956, abs=1e-9)
    assert frame.loc["mean_schooling", "after"] == pytest.approx(97.03653340165565, abs=1e-9)
    assert frame.loc["mean_schooling", "gain"] == pytest.approx(1.7102521021060824, abs=1e-9)
    assert frame.loc["expected_schooling", "gain"] == pytest.approx(1.4293922580289404, abs=1e-9)
    assert frame.loc["life_expectancy", "gain"] == pytest.approx(0.6547339903009544, abs=1e-9)
    assert frame.loc["per_capita_expenditure", "gain"] == pytest.approx(1.7176653247487934, abs=1e-9)
    assert frame.loc["per_capita_expenditure", "input_after"] == pytest.approx(11989.0)
    # Ranked by gain: half the expenditure gap, one more year of schooling, HLS, UHH.
    assert frame.sort_values("rank").index.tolist() == [
        "per_capita_expenditure",
        "mean_schooling",
        "expected_schooling",
        "life_expectancy",
    ]
    assert not frame["at_cap"].any() and len(result.notes) == 0
    assert list(result.frame.columns) == list(gendex.indices.STEP_PRIORITY_COLUMNS)


def test_a_step_on_an_input_at_its_cap_is_named(kapuas):
    # Women's and men's HLS at the cap 18 (the IPG stays below 100: 95.41): one more year of women's HLS
    # moves the input (19), not the index; one more year of RLS still counts.
    at_cap = gendex.scenario(
        kapuas,
        pd.DataFrame(
            {
                "region": ["6203", "6203"],
                "period": [2021, 2021],
                "sex": ["female", "male"],
                "indicator": ["expected_schooling", "expected_schooling"],
                "op": ["set", "set"],
                "value": [18.0, 18.0],
            }
        ),
    )
    result = gendex.priorities(
        "ipg", at_cap, steps={"expected_schooling": ("add", 1.0), "mean_schooling": ("add", 1.0)}
    )
    frame = result.frame.set_index("component")
    assert bool(frame.loc["expected_schooling", "at_cap"]) and frame.loc["expected_schooling", "gain"] == 0.0
    assert frame.loc["expected_schooling", "input_after"] == 19.0
    assert frame.loc["expected_schooling", "value"] < 100
    assert not frame.loc["mean_schooling", "at_cap"] and frame.loc["mean_schooling", "rank"] == 1
    assert frame.loc["mean_schooling", "gain"] > 0
    assert result.notes["note"].str.contains("expected_schooling \\(female\\): already at a cap").sum() == 1


def test_a_step_past_parity_has_a_negative_gain(kapuas):
    # Women's UHH at the female cap 87.5 puts the IPG above 100 (h_P = 1 against h_L = 0.757846:
    # 95.32628 * (1 / 0.741538)^(1/3) = 105.33); one more year of women's RLS moves it further from 100.
    edits = pd.DataFrame(
        {
            "region": ["6203"],
            "period": [2021],
            "sex": ["female"],
            "indicator": ["life_expectancy"],
            "op": ["set"],
            "value": [87.5],
        }
    )
    frame = gendex.priorities("ipg", gendex.scenario(kapuas, edits), steps={"mean_schooling": ("add", 1.0)}).frame
    assert frame["value"].iloc[0] == pytest.approx(95.32628129954956 * (1 / (48.2 / 65)) ** (1 / 3), abs=1e-9)
    assert frame["gain"].iloc[0] < 0


def test_ikg_steps_by_hand(ikg_inputs):
    jabar = ikg_inputs.filter(regions="JAWA BARAT", periods=2022)
    steps = pd.DataFrame(
        {
            "indicator": ["labour_force_participation", "first_birth_before_20", "parliament_share"],
            "op": ["add", "scale", "add"],
            "value": [2.0, 0.5, 5.0],
        }
    )
    frame = gendex.priorities("ikg", jabar, steps=steps, lang="id").frame.set_index("component")
    # Jawa Barat 2022 (BPS): MTF 16.9, MHPK20 29.9, parliament 21.85 / 78.15, SMA+ 35.36 / 41.24,
    # TPAK 48.01 / 83.93 (women / men), c = 0.5:
    #   h = sqrt(0.5 / (16.9 * 29.9)) = 0.031456, e_f = sqrt(0.2185 * 0.3536) = 0.277960,
    #   e_m = sqrt(0.7815 * 0.4124) = 0.567706, G_P = (h e_f 0.4801)^(1/3) = 0.161314,
    #   G_L = (e_m 0.8393)^(1/3) = 0.781053, HARM = 2 / (1/G_P + 1/G_L) = 0.267401,
    #   G_PL = ((h+1)/2 * (e_f+e_m)/2 * (0.4801+0.8393)/2)^(1/3) = 0.523977, IKG = 1 - 0.267401/0.523977 = 0.489670
    # Halving MHPK20 (14.95): h = 0.044486, G_P = 0.181069, HARM 0.293985, G_PL 0.526174, IKG 0.441278 (gain 0.048392)
    # Parliament + 5 points (26.85 / 73.15): e_f 0.308126, e_m 0.549245, IKG 0.478397 (gain 0.011273)
    # TPAK + 2 points (50.01): G_P 0.163524, HARM 0.270430, G_PL 0.526611, IKG 0.486471 (gain 0.003198)
    assert frame.loc["first_birth_before_20", "value"] == pytest.approx(0.4896697201217667, abs=1e-12)
    assert frame.loc["first_birth_before_20", "gain"] == pytest.approx(0.04839166505613646, abs=1e-12)
    assert frame.loc["parliament_share", "gain"] == pytest.approx(0.011272983182215701, abs=1e-12)
    assert frame.loc["labour_force_participation", "gain"] == pytest.approx(0.0031983556109457245, abs=1e-12)
    assert frame["rank"].tolist() == [1, 2, 3]
    assert frame.loc["parliament_share", "component_label"] == "Keterlibatan Perempuan di Parlemen"


def test_ikg_mtf_below_its_floor_is_at_cap(ikg_inputs):
    # DKI Jakarta 2024: MTF 0.0, below the IKG's floor 0.5; 0.3 more is still below: the index does not move.
    jakarta = ikg_inputs.filter(regions="DKI JAKARTA")
    frame = gendex.priorities("ikg", jakarta, steps={"births_outside_facility": ("add", 0.3)}).frame
    assert frame["at_cap"].tolist() == [True] and frame["gain"].tolist() == [0.0]
    assert frame["value"].iloc[0] == pytest.approx(0.14722827790985116, abs=1e-12)


def test_bad_steps_raise_naming_the_step(kapuas):
    with pytest.raises(gendex.InputError, match=r"edit row 0 .*unknown indicator 'schooling'"):
        gendex.priorities("ipg", kapuas, steps={"schooling": ("add", 1.0)})
    with pytest.raises(gendex.InputError, match="no region-period of ipg has this input"):
        gendex.priorities("ipg", kapuas, steps={"labour_force_participation": ("add", 2.0)})
    with pytest.raises(gendex.InputError, match="outside the range of 'mean_schooling'"):
        gendex.priorities("ipg", kapuas, steps={"mean_schooling": ("add", 30.0)})
    with pytest.raises(gendex.InputError, match="give \\(op, value\\)"):
        gendex.priorities("ipg", kapuas, steps={"mean_schooling": 1.0})
    with pytest.raises(gendex.InputError, match="no steps given"):
        gendex.priorities("ipg", kapuas, steps={})
    with pytest.raises(gendex.InputError, match="missing column\\(s\\) op"):
        gendex.priorities("ipg", kapuas, steps=pd.DataFrame({"indicator": ["mean_schooling"], "value": [1.0]}))


def test_parity_priorities_unchanged_without_steps(kapuas):
    frame = gendex.priorities("ipg", kapuas).frame
    assert list(frame.columns) == list(gendex.indices.PRIORITY_COLUMNS)
    assert frame.loc[frame["rank"] == 1, "component"].tolist() == ["per_capita_expenditure"]


def test_cli_priorities_with_steps(tmp_path, capsys):
    out = tmp_path / "steps.csv"
    code = main(
        [
            "priorities",
            "ipg",
            "--input",
            str(DATA / "bps" / "kalteng_2010_2021.csv"),
            "--show",
            "6203",
            "--step",
            "mean_schooling=add:1",
            "--step",
            "life_expectancy=add:1",
            "--output",
            str(out),
        ]
    )
    assert code == 0
    printed = capsys.readouterr().out
    assert "ipg 2021: each step alone" in printed and "Kapuas" in printed
    table = pd.read_csv(out, dtype={"region": str})
    kapuas = table[(table.region == "6203") & (table.period == 2021)].set_index("component")
    assert kapuas.loc["mean_schooling", "gain"] == pytest.approx(1.7102521021060824, abs=1e-9)
    assert kapuas.loc["mean_schooling", "rank"] == 1
    # Every region-year with an IPG has both steps, ranked 1 and 2.
    units = gendex.ipg(gendex.read_csv(DATA / "bps" / "kalteng_2010_2021.csv")).report.computed
    assert table.groupby(["region", "period"])["rank"].apply(lambda r: sorted(r) == [1, 2]).all()
    assert len(table) == 2 * units


def test_cli_analyse_priorities_needs_steps(capsys):
    assert main(["analyse", "priorities", "ipg", "--input", str(DATA / "bps" / "kalteng_2010_2021.csv")]) == 2
    assert "give the steps" in capsys.readouterr().err
