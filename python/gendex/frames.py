"""pandas conversion helpers: DataFrames in, DataFrames out.

Everything here converts between pandas objects and the plain columns that
``gendex._core`` takes and returns (lists of strings, NumPy arrays). No
statistics happen here; the C++ core computes, this module only reshapes.

Frame rows are named by position (``df.iloc[row]``), 0-based, in the same
words as the C++ core ("row 3, column 'value': ...").
"""

from __future__ import annotations

import numbers
from collections.abc import Iterable, Mapping
from typing import Any, NoReturn, Union

import numpy as np
import numpy.typing as npt
import pandas as pd
from pandas.api import types as pdt

from . import _core

# The module's public names (its typing imports are not among them).
__all__ = [
    "AUDIT_ROW_COLUMNS",
    "AUDIT_SUMMARY_COLUMNS",
    "CONTRACT_COLUMNS",
    "NOTE_COLUMNS",
    "PARITY_COLUMNS",
    "RANK_COLUMNS",
    "REGION_COLUMNS",
    "REQUIRED_COLUMNS",
    "ROLLUP_COLUMNS",
    "SKIPPED_COLUMNS",
    "Aligned",
    "aligned_frame",
    "columns_frame",
    "dataset_from_frame",
    "dataset_to_frame",
    "index_frame",
    "region_tuples",
    "regions_frame",
]

#: The tidy columns of the data contract, in the order ``to_frame`` gives them.
CONTRACT_COLUMNS = ("region", "period", "sex", "indicator", "value", "age_group", "se", "unit", "source")
REQUIRED_COLUMNS = CONTRACT_COLUMNS[:5]
#: Columns of a region table (``RegionHierarchy.to_frame``).
REGION_COLUMNS = ("code", "name", "parent", "level")

_SEX_NAMES = np.array(["female", "male", "total"], dtype=object)
_SEX_CODES = {"female": 0, "male": 1, "total": 2}
_INT32_MIN, _INT32_MAX = -(2**31), 2**31 - 1


def _fail(row: int, column: str, reason: str) -> NoReturn:
    raise _core.located_error("InputError", reason, row=row, column=column)


def _first(mask: np.ndarray) -> int:
    return int(np.flatnonzero(mask)[0])


def _column(df: pd.DataFrame, name: str) -> pd.Series:
    col: Union[pd.Series, pd.DataFrame] = df[name]  # a frame when the name appears twice
    if isinstance(col, pd.DataFrame):
        raise _core.InputError(f"column '{name}' appears twice in the frame")
    return col


# ------------------------------------------------------------------ Dataset in


def _text_column(s: pd.Series, name: str, required: bool) -> tuple[np.ndarray, list[str]]:
    """(codes, uniques) of a text column; -1 marks a missing cell."""
    codes, index = pd.factorize(s, sort=False, use_na_sentinel=True)
    uniques: list[str] = list(index)
    for k, u in enumerate(uniques):
        if not isinstance(u, str):
            _fail(
                _first(codes == k),
                name,
                f"expected text, got {type(u).__name__} {u!r} (convert the column with .astype(str))",
            )
    if required and len(codes) and (codes < 0).any():
        _fail(_first(codes < 0), name, f"{name} is missing")
    return np.asarray(codes, dtype=np.int64), uniques


def _sex_column(s: pd.Series) -> np.ndarray:
    """Sex codes (0 female, 1 male, 2 total), spellings normalised like the CSV reader."""
    codes, uniques = _text_column(s, "sex", required=True)
    lookup = np.empty(len(uniques), dtype=np.uint8)
    for k, u in enumerate(uniques):
        parsed = _core.parse_sex(u)
        if parsed is None:
            _fail(_first(codes == k), "sex", f"unknown sex code '{u}' (use female/male/total, F/M/T or P/L)")
        lookup[k] = _SEX_CODES[parsed]
    return np.take(lookup, codes)


