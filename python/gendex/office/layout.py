"""Where a table is in a grid: title, header rows, sex columns, label column, first data row."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from .cells import Cell, Grid, first_text
from .numbers import parse_number
from .vocabulary import COLUMN_NUMBER, NUMBER_COLUMN_NAMES, is_area_header, is_footer, normalise, sex_of

#: A header block has at most this many rows (BPS and OPD tables use one or two, rarely three).
MAX_HEADER_ROWS = 3


@dataclass(frozen=True)
class Column:
    """A column of the table: 0-based index and its (lowest named) header cell."""

    index: int
    header: Cell


@dataclass(frozen=True)
class Layout:
    """The parts of a table found in a grid (0-based row and column indices)."""

    title: str
    title_cell: Optional[Cell]
    header_rows: tuple[int, ...]
    sexes: dict[str, Column]  # "male", "female", "total" -> column, only those present
    label: Column
    is_area_table: bool  # the label header names an area level ("Kecamatan", "Desa/Kelurahan", ...)
    extra: tuple[Column, ...]  # other columns holding data, which are not read
    first_data_row: int


def _is_number(cell: Cell) -> bool:
    if isinstance(cell.value, float):
        return True
    try:
        return parse_number(cell.text) is not None
    except ValueError:
        return False


def _sex_of(cell: Cell) -> Optional[str]:
    return sex_of(cell.text) if cell.text else None


def _is_header_row(row: tuple[Cell, ...]) -> bool:
    """Names a sex column and holds no number (a data row holds numbers)."""
    return any(_sex_of(c) for c in row) and not any(_is_number(c) for c in row)


def _origins(row: tuple[Cell, ...]) -> int:
    """How many distinct non-empty cells a row has once merged ranges count once."""
    return len({c.ref for c in row if c.text})


def is_column_number_row(row: tuple[Cell, ...]) -> bool:
    """The "(1) (2) (3)" row some tables print under the header."""
    texts = [c.text for c in row if c.text]
    return bool(texts) and all(COLUMN_NUMBER.match(t) for t in texts) and any(t.startswith("(") for t in texts)


def _header_bottom(grid: Grid) -> int:
    """The last header row: the first sex-naming row, extended down over header rows right below it."""
    for r, row in enumerate(grid.rows):
        if _is_header_row(row):
            bottom = r
            while (
                bottom + 1 < len(grid.rows)
                and bottom - r + 1 < MAX_HEADER_ROWS
                and _is_header_row(grid.rows[bottom + 1])
            ):
                bottom += 1
            return bottom
    raise grid.error("A1", "no header row naming Laki-laki, Perempuan or Jumlah (or L, P, L+P, Total, ...) found")


def _header_top(grid: Grid, bottom: int) -> int:
    """Rows above ``bottom`` that name two or more columns belong to the header; a title names one."""
    top = bottom
    while (
        top > 0
        and bottom - top + 1 < MAX_HEADER_ROWS
        and _origins(grid.rows[top - 1]) >= 2
        and not any(_is_number(c) for c in grid.rows[top - 1])
    ):
        top -= 1
    return top


def _sex_columns(grid: Grid, header_rows: range) -> dict[str, Column]:
    """Each column's sex from its lowest header cell naming one; a sex named twice is an error."""
    found: dict[str, Column] = {}
    for c in range(len(grid.rows[header_rows[0]])):
        for r in reversed(header_rows):
            sex = _sex_of(grid.rows[r][c])
            if sex is None:
                continue
            if sex in found and found[sex].header.ref != grid.rows[r][c].ref:
                raise grid.error(
                    grid.rows[r][c].ref,
                    f"a second '{grid.rows[r][c].text}' column (the first is "
                    f"{found[sex].header.ref}): one table of one indicator per sheet is expected",
                )
            found.setdefault(sex, Column(c, grid.rows[r][c]))
            break
    return found


def _column_header(grid: Grid, header_rows: range, c: int) -> Cell:
    """The lowest non-empty header cell of column ``c`` (an empty one when the header is blank)."""
    return next((grid.rows[r][c] for r in reversed(header_rows) if grid.rows[r][c].text), grid.rows[header_rows[-1]][c])


def footer_row(grid: Grid, start: int) -> int:
    """The index of the first source or footnote row at or after ``start`` (``len(rows)`` when none)."""
    for r in range(start, len(grid.rows)):
        cell = first_text(grid.rows[r])
        if cell is not None and is_footer(cell.text):
            return r
    return len(grid.rows)


def _data_rows(grid: Grid, start: int) -> list[tuple[Cell, ...]]:
    return [row for row in grid.rows[start : footer_row(grid, start)] if first_text(row) is not None]


def _title(grid: Grid, top: int) -> tuple[str, Optional[Cell]]:
    cells = [cell for cell in (first_text(row) for row in grid.rows[:top]) if cell is not None]
    return " ".join(c.text for c in cells), (cells[0] if cells else None)


def find_layout(grid: Grid) -> Layout:
    """The layout of the one table in ``grid``.

    Parameters
    ----------
    grid : Grid
        One sheet or CSV file.

    Returns
    -------
    Layout

    Raises
    ------
    OfficeTableError
        When there is no sex header, a sex column is named twice, or no column holds row labels.

    Examples
    --------
    >>> from gendex.office.cells import Cell, Grid, a1
    >>> rows = [["Jumlah Guru 2023", None, None], ["Jenjang", "L", "P"], ["SD", "3", "4"]]
    >>> cells = tuple(tuple(Cell(v, a1(r, c)) for c, v in enumerate(row)) for r, row in enumerate(rows))
    >>> grid = Grid("g.csv", "", cells)
    >>> layout = find_layout(grid)
    >>> layout.title, layout.header_rows, {s: c.header.ref for s, c in layout.sexes.items()}, layout.label.header.ref
    ('Jumlah Guru 2023', (1,), {'male': 'B2', 'female': 'C2'}, 'A2')
    """
    bottom = _header_bottom(grid)
    header_rows = range(_header_top(grid, bottom), bottom + 1)
    sexes = _sex_columns(grid, header_rows)
    first_data = bottom + 1
    while first_data < len(grid.rows) and is_column_number_row(grid.rows[first_data]):
        first_data += 1
    data = _data_rows(grid, first_data)
    sex_indices = {column.index for column in sexes.values()}
    headers = [Column(c, _column_header(grid, header_rows, c)) for c in range(len(grid.rows[bottom]))]
    others = [
        col for col in headers if col.index not in sex_indices and normalise(col.header.text) not in NUMBER_COLUMN_NAMES
    ]
    texty = [col for col in others if any(row[col.index].text and not _is_number(row[col.index]) for row in data)]
    if not texty:
        raise grid.error(grid.rows[bottom][0].ref, "no column of row labels (area or category names) found")
    label = texty[0]
    extra = tuple(col for col in others if col.index > label.index and any(row[col.index].text for row in data))
    title, title_cell = _title(grid, header_rows[0])
    return Layout(
        title, title_cell, tuple(header_rows), sexes, label, is_area_header(label.header.text), extra, first_data
    )
