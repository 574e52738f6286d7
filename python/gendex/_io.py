"""Readers of sex-disaggregated data files: tidy CSV, UNDP HDR time series, BPS tables, WEF GGGI profiles."""

from __future__ import annotations

import csv
import os
from typing import NamedTuple, Optional

import pandas as pd

from . import _core
from ._common import PathLike, public_module
from ._dataset import Dataset
from ._regions import RegionHierarchy, _hierarchy_core
from ._registry import IndicatorRegistry, _registry_core
from .indices import index_facts


def read_csv(path: PathLike, registry: Optional[IndicatorRegistry] = None, encoding: str = "auto") -> Dataset:
    """Read a tidy CSV file of the data contract.

    ``encoding`` is "auto" (UTF-8 when valid, else cp1252), "utf-8" or
    "cp1252". Errors name the file, line and column.
    """
    return Dataset._wrap(_core.read_csv(os.fspath(path), _registry_core(registry), encoding))


def read_hdr(path: PathLike, registry: Optional[IndicatorRegistry] = None, encoding: str = "auto") -> Dataset:
    """Read a UNDP HDR "composite indices complete time series" wide file.

    One row per non-empty cell of a mapped column (see :func:`hdr_columns`);
    region is the iso3 code, source the file name.
    """
    return Dataset._wrap(_core.read_hdr(os.fspath(path), _registry_core(registry), encoding))


def read_bps_table(path: PathLike, indonesia: RegionHierarchy, registry: Optional[IndicatorRegistry] = None) -> Dataset:
    """A BPS IPG or IDG table (one row per region-year, names as BPS prints them) as a Dataset with BPS codes.

    Rows repeating an earlier region-year with identical values (Kalimantan
    Utara's kabupaten listed under Kalimantan Timur too) are kept once; a
    conflicting repeat or an unknown region raises, naming the line.
    """
    ds, _repeats = _core.read_bps_table(os.fspath(path), _hierarchy_core(indonesia), _registry_core(registry))
    return Dataset._wrap(ds)


@public_module("gendex")
class HdrColumn(NamedTuple):
    """How a column stem of the HDR file maps to the data contract."""

    stem: str  # e.g. "gni_pc_f"; the file's columns are <stem>_<year>
    indicator: str
    sex: str
    unit: str  # when it differs from the registry's, e.g. population in millions


def hdr_columns() -> list[HdrColumn]:
    """The HDR column stems :func:`read_hdr` reads; any other column is ignored."""
    return [HdrColumn(*c) for c in _core.hdr_columns()]


#: The columns of the GGGR 2023 economy-profile file (``data/wef/gggi_2023_profiles.csv``) besides the
#: country, the WEF region, the index and the rank: the index table's gggi outputs after gggi and gggi_rank,
#: without their prefix (the four subindices, then the fourteen indicator scores).
_GGGI_COLUMNS = [indicator.removeprefix("gggi_") for indicator, _ in index_facts("gggi").outputs[2:]]
GGGI_SUBINDICES = tuple(_GGGI_COLUMNS[:4])
GGGI_INDICATORS = tuple(_GGGI_COLUMNS[4:])


def _profile_number(name: str, line: int, row: dict[str, str], column: str) -> Optional[float]:
    """The number in ``column`` of a profile row; None when empty."""
    text = (row[column] or "").strip()
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise _core.InputError(f"{name}, line {line}, column '{column}': {text!r} is not a number") from None


