"""The empty data-terpilah form an office fills: one sheet per indicator, areas as rows.

Written with openpyxl, the library that also reads the filled forms back:
one dependency for both directions, and it writes merged cells, formulas and
data validation. openpyxl does not compute formulas, so the Jumlah cells
(``=B4+C4``) have no cached value until Excel or LibreOffice saves the file;
:func:`gendex.read_table` takes such a cell as "computed from L + P".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Optional

from gendex._common import check_language, workbook_bytes, write_files
from gendex._core import InputError, UnknownKeyError

from .cells import PathLike
from .mapping import AVERAGED_KINDS, IndicatorMapping, MappingEntry
from .table import Mapping

if TYPE_CHECKING:  # openpyxl is imported when a form is written, so ``import gendex`` stays fast
    from openpyxl.worksheet.worksheet import Worksheet

#: Rows of a form sheet (1-based, as Excel shows them): title, two header rows, then the areas.
TITLE_ROW, HEADER_ROW, SEX_ROW, FIRST_AREA_ROW = 1, 2, 3, 4
#: Excel allows at most 31 characters in a sheet name.
SHEET_NAME_LENGTH = 31

_WORDS = {
    "id": {
        "area": "Wilayah",
        "sex": "Jenis Kelamin",
        "male": "Laki-laki",
        "female": "Perempuan",
        "total": "Jumlah",
        "year": "Tahun",
        "source": "Sumber: ",
        "sheet": "Petunjuk",
        "invalid": "Isikan angka 0 atau lebih (tanpa titik ribuan).",
        "invalid_title": "Angka tidak sah",
    },
    "en": {
        "area": "Area",
        "sex": "Sex",
        "male": "Male",
        "female": "Female",
        "total": "Total",
        "year": "Year",
        "source": "Source: ",
        "sheet": "Instructions",
        "invalid": "Enter a number of 0 or more.",
        "invalid_title": "Invalid number",
    },
}

_INSTRUCTIONS = {
    "id": [
        "Petunjuk pengisian data terpilah",
        "1. Setiap lembar berisi satu indikator; judulnya ada di baris 1. Jangan mengubah judul dan kepala tabel.",
        (
            "2. Isikan angka laki-laki dan perempuan untuk setiap wilayah. Pada tabel banyaknya (orang, kasus) "
            "kolom Jumlah terisi otomatis; pada tabel tingkat atau rata-rata (persen, tahun) isikan Jumlah untuk "
            "laki-laki dan perempuan bersama, seperti yang diterbitkan (bukan hasil penjumlahan)."
        ),
        "3. Hanya angka 0 atau lebih. Sel yang tidak ada datanya biarkan kosong atau isi '-' (bukan 0).",
        "4. Isikan sumber data pada baris 'Sumber:' di bawah tabel.",
        "5. Simpan sebagai .xlsx dan kirimkan kepada Pokja PUG.",
    ],
    "en": [
        "How to fill in the sex-disaggregated data",
        "1. Each sheet holds one indicator, titled in row 1. Do not change the title or the header.",
        (
            "2. Enter the numbers for men and for women for every area. In tables of counts (people, cases) the "
            "Total column fills itself; in tables of rates or means (percent, years) enter the total for both "
            "sexes as published (not their sum)."
        ),
        "3. Numbers of 0 or more only. Leave a cell empty or write '-' when there is no data (not 0).",
        "4. Name the source of the data in the 'Source:' row under the table.",
        "5. Save as .xlsx and send it to the gender-mainstreaming working group.",
    ],
}


def _entry(mapping: IndicatorMapping, indicator: str) -> MappingEntry:
    entry = mapping.for_indicator(indicator) or mapping.lookup(indicator)
    if entry is None:
        raise UnknownKeyError(
            f"indicator '{indicator}' is neither an indicator id nor a title of the mapping "
            f"({mapping.source}); add it to the mapping first"
        )
    return entry


def _sheet_name(indicator: str, taken: set[str]) -> str:
    base = indicator[:SHEET_NAME_LENGTH]
    name, n = base, 2
    while name.lower() in taken:
        suffix = f"_{n}"
        name, n = base[: SHEET_NAME_LENGTH - len(suffix)] + suffix, n + 1
    taken.add(name.lower())
    return name


def _write_header(sheet: Worksheet, words: dict[str, str]) -> None:
    from openpyxl.styles import Alignment, Font

    sheet.cell(HEADER_ROW, 1, words["area"])
    sheet.cell(HEADER_ROW, 2, words["sex"])
    sheet.cell(HEADER_ROW, 4, words["total"])
    sheet.cell(SEX_ROW, 2, words["male"])
    sheet.cell(SEX_ROW, 3, words["female"])
    for cells in (f"A{HEADER_ROW}:A{SEX_ROW}", f"B{HEADER_ROW}:C{HEADER_ROW}", f"D{HEADER_ROW}:D{SEX_ROW}"):
        sheet.merge_cells(cells)
    for row in sheet.iter_rows(min_row=HEADER_ROW, max_row=SEX_ROW):
        for cell in row:
            cell.font, cell.alignment = Font(bold=True), Alignment(horizontal="center", vertical="center")


def _write_form(sheet: Worksheet, title: str, areas: Sequence[str], words: dict[str, str], summed: bool) -> None:
    """One indicator's sheet; Jumlah is the formula L + P where the total is the sexes' sum (``summed``),
    else a cell the office fills (a rate's total is not the sum of the sexes' rates)."""
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    sheet.cell(TITLE_ROW, 1, title).font = Font(bold=True, size=12)
    _write_header(sheet, words)
    last = FIRST_AREA_ROW + len(areas) - 1
    for row, area in enumerate(areas, start=FIRST_AREA_ROW):
        sheet.cell(row, 1, area)
        if summed:
            sheet.cell(row, 4, f"=B{row}+C{row}")
    validation = DataValidation(
        type="decimal",
        operator="greaterThanOrEqual",
        formula1="0",
        allow_blank=True,
        showErrorMessage=True,
        error=words["invalid"],
        errorTitle=words["invalid_title"],
    )
    validation.add(f"B{FIRST_AREA_ROW}:{'C' if summed else 'D'}{last}")
    sheet.add_data_validation(validation)
    sheet.cell(last + 2, 1, words["source"])
    sheet.column_dimensions["A"].width = 28
    for column in "BCD":
        sheet.column_dimensions[column].width = 14


def write_template(
    path: PathLike,
    indicators: Iterable[str],
    areas: Sequence[str],
    period: Optional[int] = None,
    lang: str = "id",
    mapping: Mapping = None,
) -> None:
    """Write the empty data-terpilah form (.xlsx) an office fills.

    The first sheet ("Petunjuk") says how to fill it in; then one sheet per
    indicator: the mapping's title (with "Tahun <period>") in row 1, a
    two-row header "Wilayah | Jenis Kelamin (Laki-laki | Perempuan) |
    Jumlah", one row per area from row 4 with Jumlah as ``=B4+C4`` (for a
    rate or mean, kind ``rate`` or ``mean`` in the mapping, an empty cell the
    office fills: its total is not the sexes' sum), number validation
    (decimal >= 0) on the cells to fill, and a "Sumber:" row.
    :func:`gendex.read_table` reads a filled form back.

    Parameters
    ----------
    path : str or os.PathLike
        The .xlsx file to write.
    indicators : iterable of str
        Indicator ids or titles of the mapping.
    areas : sequence of str
        Area names, one row each, as the office should see them.
    period : int, optional
        The year, added to every title.
    lang : {"id", "en"}
        Language of the header and the instructions.
    mapping : str, os.PathLike, DataFrame or IndicatorMapping, optional
        The indicator mapping; default: the bundled starter.

    Raises
    ------
    gendex.UnknownKeyError
        For an indicator that is neither an id nor a title of the mapping, or another language.
    gendex.InputError
        For no indicators or areas.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "form.xlsx"
    >>> write_template(path, ["population"], ["Selat", "Kapuas Hilir"], period=2024)
    >>> from openpyxl import load_workbook
    >>> sheet = load_workbook(path)["population"]
    >>> sheet["A1"].value, sheet["B3"].value, sheet["D4"].value
    ('Jumlah Penduduk menurut Kecamatan dan Jenis Kelamin Tahun 2024', 'Laki-laki', '=B4+C4')
    >>> write_template(path, ["labour_force_participation"], ["Selat"])
    >>> load_workbook(path)["labour_force_participation"]["D4"].value is None  # a rate: the office's own total
    True
    """
    check_language(lang)
    mapping_ = IndicatorMapping.load(mapping)
    entries = [_entry(mapping_, indicator) for indicator in indicators]
    if not entries or not areas:
        raise InputError("a form needs at least one indicator and one area")
    from openpyxl import Workbook
    from openpyxl.styles import Font

    words = _WORDS[lang]
    book = Workbook()
    instructions = book.active
    assert instructions is not None  # a new Workbook always has its first sheet
    instructions.title = words["sheet"]
    for row, line in enumerate(_INSTRUCTIONS[lang], start=1):
        instructions.cell(row, 1, line).font = Font(bold=row == 1)
    taken = {words["sheet"].lower()}
    for entry in entries:
        title = f"{entry.name} {words['year']} {period}" if period is not None else entry.name
        summed = entry.kind not in AVERAGED_KINDS
        _write_form(book.create_sheet(_sheet_name(entry.indicator, taken)), title, areas, words, summed)
    write_files([(path, workbook_bytes(book))])
