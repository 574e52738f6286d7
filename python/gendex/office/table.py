"""Reading one office table into the tidy frame, with what the audit needs to know about it."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Optional, Union

import numpy as np
import pandas as pd

from gendex.frames import CONTRACT_COLUMNS

from . import findings as st
from .areas import AreaIndex, Areas
from .cells import Cell, Grid, PathLike, first_text, read_grids
from .errors import OfficeTableError
from .findings import Finding
from .layout import Layout, find_layout, footer_row, is_column_number_row
from .mapping import AVERAGED_KINDS, IndicatorMapping, slug, title_year
from .numbers import Number, parse_number, stored_number
from .vocabulary import INSTRUCTION_SHEETS, TOTAL_LABELS, normalise

Mapping = Union[None, PathLike, pd.DataFrame, IndicatorMapping]

#: Columns of :attr:`OfficeTable.frame`: the data contract, then where each row came from.
FRAME_COLUMNS = (*CONTRACT_COLUMNS, "category", "label", "entry")
#: ``entry`` values: a number written in the cell, a Jumlah formula computed here as L + P, nothing written.
WRITTEN, COMPUTED, NOTHING = "written", "computed", "missing"
SEX_LABELS = {"male": "Laki-laki", "female": "Perempuan", "total": "Jumlah"}
#: Category given to a "Jumlah"/"Total" row that is not a known area.
TOTAL_CATEGORY = "total"
#: How many cells a finding lists before it says "and N more".
LISTED_CELLS = 5


@dataclass(frozen=True)
class OfficeTable:
    """One table an office sent, read.

    Attributes
    ----------
    file, sheet : str
        Where it came from (``sheet`` is "" for a CSV file).
    title : str
        The title rows as written (the sheet or file name when there is none).
    indicator, unit, kind : str
        From the mapping; an unmapped title gets a slug of the title, unit "" and kind "".
    mapped : bool
        Whether the title (or ``indicator=``) named a mapped indicator.
    period : int or None
        From ``period=`` or the last year in the title; None when neither gives one.
    coverage : str
        "disaggregated", "totals_only", "one_sex" or "empty".
    frame : pandas.DataFrame
        One row per table row and sex column, columns :data:`FRAME_COLUMNS`: the nine
        contract columns (``period`` is Int64, NA when unknown; ``source`` is ``file!sheet!cell``),
        ``category`` (the row label of a category table, "total" for its Jumlah row, "" for an
        area), ``label`` (the row label as written) and ``entry`` ("written", "computed": a
        Jumlah formula without a cached value, taken as L + P, or "missing": empty or "-",
        value NaN).
    findings : tuple of Finding
        The coverage and every problem, each with its cell.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "guru.csv"
    >>> _ = path.write_text("Jumlah Guru menurut Jenjang Pendidikan 2023\\nJenjang;L;P\\nSD;1.204;2.310\\n")
    >>> table = read_table(path)
    >>> table.indicator, table.kind, table.period, table.coverage
    ('teachers', 'count', 2023, 'disaggregated')
    """

    file: str
    sheet: str
    title: str
    indicator: str
    unit: str
    kind: str
    mapped: bool
    period: Optional[int]
    coverage: str
    frame: pd.DataFrame = field(repr=False)
    findings: tuple[Finding, ...]

    @property
    def problems(self) -> tuple[Finding, ...]:
        """The findings other than "disaggregated"."""
        return tuple(f for f in self.findings if f.status not in st.FINE)


@dataclass
class _Row:
    """A data row while it is being read."""

    label: Cell
    values: dict[str, tuple[Cell, Optional[Number], str]]  # sex -> (cell, number or None, entry)
    region: str = ""
    category: str = ""


def _read_value(grid: Grid, cell: Cell) -> tuple[Optional[Number], str]:
    if cell.formula:
        return None, COMPUTED
    if isinstance(cell.value, float):
        return stored_number(cell.value), WRITTEN
    try:
        number = parse_number(cell.text)
    except ValueError as exc:
        raise grid.error(cell.ref, str(exc)) from None
    return number, (NOTHING if number is None else WRITTEN)


def _computed_total(values: dict[str, tuple[Cell, Optional[Number], str]]) -> Optional[Number]:
    """L + P for a Jumlah formula nobody computed; None unless both are numbers."""
    male, female = values.get("male", (None, None, ""))[1], values.get("female", (None, None, ""))[1]
    if male is None or female is None:
        return None
    return Number(male.value + female.value, max(male.decimals, female.decimals))


def _read_rows(grid: Grid, layout: Layout, averaged: bool) -> list[_Row]:
    """The table's data rows. A Jumlah formula nobody computed is taken as L + P, except in a rate or mean
    table (``averaged``), whose total is not the sexes' sum: there it is not read (_totals_outside says so)."""
    end = footer_row(grid, layout.first_data_row)
    rows = []
    for row in grid.rows[layout.first_data_row : end]:
        if first_text(row) is None or is_column_number_row(row):
            continue
        label = row[layout.label.index]
        values = {sex: (row[col.index], *_read_value(grid, row[col.index])) for sex, col in layout.sexes.items()}
        if not label.text:
            if any(cell.text or cell.formula for cell, _, _ in values.values()):
                raise grid.error(label.ref, "a row with numbers but no label (area or category name)")
            continue
        if values.get("total", (None, None, ""))[2] == COMPUTED:
            total = None if averaged else _computed_total(values)
            values["total"] = (values["total"][0], total, COMPUTED if total else NOTHING)
        rows.append(_Row(label, values))
    _check_below_footer(grid, layout, end)
    return rows