def _is_number(v: Any) -> bool:
    return isinstance(v, numbers.Real) and not isinstance(v, (bool, np.bool_))


def _number_column(s: pd.Series, name: str) -> np.ndarray:
    """float64 values; a missing cell is NaN (the core rejects a NaN value, allows a NaN se)."""
    if pdt.is_bool_dtype(s.dtype):
        _fail(0, name, "expected numbers, got booleans")
    if pdt.is_numeric_dtype(s.dtype):
        return s.to_numpy(dtype=np.float64, na_value=np.nan)
    cells = s.to_numpy(dtype=object)
    out = np.empty(len(cells), dtype=np.float64)
    for i, v in enumerate(cells):
        if v is None or v is pd.NA or v is pd.NaT:
            out[i] = np.nan
        elif _is_number(v):
            out[i] = float(v)
        else:
            _fail(i, name, f"non-numeric value '{v}'")
    return out


def _period_column(s: pd.Series) -> np.ndarray:
    """int64 years; NaN, fractions, text and years beyond 32 bits are errors naming the row."""

    def out_of_range(i: int, v: Any) -> NoReturn:
        _fail(i, "period", f"period {v} is not a 32-bit integer year")

    if pdt.is_bool_dtype(s.dtype):
        _fail(0, "period", "period must be an integer year, got booleans")
    if pdt.is_integer_dtype(s.dtype) and not s.hasnans:
        years = s.to_numpy()
        bad = (years < _INT32_MIN) | (years > _INT32_MAX)
        if bad.any():
            out_of_range(_first(bad), years[_first(bad)])
        return years.astype(np.int64)
    if pdt.is_numeric_dtype(s.dtype):
        floats = s.to_numpy(dtype=np.float64, na_value=np.nan)
        bad = np.isnan(floats)
        if bad.any():
            _fail(_first(bad), "period", "period is missing")
        bad = ~np.isfinite(floats) | (floats != np.trunc(floats))
        if bad.any():
            _fail(_first(bad), "period", f"period '{float(floats[_first(bad)])!r}' is not an integer year")
        bad = (floats < _INT32_MIN) | (floats > _INT32_MAX)
        if bad.any():
            out_of_range(_first(bad), int(floats[_first(bad)]))
        return floats.astype(np.int64)
    cells = s.to_numpy(dtype=object)
    years = np.empty(len(cells), dtype=np.int64)
    for i, v in enumerate(cells):
        if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)):
            _fail(i, "period", "period is missing")
        if not (_is_number(v) and np.isfinite(float(v)) and float(v).is_integer()):
            _fail(i, "period", f"period '{v}' is not an integer year")
        if not _INT32_MIN <= int(v) <= _INT32_MAX:
            out_of_range(i, int(v))
        years[i] = int(v)
    return years


def dataset_from_frame(df: pd.DataFrame, registry: Any = None) -> _core.Dataset:
    """A ``_core.Dataset`` from a tidy frame (see ``gendex.Dataset.from_frame``).

    Parameters
    ----------
    df : pandas.DataFrame
        The tidy table of the data contract.
    registry : _core.IndicatorRegistry, optional
        The indicators to check against; None: the standard registry.

    Returns
    -------
    gendex._core.Dataset

    Raises
    ------
    InputError
        An unknown or missing column, or a cell that is not valid, naming the row and column.
    TypeError
        ``df`` is not a DataFrame.

    Examples
    --------
    >>> import pandas as pd
    >>> from gendex import frames
    >>> df = pd.DataFrame({"region": ["IDN", "IDN"], "period": [2023, 2023], "sex": ["F", "M"],
    ...                    "indicator": ["life_expectancy", "life_expectancy"], "value": [73.3, 69.0]})
    >>> len(frames.dataset_from_frame(df))
    2
    """
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"expected a pandas DataFrame, got {type(df).__name__}")
    for c in df.columns:
        if c not in CONTRACT_COLUMNS:
            raise _core.InputError(
                f"unknown column '{c}' (expected region, period, sex, indicator, value and optionally "
                "age_group, se, unit, source)"
            )
    for c in REQUIRED_COLUMNS:
        if c not in df.columns:
            raise _core.InputError(f"missing required column '{c}'")

    def text(name: str, required: bool = False) -> tuple[np.ndarray, list[str]] | None:
        return _text_column(_column(df, name), name, required) if name in df.columns else None

    n = len(df)
    se = _number_column(_column(df, "se"), "se") if "se" in df.columns else np.full(n, np.nan)
    return _core.Dataset.from_columns(
        region=text("region", True),
        period=_period_column(_column(df, "period")),
        sex=_sex_column(_column(df, "sex")),
        indicator=text("indicator", True),
        value=_number_column(_column(df, "value"), "value"),
        age_group=text("age_group"),
        se=se,
        unit=text("unit"),
        source=text("source"),
        registry=registry,
    )


