"""Office tables (gendex.read_table, audit_offices, write_template): layouts offices send, read cell by cell."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook

import gendex
import gendex.cli
from gendex.office import AUDIT_COLUMNS, OfficeTableError

DATA = Path(__file__).resolve().parents[2] / "data"

#: Three kecamatan of Kabupaten Kapuas (6203) as a Pokja adds them; "Kapuas Hulu" is also a kabupaten in Kalbar.
KECAMATAN = pd.DataFrame(
    {
        "code": ["620301", "620302", "620303"],
        "name": ["Selat", "Kapuas Hilir", "Kapuas Hulu"],
        "parent": ["6203"] * 3,
        "level": ["kecamatan"] * 3,
    }
)


@pytest.fixture(scope="module")
def areas() -> list[object]:
    return [gendex.read_indonesia_regions(DATA), KECAMATAN]


def sheet_with(book: Workbook, title: str, rows: list[list[object]], merges: tuple[str, ...] = ()) -> None:
    """A sheet laid out cell by cell as an office writes it (row 1 first)."""
    sheet = book.create_sheet(title)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if value is not None:
                sheet.cell(r, c, value)
    for cells in merges:
        sheet.merge_cells(cells)


def workbook(path: Path, *sheets: tuple[str, list[list[object]], tuple[str, ...]]) -> Path:
    book = Workbook()
    book.remove(book.active)
    for title, rows, merges in sheets:
        sheet_with(book, title, rows, merges)
    book.save(path)
    return path


#: The two-row header of BPS and OPD tables: "Jenis Kelamin" merged over Laki-laki | Perempuan, Jumlah over both rows.
TWO_ROW_MERGES = ("A1:D1", "A3:A4", "B3:C3", "D3:D4")


def two_row_table(title: str, label: str, body: list[list[object]], source: str) -> list[list[object]]:
    return [
        [title],
        [],
        [label, "Jenis Kelamin", None, "Jumlah"],
        [None, "Laki-laki", "Perempuan"],
        *body,
        [],
        [f"Sumber: {source}"],
        ["*) angka sementara"],
    ]


def write_office_folder(folder: Path) -> None:
    """Three offices: Dinkes (one sum mismatch), Disdik (one title not in the mapping), Disdukcapil (Jumlah only)."""
    workbook(
        folder / "dinkes.xlsx",
        (
            "Tabel 1",
            two_row_table(
                "Jumlah Tenaga Kesehatan menurut Jenis Tenaga Tahun 2023",
                "Jenis Tenaga",
                [["Dokter", "1.204", "1.310", "2.514"], ["Bidan", "0", "312", "312"], ["Perawat", "145", "298", "440"]],
                "Dinas Kesehatan Kab. Kapuas",
            ),
            TWO_ROW_MERGES,
        ),
        (
            "AHH",
            two_row_table(
                "Angka Harapan Hidup menurut Jenis Kelamin 2023",
                "Kecamatan",
                [
                    ["Selat", "68,12", "72,05", "70,10"],
                    ["Kapuas Hilir", "67,9", "71,3", "69,6"],
                    ["Kapuas Hulu", "66,45", "70,02", "68,20"],
                ],
                "Dinas Kesehatan",
            ),
            TWO_ROW_MERGES,
        ),
    )
    workbook(
        folder / "disdik.xlsx",
        (
            "Guru",
            two_row_table(
                "Jumlah Guru menurut Jenjang Pendidikan 2023",
                "Jenjang Pendidikan",
                [["SD", "1.020", "2.310", "3.330"], ["SMP", "410", "598", "1.008"]],
                "Dinas Pendidikan",
            ),
            TWO_ROW_MERGES,
        ),
        (
            "Beasiswa",
            two_row_table(
                "Jumlah Siswa Penerima Beasiswa Daerah 2023",
                "Jenjang",
                [["SMA", "55", "71", "126"]],
                "Dinas Pendidikan",
            ),
            TWO_ROW_MERGES,
        ),
    )
    workbook(
        folder / "disdukcapil.xlsx",
        (
            "Penduduk",
            [
                ["Jumlah Penduduk menurut Kecamatan dan Jenis Kelamin 2023"],
                [],
                ["Kecamatan", "Jumlah"],
                ["Kec. Selat", "65.432"],
                ["KAPUAS HILIR", "23.456"],
                ["Kapuas  Hulu", "3.456"],
                ["Jumlah", "92.344"],
                ["Sumber: Disdukcapil Kab. Kapuas"],
            ],
            ("A1:B1",),
        ),
    )


# ------------------------------------------------------------------ acceptance


def test_audit_finds_exactly_the_three_problems_with_their_cells(
    tmp_path: Path, areas: list[object], capsys: pytest.CaptureFixture[str]
) -> None:
    write_office_folder(tmp_path)
    audit = gendex.audit_offices(tmp_path, areas=areas)

    assert audit.problems[list(AUDIT_COLUMNS)].values.tolist() == [
        [
            "dinkes.xlsx",
            "Tabel 1",
            "health_workers",
            "sum_mismatch",
            "D7",
            "Perawat: Laki-laki 145 + Perempuan 298 = 443, Jumlah 440 (difference +3)",
        ],
        [
            "disdik.xlsx",
            "Beasiswa",
            "jumlah_siswa_penerima_beasiswa_daerah",
            "unmapped",
            "A1",
            (
                "title 'Jumlah Siswa Penerima Beasiswa Daerah 2023' is not in the mapping (office_mapping.csv); "
                "read as 'jumlah_siswa_penerima_beasiswa_daerah'"
            ),
        ],
        [
            "disdukcapil.xlsx",
            "Penduduk",
            "population",
            "totals_only",
            "B3",
            "columns: Jumlah (B3); with numbers: Jumlah",
        ],
    ]
    # The same details in Indonesian (gendex audit --lang id), the library's own title read as it is.
    assert audit.problems["detail_id"].tolist() == [
        "Perawat: Laki-laki 145 + Perempuan 298 = 443, Jumlah 440 (selisih +3)",
        (
            "judul 'Jumlah Siswa Penerima Beasiswa Daerah 2023' tidak ada di pemetaan (office_mapping.csv); "
            "dibaca sebagai 'jumlah_siswa_penerima_beasiswa_daerah'"
        ),
        "kolom: Jumlah (B3); berisi angka: Jumlah",
    ]
    coverage = audit.frame[audit.frame["status"].isin(["disaggregated", "totals_only"])]
    assert coverage[["sheet", "indicator", "status"]].values.tolist() == [
        ["Tabel 1", "health_workers", "disaggregated"],
        ["AHH", "life_expectancy", "disaggregated"],
        ["Guru", "teachers", "disaggregated"],
        ["Beasiswa", "jumlah_siswa_penerima_beasiswa_daerah", "disaggregated"],
        ["Penduduk", "population", "totals_only"],
    ]
    assert len(audit.frame) == 7 and len(audit.tables) == 5  # 5 coverage rows + sum_mismatch + unmapped

    # The same folder through the command a working group runs: exit 0, the same three problems in the CSV.
    kecamatan = tmp_path.parent / f"{tmp_path.name}-kecamatan.csv"  # outside the folder the audit reads
    KECAMATAN.to_csv(kecamatan, index=False)
    regions = DATA / "bps" / "regions.csv"
    out = tmp_path.parent / f"{tmp_path.name}-audit.csv"
    code = gendex.cli.main(
        ["audit", "--input", str(tmp_path), "--regions", str(regions), "--areas", str(kecamatan), "--output", str(out)]
    )
    assert code == 0
    written = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert written.columns.tolist() == ["file", "sheet", "indicator", "status", "cell", "detail"]
    problems = written[written["status"] != "disaggregated"]
    assert problems[["file", "sheet", "status", "cell"]].values.tolist() == [
        ["dinkes.xlsx", "Tabel 1", "sum_mismatch", "D7"],
        ["disdik.xlsx", "Beasiswa", "unmapped", "A1"],
        ["disdukcapil.xlsx", "Penduduk", "totals_only", "B3"],
    ]
    assert problems["detail"].iloc[0].endswith("(difference +3)")

    # In Indonesian: the printed details, and the CSV's Rincian column with --header-lang id.
    out_id = tmp_path.parent / f"{tmp_path.name}-audit-id.csv"
    argv = ["audit", "--input", str(tmp_path), "--regions", str(regions), "--areas", str(kecamatan), "--lang", "id"]
    capsys.readouterr()
    assert gendex.cli.main([*argv, "--output", str(out_id), "--header-lang", "id"]) == 0
    printed = capsys.readouterr().out
    assert "Jumlah 440 (selisih +3)" in printed and "difference" not in printed
    assert "kolom: Jumlah (B3); berisi angka: Jumlah" in printed
    written_id = pd.read_csv(out_id, dtype=str, keep_default_na=False)
    assert written_id["Rincian"].iloc[1].endswith("Jumlah 440 (selisih +3)")


def test_audit_tables_carry_values_regions_and_cells(tmp_path: Path, areas: list[object]) -> None:
    write_office_folder(tmp_path)
    tables = {t.sheet: t for t in gendex.audit_offices(tmp_path, areas=areas).tables}

    ahh = tables["AHH"].frame
    assert ahh["region"].unique().tolist() == ["620301", "620302", "620303"]  # Kapuas Hulu here is the kecamatan
    assert ahh[["sex", "value", "source"]].iloc[:3].values.tolist() == [
        ["male", 68.12, "dinkes.xlsx!AHH!B5"],
        ["female", 72.05, "dinkes.xlsx!AHH!C5"],
        ["total", 70.10, "dinkes.xlsx!AHH!D5"],
    ]
    assert tables["AHH"].period == 2023 and tables["AHH"].unit == "tahun"

    people = tables["Penduduk"].frame
    assert people[["region", "sex", "value", "source"]].values.tolist() == [
        ["620301", "total", 65432.0, "disdukcapil.xlsx!Penduduk!B4"],
        ["620302", "total", 23456.0, "disdukcapil.xlsx!Penduduk!B5"],
        ["620303", "total", 3456.0, "disdukcapil.xlsx!Penduduk!B6"],
        ["6203", "total", 92344.0, "disdukcapil.xlsx!Penduduk!B7"],
    ]  # the Jumlah row is the kabupaten

    teachers = tables["Guru"].frame
    assert teachers.loc[teachers["sex"] == "total", ["category", "value"]].values.tolist() == [
        ["SD", 3330.0],
        ["SMP", 1008.0],
    ]
    assert (teachers["region"] == "").all()


def test_audit_csv_summary_missing_and_unreadable(tmp_path: Path, areas: list[object]) -> None:
    write_office_folder(tmp_path)
    (tmp_path / "rusak.xlsx").write_bytes(b"not a zip file")
    audit = gendex.audit_offices(tmp_path, areas=areas, expected=["population", "village_heads"])

    tail = audit.problems.iloc[-2:][["file", "indicator", "status"]].values.tolist()
    assert tail == [["rusak.xlsx", "", "unreadable"], ["", "village_heads", "missing"]]
    out = tmp_path / "audit.csv"
    audit.to_csv(out)
    written = pd.read_csv(out, keep_default_na=False)
    assert list(written.columns) == ["file", "sheet", "indicator", "status", "cell", "detail"]
    assert written["status"].tolist() == audit.frame["status"].tolist()
    summary_id, summary_en = audit.summary("id"), audit.summary("en")
    assert "Terpilah menurut jenis kelamin: 4 tabel." in summary_id and "Masalah: 5." in summary_id
    assert "  totals_only: 1 (totals only (not disaggregated))" in summary_en
    with pytest.raises(gendex.UnknownKeyError, match=r"unknown language 'fr' \(use en or id\)"):
        audit.summary("fr")


# ------------------------------------------------------------------ forms


def test_filled_template_reads_back_the_same_values(tmp_path: Path) -> None:
    path = tmp_path / "form.xlsx"
    places = ["Selat", "Kapuas Hilir", "Kapuas Hulu"]
    gendex.write_template(path, ["population", "teachers"], places, period=2024)

    book = load_workbook(path)
    assert book.sheetnames == ["Petunjuk", "population", "teachers"]
    sheet = book["population"]
    assert [sheet[c].value for c in ("A2", "B2", "B3", "C3", "D2", "D4", "D6")] == [
        "Wilayah",
        "Jenis Kelamin",
        "Laki-laki",
        "Perempuan",
        "Jumlah",
        "=B4+C4",
        "=B6+C6",
    ]
    validation = sheet.data_validations.dataValidation[0]
    assert (validation.type, validation.operator, validation.formula1, str(validation.sqref)) == (
        "decimal",
        "greaterThanOrEqual",
        "0",
        "B4:C6",
    )
    filled = {"Selat": (1204, 1310.5), "Kapuas Hilir": (0, 17), "Kapuas Hulu": (3, 4)}
    for row, place in enumerate(places, start=4):
        sheet.cell(row, 2, filled[place][0])
        sheet.cell(row, 3, filled[place][1])
    book.save(path)

    tables = {t.indicator: t for t in gendex.read_tables(path)}
    population = tables["population"]
    assert (population.mapped, population.period, population.coverage) == (True, 2024, "disaggregated")
    wide = population.frame.pivot(index="label", columns="sex", values="value").loc[places]
    assert wide[["male", "female", "total"]].values.tolist() == [[1204, 1310.5, 2514.5], [0, 17, 17], [3, 4, 7]]
    assert set(population.frame.loc[population.frame["sex"] == "total", "entry"]) == {"computed"}
    assert population.problems == ()
    teachers = tables["teachers"]  # nobody filled it: no numbers, nothing invented
    assert teachers.coverage == "empty" and teachers.frame["value"].isna().all()


def test_a_rate_form_leaves_jumlah_to_the_office_and_its_total_is_checked_not_summed(tmp_path: Path) -> None:
    # A rate's total is the sexes' rates averaged over the population, never their sum: TPAK 82.5 (L) and
    # 51.3 (P) have a total near 67, where a form's =B4+C4 made it 133.8.
    path = tmp_path / "form.xlsx"
    places = ["Selat", "Kapuas Hilir", "Kapuas Hulu"]
    gendex.write_template(path, ["population", "labour_force_participation"], places, period=2024)
    book = load_workbook(path)
    rate = book["labour_force_participation"]
    assert [rate[f"D{r}"].value for r in (4, 5, 6)] == [None, None, None]  # a count keeps =B4+C4 (test above)
    assert str(rate.data_validations.dataValidation[0].sqref) == "B4:D6"  # Jumlah is a cell to fill
    assert "bukan hasil penjumlahan" in book["Petunjuk"]["A3"].value
    filled = {"Selat": (82.5, 51.3, 66.9), "Kapuas Hilir": (80.1, 49.9, 80.2), "Kapuas Hulu": (79.0, 55.2, 55.2)}
    for row, place in enumerate(places, start=4):
        for column, value in enumerate(filled[place], start=2):
            rate.cell(row, column, value)
    book.save(path)
    table = {t.indicator: t for t in gendex.read_tables(path)}["labour_force_participation"]
    wide = table.frame.pivot(index="label", columns="sex", values="value").loc[places]
    assert wide["total"].tolist() == [66.9, 80.2, 55.2] and table.kind == "rate"
    # 80.2 is above both 80.1 and 49.9 by more than half a unit of the last digit (0.05); 55.2 = P is inside.
    assert [(f.status, f.cell) for f in table.problems] == [("total_outside", "D5")]
    assert "Jumlah 80.2 is not between Laki-laki 80.1 and Perempuan 49.9" in table.problems[0].detail

    # A form from before (=B4+C4 in a rate's Jumlah): the formula is not read as L + P, and is named.
    old = tmp_path / "old.xlsx"
    rows = [
        ["Tingkat Partisipasi Angkatan Kerja 2023"],
        ["Kecamatan", "Laki-laki", "Perempuan", "Jumlah"],
        ["Selat", 82.5, 51.3, "=B3+C3"],
    ]
    workbook(old, ("TPAK", rows, ()))
    table = gendex.read_table(old)
    total = table.frame[table.frame["sex"] == "total"].iloc[0]
    assert np.isnan(total["value"]) and total["entry"] == "missing"
    assert [(f.status, f.cell) for f in table.problems] == [("total_outside", "D3")]
    assert "Jumlah is a formula and was not read" in table.problems[0].detail


def test_template_rejects_an_unknown_indicator(tmp_path: Path) -> None:
    with pytest.raises(gendex.UnknownKeyError, match="no_such_thing"):
        gendex.write_template(tmp_path / "f.xlsx", ["no_such_thing"], ["Selat"])


# ------------------------------------------------------------------ layouts


def csv_table(
    path: Path,
    header: list[str],
    rows: list[list[str]],
    title: str = "Jumlah Penduduk 2022",
    delimiter: str = ";",
    encoding: str = "utf-8",
) -> Path:
    lines = [title, delimiter.join(header), *(delimiter.join(r) for r in rows), "Sumber: BPS"]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


@pytest.mark.parametrize(
    "male,female,total",
    [
        ("L", "P", "L+P"),
        ("Pria", "Wanita", "Total"),
        ("MALE", "FEMALE", "TOTAL"),
        ("laki - laki", "PEREMPUAN", "jumlah"),
        ("Laki-Laki (L)", "Perempuan (P)", "Jumlah (L + P)"),
        ("Male", "Female", "Total"),
        ("Laki-laki/Male", "Perempuan/Female", "Jumlah/Total"),
    ],
)
def test_header_synonyms(tmp_path: Path, male: str, female: str, total: str) -> None:
    path = csv_table(tmp_path / "t.csv", ["Kecamatan", male, female, total], [["Selat", "10", "12", "22"]])
    frame = gendex.read_table(path).frame
    assert frame[["sex", "value", "source"]].values.tolist() == [
        ["male", 10.0, "t.csv!B3"],
        ["female", 12.0, "t.csv!C3"],
        ["total", 22.0, "t.csv!D3"],
    ]


def test_csv_semicolons_decimal_commas_bom_and_cp1252(tmp_path: Path) -> None:
    rows = [["Selat", "68,12", "72,05", "70,1"], ["Dusun Hilir \u2013 Timur", "1.234,5", "12,5", "1.247"]]
    for encoding in ("utf-8-sig", "cp1252"):
        path = csv_table(
            tmp_path / f"ahh-{encoding}.csv",
            ["Wilayah", "L", "P", "L+P"],
            rows,
            title="Angka Harapan Hidup 2023",
            encoding=encoding,
        )
        table = gendex.read_table(path)
        assert table.frame["label"].tolist()[3] == "Dusun Hilir \u2013 Timur"
        assert table.frame["value"].tolist() == [68.12, 72.05, 70.1, 1234.5, 12.5, 1247.0]
        assert (table.indicator, table.kind, table.period) == ("life_expectancy", "mean", 2023)


def test_comma_csv_with_quoted_thousands(tmp_path: Path) -> None:
    path = csv_table(
        tmp_path / "c.csv",
        ["Kecamatan", "Laki-laki", "Perempuan", "Jumlah"],
        [["Selat", '"1.204"', '"1.310"', '"2.514"']],
        delimiter=",",
    )
    assert gendex.read_table(path).frame["value"].tolist() == [1204.0, 1310.0, 2514.0]


def test_dash_is_missing_not_zero_and_is_reported(tmp_path: Path) -> None:
    path = csv_table(
        tmp_path / "d.csv",
        ["Kecamatan", "L", "P", "Jumlah"],
        [["Selat", "-", "12", "12"], ["Kapuas Hilir", "5", "7", "12"]],
    )
    table = gendex.read_table(path)
    selat = table.frame.iloc[0]
    assert np.isnan(selat["value"]) and selat["entry"] == "missing" and selat["source"] == "d.csv!B3"
    assert [(f.status, f.cell) for f in table.problems] == [("missing_values", "B3")]


def test_numbers_stored_as_numbers_and_decimal_tolerance(tmp_path: Path) -> None:
    rows = [
        ["Kecamatan", "L", "P", "Jumlah"],
        ["Selat", 1204, 1310, 2514],
        ["Kapuas Hilir", "12,5", "10,3", "22,8"],
        ["Kapuas Hulu", "12,5", "10,3", "22,9"],
    ]
    path = workbook(tmp_path / "n.xlsx", ("Jumlah Penduduk", rows, ()))  # no title row: the sheet name titles it
    table = gendex.read_table(path)
    assert table.indicator == "population" and table.frame["value"].tolist()[:3] == [1204.0, 1310.0, 2514.0]
    assert [(f.status, f.cell) for f in table.problems] == [("sum_mismatch", "D4")]


def test_area_names_aliases_and_prefixes(tmp_path: Path, areas: list[object]) -> None:
    path = csv_table(
        tmp_path / "kab.csv",
        ["Kabupaten/Kota", "L", "P", "Jumlah"],
        [
            ["Kab. Kapuas", "1", "2", "3"],
            ["KOTA  PALANGKA RAYA", "1", "2", "3"],
            ["Kabupaten Barito Selatan", "1", "2", "3"],
            ["kotawaringin barat", "1", "2", "3"],
            ["Barito Tengah", "1", "2", "3"],
            ["Kalimantan Tengah", "4", "8", "12"],
        ],
    )
    table = gendex.read_table(path, areas=areas)
    assert table.frame["region"].unique().tolist() == ["6203", "6271", "6204", "6201", "Barito Tengah", "62"]
    problems = {f.status: f for f in table.problems}
    assert (problems["unknown_area"].cell, problems["unknown_area"].detail) == (
        "A7",
        "'Barito Tengah' not in the region hierarchy nor areas=",
    )
    assert problems["missing_areas"].cell == "A2"
    assert problems["missing_areas"].detail.startswith("10 areas without a row: KOTAWARINGIN TIMUR (6202), ")
    assert "SUKAMARA (6206)" in problems["missing_areas"].detail


def test_lower_levels_alone_are_areas(tmp_path: Path) -> None:
    path = csv_table(tmp_path / "kec.csv", ["Kecamatan", "L", "P"], [["Kec. Selat", "1", "2"]])
    table = gendex.read_table(path, areas=KECAMATAN)  # no BPS hierarchy: "6203" is taken as a root
    assert table.frame["region"].unique().tolist() == ["620301"]
    assert [f.detail for f in table.problems] == ["2 areas without a row: Kapuas Hilir (620302), Kapuas Hulu (620303)"]


def test_category_rows_keep_their_category(tmp_path: Path) -> None:
    path = csv_table(
        tmp_path / "pns.csv",
        ["No", "Golongan", "L", "P", "Jumlah"],
        [["1", "I", "3", "1", "4"], ["2", "II", "40", "52", "92"], ["", "Jumlah", "43", "53", "96"]],
        title="Jumlah Pegawai Negeri Sipil menurut Golongan, 2023",
    )
    table = gendex.read_table(path, region="6203")
    totals = table.frame[table.frame["sex"] == "total"]
    assert totals[["region", "category", "value"]].values.tolist() == [
        ["6203", "I", 4.0],
        ["6203", "II", 92.0],
        ["6203", "total", 96.0],
    ]
    assert table.indicator == "civil_servants" and table.problems == ()


# ------------------------------------------------------------------ errors name the cell


def test_unreadable_number_names_the_cell(tmp_path: Path) -> None:
    rows = [["Jumlah Penduduk"], ["Kecamatan", "L", "P"], ["Selat", "1.204", "12,5,3"]]
    path = workbook(tmp_path / "dinkes.xlsx", ("Sheet1", rows, ()))
    with pytest.raises(OfficeTableError) as raised:
        gendex.read_table(path)
    assert str(raised.value) == (
        "dinkes.xlsx!Sheet1!C3: cannot read '12,5,3' as a number (expected e.g. 1.234 or 12,5 or -)"
    )
    assert isinstance(raised.value, gendex.InputError) and raised.value.cell == "C3"


@pytest.mark.parametrize(
    "rows,message",
    [
        ([["Judul"], ["Kecamatan", "Penduduk"], ["Selat", "3"]], r"t\.xlsx!S!A1: no header row naming Laki-laki"),
        (
            [["Kecamatan", "L", "P", "Pria"], ["Selat", "1", "2", "3"]],
            r"t\.xlsx!S!D1: a second 'Pria' column \(the first is B1\)",
        ),
        (
            [["Kecamatan", "L", "P"], ["Selat", "1", "2"], [None, "1", "2"]],
            r"t\.xlsx!S!A3: a row with numbers but no label",
        ),
        (
            [["Kecamatan", "L", "P"], ["Selat", "1", "2"], ["Sumber: BPS"], ["Timpah", "1", "2"]],
            r"t\.xlsx!S!B4: a number below the source/footnote row A3",
        ),
    ],
)
def test_layout_errors_name_the_cell(tmp_path: Path, rows: list[list[object]], message: str) -> None:
    path = workbook(tmp_path / "t.xlsx", ("S", rows, ()))
    with pytest.raises(OfficeTableError, match=message):
        gendex.read_table(path)


def test_several_sheets_need_a_sheet_name(tmp_path: Path) -> None:
    rows = [["Kecamatan", "L", "P"], ["Selat", "1", "2"]]
    path = workbook(tmp_path / "t.xlsx", ("A", rows, ()), ("B", rows, ()))
    with pytest.raises(OfficeTableError, match=r"t\.xlsx: 2 table sheets \(A, B\)"):
        gendex.read_table(path)
    assert gendex.read_table(path, sheet="B").sheet == "B"


def test_mapping_errors_name_the_cell_and_user_mapping_is_used(tmp_path: Path) -> None:
    bad = pd.DataFrame({"name": ["Jumlah Bidan"], "indicator": ["midwives"], "unit": ["orang"], "kind": ["orang"]})
    with pytest.raises(OfficeTableError, match=r"mapping!D2: kind 'orang' is not one of count, share, rate, mean"):
        gendex.audit_offices([], mapping=bad)
    good = bad.assign(kind="count")
    path = csv_table(tmp_path / "b.csv", ["Desa", "L", "P"], [["Selat Hulu", "0", "4"]], title="JUMLAH  BIDAN 2023")
    table = gendex.read_table(path, mapping=good)
    assert (table.indicator, table.unit, table.mapped) == ("midwives", "orang", True)


def test_docstring_examples_run() -> None:
    import doctest
    import importlib

    modules = ("audit", "cells", "errors", "layout", "mapping", "numbers", "areas", "table", "template", "vocabulary")
    for name in modules:
        module = importlib.import_module(f"gendex.office.{name}")
        result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
        assert result.failed == 0 and result.attempted > 0, name