def _check_below_footer(grid: Grid, layout: Layout, end: int) -> None:
    """Numbers below the source line would be a second table this reader does not see: say so."""
    for row in grid.rows[end + 1 :]:
        for col in layout.sexes.values():
            cell = row[col.index]
            if isinstance(cell.value, float) or _is_numeric_text(cell.text):
                raise grid.error(
                    cell.ref,
                    f"a number below the source/footnote row {grid.rows[end][0].ref}: one table per sheet is expected",
                )


def _is_numeric_text(text: str) -> bool:
    try:
        return parse_number(text) is not None
    except ValueError:
        return False


def _coverage(rows: list[_Row]) -> tuple[str, set[str]]:
    """The coverage status and the sexes with at least one number."""
    reported = {sex for row in rows for sex, (_, number, _) in row.values.items() if number is not None}
    if {"male", "female"} <= reported:
        return st.DISAGGREGATED, reported
    if "male" in reported or "female" in reported:
        return st.ONE_SEX, reported
    return (st.TOTALS_ONLY if reported else st.EMPTY), reported


def _coverage_finding(grid: Grid, layout: Layout, coverage: str, reported: set[str]) -> Finding:
    present = ", ".join(f"{SEX_LABELS[s]} ({layout.sexes[s].header.ref})" for s in SEX_LABELS if s in layout.sexes)
    numbers = ", ".join(SEX_LABELS[s] for s in SEX_LABELS if s in reported)
    anchor = layout.sexes.get("total") if coverage == st.TOTALS_ONLY else None
    cell = (anchor or next(iter(layout.sexes.values()))).header.ref
    return Finding(
        coverage,
        cell,
        f"columns: {present}; with numbers: {numbers or 'none'}",
        f"kolom: {present}; berisi angka: {numbers or 'tidak ada'}",
    )


def _listed(refs: list[str], more_words: str = "and {n} more") -> str:
    more = " " + more_words.format(n=len(refs) - LISTED_CELLS) if len(refs) > LISTED_CELLS else ""
    return ", ".join(refs[:LISTED_CELLS]) + more


def _missing_values(rows: list[_Row], reported: set[str]) -> list[Finding]:
    refs = [
        cell.ref for row in rows for sex, (cell, number, _) in row.values.items() if sex in reported and number is None
    ]
    if not refs:
        return []
    return [
        Finding(
            st.MISSING_VALUES,
            refs[0],
            f"{len(refs)} cells empty or '-' (missing, not zero): {_listed(refs)}",
            f"{len(refs)} sel kosong atau '-' (tidak ada data, bukan nol): {_listed(refs, 'dan {n} lainnya')}",
        )
    ]


def _additive(kind: str, rows: list[_Row]) -> bool:
    """Counts add up; an unmapped table is checked when every number is whole (it looks like a count)."""
    if kind:
        return kind == "count"
    return all(
        n.decimals == 0 and float(n.value).is_integer()
        for row in rows
        for _, n, _ in row.values.values()
        if n is not None
    )


def _format(number: Number) -> str:
    return f"{number.value:.{number.decimals}f}"