# ----------------------------------------------------------------- Dataset out


def _text_values(core: _core.Dataset, column: str) -> np.ndarray:
    return np.take(np.asarray(core.dictionary(column), dtype=object), core.codes(column))


def dataset_to_frame(core: _core.Dataset) -> pd.DataFrame:
    """The tidy frame of a ``_core.Dataset``: all nine contract columns, always.

    Parameters
    ----------
    core : gendex._core.Dataset

    Returns
    -------
    pandas.DataFrame
        The columns of :data:`CONTRACT_COLUMNS`, one row per observation.

    Examples
    --------
    >>> import pandas as pd
    >>> from gendex import frames
    >>> df = pd.DataFrame({"region": ["IDN", "IDN"], "period": [2023, 2023], "sex": ["F", "M"],
    ...                    "indicator": ["life_expectancy", "life_expectancy"], "value": [73.3, 69.0]})
    >>> frames.dataset_to_frame(frames.dataset_from_frame(df))[["sex", "value", "se"]]
          sex  value  se
    0  female   73.3 NaN
    1    male   69.0 NaN
    """
    columns: dict[str, np.ndarray] = {
        "region": _text_values(core, "region"),
        "period": np.asarray(core.periods, dtype=np.int64),
        "sex": np.take(_SEX_NAMES, core.sex_codes()),
        "indicator": _text_values(core, "indicator"),
        "value": np.array(core.values, dtype=np.float64),
        "age_group": _text_values(core, "age_group"),
        "se": np.array(core.se, dtype=np.float64),
        "unit": _text_values(core, "unit"),
        "source": _text_values(core, "source"),
    }
    return pd.DataFrame(columns)


# ------------------------------------------------------------------ analyses


#: What ``_core.align`` returns: (indicator, sex) columns, region and period of each row, values, presence.
Aligned = tuple[list[tuple[str, str]], list[str], npt.NDArray[np.int32], npt.NDArray[np.float64], npt.NDArray[np.bool_]]


def _keys_frame(region: list[str], period: npt.NDArray[np.int32]) -> pd.DataFrame:
    keys: dict[str, np.ndarray] = {"region": np.asarray(region, dtype=object), "period": period.astype(np.int64)}
    return pd.DataFrame(keys)


def aligned_frame(aligned: Aligned) -> pd.DataFrame:
    """Flat wide frame of ``_core.align``: region, period, then ``<indicator>_<sex>`` columns.

    Parameters
    ----------
    aligned : Aligned
        What ``_core.align`` returned.

    Returns
    -------
    pandas.DataFrame
        NaN where a region-period lacks a value.

    Examples
    --------
    >>> import pandas as pd
    >>> from gendex import _core, frames
    >>> df = pd.DataFrame({"region": ["IDN", "IDN"], "period": [2023, 2023], "sex": ["F", "M"],
    ...                    "indicator": ["life_expectancy", "life_expectancy"], "value": [73.3, 69.0]})
    >>> wanted = [("life_expectancy", "female"), ("life_expectancy", "male")]
    >>> aligned = _core.align(frames.dataset_from_frame(df), wanted, "")
    >>> frames.aligned_frame(aligned)
      region  period  life_expectancy_female  life_expectancy_male
    0    IDN    2023                    73.3                  69.0
    """
    columns, region, period, values, _present = aligned
    frame = _keys_frame(region, period)
    names = [f"{indicator}_{sex}" for indicator, sex in columns]
    wide = pd.DataFrame(np.array(values, dtype=np.float64), columns=names)
    return pd.concat([frame, wide], axis=1)


