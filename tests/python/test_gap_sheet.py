"""The Gender Analysis Pathway (GAP) sheet (gendex.gap_sheet, gendex analyse gap) on Kapuas's data terpilah."""

from __future__ import annotations

import math

import pytest
from conftest import DATA

import gendex
from gendex.cli import main
from gendex.report.gap import GAP_COLUMNS, GAP_STEPS
from gendex.report.words import number_text

openpyxl = pytest.importorskip("openpyxl")


@pytest.fixture(scope="module")
def kalteng() -> gendex.Dataset:
    return gendex.read_csv(DATA / "bps" / "kalteng_2010_2021.csv").concat(
        gendex.read_csv(DATA / "bps" / "kalteng_population.csv")
    )


@pytest.fixture(scope="module")
def sheet(kalteng) -> gendex.GapSheet:
    return gendex.gap_sheet(kalteng, "Kapuas", regions=DATA)


def test_indonesian_numbers():
    assert number_text(1433967, 0) == "1.433.967"
    assert number_text(1459731.0, 0) == "1.459.731"
    assert number_text(66.755, 2) == "66,76"  # half up, as BPS prints
    assert number_text(-0.0004, 3) == "0,000"
    assert number_text(1234.5, 1, "en") == "1,234.5"
    assert number_text(math.nan, 2) == ""


def test_kapuas_rows(sheet):
    frame = sheet.frame.set_index("indicator")
    assert list(sheet.frame.columns) == list(GAP_COLUMNS)
    assert (sheet.region, sheet.name, sheet.target_year, sheet.target_percent) == ("6203", "Kapuas", 2026, 50.0)
    # The population opens step 2, as SP2010 counted it: 167,945 men, 161,461 women.
    assert sheet.frame["indicator"].iloc[0] == "population"
    population = frame.loc["population"]
    assert (population["male"], population["female"], population["period"]) == (167945.0, 161461.0, 2010)
    assert "Jumlah masyarakat L: 167.945 P: 161.461" in population["step2"].splitlines()
    assert math.isnan(population["target"]) and population["step9"] == ""
    # One year of population by sex among the 11 years of Kapuas's data (2010-2015, 2017-2021).
    assert (population["periods_disaggregated"], population["periods_in_data"]) == (1, 11)
    # RLS 2021: women 7.45, men 7.91, gap 0.46; half closed by 2026: 7.45 + 0.5 * 0.46 = 7.68, gap 0.23.
    rls = frame.loc["mean_schooling"]
    assert (rls["female"], rls["male"], rls["period"]) == (7.45, 7.91, 2021)
    assert rls["gap"] == pytest.approx(0.46, abs=1e-12)
    assert rls["target"] == pytest.approx(7.68, abs=1e-12) and rls["target_gap"] == pytest.approx(0.23, abs=1e-12)
    # Gap trend: least squares over the 11 years, gaps 1.06 1.03 0.99 1.00 1.05 1.05 (2010-2015),
    # 0.44 0.44 0.44 0.46 0.46 (2017-2021): t mean 2015.4545, Sxy = -10.24727, Sxx = 142.72727,
    # slope -0.0717962 a year (narrowing).
    assert rls["gap_trend"] == pytest.approx(-0.07179617834394902, abs=1e-9)
    assert rls["step2"].splitlines() == [
        "Rata-rata Lama Sekolah (RLS) (tahun), 2021",
        "L: 7,91 P: 7,45",
        "Kesenjangan (L - P): 0,46",
        "Tren kesenjangan 2010-2021: menyempit 0,072 per tahun",
        "Data terpilah: 11 dari 11 tahun data",
    ]
    assert rls["step8"] == "Data dasar 2021: L 7,91; P 7,45; kesenjangan 0,46"
    # 0.23 of gap to close in 5 years: 0.046 a year.
    assert rls["step9"].splitlines() == [
        "Menutup 50 % kesenjangan pada 2026: P 7,68 (L 7,91), kesenjangan 0,23",
        "Laju yang dibutuhkan: kesenjangan turun 0,046 per tahun",
    ]
    # Women live longer: no target, said so.
    assert math.isnan(frame.loc["life_expectancy", "target"])
    assert frame.loc["life_expectancy", "step9"].startswith("P setara atau di atas L")
    # Seats: men's share is the complement of women's 27.5 %.
    seats = frame.loc["parliament_share"]
    assert (seats["female"], seats["male"]) == (27.5, 72.5) and seats["target"] == pytest.approx(50.0, abs=1e-12)