def _sum_mismatches(rows: list[_Row]) -> list[Finding]:
    """Rows where Laki-laki + Perempuan differs from Jumlah by more than half a unit of the last printed digit."""
    out = []
    for row in rows:
        male, female, total = (row.values.get(s, (None, None, ""))[1] for s in ("male", "female", "total"))
        if male is None or female is None or total is None or row.values["total"][2] == COMPUTED:
            continue
        tolerance = 0.5 * 10.0 ** -max(male.decimals, female.decimals, total.decimals)
        gap = male.value + female.value - total.value
        if abs(gap) > tolerance * (1 + 1e-9):
            decimals = max(male.decimals, female.decimals, total.decimals)
            summed = (
                f"{row.label.text}: Laki-laki {_format(male)} + Perempuan {_format(female)} = "
                f"{male.value + female.value:.{decimals}f}, Jumlah {_format(total)}"
            )
            out.append(
                Finding(
                    st.SUM_MISMATCH,
                    row.values["total"][0].ref,
                    f"{summed} (difference {gap:+.{decimals}f})",
                    f"{summed} (selisih {gap:+.{decimals}f})",
                )
            )
    return out


def _totals_outside(rows: list[_Row]) -> list[Finding]:
    """Rows of a rate or mean table whose Jumlah is not between Laki-laki and Perempuan (with half a unit
    of the last printed digit to spare), and Jumlah formulas there, which are not read."""
    out = []
    for row in rows:
        cell, total, _ = row.values.get("total", (None, None, ""))
        if cell is not None and cell.formula:
            out.append(
                Finding(
                    st.TOTAL_OUTSIDE,
                    cell.ref,
                    f"{row.label.text}: Jumlah is a formula and was not read: the total of a rate or mean is "
                    "not Laki-laki + Perempuan (enter the total as published)",
                    f"{row.label.text}: Jumlah berupa rumus dan tidak dibaca: jumlah angka rata-rata atau "
                    "persentase bukan Laki-laki + Perempuan (isikan angka jumlah yang dipublikasikan)",
                )
            )
            continue
        male, female = (row.values.get(s, (None, None, ""))[1] for s in ("male", "female"))
        if cell is None or male is None or female is None or total is None:
            continue
        slack = 0.5 * 10.0 ** -max(male.decimals, female.decimals, total.decimals) * (1 + 1e-9)
        low, high = min(male.value, female.value), max(male.value, female.value)
        if low - slack <= total.value <= high + slack:
            continue
        out.append(
            Finding(
                st.TOTAL_OUTSIDE,
                cell.ref,
                f"{row.label.text}: Jumlah {_format(total)} is not between Laki-laki {_format(male)} and Perempuan "
                f"{_format(female)}; the total of a rate or mean is the two averaged over the population",
                f"{row.label.text}: Jumlah {_format(total)} tidak di antara Laki-laki {_format(male)} dan Perempuan "
                f"{_format(female)}; jumlah angka rata-rata atau persentase adalah rata-rata keduanya menurut "
                "penduduk",
            )
        )
    return out


def _is_total(row: _Row) -> bool:
    return normalise(row.label.text) in TOTAL_LABELS


def _place_rows(rows: list[_Row], layout: Layout, index: AreaIndex, region: str) -> tuple[bool, list[Finding]]:
    """Set each row's region or category; whether the rows are areas, and the unknown-area findings."""
    candidates = {id(row): index.candidates(row.label.text) for row in rows if not _is_total(row)}
    resolved = sum(1 for c in candidates.values() if c)
    is_area = layout.is_area_table or (bool(index) and resolved * 2 > len(candidates))
    if not is_area:
        for row in rows:
            row.region, row.category = region, (TOTAL_CATEGORY if _is_total(row) else row.label.text)
        return False, []
    scope = {index.parent(c[0]) for c in candidates.values() if len(c) == 1}
    found = []
    for row in rows:
        if _is_total(row):
            continue
        codes = candidates[id(row)]
        codes = [c for c in codes if index.parent(c) in scope] if len(codes) > 1 else codes
        row.region = codes[0] if len(codes) == 1 else row.label.text
        if index and len(codes) != 1:
            named = ", ".join(f"{index.name(c)} ({c})" for c in candidates[id(row)])
            why, why_id = (
                (f"ambiguous: {named}", f"bermakna ganda: {named}")
                if codes
                else ("not in the region hierarchy nor areas=", "tidak ada di hierarki wilayah maupun areas=")
            )
            found.append(
                Finding(st.UNKNOWN_AREA, row.label.ref, f"'{row.label.text}' {why}", f"'{row.label.text}' {why_id}")
            )
    parents = {index.parent(row.region) for row in rows if row.region in candidates.get(id(row), [])}
    for row in rows:
        if _is_total(row):
            only_parent = next(iter(parents)) if len(parents) == 1 and None not in parents else None
            row.region, row.category = (only_parent, "") if only_parent else (region, TOTAL_CATEGORY)
    return True, found