def index_frame(aligned: Aligned) -> pd.DataFrame:
    """Wide frame of an index's outputs aligned by ``_core.align``: region, period, then one column per output.

    Outputs of sex total keep their id (``gdi``), others get the sex appended
    (``hdi_female``); outputs no unit has (incomes that were not estimated)
    are dropped; ranks and groups are nullable integers (aggregates have no rank).

    Parameters
    ----------
    aligned : Aligned
        What ``_core.align`` returned for the index's outputs.

    Returns
    -------
    pandas.DataFrame

    Examples
    --------
    >>> import pandas as pd
    >>> from gendex import _core, frames
    >>> df = pd.DataFrame({"region": ["IDN", "IDN"], "period": [2023, 2023], "sex": ["total", "total"],
    ...                    "indicator": ["hdi", "hdi_rank"], "value": [0.728, 113.0]})
    >>> outputs = [("hdi", "total"), ("hdi_rank", "total")]
    >>> frames.index_frame(_core.align(frames.dataset_from_frame(df), outputs, ""))
      region  period    hdi  hdi_rank
    0    IDN    2023  0.728       113
    """
    columns, region, period, values, present = aligned
    frame = _keys_frame(region, period)
    registry = _core.IndicatorRegistry.standard()
    for j, (indicator, sex) in enumerate(columns):
        if not present[:, j].any():
            continue
        name = indicator if sex == "total" else f"{indicator}_{sex}"
        column = pd.Series(values[:, j])
        frame[name] = column.astype("Int64") if registry.info(indicator)[2] in ("rank", "group") else column
    return frame


RANK_COLUMNS = ("region", "group", "period", "sex", "value", "rank", "of")
PARITY_COLUMNS = ("region", "period", "indicator", "female", "male", "ratio", "difference", "adjusted_gpi")
AUDIT_ROW_COLUMNS = (
    "region",
    "period",
    "indicator",
    "age_group",
    "coverage",
    "has_female",
    "has_male",
    "has_total",
    "sum_check",
    "sum_gap",
)
AUDIT_SUMMARY_COLUMNS = (
    "by",
    "key",
    "units",
    "disaggregated",
    "complement",
    "total_only",
    "partial",
    "missing",
    "sum_mismatch",
    "percent_disaggregated",
)
SKIPPED_COLUMNS = ("region", "period", "indicator", "sex", "problem", "reason")
NOTE_COLUMNS = ("region", "period", "note")
ROLLUP_COLUMNS = (
    "parent",
    "period",
    "sex",
    "age_group",
    "children_used",
    "children_total",
    "complete",
    "rolled_up",
    "has_given",
    "given",
    "difference",
    "flagged",
)


def columns_frame(columns: Mapping[str, Any], order: Iterable[str]) -> pd.DataFrame:
    """A frame of ``_core`` result columns in a fixed column order; text columns as strings.

    Parameters
    ----------
    columns : mapping of str to list or array
        Column name -> values, as the core returns them (lists for text, arrays for numbers).
    order : iterable of str
        The columns to keep, in order; ``period`` becomes int64.

    Returns
    -------
    pandas.DataFrame

    Raises
    ------
    KeyError
        A column of ``order`` that ``columns`` lacks.

    Examples
    --------
    >>> import numpy as np
    >>> from gendex import frames
    >>> frames.columns_frame({"note": ["estimated"], "region": ["IDN"], "period": np.array([2023.0])},
    ...                      frames.NOTE_COLUMNS)
      region  period       note
    0    IDN    2023  estimated
    """
    data: dict[str, np.ndarray] = {}
    for name in order:
        col = columns[name]
        data[name] = np.asarray(col, dtype=object) if isinstance(col, list) else np.asarray(col)
    frame = pd.DataFrame(data)
    if "period" in frame:
        frame["period"] = frame["period"].astype(np.int64)
    return frame