def test_kapuas_ipg_row_uses_bps_figures(sheet):
    ipg = sheet.frame.set_index("indicator").loc["ipg"]
    # BPS's IPG 2021 for Kapuas is 95.32: 4.68 from equality (100); half of it closed by 2026 is 97.66.
    assert ipg["kind"] == "index" and ipg["total"] == 95.32
    assert ipg["gap"] == pytest.approx(4.68, abs=1e-9) and ipg["target"] == pytest.approx(97.66, abs=1e-9)
    # Distance to 100 over 2010-2021 (92.92 ... 95.32): least-squares slope -0.2080 a year (narrowing).
    assert ipg["gap_trend"] == pytest.approx(-0.20798726114649316, abs=1e-9)
    assert "IPG 97,66" in ipg["step9"]
    assert "angka resmi BPS" in ipg["label"]
    # No IKG inputs for Kapuas: left out and said so.
    assert "ikg" not in set(sheet.frame["indicator"])
    assert any(n.startswith("IKG: tidak ada") for n in sheet.notes)


def test_workbook_layout(sheet, tmp_path):
    path = sheet.to_excel(tmp_path / "gap.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Matriks GAP", "Data terpilah", "Catatan"]
    ws = book["Matriks GAP"]
    assert ws["A1"].value == "Gender Analysis Pathway (GAP): Kapuas (6203)"
    # Header rows 5-8: groups, the nine steps, their titles and what goes in.
    assert [ws.cell(6, c).value for c in range(1, 10)] == [f"Langkah {k}" for k in range(1, 10)]
    assert [ws.cell(7, c).value for c in range(1, 10)] == [s[2] for s in GAP_STEPS]
    assert ws["C5"].value == "Isu Gender" and "C5:E5" in {str(r) for r in ws.merged_cells.ranges}
    assert ws["H5"].value == "Pengukuran Hasil"
    # One row per indicator from row 9: steps 2, 8, 9 filled, the narrative columns (1, 3-7) empty.
    rows = list(ws.iter_rows(min_row=9, max_row=ws.max_row, values_only=True))
    assert len(rows) == len(sheet.frame)
    for cells, record in zip(rows, sheet.frame.to_dict("records")):
        assert cells[1] == record["step2"] and cells[7] == record["step8"]
        assert cells[8] == (record["step9"] or None)
        assert all(cells[c] is None for c in (0, 2, 3, 4, 5, 6))
    assert rows[0][1].splitlines()[1] == "Jumlah masyarakat L: 167.945 P: 161.461"
    # The data sheet keeps numbers as numbers at full precision.
    data = book["Data terpilah"]
    header = [c.value for c in data[1]]
    assert header[:4] == ["Kode", "Wilayah", "Indikator (id)", "Indikator"]
    population = [c.value for c in data[2]]
    assert population[header.index("Laki-laki (L)")] == 167945 and population[2] == "population"
    assert data.cell(2, header.index("Laki-laki (L)") + 1).number_format == "#,##0"


def test_targets_and_errors(kalteng):
    sheet = gendex.gap_sheet(kalteng, "6203", ["mean_schooling"], indices=(), target_percent=100, target_year=2030)
    row = sheet.frame.iloc[0]
    assert row["target"] == pytest.approx(7.91, abs=1e-12) and row["target_gap"] == pytest.approx(0.0, abs=1e-12)
    assert row["target_year"] == 2030
    assert "Laju yang dibutuhkan: kesenjangan turun 0,051 per tahun" in row["step9"]  # 0.46 / 9 years
    with pytest.raises(gendex.InputError, match="target_percent must be between 0 and 100"):
        gendex.gap_sheet(kalteng, "6203", target_percent=120)
    with pytest.raises(gendex.InputError, match="target_year 2020 is before the latest baseline year 2021"):
        gendex.gap_sheet(kalteng, "6203", target_year=2020)
    with pytest.raises(gendex.InputError, match="no women's values of 'labour_force_participation'"):
        gendex.gap_sheet(kalteng, "6203", ["labour_force_participation"])
    with pytest.raises(gendex.UnknownKeyError):
        gendex.gap_sheet(kalteng, "6203", ["no_such_indicator"])
    with pytest.raises(gendex.InputError, match="region '63' has no rows"):  # Kalimantan Selatan: known, no data
        gendex.gap_sheet(kalteng, "63")
    with pytest.raises(gendex.UnknownKeyError):
        gendex.gap_sheet(kalteng, "Atlantis")


def test_cli_analyse_gap(tmp_path, capsys):
    out = tmp_path / "gap.xlsx"
    code = main(
        [
            "analyse",
            "gap",
            "--input",
            str(DATA / "bps" / "kalteng_2010_2021.csv"),
            "--add",
            str(DATA / "bps" / "kalteng_population.csv"),
            "--region",
            "6203",
            "--target-percent",
            "25",
            "--output",
            str(out),
        ]
    )
    assert code == 0
    printed = capsys.readouterr().out
    assert "Data dasar 2021: L 7,91; P 7,45; kesenjangan 0,46" in printed
    assert f"to {out}" in printed
    ws = openpyxl.load_workbook(out)["Matriks GAP"]
    assert "menutup 25 % kesenjangan pada 2026" in ws["A3"].value
    assert main(["analyse", "gap", "--input", str(DATA / "bps" / "kalteng_2010_2021.csv"), "--region", "6203"]) == 2
    assert "--output FILE.xlsx is required" in capsys.readouterr().err