def read_gggi_profiles(path: PathLike, period: int = 2023) -> Dataset:
    """Read WEF Global Gender Gap economy profiles (one row per economy) into a Dataset.

    The file has the columns of ``data/wef/gggi_2023_profiles.csv`` (SOURCE.md there): ``country``,
    ``region`` (WEF's region, not read), ``index``, ``rank``, the four subindices and the fourteen
    indicator scores, an empty cell where an indicator is missing. Each economy becomes region =
    its name, period ``period``; the indicator scores become ``gggi_<indicator>`` of sex total (the
    given scores :func:`gendex.compute` ("gggi", ...) starts from) and the published figures
    ``gggi``, ``gggi_rank`` and ``gggi_<subindex>``, which :meth:`IndexResult.published` compares.

    Raises
    ------
    InputError
        A missing column, an empty or non-numeric index, rank or subindex, a non-numeric score, or a
        repeated economy, naming the file, line and column.

    Examples
    --------
    >>> import gendex
    >>> profiles = gendex.read_gggi_profiles("data/wef/gggi_2023_profiles.csv")
    >>> result = gendex.compute("gggi", profiles, edition="wef2023")
    >>> iceland = result.wide().set_index("region").loc["Iceland"]
    >>> round(float(iceland["gggi"]), 3), int(iceland["gggi_rank"])
    (0.912, 1)
    """
    name = os.fspath(path)
    required = ("country", "index", "rank", *GGGI_SUBINDICES, *GGGI_INDICATORS)
    rows: list[tuple[str, int, str, str, float]] = []
    seen: dict[str, int] = {}
    with open(name, newline="", encoding="utf-8-sig") as f:
        reader = csv.DictReader(f)
        missing = [c for c in required if c not in (reader.fieldnames or [])]
        if missing:
            raise _core.InputError(f"{name}, line 1: GGGI profile columns missing: {', '.join(missing)}")
        for row in reader:
            line = reader.line_num
            country = (row["country"] or "").strip()
            if not country:
                raise _core.InputError(f"{name}, line {line}, column 'country': empty economy name")
            if country in seen:
                raise _core.InputError(
                    f"{name}, line {line}, column 'country': {country!r} repeats line {seen[country]}"
                )
            seen[country] = line

            published = [("gggi", "index"), ("gggi_rank", "rank")] + [(f"gggi_{s}", s) for s in GGGI_SUBINDICES]
            for indicator, column in published:
                value = _profile_number(name, line, row, column)
                if value is None:
                    raise _core.InputError(f"{name}, line {line}, column '{column}': empty (a published figure)")
                rows.append((country, period, "total", indicator, value))
            for column in GGGI_INDICATORS:
                value = _profile_number(name, line, row, column)
                if value is not None:  # empty: the indicator is missing for this economy
                    rows.append((country, period, "total", f"gggi_{column}", value))
    frame = pd.DataFrame(rows, columns=["region", "period", "sex", "indicator", "value"])
    frame["source"] = os.path.basename(name)
    return Dataset.from_frame(frame)


# ------------------------------------------------------------------ The Paths to Equal (UNDP / UN Women 2023)

# The annex workbook's Tables 2 and 3: values from column E (0-based 4) in every other column, the next one holding
# footnote letters; (indicator, sex) by position, in the order of the kernels' inputs (gendex/indices/twin.hpp).
_WEI_COLUMNS = {
    4 + 2 * k: (indicator, "female")
    for k, indicator in enumerate(
        [
            "family_planning_satisfied",
            "adolescent_birth_rate",
            "upper_secondary_education",
            "neet_rate",
            "lfpr_couple_young_child",
            "account_ownership",
            "parliament_share",
            "local_government_share",
            "managers_share",
            "intimate_partner_violence",
        ]
    )
}
_GGPI_COLUMNS = {
    4 + 2 * k: pair
    for k, pair in enumerate(
        [
            (indicator, sex)
            for indicator in [
                "healthy_life_share",
                "upper_secondary_education",
                "neet_rate",
                "lfpr_couple_young_child",
                "account_ownership",
            ]
            for sex in ("female", "male")
        ]
        + [(indicator, "female") for indicator in ("parliament_share", "local_government_share", "managers_share")]
    )
}
# Group heading rows -> group code (1 low ... 4 high); a heading not listed ends the groups.
_GROUP_HEADINGS = {"HIGH": 4, "UPPER-MIDDLE": 3, "LOWER-MIDDLE": 2, "LOW": 1}
_PATHS_TABLES = (("Table 2", "wei", _WEI_COLUMNS), ("Table 3", "ggpi", _GGPI_COLUMNS))


#: (region, sex, indicator) -> value, cell, source
_AnnexValues = dict[tuple[str, str, str], tuple[float, str, str]]


def _annex_number(name: str, sheet: str, i: int, label: str, row: tuple[object, ...], column: int) -> Optional[float]:
    """The number in ``column`` of an annex row; None for ".." or an empty cell."""
    from openpyxl.utils import get_column_letter

    value = row[column] if len(row) > column else None
    if value is None or (isinstance(value, str) and value.strip() in ("..", "")):
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    where = f"{sheet}!{get_column_letter(column + 1)}{i + 1}"
    raise _core.InputError(f"{name}, {where} ({label}): {value!r} is not a number or '..'")