# ------------------------------------------------------------------- regions


def _region_text(value: Any, index: int, field: str) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return ""
    if not isinstance(value, str):
        raise _core.InputError(f"region #{index + 1}: {field} must be text, got {type(value).__name__} {value!r}")
    return value


def region_tuples(regions: Any) -> list[tuple[str, str, str, str]]:
    """(code, name, parent, level) tuples from a DataFrame, mappings or 4-tuples.

    Only ``code`` is required; a missing name, parent or level is "" (a
    missing parent makes a root).

    Parameters
    ----------
    regions : pandas.DataFrame or iterable of mappings or of 4-tuples
        The regions, with the fields of :data:`REGION_COLUMNS`.

    Returns
    -------
    list of (code, name, parent, level) tuples

    Raises
    ------
    InputError
        An unknown field or column, a missing code, or a field that is not text, naming the region.
    TypeError
        An entry that is neither a mapping nor a 4-tuple.

    Examples
    --------
    >>> from gendex import frames
    >>> frames.region_tuples([{"code": "62", "name": "KALIMANTAN TENGAH"}, ("6203", "KAPUAS", "62", "kabkota")])
    [('62', 'KALIMANTAN TENGAH', '', ''), ('6203', 'KAPUAS', '62', 'kabkota')]
    """
    if isinstance(regions, pd.DataFrame):
        unknown = [c for c in regions.columns if c not in REGION_COLUMNS]
        if unknown:
            raise _core.InputError(f"unknown column '{unknown[0]}' (expected code, name, parent, level)")
        if "code" not in regions.columns:
            raise _core.InputError("missing required column 'code'")
        records: list[Any] = regions.to_dict("records")
    else:
        records = list(regions)
    out = []
    for i, r in enumerate(records):
        if isinstance(r, Mapping):
            unknown = [k for k in r if k not in REGION_COLUMNS]
            if unknown:
                raise _core.InputError(
                    f"region #{i + 1}: unknown field '{unknown[0]}' (expected code, name, parent, level)"
                )
            if "code" not in r:
                raise _core.InputError(f"region #{i + 1}: missing field 'code'")
            fields = [r.get(k) for k in REGION_COLUMNS]
        elif isinstance(r, tuple) and len(r) == 4:
            fields = list(r)
        else:
            raise TypeError(
                f"region #{i + 1}: expected a mapping or a (code, name, parent, level) tuple, got {type(r).__name__}"
            )
        code, name, parent, level = (_region_text(v, i, k) for v, k in zip(fields, REGION_COLUMNS))
        out.append((code, name, parent, level))
    return out


def regions_frame(regions: list[tuple[str, str, str, str]]) -> pd.DataFrame:
    """The region table: code, name, parent, level (root parents are "").

    Parameters
    ----------
    regions : list of (code, name, parent, level) tuples

    Returns
    -------
    pandas.DataFrame

    Examples
    --------
    >>> from gendex import frames
    >>> frames.regions_frame([("62", "KALIMANTAN TENGAH", "", "provinsi"), ("6203", "KAPUAS", "62", "kabkota")])
       code               name parent     level
    0    62  KALIMANTAN TENGAH         provinsi
    1  6203             KAPUAS     62   kabkota
    """
    columns: dict[str, np.ndarray] = {
        name: np.asarray([r[k] for r in regions], dtype=object) for k, name in enumerate(REGION_COLUMNS)
    }
    return pd.DataFrame(columns)