def _missing_areas(rows: list[_Row], layout: Layout, index: AreaIndex) -> list[Finding]:
    """Siblings of the listed areas that have no row (the listed areas' parents' other children)."""
    listed = {row.region for row in rows if not row.category}
    leaves = {code for code in listed if not any(index.parent(other) == code for other in listed)}
    expected = [
        child for parent in dict.fromkeys(index.parent(c) for c in leaves) if parent for child in index.children(parent)
    ]
    missing = [code for code in expected if code not in listed]
    if not missing:
        return []
    names = ", ".join(f"{index.name(c)} ({c})" for c in missing)
    return [
        Finding(
            st.MISSING_AREAS,
            layout.label.header.ref,
            f"{len(missing)} areas without a row: {names}",
            f"{len(missing)} wilayah tanpa baris: {names}",
        )
    ]


def _duplicates(rows: list[_Row]) -> list[Finding]:
    first: dict[tuple[str, str], Cell] = {}
    out = []
    for row in rows:
        key = (row.region, row.category)
        if key in first:
            out.append(
                Finding(
                    st.DUPLICATE_ROW,
                    row.label.ref,
                    f"'{row.label.text}' repeats {first[key].ref}",
                    f"'{row.label.text}' mengulang {first[key].ref}",
                )
            )
        first.setdefault(key, row.label)
    return out


def _extra_columns(layout: Layout) -> list[Finding]:
    return [
        Finding(
            st.EXTRA_COLUMN,
            col.header.ref,
            f"column '{col.header.text}' holds data but names no sex; not read",
            f"kolom '{col.header.text}' berisi data tetapi tidak menyebut jenis kelamin; tidak dibaca",
        )
        for col in layout.extra
    ]


def _frame(grid: Grid, rows: list[_Row], indicator: str, unit: str, period: Optional[int]) -> pd.DataFrame:
    records = [
        (
            row.region,
            period,
            sex,
            indicator,
            np.nan if number is None else number.value,
            "",
            np.nan,
            unit,
            grid.where(cell.ref),
            row.category,
            row.label.text,
            entry,
        )
        for row in rows
        for sex, (cell, number, entry) in row.values.items()
    ]
    frame = pd.DataFrame.from_records(records, columns=list(FRAME_COLUMNS))
    frame["period"] = frame["period"].astype("Int64")
    frame["value"] = frame["value"].astype(float)
    frame["se"] = frame["se"].astype(float)
    return frame


def read_grid(
    grid: Grid,
    mapping: IndicatorMapping,
    index: AreaIndex,
    indicator: Optional[str] = None,
    period: Optional[int] = None,
    region: str = "",
) -> OfficeTable:
    """One table from a grid (see :func:`read_table`)."""
    layout = find_layout(grid)
    title = layout.title or grid.sheet or os.path.splitext(grid.file)[0]
    entry = mapping.for_indicator(indicator) if indicator else mapping.lookup(title)
    indicator_id = indicator or (entry.indicator if entry else slug(title))
    unit, kind = (entry.unit, entry.kind) if entry else ("", "")
    averaged = kind in AVERAGED_KINDS
    rows = _read_rows(grid, layout, averaged)
    coverage, reported = _coverage(rows)
    is_area, unknown = _place_rows(rows, layout, index, region)
    found = [_coverage_finding(grid, layout, coverage, reported)]
    if not (entry or indicator):
        found.append(
            Finding(
                st.UNMAPPED,
                layout.title_cell.ref if layout.title_cell else "",
                f"title '{title}' is not in the mapping ({mapping.source}); read as '{indicator_id}'",
                f"judul '{title}' tidak ada di pemetaan ({mapping.source}); dibaca sebagai '{indicator_id}'",
            )
        )
    found += _sum_mismatches(rows) if _additive(kind, rows) else []
    found += _totals_outside(rows) if averaged else []
    found += unknown + (_missing_areas(rows, layout, index) if is_area and index else [])
    found += _duplicates(rows) + _extra_columns(layout)
    found += _missing_values(rows, reported) if coverage != st.EMPTY else []
    year = period if period is not None else title_year(title)
    return OfficeTable(
        grid.file,
        grid.sheet,
        title,
        indicator_id,
        unit,
        kind,
        bool(entry or indicator),
        year,
        coverage,
        _frame(grid, rows, indicator_id, unit, year),
        tuple(found),
    )


