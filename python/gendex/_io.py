"""Readers of sex-disaggregated data files: tidy CSV, UNDP HDR time series and BPS tables."""

from __future__ import annotations

import os
from typing import NamedTuple, Optional

from . import _core
from ._common import PathLike, public_module
from ._dataset import Dataset
from ._regions import RegionHierarchy, _hierarchy_core
from ._registry import IndicatorRegistry, _registry_core


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
