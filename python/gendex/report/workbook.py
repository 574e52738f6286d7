"""The report workbook (openpyxl): summary, one sheet per index, priorities, audit, notes.

Numbers are stored as numbers at full precision and shown with the publisher's
decimals through the cell number format ("0.00" for BPS's IPG, "0.000" for the
IKG and UNDP's indices), never as text. Region names and codes have their own
columns.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, Optional

import numpy as np
import pandas as pd

from gendex._common import workbook_bytes

from .numbers import ReportData, Table, index_table, notes_tables, priorities_table
from .words import words

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

HEADER_FILL = "DDE6F0"
MAX_WIDTH = 60


def number_format(decimals: Optional[int]) -> str:
    """The Excel number format of ``decimals`` ("0.00"; "0" for whole numbers)."""
    return "0" if not decimals else "0." + "0" * decimals


def _cell_value(value: Any) -> Any:
    """A value openpyxl stores as itself: Python numbers, text, None for missing."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return None if math.isnan(float(value)) else float(value)
    return str(value)


def write_table(sheet: Worksheet, table: Table, row: int, title: bool = True) -> int:
    """Write ``table`` from ``row`` (title, header, cells); return the first row after it."""
    from openpyxl.styles import Alignment, Font, PatternFill

    bold = Font(bold=True)
    if title:
        sheet.cell(row, 1, table.title).font = Font(bold=True, size=12)
        row += 1
    fill = PatternFill("solid", fgColor=HEADER_FILL)
    for c, name in enumerate(table.frame.columns, start=1):
        cell = sheet.cell(row, c, str(name))
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    row += 1
    for r, values in enumerate(table.frame.itertuples(index=False, name=None)):
        for c, (name, value) in enumerate(zip(table.frame.columns, values), start=1):
            v = _cell_value(value)
            cell = sheet.cell(row, c, v)
            if isinstance(v, float) and not isinstance(v, bool):
                decimals = table.decimals(r, str(name))
                if decimals is not None:
                    cell.number_format = number_format(decimals)
                elif float(v).is_integer():
                    cell.number_format = "0"
        row += 1
    return row + 1


def _widths(sheet: Worksheet) -> None:
    from openpyxl.utils import get_column_letter

    widths: dict[int, int] = {}
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value is None or (cell.font is not None and cell.font.size == 12):
                continue  # titles may run over
            text = f"{cell.value:.3f}" if isinstance(cell.value, float) else str(cell.value)
            widths[cell.column] = max(widths.get(cell.column, 6), min(len(text) + 2, MAX_WIDTH))
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = width


def _trend(data: ReportData, s_index: int) -> Table:
    s = data.sections[s_index]
    w = words(data.lang)
    t = s.table.dropna(subset=["value"])
    pivot = t.pivot_table(index=["region", "name"], columns="period", values="value", sort=False)
    pivot.columns = [str(p) for p in pivot.columns]
    pivot = pivot.reset_index().rename(columns={"region": w["code"], "name": w["region"]})
    title = f"{w['trend']} {s.short} ({w['official_short'].format(publisher=s.publisher)} / {w['recomputed_short']})"
    return Table(title, pivot, {str(p): s.digits for p in t["period"].unique()})


def workbook(data: ReportData) -> bytes:
    """The report workbook, as the bytes of its .xlsx file."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    w = words(data.lang)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = w["sheet_summary"]
    sheet.cell(1, 1, w["title"]).font = Font(bold=True, size=14)
    focus = data.focus
    sheet.cell(2, 1, w["focus"])
    sheet.cell(2, 2, data.name(focus.code))
    sheet.cell(2, 3, focus.code)
    if data.parent is not None:
        sheet.cell(3, 1, w["parent"])
        sheet.cell(3, 2, data.name(data.parent.code))
        sheet.cell(3, 3, data.parent.code)
    write_table(sheet, data.summary, 5, title=False)
    _widths(sheet)

    for i, s in enumerate(data.sections):
        sheet = book.create_sheet(s.short[:31])
        table = index_table(s, data.lang)
        end = write_table(sheet, table, 1)
        sheet.freeze_panes = "D3"
        write_table(sheet, _trend(data, i), end + 1)
        _widths(sheet)

    sheet = book.create_sheet(w["sheet_priorities"])
    priorities = priorities_table(data.sections, data.lang)
    if len(priorities.frame):
        write_table(sheet, priorities, 1)
        sheet.freeze_panes = "A3"
    else:
        sheet.cell(1, 1, "; ".join(w["no_priorities"].format(short=s.short) for s in data.sections))
    _widths(sheet)

    sheet = book.create_sheet(w["sheet_audit"])
    end = write_table(sheet, data.audit.summary, 1)
    if len(data.audit.detail.frame) or data.audit.given:
        write_table(sheet, data.audit.detail, end + 1)
    else:
        sheet.cell(end + 1, 1, w["audit_no_gaps"])
    _widths(sheet)

    sheet = book.create_sheet(w["sheet_notes"])
    row = 1
    for table in notes_tables(data):
        row = write_table(sheet, table, row)
    _widths(sheet)
    sheet.column_dimensions["A"].width = 40
    return workbook_bytes(book)
