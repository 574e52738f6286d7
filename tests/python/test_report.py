"""gendex.report: the Pokja PUG workbook and page on the bundled Kalimantan Tengah data."""

from __future__ import annotations

import re
import shutil
import subprocess

import numpy as np
import pandas as pd
import pytest
from conftest import DATA, IKG_PUBLISHED_COLUMNS

import gendex

openpyxl = pytest.importorskip("openpyxl")
pytest.importorskip("matplotlib")

KALTENG = DATA / "bps" / "kalteng_2010_2021.csv"


@pytest.fixture(scope="module")
def written(tmp_path_factory, kalteng, indonesia) -> gendex.ReportFiles:
    out = tmp_path_factory.mktemp("report") / "kapuas"
    return gendex.report(kalteng, index=("ipg", "idg"), regions=indonesia, focus="6203", output=out)


def _rows(sheet) -> list[list]:
    return [list(r) for r in sheet.iter_rows()]


def _header(sheet, first: str):
    """(row number, {header: column}) of the first row whose first cell is ``first``."""
    for row in sheet.iter_rows():
        if row[0].value == first:
            return row[0].row, {c.value: c.column for c in row if c.value is not None}
    raise AssertionError(f"no header row starting with {first!r} in sheet {sheet.title}")


def test_report_writes_both_files(written):
    assert written.workbook == written.folder / "report.xlsx" and written.workbook.is_file()
    assert written.page == written.folder / "report.html" and written.page.is_file()
    assert written.indices == ("ipg", "idg")
    assert not list(written.folder.parent.glob(".gendex-report-*"))  # the staging folder is gone


def test_workbook_holds_ipg_values_as_numbers_with_two_decimals(written, kalteng):
    book = openpyxl.load_workbook(written.workbook)
    assert book.sheetnames == ["Ringkasan", "IPG", "IDG", "Prioritas", "Audit", "Catatan"]
    sheet = book["IPG"]
    header_row, columns = _header(sheet, "Kode")
    assert {
        "Wilayah",
        "Tahun",
        "Angka resmi BPS",
        "Hitung ulang (gendex)",
        "Peringkat",
        "Dari",
        "IPM - Perempuan",
    } <= set(columns)
    recomputed = gendex.ipg(kalteng).wide().set_index(["region", "period"])["ipg"]
    official = kalteng.filter(indicators="ipg").to_frame().set_index(["region", "period"])["value"]
    seen = 0
    for row in sheet.iter_rows(min_row=header_row + 1):
        code = row[columns["Kode"] - 1].value
        if code is None:
            break
        period = row[columns["Tahun"] - 1].value
        mine = row[columns["Hitung ulang (gendex)"] - 1]
        bps = row[columns["Angka resmi BPS"] - 1]
        assert mine.data_type == "n" and bps.data_type == "n"
        assert mine.number_format == "0.00" and bps.number_format == "0.00"
        assert mine.value == pytest.approx(recomputed.loc[(code, period)], abs=1e-12)
        assert bps.value == official.loc[(code, period)]
        seen += 1
    assert seen == len(recomputed) == 166
    # Kapuas 2021: name and code in their own columns; BPS 95.32 beside the recomputation 95.33, same rank as
    # BPS's (1 of 14 in Kalimantan Tengah); 0.01 apart is within the printed precision, 2010's 0.02 is not.
    rows = {
        (r[columns["Kode"] - 1].value, r[columns["Tahun"] - 1].value): r
        for r in sheet.iter_rows(min_row=header_row + 1, max_row=header_row + 166)
    }
    k2021, k2010 = rows[("6203", 2021)], rows[("6203", 2010)]
    assert k2021[columns["Wilayah"] - 1].value == "Kapuas"
    assert k2021[columns["Angka resmi BPS"] - 1].value == 95.32
    assert round(k2021[columns["Hitung ulang (gendex)"] - 1].value, 2) == 95.33
    assert k2021[columns["Peringkat"] - 1].value == 1 and k2021[columns["Dari"] - 1].value == 14
    flag = columns["Selisih melebihi presisi cetak"] - 1
    assert k2021[flag].value is None and k2010[flag].value == "ya"
    assert k2010[columns["Selisih (hitung ulang - resmi)"] - 1].value == pytest.approx(-0.02)
    assert sum(r[flag].value == "ya" for r in rows.values()) == 10


