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

    The header names the columns ``region``, ``period``, ``sex``, ``indicator``,
    ``value`` and optionally ``age_group``, ``se``, ``unit``, ``source``, in any
    order; every other row is one observation.

    Parameters
    ----------
    path : str or os.PathLike
        The CSV file.
    registry : IndicatorRegistry, optional
        Indicators to check ids, sex scopes and value ranges against; None
        takes the built-in registry.
    encoding : {"auto", "utf-8", "cp1252"}, default "auto"
        "auto" reads UTF-8 when the file is valid UTF-8, else cp1252.

    Returns
    -------
    Dataset
        The observations, in the order of the file.

    Raises
    ------
    InputError
        When the file cannot be read, a column is missing or unknown, or a cell
        is not valid; the message names the file, line and column.

    See Also
    --------
    read_hdr : UNDP's wide HDR file.
    Dataset.from_frame : the same contract from a pandas DataFrame.

    Examples
    --------
    >>> import gendex
    >>> ds = gendex.read_csv("data/bps/kalteng_2010_2021.csv")
    >>> ds
    <gendex.Dataset: 2,490 rows, 15 regions, 12 periods (2010-2021), 10 indicators>

    A file of another shape fails on its first line:

    >>> try:  # doctest: +NORMALIZE_WHITESPACE
    ...     gendex.read_csv("data/undp/HDR25_Composite_indices_complete_time_series.csv")
    ... except gendex.InputError as e:
    ...     print(e)
    data/undp/HDR25_Composite_indices_complete_time_series.csv: line 1, column 'iso3': unknown column
    (expected region, period, sex, indicator, value and optionally age_group, se, unit, source)
    """
    return Dataset._wrap(_core.read_csv(os.fspath(path), _registry_core(registry), encoding))


def read_hdr(path: PathLike, registry: Optional[IndicatorRegistry] = None, encoding: str = "auto") -> Dataset:
    """Read a UNDP HDR "composite indices complete time series" wide file.

    The file has one row per country or aggregate and one column per indicator
    and year (``le_f_2023``: life expectancy of women in 2023). Every non-empty
    cell of a mapped column (:func:`hdr_columns`) becomes one observation;
    other columns are ignored.

    Parameters
    ----------
    path : str or os.PathLike
        The CSV file as UNDP publishes it (HDR 2021/22, 2023/24 or 2025).
    registry : IndicatorRegistry, optional
        Indicators to check against; None takes the built-in registry.
    encoding : {"auto", "utf-8", "cp1252"}, default "auto"
        "auto" reads UTF-8 when the file is valid UTF-8, else cp1252.

    Returns
    -------
    Dataset
        region is the iso3 code, period the year, source the file name.

    Raises
    ------
    InputError
        When the file cannot be read, has no ``iso3`` column, or a cell is not
        a number; the message names the file, line and column.

    See Also
    --------
    read_hdr_regions : the countries' names and groups from the same file.

    Examples
    --------
    >>> import gendex
    >>> ds = gendex.read_hdr("data/undp/HDR25_Composite_indices_complete_time_series.csv")
    >>> ds
    <gendex.Dataset: 176,674 rows, 206 regions, 34 periods (1990-2023), 22 indicators>
    >>> df = ds.to_frame()
    >>> le = df[(df["region"] == "IDN") & (df["period"] == 2023) & (df["indicator"] == "life_expectancy")]
    >>> print(le[["region", "period", "sex", "value"]].to_string(index=False))
    region  period    sex  value
       IDN    2023  total 71.146
       IDN    2023 female 73.268
       IDN    2023   male 69.036
    """
    return Dataset._wrap(_core.read_hdr(os.fspath(path), _registry_core(registry), encoding))


def read_bps_table(path: PathLike, indonesia: RegionHierarchy, registry: Optional[IndicatorRegistry] = None) -> Dataset:
    """Read a BPS IPG or IDG table as a Dataset with BPS region codes.

    BPS's tables have one row per region-year and name regions as BPS prints
    them (``ACEH``, ``KAB. KAPUAS``); ``indonesia`` resolves the names to codes.
    Rows repeating an earlier region-year with identical values (Kalimantan
    Utara's kabupaten listed under Kalimantan Timur too) are kept once.

    Parameters
    ----------
    path : str or os.PathLike
        The table (``data/bps/ipg_components_2010_2021.csv`` or
        ``data/bps/idg_components_2010_2021.csv``).
    indonesia : RegionHierarchy
        The regions of Indonesia with their names and aliases
        (:func:`read_indonesia_regions`).
    registry : IndicatorRegistry, optional
        Indicators to check against; None takes the built-in registry.

    Returns
    -------
    Dataset
        The components and BPS's published index values by sex.

    Raises
    ------
    InputError
        When a row names a region ``indonesia`` does not know, or repeats an
        earlier region-year with other values; the message names the line.

    Examples
    --------
    >>> import gendex
    >>> indonesia = gendex.read_indonesia_regions("data")
    >>> gendex.read_bps_table("data/bps/ipg_components_2010_2021.csv", indonesia)
    <gendex.Dataset: 66,190 rows, 549 regions, 12 periods (2010-2021), 6 indicators>
    """
    ds, _repeats = _core.read_bps_table(os.fspath(path), _hierarchy_core(indonesia), _registry_core(registry))
    return Dataset._wrap(ds)


@public_module("gendex")
class HdrColumn(NamedTuple):
    """How a column stem of the HDR file maps to the data contract.

    Attributes
    ----------
    stem : str
        The column's name without its year, e.g. "gni_pc_f" (the file's columns
        are ``<stem>_<year>``).
    indicator : str
        The indicator id it reads into.
    sex : str
        "female", "male" or "total".
    unit : str
        The unit when it differs from the registry's (population in millions),
        else "".

    Examples
    --------
    >>> import gendex
    >>> gendex.hdr_columns()[0]
    HdrColumn(stem='hdi', indicator='hdi', sex='total', unit='')
    """

    stem: str  # e.g. "gni_pc_f"; the file's columns are <stem>_<year>
    indicator: str
    sex: str
    unit: str  # when it differs from the registry's, e.g. population in millions


def hdr_columns() -> list[HdrColumn]:
    """The HDR column stems :func:`read_hdr` reads; any other column is ignored.

    Returns
    -------
    list of HdrColumn
        One entry per column stem, in the order of the HDR file.

    Examples
    --------
    >>> import gendex
    >>> [c for c in gendex.hdr_columns() if c.indicator == "life_expectancy"]  # doctest: +NORMALIZE_WHITESPACE
    [HdrColumn(stem='le', indicator='life_expectancy', sex='total', unit=''),
     HdrColumn(stem='le_f', indicator='life_expectancy', sex='female', unit=''),
     HdrColumn(stem='le_m', indicator='life_expectancy', sex='male', unit='')]
    """
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

    Parameters
    ----------
    path : str or os.PathLike
        The economy-profile CSV file.
    period : int, default 2023
        The year of the profiles (the report's edition).

    Returns
    -------
    Dataset
        The given scores and the published figures, one region per economy.

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

    Parameters
    ----------
    path : str or os.PathLike
        The annex workbook (.xlsx).
    period : int, default 2022
        The year of the indices.

    Returns
    -------
    Dataset
        The components and the published ``wei``/``ggpi`` and groups, one region per country or aggregate.

    Raises
    ------
    InputError
        A sheet or header not where the annex has it, a cell that is neither a number nor ``..``,
        or a component the two tables give differently, naming the sheet, cell and reason.

    Examples
    --------
    >>> import gendex
    >>> annex = gendex.read_paths_to_equal("data/paths-to-equal/the-paths-to-equal-annex-tables-en.xlsx")
    >>> round(float(gendex.compute("wei", annex.filter(regions="Indonesia")).wide()["wei"].iloc[0]), 3)
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