def table_grids(path: PathLike) -> list[Grid]:
    """The grids of a file that may hold tables: not instruction sheets ("Petunjuk"), not empty sheets."""
    return [
        g
        for g in read_grids(path)
        if normalise(g.sheet) not in INSTRUCTION_SHEETS and any(first_text(row) for row in g.rows)
    ]


def read_tables(
    path: PathLike, mapping: Mapping = None, period: Optional[int] = None, areas: Areas = None, region: str = ""
) -> list[OfficeTable]:
    """Every table of a workbook (one per sheet) or CSV file.

    Sheets named "Petunjuk" or "Instructions" and empty sheets are skipped;
    every other sheet must hold a table.

    Parameters
    ----------
    path : str or os.PathLike
        An .xlsx workbook or a .csv file.
    mapping, period, areas, region
        As for :func:`read_table`.

    Returns
    -------
    list of OfficeTable
        In sheet order.

    Raises
    ------
    OfficeTableError
        For the first file, sheet or cell that cannot be read.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "guru.csv"
    >>> _ = path.write_text("Jumlah Guru menurut Jenjang Pendidikan 2023\\nJenjang;L;P\\nSD;1.204;2.310\\n")
    >>> [t.indicator for t in read_tables(path)]
    ['teachers']
    """
    mapping_, index = IndicatorMapping.load(mapping), AreaIndex.build(areas)
    return [read_grid(g, mapping_, index, None, period, region) for g in table_grids(path)]


def read_table(
    path: PathLike,
    sheet: Optional[str] = None,
    mapping: Mapping = None,
    indicator: Optional[str] = None,
    period: Optional[int] = None,
    areas: Areas = None,
    region: str = "",
) -> OfficeTable:
    """Read one sex-disaggregated table an office sent (.xlsx sheet or .csv file).

    Finds the title, the header (one or two rows, merged cells resolved), the
    Laki-laki / Perempuan / Jumlah columns by name (also L, P, L+P, Total,
    Pria, Wanita, Male, Female, any case and spacing) and the label column
    (the first text column); reads Indonesian numbers ("1.234" = 1234,
    "12,5" = 12.5, "-" = missing); stops at the "Sumber:" or footnote row.

    Parameters
    ----------
    path : str or os.PathLike
        An .xlsx workbook or a .csv file (";" or "," delimited, UTF-8 or cp1252).
    sheet : str, optional
        The sheet to read; by default the workbook's only table sheet.
    mapping : str, os.PathLike, DataFrame or IndicatorMapping, optional
        The indicator mapping (columns name, indicator, unit, kind); default: the bundled starter.
    indicator : str, optional
        The indicator id, overriding the title look-up.
    period : int, optional
        The year; default: the last year written in the title.
    areas : RegionHierarchy, region CSV path or DataFrame, or a list of these, optional
        The regions the row labels are matched to (with lower levels added under a kabupaten).
    region : str, optional
        The region of a category table (rows are jenjang, golongan, ...), put in its ``region`` column.

    Returns
    -------
    OfficeTable
        The tidy frame and the findings (coverage, unmapped title, sum mismatches, unknown and missing areas).

    Raises
    ------
    OfficeTableError
        For a file, sheet or cell that cannot be read, naming ``file!sheet!cell`` and the reason.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "dukcapil.csv"
    >>> _ = path.write_text("Jumlah Penduduk menurut Jenis Kelamin 2023\\n"
    ...                     "Kecamatan;Laki-laki;Perempuan;Jumlah\\nSelat;1.204;1.310;2.514\\n"
    ...                     "Sumber: Dukcapil\\n", encoding="utf-8")
    >>> table = read_table(path)
    >>> table.indicator, table.period, table.coverage
    ('population', 2023, 'disaggregated')
    >>> print(table.frame[["region", "sex", "value", "source"]].to_string(index=False))
    region    sex  value          source
     Selat   male 1204.0 dukcapil.csv!B3
     Selat female 1310.0 dukcapil.csv!C3
     Selat  total 2514.0 dukcapil.csv!D3
    """
    grids = table_grids(path)
    name = os.path.basename(os.fspath(path))
    if sheet is not None:
        grids = [g for g in read_grids(path) if g.sheet == sheet]
        if not grids:
            raise OfficeTableError(name, sheet, "", "no such sheet")
    elif len(grids) != 1:
        sheets = ", ".join(g.sheet for g in grids) or "none"
        raise OfficeTableError(name, "", "", f"{len(grids)} table sheets ({sheets}): pass sheet= or use read_tables")
    return read_grid(grids[0], IndicatorMapping.load(mapping), AreaIndex.build(areas), indicator, period, region)