def test_summary_priorities_audit_and_notes(written):
    book = openpyxl.load_workbook(written.workbook)
    summary = book["Ringkasan"]
    assert [summary["B2"].value, summary["C2"].value] == ["Kapuas", "6203"]
    assert [summary["B3"].value, summary["C3"].value] == ["Kalimantan Tengah", "62"]
    row, columns = _header(summary, "Indeks")
    ipg = [c.value for c in summary[row + 1]]
    idg = [c.value for c in summary[row + 2]]
    assert ipg[0] == "Indeks Pembangunan Gender (IPG)" and idg[0] == "Indeks Pemberdayaan Gender (IDG)"
    value, change = columns["Nilai"] - 1, columns["Perubahan"] - 1
    assert ipg[value] == 95.32 and summary.cell(row + 1, value + 1).number_format == "0.00"
    assert ipg[change] == pytest.approx(95.32 - 95.35) and ipg[columns["Peringkat"] - 1] == 1
    assert idg[value] == 73.02 and idg[columns["Peringkat"] - 1] == 6  # BPS IDG 2021, 6th of 14
    assert ipg[columns["Prioritas utama"] - 1] == "Pengeluaran per Kapita Disesuaikan"

    priorities = book["Prioritas"]
    row, columns = _header(priorities, "Indeks")
    kapuas = [
        [c.value for c in r]
        for r in priorities.iter_rows(min_row=row + 1)
        if r[columns["Kode"] - 1].value == "6203" and r[columns["Tahun"] - 1].value == 2021
    ]
    assert [r[columns["Urutan prioritas"] - 1] for r in kapuas] == [1, 2, 3, 4]
    assert kapuas[0][columns["Tambahan menuju kesetaraan"] - 1] == pytest.approx(3.1894, abs=1e-3)

    audit = book["Audit"]
    row, columns = _header(audit, "Komponen")
    by_id = {
        r[columns["id"] - 1].value: [c.value for c in r] for r in audit.iter_rows(min_row=row + 1, max_row=row + 9)
    }
    assert by_id["population"][columns["Tidak ada"] - 1] == 166  # the IDG's weights are not in the data
    assert by_id["life_expectancy"][columns["Terpilah"] - 1] == 166
    # The gaps' class column has the name `gendex audit --lang id` prints for it.
    from gendex.cli.audit import _GAP_HEADERS

    row, columns = _header(audit, "Kode")
    gap = [c.value for c in audit[row + 1]]
    assert _GAP_HEADERS["id"][-1] == "keterpilahan" and gap[columns["Keterpilahan"] - 1] == "tidak ada"

    notes = "\n".join(str(c.value) for r in book["Catatan"].iter_rows() for c in r if c.value is not None)
    assert "Edisi bps" in notes and "expenditure_max" in notes and "26572.352" in notes
    assert "IDG tidak dapat dihitung ulang" in notes and "purchasing_power" in notes


def test_focus_by_name_and_english(tmp_path, kalteng, indonesia):
    files = gendex.report(KALTENG, index="ipg", regions=DATA, focus="Kapuas", lang="en", output=tmp_path)
    book = openpyxl.load_workbook(files.workbook)
    assert book.sheetnames == ["Summary", "IPG", "Priorities", "Audit", "Notes"]
    assert book["Summary"]["B2"].value == "Kapuas"
    row, columns = _header(book["IPG"], "Code")
    cell = book["IPG"].cell(row + 1, columns["Recomputed (gendex)"])
    assert cell.data_type == "n" and cell.number_format == "0.00"
    page = files.page.read_text(encoding="utf-8")
    assert '<html lang="en">' in page and "Gender Development Index (IPG)" in page


def test_page_is_self_contained(written):
    page = written.page.read_text(encoding="utf-8")
    assert "http" not in page.lower()
    assert not re.search(r"""(?:src|href)\s*=\s*["'](?!data:image/png;base64,)""", page)
    assert "@media print" in page and "page-break-before" in page
    assert page.count('src="data:image/png;base64,') == 5  # 2 bar charts, 2 trends, IPG priorities
    assert "Kapuas" in page and "Kalimantan Tengah" in page and "95,32" in page and "95,33" in page


def test_chromium_renders_the_page(written, tmp_path):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("chromium is not installed (apt-get install chromium; tools/install-deps.sh installs it)")
    png = tmp_path / "out.png"
    run = subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--enable-logging=stderr",
            "--v=0",
            f"--screenshot={png}",
            "--window-size=1200,3000",
            written.page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    console = [line for line in run.stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line]
    assert not console, console
    import matplotlib.image

    pixels = matplotlib.image.imread(png)
    assert pixels.shape[:2] == (3000, 1200)
    colours = np.unique((pixels[..., :3] * 255).round().astype(np.uint8).reshape(-1, 3), axis=0)
    assert len(colours) > 50  # text, table shading, the highlighted focus row, charts
    focus_orange = np.all(np.abs(pixels[..., :3] * 255 - [0xD9, 0x5F, 0x02]) < 3, axis=-1)
    assert focus_orange.sum() > 500  # the focus region's bar and trend are drawn


