"""The audit per office: which indicators each office sent disaggregated by sex, and every problem, by cell."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Optional, Union

import pandas as pd

from gendex._common import check_language, write_files

from . import findings as st
from .areas import AreaIndex, Areas
from .cells import PathLike
from .errors import OfficeTableError
from .findings import STATUS_TEXT, STATUSES
from .mapping import IndicatorMapping
from .table import Mapping, OfficeTable, read_grid, table_grids

#: Columns of :attr:`OfficeAudit.frame` and of :meth:`OfficeAudit.to_csv`.
AUDIT_COLUMNS = ("file", "sheet", "indicator", "status", "cell", "detail")
#: The frame's seventh column: the detail in Indonesian (the reader's own reasons, for an unreadable file,
#: in English).
DETAIL_ID = "detail_id"
#: Files the audit reads in a folder (Excel's "~$" lock files are skipped).
OFFICE_FILE_TYPES = (".xlsx", ".csv")

_SUMMARY_WORDS = {
    "id": (
        "Audit data terpilah: {files} berkas, {tables} tabel, {indicators} indikator.",
        "Terpilah menurut jenis kelamin: {n} tabel.",
        "Masalah: {n}.",
        "Tidak ada masalah.",
    ),
    "en": (
        "Sex-disaggregated data audit: {files} files, {tables} tables, {indicators} indicators.",
        "Disaggregated by sex: {n} tables.",
        "Problems: {n}.",
        "No problems.",
    ),
}


@dataclass(frozen=True)
class OfficeAudit:
    """The result of :func:`audit_offices`.

    Attributes
    ----------
    frame : pandas.DataFrame
        One row per file, sheet, indicator and finding, columns :data:`AUDIT_COLUMNS` and
        ``detail_id``, the detail in Indonesian (what ``gendex audit --lang id`` prints).
        Every table read has one coverage row ("disaggregated", "totals_only", "one_sex",
        "empty"); problems add rows ("sum_mismatch", "missing_areas", "unknown_area",
        "unmapped", "missing_values", "duplicate_row", "extra_column"); an expected indicator
        nobody sent is "missing"; a file or sheet that cannot be read is "unreadable".
        ``cell`` is the A1 cell the row is about ("" when none).
    tables : tuple of OfficeTable
        Every table read, with its tidy frame.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "disdik.csv").write_text("Jumlah Guru menurut Jenjang Pendidikan\\n"
    ...                                         "Jenjang;L;P;Jumlah\\nSD;120;310;430\\nSMP;85;90;170\\n")
    >>> audit = audit_offices(folder, expected=["teachers", "pupils"])
    >>> audit.frame[["file", "indicator", "status", "cell"]]  # doctest: +NORMALIZE_WHITESPACE
             file indicator         status cell
    0  disdik.csv  teachers  disaggregated   B2
    1  disdik.csv  teachers   sum_mismatch   D4
    2                pupils        missing
    >>> audit.frame.loc[1, "detail_id"]
    'SMP: Laki-laki 85 + Perempuan 90 = 175, Jumlah 170 (selisih +5)'
    """

    frame: pd.DataFrame
    tables: tuple[OfficeTable, ...] = field(repr=False)

    @property
    def problems(self) -> pd.DataFrame:
        """The rows of :attr:`frame` whose status is not "disaggregated"."""
        return self.frame[~self.frame["status"].isin(st.FINE)].reset_index(drop=True)

    def to_csv(self, path: PathLike) -> None:
        """Write :attr:`frame` (exactly the six columns file, sheet, indicator, status, cell, detail) as UTF-8 CSV.

        Parameters
        ----------
        path : str or os.PathLike
            The CSV file to write (replaced atomically when it is a regular file; a device is written in place).

        Raises
        ------
        InputError
            When the file cannot be written, naming it.

        Examples
        --------
        >>> import tempfile, pathlib
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (folder / "disdik.csv").write_text("Jumlah Guru menurut Jenjang Pendidikan\\n"
        ...                                         "Jenjang;L;P;Jumlah\\nSD;120;310;430\\nSMP;85;90;170\\n")
        >>> audit = audit_offices(folder, expected=["teachers", "pupils"])
        >>> audit.to_csv(folder / "audit.csv")
        >>> print((folder / "audit.csv").read_text().splitlines()[0])
        file,sheet,indicator,status,cell,detail
        """
        write_files([(path, self.frame.to_csv(index=False, columns=list(AUDIT_COLUMNS), lineterminator="\n"))])

    def summary(self, lang: str = "id") -> str:
        """A short text: counts, then one line per status with the number of rows.

        Parameters
        ----------
        lang : {"id", "en"}
            Indonesian or English.

        Returns
        -------
        str

        Raises
        ------
        gendex.UnknownKeyError
            For another language.

        Examples
        --------
        >>> import tempfile, pathlib
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (folder / "disdik.csv").write_text("Jumlah Guru menurut Jenjang Pendidikan\\n"
        ...                                         "Jenjang;L;P;Jumlah\\nSD;120;310;430\\nSMP;85;90;170\\n")
        >>> audit = audit_offices(folder, expected=["teachers", "pupils"])
        >>> print(audit.summary("en"))
        Sex-disaggregated data audit: 1 files, 1 tables, 2 indicators.
        Disaggregated by sex: 1 tables.
        Problems: 2.
          sum_mismatch: 1 (male + female differs from the total)
          missing: 1 (expected indicators nobody sent)
        """
        heading, fine, problems, none = _SUMMARY_WORDS[check_language(lang)]
        counts = self.frame["status"].value_counts()
        lines = [
            heading.format(
                files=self.frame.loc[self.frame["file"] != "", "file"].nunique(),  # not the "" of "missing" rows
                tables=len(self.tables),
                indicators=self.frame["indicator"].nunique(),
            ),
            fine.format(n=int(counts.get(st.DISAGGREGATED, 0))),
            problems.format(n=len(self.problems)) if len(self.problems) else none,
        ]
        language = 0 if lang == "id" else 1
        lines += [
            f"  {status}: {int(counts[status])} ({STATUS_TEXT[status][language]})"
            for status in STATUSES
            if status not in st.FINE and status in counts
        ]
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"<gendex.OfficeAudit: {len(self.tables)} tables, {len(self.problems)} problems>"


def audit_frame_in(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """An audit frame for people reading ``lang``: without ``detail_id``, ``detail`` in Indonesian ("id";
    the English one where a frame has no other) or English ("en")."""
    if DETAIL_ID not in frame.columns:
        return frame
    shown = frame[DETAIL_ID] if lang == "id" or "detail" not in frame.columns else frame["detail"]
    return frame.drop(columns=DETAIL_ID).assign(detail=shown)


def office_files(folder_or_paths: Union[PathLike, Iterable[PathLike]]) -> list[str]:
    """The .xlsx and .csv files of a folder (sorted; lock files skipped), or the given paths."""
    if isinstance(folder_or_paths, (str, os.PathLike)) and os.path.isdir(folder_or_paths):
        folder = os.fspath(folder_or_paths)
        return [
            os.path.join(folder, name)
            for name in sorted(os.listdir(folder))
            if name.lower().endswith(OFFICE_FILE_TYPES) and not name.startswith("~$")
        ]
    if isinstance(folder_or_paths, (str, os.PathLike)):
        return [os.fspath(folder_or_paths)]
    return [os.fspath(p) for p in folder_or_paths]


def _rows_of(table: OfficeTable) -> list[tuple[str, ...]]:
    return [
        (table.file, table.sheet, table.indicator, f.status, f.cell, f.detail, f.detail_in("id"))
        for f in table.findings
    ]


def _unreadable(error: OfficeTableError, file: str) -> tuple[str, ...]:
    # The reader's reasons are worded in English only: the Indonesian detail repeats them.
    return (error.file or file, error.sheet, "", st.UNREADABLE, error.cell, error.reason, error.reason)


def _read_file(
    path: str, mapping: IndicatorMapping, index: AreaIndex
) -> tuple[list[OfficeTable], list[tuple[str, ...]]]:
    """The tables of one file and their audit rows; a sheet that cannot be read is a row, not an exception."""
    name = os.path.basename(path)
    try:
        grids = table_grids(path)
    except OfficeTableError as error:
        return [], [_unreadable(error, name)]
    tables, rows = [], []
    for grid in grids:
        try:
            table = read_grid(grid, mapping, index)
        except OfficeTableError as error:
            rows.append(_unreadable(error, name))
            continue
        tables.append(table)
        rows += _rows_of(table)
    return tables, rows


def audit_offices(
    folder_or_paths: Union[PathLike, Iterable[PathLike]],
    mapping: Mapping = None,
    areas: Areas = None,
    expected: Optional[Iterable[str]] = None,
) -> OfficeAudit:
    """Audit the sex-disaggregated tables offices sent: coverage and every problem, by file, sheet and cell.

    Parameters
    ----------
    folder_or_paths : str, os.PathLike or iterable of them
        A folder (its .xlsx and .csv files) or the files.
    mapping : str, os.PathLike, DataFrame or IndicatorMapping, optional
        The indicator mapping; default: the bundled starter.
    areas : RegionHierarchy, region CSV path or DataFrame, or a list of these, optional
        The regions row labels must match; areas of a level without a row are "missing_areas".
    expected : iterable of str, optional
        Indicator ids some office should have sent; each one nobody sent is a "missing" row.

    Returns
    -------
    OfficeAudit

    Raises
    ------
    OfficeTableError
        When the mapping cannot be read (a damaged office file is an "unreadable" row instead).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "disdik.csv").write_text("Jumlah Guru menurut Jenjang Pendidikan\\n"
    ...                                         "Jenjang;L;P;Jumlah\\nSD;120;310;430\\nSMP;85;90;170\\n")
    >>> audit = audit_offices(folder, expected=["teachers", "pupils"])
    >>> for row in audit.problems[["file", "status", "cell", "detail"]].values.tolist():
    ...     print(row)
    ['disdik.csv', 'sum_mismatch', 'D4', 'SMP: Laki-laki 85 + Perempuan 90 = 175, Jumlah 170 (difference +5)']
    ['', 'missing', '', 'no office sent pupils']
    """
    mapping_, index = IndicatorMapping.load(mapping), AreaIndex.build(areas)
    tables: list[OfficeTable] = []
    rows: list[tuple[str, ...]] = []
    for path in office_files(folder_or_paths):
        file_tables, file_rows = _read_file(path, mapping_, index)
        tables += file_tables
        rows += file_rows
    sent = {t.indicator for t in tables}
    rows += [
        (
            "",
            "",
            indicator,
            st.MISSING,
            "",
            f"no office sent {indicator}",
            f"tidak ada kantor yang mengirim {indicator}",
        )
        for indicator in dict.fromkeys(expected or ())
        if indicator not in sent
    ]
    return OfficeAudit(pd.DataFrame(rows, columns=[*AUDIT_COLUMNS, DETAIL_ID]), tuple(tables))
