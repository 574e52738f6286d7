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
