"""A sheet or CSV file as a grid of cells that remember where they came from.

Merged cells are resolved (every cell of a merged range holds the top-left
value and points to it), so a two-row header reads as one row of names.
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Optional, Union

from .errors import OfficeTableError

if TYPE_CHECKING:  # openpyxl is imported when a workbook is read, so ``import gendex`` stays fast
    from openpyxl.worksheet.worksheet import Worksheet

PathLike = Union[str, "os.PathLike[str]"]
#: Encodings tried in turn for CSV files: UTF-8 (with or without BOM), then Windows Latin-1.
CSV_ENCODINGS = ("utf-8-sig", "cp1252")


@dataclass(frozen=True)
class Cell:
    """One cell: its value (str, float or None), A1 reference and whether it holds an uncomputed formula."""

    value: Union[str, float, None]
    ref: str
    formula: bool = False

    @property
    def text(self) -> str:
        """The value as stripped text ("" for an empty cell)."""
        return "" if self.value is None else str(self.value).strip()


@dataclass(frozen=True)
class Grid:
    """The cells of one sheet, row by row, and where they live (``file`` name, ``sheet`` name)."""

    file: str
    sheet: str
    rows: tuple[tuple[Cell, ...], ...]

    def where(self, ref: str) -> str:
        """``file!sheet!ref`` (``file!ref`` for a CSV file)."""
        return "!".join(part for part in (self.file, self.sheet, ref) if part)

    def error(self, ref: str, reason: str) -> OfficeTableError:
        """An error pointing to cell ``ref`` of this grid."""
        return OfficeTableError(self.file, self.sheet, ref, reason)


def a1(row: int, column: int) -> str:
    """The A1 reference of a 0-based row and column.

    Examples
    --------
    >>> a1(6, 2), a1(0, 27)
    ('C7', 'AB1')
    """
    letters, n = "", column + 1
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return f"{letters}{row + 1}"


def _cell_value(value: Any) -> Union[str, float, None]:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):  # a TRUE/FALSE cell is text to us, never 1/0
        return str(value)
    if isinstance(value, (int, float)):
        return float(value)
    return str(value)  # dates and times: text, so a date in a number column is an error, not a number


def _sheet_grid(file: str, values: Worksheet, formulas: Worksheet) -> Grid:
    """The grid of one worksheet, from the cached values and the formulas of the same sheet."""
    merged_origin: dict[tuple[int, int], tuple[int, int]] = {}
    for merged in values.merged_cells.ranges:
        for r in range(merged.min_row, merged.max_row + 1):
            for c in range(merged.min_col, merged.max_col + 1):
                merged_origin[(r, c)] = (merged.min_row, merged.min_col)
    rows = []
    for r in range(1, values.max_row + 1):
        row = []
        for c in range(1, values.max_column + 1):
            origin_row, origin_column = merged_origin.get((r, c), (r, c))
            value = values.cell(origin_row, origin_column).value
            written = formulas.cell(origin_row, origin_column).value
            uncomputed = value is None and isinstance(written, str) and written.startswith("=")
            row.append(Cell(_cell_value(value), a1(origin_row - 1, origin_column - 1), uncomputed))
        rows.append(tuple(row))
    return Grid(file, values.title, tuple(rows))


def read_workbook(path: PathLike) -> list[Grid]:
    """Every sheet of an .xlsx workbook as a grid, in workbook order.

    Opened twice: with ``data_only=True`` for the values Excel cached, and as
    written to tell a formula openpyxl wrote (no cached value) from an empty cell.

    Raises
    ------
    OfficeTableError
        When the file is not a readable .xlsx workbook.
    """
    from openpyxl import load_workbook

    name = os.path.basename(os.fspath(path))
    try:
        values = load_workbook(path, data_only=True)
        formulas = load_workbook(path, data_only=False)
    except Exception as exc:  # openpyxl raises zipfile, KeyError and its own errors for a damaged file
        raise OfficeTableError(name, "", "", f"not a readable .xlsx workbook ({type(exc).__name__}: {exc})") from exc
    return [_sheet_grid(name, values[title], formulas[title]) for title in values.sheetnames]


def _decode(raw: bytes) -> str:
    for encoding in CSV_ENCODINGS:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:  # noqa: PERF203 - the next encoding is the way out of this one
            continue
    raise AssertionError("cp1252 decodes nearly every byte")  # pragma: no cover


def _delimiter(text: str) -> str:
    """ ";" or "," (or tab): the one that splits the lines into the most even number of fields."""
    try:
        return csv.Sniffer().sniff(text[:20000], delimiters=";,\t").delimiter
    except csv.Error:
        lines = text.splitlines()[:50]
        return max(";,\t", key=lambda d: sum(line.count(d) for line in lines))


def read_csv_grid(path: PathLike) -> Grid:
    """A CSV export as a grid: delimiter ";" or "," sniffed, UTF-8 (with or without BOM) or cp1252.

    Cells are all text, so "1.234" and "12,5" are read the Indonesian way.
    Cell references are A1 style, as Excel would show the file.

    Raises
    ------
    OfficeTableError
        When the file cannot be opened.
    """
    name = os.path.basename(os.fspath(path))
    try:
        with open(path, "rb") as handle:
            text = _decode(handle.read())
    except OSError as exc:
        raise OfficeTableError(name, "", "", f"cannot open: {exc.strerror}") from exc
    records = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    rows = tuple(tuple(Cell(value, a1(r, c)) for c, value in enumerate(record)) for r, record in enumerate(records))
    width = max((len(row) for row in rows), default=0)
    padded = tuple(row + tuple(Cell(None, a1(r, c)) for c in range(len(row), width)) for r, row in enumerate(rows))
    return Grid(name, "", padded)


def read_grids(path: PathLike) -> list[Grid]:
    """The grids of an .xlsx (one per sheet) or .csv file (one).

    Raises
    ------
    OfficeTableError
        For another file type or an unreadable file.
    """
    extension = os.path.splitext(os.fspath(path))[1].lower()
    if extension == ".xlsx":
        return read_workbook(path)
    if extension == ".csv":
        return [read_csv_grid(path)]
    name = os.path.basename(os.fspath(path))
    raise OfficeTableError(name, "", "", f"unsupported file type '{extension}' (expected .xlsx or .csv)")


def first_text(cells: tuple[Cell, ...]) -> Optional[Cell]:
    """The first non-empty cell of a row, or None."""
    return next((cell for cell in cells if cell.text), None)