def test_unknown_focus_is_named(tmp_path, kalteng, indonesia):
    with pytest.raises(gendex.UnknownKeyError, match="Kabupaten Atlantis"):
        gendex.report(kalteng, index="ipg", regions=indonesia, focus="Kabupaten Atlantis", output=tmp_path / "r")
    with pytest.raises(gendex.UnknownKeyError, match="9999"):
        gendex.report(kalteng, index="ipg", focus="9999", output=tmp_path / "r")  # without regions: codes only
    with pytest.raises(gendex.InputError, match="3201"):  # Bogor exists but has no data here
        gendex.report(kalteng, index="ipg", regions=indonesia, focus="3201", output=tmp_path / "r")
    assert not (tmp_path / "r").exists()


def test_index_without_inputs_names_them_and_writes_nothing(tmp_path, kalteng, indonesia):
    out = tmp_path / "r"
    # The default asks for the IKG too, which Kalimantan Tengah's data can neither compute nor carries.
    with pytest.raises(gendex.InputError, match=r"ikg.*births_outside_facility.*first_birth_before_20"):
        gendex.report(kalteng, regions=indonesia, focus="6203", output=out)
    assert not out.exists() and not list(tmp_path.glob(".gendex-report-*"))
    # An existing report is left as it was.
    files = gendex.report(kalteng, index="ipg", regions=indonesia, focus="6203", output=out)
    before = files.workbook.read_bytes()
    with pytest.raises(gendex.InputError, match="ikg"):
        gendex.report(kalteng, index=("ipg", "ikg"), regions=indonesia, focus="6203", output=out)
    assert files.workbook.read_bytes() == before and sorted(p.name for p in out.iterdir()) == [
        "report.html",
        "report.xlsx",
    ]
    with pytest.raises(gendex.InputError, match="empty"):
        gendex.report(gendex.Dataset(), index="ipg", output=out)
    with pytest.raises(gendex.UnknownKeyError, match="'ipgg'"):
        gendex.report(kalteng, index="ipgg", regions=indonesia, focus="6203", output=out)
    with pytest.raises(gendex.UnknownKeyError, match=r"unknown language 'fr' \(use en or id\)"):
        gendex.report(kalteng, index="ipg", lang="fr", output=out)


def test_ikg_with_three_decimals_and_an_office_audit(tmp_path, indonesia):
    published = pd.read_csv(DATA / "bps" / "ikg_published.csv")
    columns = {**IKG_PUBLISHED_COLUMNS, "ikg": ("T", "ikg")}
    codes = {r.name: r.code for r in indonesia.regions if r.code in ("32", "3201", "3202")}
    rows = [
        (codes[r.region], r.year, sex, ind, r[col])
        for _, r in published.iterrows()
        if r.region in codes
        for col, (sex, ind) in columns.items()
    ]
    ds = gendex.Dataset.from_frame(pd.DataFrame(rows, columns=["region", "period", "sex", "indicator", "value"]))
    office = pd.DataFrame(
        {
            "file": ["dinkes.xlsx"],
            "sheet": ["Tabel 1"],
            "indicator": ["population"],
            "status": ["totals_only"],
            "cell": ["D4"],
            "detail": ["only Jumlah sent"],
            "detail_id": ["hanya Jumlah yang dikirim"],
        }
    )
    files = gendex.report(ds, index="ikg", regions=indonesia, focus="Bogor", output=tmp_path, audit=office)
    book = openpyxl.load_workbook(files.workbook)
    sheet = book["IKG"]
    row, cols = _header(sheet, "Kode")
    bogor = {
        sheet.cell(r, cols["Tahun"]).value: sheet.cell(r, cols["Angka resmi BPS"])
        for r in range(row + 1, row + 16)
        if sheet.cell(r, cols["Kode"]).value == "3201"
    }
    assert bogor[2022].value == published[(published.region == "BOGOR") & (published.year == 2022)].ikg.item()
    assert bogor[2022].number_format == "0.000" and bogor[2022].data_type == "n"
    ranks = {
        sheet.cell(r, cols["Kode"]).value: sheet.cell(r, cols["Peringkat"]).value
        for r in range(row + 1, row + 16)
        if sheet.cell(r, cols["Tahun"]).value == 2022
    }
    assert ranks["3201"] == 2 and ranks["3202"] == 1  # IKG: the lower the better (Sukabumi 0.535 < Bogor 0.588)
    audit = [[c.value for c in r] for r in book["Audit"].iter_rows()]
    # A report in Indonesian shows an office audit's Indonesian detail, in the detail's place.
    assert any(
        r[:6] == ["dinkes.xlsx", "Tabel 1", "population", "totals_only", "D4", "hanya Jumlah yang dikirim"]
        for r in audit
    )
    assert not any("only Jumlah sent" in r or "detail_id" in r for r in audit)


def test_docstring_example_runs(monkeypatch):
    import doctest
    import importlib

    package = importlib.import_module("gendex.report")  # the package: gendex.report is the function

    monkeypatch.chdir(DATA.parent)  # the example reads data/ of the repository
    result = doctest.testmod(package, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted > 0