def _annex_put(
    values: _AnnexValues, name: str, key: tuple[str, str, str], value: float, where: str, source: str
) -> None:
    """Record one value; a component printed in both tables must agree."""
    if key in values and values[key][0] != value:
        region, sex, indicator = key
        raise _core.InputError(
            f"{name}: {indicator} ({sex}) of {region!r} is {values[key][0]} in {values[key][1]} but {value} in {where}"
        )
    values.setdefault(key, (value, where, source))


def read_paths_to_equal(path: PathLike, period: int = 2022) -> Dataset:
    """Read the annex workbook of *The Paths to Equal* (UNDP / UN Women 2023) into a Dataset.

    Tables 2 (the WEI and its ten components, women) and 3 (the GGPI and its components, women and
    men) become one row per country or aggregate (region = UNDP's English name, period
    ``period``, the year of the indices): the components as indicators (``family_planning_satisfied``,
    ``adolescent_birth_rate``, ``upper_secondary_education``, ``neet_rate``,
    ``lfpr_couple_young_child``, ``account_ownership``, ``parliament_share``,
    ``local_government_share``, ``managers_share``, ``intimate_partner_violence``,
    ``healthy_life_share``), the published ``wei``/``ggpi`` and, from the group heading rows,
    ``wei_group``/``ggpi_group`` (1 low ... 4 high). ``..`` is a missing value (no row); a footnote
    letter in the column right of a value goes into that row's source (``"Table 2, note c,d"``);
    "—" with the note of no elected local government gives ``no_local_government`` = 1, so the
    parliament share stands in. A component printed in both tables must agree.

    Raises
    ------
    InputError
        A sheet or header not where the annex has it, a cell that is neither a number nor ``..``,
        or a component the two tables give differently, naming the sheet, cell and reason.

    Examples
    --------
    >>> import gendex
    >>> annex = gendex.read_paths_to_equal("data/paths-to-equal/the-paths-to-equal-annex-tables-en.xlsx")
    >>> round(gendex.compute("wei", annex.filter(regions="Indonesia")).wide()["wei"].iloc[0], 3)
    0.568
    """
    import openpyxl
    from openpyxl.utils import get_column_letter

    name = os.fspath(path)
    book = openpyxl.load_workbook(name, read_only=True, data_only=True)
    values: _AnnexValues = {}
    for sheet, index, columns in _PATHS_TABLES:
        if sheet not in book.sheetnames:
            raise _core.InputError(f"{name}: no sheet {sheet!r} (sheets: {', '.join(book.sheetnames)})")
        rows = list(book[sheet].iter_rows(values_only=True))
        header = next((i for i, r in enumerate(rows) if len(r) > 1 and r[1] == "Country"), None)
        if header is None or len(rows[header]) <= max(columns) + 1:
            raise _core.InputError(f"{name}, sheet {sheet!r}: no header row with 'Country' in column B")
        group: Optional[int] = None
        for i in range(header + 1, len(rows)):
            row = rows[i]
            label = row[1] if len(row) > 1 else None
            if not isinstance(label, str) or not label.strip():
                continue
            label = label.strip()
            if label == "Notes":
                break
            cell = f"{sheet}!B{i + 1}"
            if all(c is None for c in row[2:]):  # a heading row
                words = label.split()
                group = _GROUP_HEADINGS.get(words[0]) if label.isupper() else None
                continue

            headline = _annex_number(name, sheet, i, label, row, 2)
            if headline is not None:
                _annex_put(values, name, (label, "total", index), headline, cell, f"{sheet}, published")
                if group is not None:
                    _annex_put(values, name, (label, "total", f"{index}_group"), float(group), cell, f"{sheet}, group")
            for column, (indicator, sex) in columns.items():
                where = f"{sheet}!{get_column_letter(column + 1)}{i + 1}"
                note = row[column + 1] if len(row) > column + 1 else None
                source = f"{sheet}, note {note.strip()}" if isinstance(note, str) and note.strip() else sheet
                raw = row[column] if len(row) > column else None
                if indicator == "local_government_share" and isinstance(raw, str) and raw.strip() == "\u2014":
                    _annex_put(values, name, (label, "total", "no_local_government"), 1.0, where, source)
                    continue
                value = _annex_number(name, sheet, i, label, row, column)
                if value is not None:
                    _annex_put(values, name, (label, sex, indicator), value, where, source)
    book.close()
    frame = pd.DataFrame(
        [(region, period, sex, indicator, v, source) for (region, sex, indicator), (v, _, source) in values.items()],
        columns=["region", "period", "sex", "indicator", "value", "source"],
    )
    return Dataset.from_frame(frame)
