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
#: country, the WEF region, the index and the rank: the four subindices, then the fourteen indicator scores.
GGGI_SUBINDICES = (
    "economic_participation_and_opportunity",
    "educational_attainment",
    "health_and_survival",
    "political_empowerment",
)
GGGI_INDICATORS = (
    "labour_force_participation",
    "wage_equality_for_similar_work",
    "estimated_earned_income",
    "legislators_senior_officials_and_managers",
    "professional_and_technical_workers",
    "literacy_rate",
    "enrolment_in_primary_education",
    "enrolment_in_secondary_education",
    "enrolment_in_tertiary_education",
    "sex_ratio_at_birth",
    "healthy_life_expectancy",
    "women_in_parliament",
    "women_in_ministerial_positions",
    "years_with_female_head_of_state",
)


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
