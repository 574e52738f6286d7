"""Reports for a gender-mainstreaming working group: an Excel workbook and a printable page.

:func:`report` assembles the numbers (:mod:`.numbers`), writes the workbook
(:mod:`.workbook`, openpyxl) and the self-contained page (:mod:`.page`) with
its charts (:mod:`.charts`, matplotlib). See ``docs/reports.md``.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple, Optional, Union

from gendex._common import write_files
from gendex.indices import Edition

from .gap import GapSheet, gap_sheet
from .numbers import PathLike, ReportData, assemble

__all__ = ["GapSheet", "ReportData", "ReportFiles", "gap_sheet", "report"]

WORKBOOK = "report.xlsx"
PAGE = "report.html"


class ReportFiles(NamedTuple):
    """The files :func:`report` wrote.

    Attributes
    ----------
    folder : pathlib.Path
        The output folder.
    workbook : pathlib.Path
        ``folder / "report.xlsx"``.
    page : pathlib.Path
        ``folder / "report.html"``.
    indices : tuple of str
        The indices reported, in order.

    Examples
    --------
    >>> import tempfile, gendex
    >>> kalteng = gendex.read_csv("data/bps/kalteng_2010_2021.csv")
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     files = gendex.report(kalteng, index="ipg", output=folder)
    ...     print(files.workbook.relative_to(files.folder), files.page.relative_to(files.folder), files.indices)
    report.xlsx report.html ('ipg',)
    """

    folder: Path
    workbook: Path
    page: Path
    indices: tuple[str, ...]


def report(
    data: Any,
    index: Union[str, Sequence[str]] = ("ipg", "idg", "ikg"),
    edition: Union[str, Edition, None] = None,
    regions: Any = None,
    focus: Optional[str] = None,
    lang: str = "id",
    output: PathLike = "report",
    audit: Any = None,
) -> ReportFiles:
    """Write a report of gender indices for one region: ``report.xlsx`` and ``report.html``.

    For every index: its value per region and period, the publisher's own
    figure beside the recomputation where the data carries one (differences
    beyond the printed precision flagged), the rank within the parent region,
    the change since the previous period, the components, and which component
    keeps it furthest from parity (:func:`gendex.priorities`).

    Parameters
    ----------
    data : gendex.Dataset, pandas.DataFrame or path
        Tidy data (a path is read with :func:`gendex.read_csv`). Rows of an
        index's own id (e.g. ``ipg``, sex total) are the publisher's figures.
    index : str or sequence of str
        Index ids of :func:`gendex.index_names`, in the order reported.
        Each must be computable for some region-period or present as published
        figures in ``data``; an index with neither raises.
    edition : str or gendex.Edition, optional
        The methodology edition of every recomputation; by default "bps" for
        ipm, ipg, idg and ikg and the newest HDR edition for UNDP's indices.
    regions : gendex.RegionHierarchy or path, optional
        Names and parents of the regions: a hierarchy, a regions CSV
        (``region_aliases.csv`` beside it is read too) or a folder holding
        ``regions.csv`` or ``bps/regions.csv``. Without it regions are shown
        by code and ranked all together.
    focus : str, optional
        Code or name (or alias) of the region the report is about; by default
        the highest-level region of the data.
    lang : {"id", "en"}
        Indonesian or English headers, labels and text.
    output : path
        The folder to write into (made when missing; the two files are
        replaced, other files are left alone).
    audit : optional
        The data-terpilah audit to show: a :class:`gendex.OfficeAudit` (its
        ``frame``), any DataFrame, or a :class:`gendex.AuditReport`; by default
        :func:`gendex.audit` of ``data`` over the inputs of the indices.

    Returns
    -------
    ReportFiles
        The folder and the paths of the workbook and the page.

    Raises
    ------
    gendex.InputError
        An index that can be neither computed for any region-period nor found
        published in ``data`` (naming its missing inputs), empty data, a focus
        region without data.
    gendex.UnknownKeyError
        An unknown index or focus region (named).
    gendex.InputError
        ``lang`` other than "id" or "en".

    Notes
    -----
    Nothing is half-written: both files are written into a temporary folder
    next to ``output`` and moved into place only when both are complete.

    Examples
    --------
    >>> import tempfile, gendex
    >>> kalteng = gendex.read_csv("data/bps/kalteng_2010_2021.csv")
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     files = gendex.report(kalteng, index=("ipg", "idg"), regions="data", focus="Kapuas", output=folder)
    ...     print(files.workbook.name, files.page.name, files.indices)
    report.xlsx report.html ('ipg', 'idg')
    """
    numbers = assemble(data, index, edition, regions, focus, lang, audit)
    from .page import render
    from .workbook import workbook

    contents: list[tuple[str, Union[str, bytes]]] = [(WORKBOOK, workbook(numbers)), (PAGE, render(numbers))]
    folder = Path(os.fspath(output))
    folder.mkdir(parents=True, exist_ok=True)
    write_files([(folder / name, data) for name, data in contents])
    return ReportFiles(folder, folder / WORKBOOK, folder / PAGE, tuple(s.index for s in numbers.sections))
