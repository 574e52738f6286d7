"""gendex: sex-disaggregated datasets and gender development and empowerment indices.

pandas in, pandas out. The computing happens in the C++ core (``gendex._core``);
this package converts and forwards.

Data contract: a tidy long table with columns ``region``, ``period``, ``sex``,
``indicator``, ``value`` and optionally ``age_group``, ``se``, ``unit``,
``source``. Read one with :func:`read_csv`, :func:`read_hdr` or
:meth:`Dataset.from_frame`; audit it (:func:`audit`), align it (:func:`align`),
compare women and men (:func:`parity`) and roll it up (:func:`rollup`).

Indices: :func:`compute` gives any index of :func:`index_names` for every
region-period as a tidy frame; :func:`hdi`, :func:`gdi`, :func:`gii`,
:func:`ihdi` and :func:`gem` give one wide row per region-period with the
breakdown. Constants come from an :class:`Edition` (:func:`editions`,
:func:`edition`, :func:`custom_edition`); :func:`aggregate` forms UNDP's
population-weighted regional aggregates.

Errors: every error gendex raises is a :class:`GendexError`;
:class:`InputError` (also a ``ValueError``) for wrong data,
:class:`UnknownKeyError` (also a ``KeyError``) for unknown names and keys,
:class:`ArchiveError` (an ``InputError``) for damaged archives and pickles.
"""

from __future__ import annotations

import html
import os
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple, Optional, Union

import numpy as np
import pandas as pd

from . import _core, frames
from ._core import ArchiveError, GendexError, InputError, UnknownKeyError

__version__ = "0.1.0"

__all__ = [
    "ArchiveError", "AuditReport", "Dataset", "GendexError", "HdrColumn", "IndicatorInfo", "IndicatorRegistry",
    "InputError", "Observation", "Region", "RegionHierarchy", "UnknownKeyError", "align", "audit", "hdr_columns",
    "load", "parity", "read_csv", "read_hdr", "read_hdr_regions", "rollup",
]

PathLike = Union[str, "os.PathLike[str]"]


def _as_list(selection: Any) -> list[Any]:
    """A selection as a list: one string or number is a list of one."""
    if isinstance(selection, (str, bytes, int, np.integer)):
        return [selection]
    return list(selection)


# ------------------------------------------------------------------ registry


class IndicatorInfo(NamedTuple):
    """Definition of one indicator: valid range [min, max], sex scope and additivity."""

    id: str
    description: str
    unit: str
    min: float
    max: float
    scope: str  # "any", "by_sex", "female_only" or "total_only"
    additive: bool  # female + male = total, and children sum to parents


class IndicatorRegistry:
    """Indicator definitions keyed by id; readers validate every value against one.

    ``IndicatorRegistry()`` is empty; :meth:`standard` is a copy of the
    data-contract ids to which you can :meth:`register` your own.
    """

    __slots__ = ("_core",)

    def __init__(self) -> None:
        self._core = _core.IndicatorRegistry()

    @classmethod
    def standard(cls) -> IndicatorRegistry:
        """A fresh copy of the registry of the data-contract ids (inputs and results)."""
        return cls._wrap(_core.IndicatorRegistry.standard())

    @classmethod
    def _wrap(cls, core: _core.IndicatorRegistry) -> IndicatorRegistry:
        out = cls.__new__(cls)
        out._core = core
        return out

    def register(self, id: str, description: str, unit: str, min: float = -np.inf, max: float = np.inf,
                 scope: str = "any", additive: bool = False, replace: bool = False) -> None:
        """Add an indicator.

        ``scope`` is "any", "by_sex" (must be reported for women and men),
        "female_only" or "total_only"; ``additive`` means female + male =
        total and children sum to parents (roll-ups sum it). Re-registering an
        id raises InputError unless ``replace``.
        """
        self._core.add(id, description, unit, min, max, scope, additive, replace)

    def ids(self) -> list[str]:
        """The registered ids, sorted."""
        return self._core.ids()

    def __getitem__(self, id: str) -> IndicatorInfo:
        """The definition of ``id``; UnknownKeyError when it is not registered."""
        return IndicatorInfo(*self._core.info(id))

    def get(self, id: str, default: Optional[IndicatorInfo] = None) -> Optional[IndicatorInfo]:
        """The definition of ``id``, or ``default``."""
        return self[id] if id in self else default

    def __contains__(self, id: object) -> bool:
        return isinstance(id, str) and self._core.contains(id)

    def __len__(self) -> int:
        return len(self._core)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.ids())

    def copy(self) -> IndicatorRegistry:
        """An independent copy."""
        return self._wrap(self._core.copy())

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, IndicatorRegistry):
            return NotImplemented
        return [self[i] for i in self.ids()] == [other[i] for i in other.ids()]

    __hash__ = None  # type: ignore[assignment]

    def __getstate__(self) -> list[tuple[Any, ...]]:
        return [tuple(self[i]) for i in self.ids()]

    def __setstate__(self, state: list[tuple[Any, ...]]) -> None:
        self._core = _core.IndicatorRegistry()
        for info in state:
            self._core.add(*info)

    def __repr__(self) -> str:
        return f"<gendex.IndicatorRegistry: {len(self)} indicators>"


def _registry_core(registry: Optional[IndicatorRegistry]) -> Optional[_core.IndicatorRegistry]:
    if registry is None:
        return None  # the core uses the standard registry
    if not isinstance(registry, IndicatorRegistry):
        raise TypeError(f"registry must be a gendex.IndicatorRegistry, got {type(registry).__name__}")
    return registry._core


# ------------------------------------------------------------------- dataset


class Observation(NamedTuple):
    """One row of a Dataset with its keys spelled out (se is NaN when none was given)."""

    region: str
    period: int
    sex: str
    indicator: str
    value: float
    age_group: str
    se: float
    unit: str
    source: str


class Dataset:
    """An immutable sex-disaggregated long table: region x period x sex x age group x indicator.

    Make one with :func:`read_csv`, :func:`read_hdr`, :meth:`from_frame` or
    :func:`load`. Every way of making one validates the same way (finite
    values, known indicators, sex scopes, valid ranges, unique keys), so a
    Dataset is always valid. Two Datasets are ``==`` when they have equal rows
    in equal order, numbers compared bit for bit.

    ``values``, ``se`` and ``periods`` are read-only NumPy views of the C++
    columns (no copy); :meth:`to_frame` is the pandas table.
    """

    __slots__ = ("_core",)

    def __init__(self) -> None:
        """An empty Dataset."""
        self._core = _core.Dataset()

    @classmethod
    def _wrap(cls, core: _core.Dataset) -> Dataset:
        out = cls.__new__(cls)
        out._core = core
        return out

    # --- construction and conversion

    @classmethod
    def from_frame(cls, df: pd.DataFrame, registry: Optional[IndicatorRegistry] = None) -> Dataset:
        """A Dataset from a tidy DataFrame.

        Required columns: region, period, sex, indicator, value; optional:
        age_group, se, unit, source (any other column is an InputError, so a
        misspelt "standard_error" is not silently dropped). Sex codes are
        normalised like the CSV reader (female/male/total, F/M/T, P/L, any
        case). Missing optional cells are "" (text) or NaN (se). Text columns
        must hold strings. A missing column, a NaN value, a non-integer period
        and so on raise InputError naming the row (position, as in
        ``df.iloc``) and the column; an unknown indicator raises
        UnknownKeyError. ``registry`` defaults to the standard registry.
        """
        return cls._wrap(frames.dataset_from_frame(df, _registry_core(registry)))

    def to_frame(self) -> pd.DataFrame:
        """The tidy DataFrame: always all nine contract columns, in contract order.

        region, sex, indicator, age_group, unit, source are strings ("" where
        absent); period is int64; value is float64; se is float64, NaN where no
        standard error was given. ``Dataset.from_frame(ds.to_frame()) == ds``.
        """
        return frames.dataset_to_frame(self._core)

    def to_csv(self, path: PathLike) -> None:
        """Write the tidy CSV (atomically; optional columns only when used; numbers read back bit for bit)."""
        self._core.write_csv(os.fspath(path))

    def to_csv_text(self) -> str:
        """The tidy CSV text that :meth:`to_csv` writes."""
        return self._core.format_csv()

    def save(self, path: PathLike, format: str = "binary") -> None:
        """Write an archive file, ``format`` "binary" (compact) or "text" (portable); read it with :func:`load`."""
        self._core.save(os.fspath(path), format)

    @classmethod
    def load(cls, path: PathLike) -> Dataset:
        """Read an archive file written by :meth:`save` (either format); ArchiveError when damaged."""
        return cls._wrap(_core.Dataset.load(os.fspath(path)))

    def to_archive(self, format: str = "binary") -> bytes:
        """The archive bytes (what :meth:`save` writes and pickle stores)."""
        return self._core.to_archive(format)

    @classmethod
    def from_archive(cls, data: bytes, name: str = "archive") -> Dataset:
        """A Dataset from archive bytes; ``name`` stands for the source in messages."""
        return cls._wrap(_core.Dataset.from_archive(bytes(data), name))

    def __getstate__(self) -> bytes:
        return self._core.to_archive("binary")

    def __setstate__(self, state: bytes) -> None:
        self._core = _core.Dataset.from_archive(state, "pickle")

    # --- container protocol

    def __len__(self) -> int:
        return len(self._core)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Dataset):
            return NotImplemented
        return self._core == other._core

    __hash__ = None  # type: ignore[assignment]

    def row(self, i: int) -> Observation:
        """Row ``i`` (negative counts from the end); IndexError when out of range."""
        n = len(self)
        if not -n <= i < n:
            raise IndexError(f"row {i} is out of range (size {n})")
        return Observation(*self._core.row(i % n))

    # --- columns

    @property
    def values(self) -> np.ndarray:
        """Values, a read-only float64 view of the C++ column (no copy; it keeps the data alive)."""
        return self._core.values

    @property
    def se(self) -> np.ndarray:
        """Standard errors, a read-only float64 view (NaN where none was given)."""
        return self._core.se

    @property
    def periods(self) -> np.ndarray:
        """Periods, a read-only int32 view."""
        return self._core.periods

    @property
    def regions(self) -> list[str]:
        """Distinct region ids, in order of first appearance."""
        return self._core.region_names()

    @property
    def indicators(self) -> list[str]:
        """Distinct indicator ids, in order of first appearance."""
        return self._core.indicator_ids()

    @property
    def has_se(self) -> bool:
        """Whether any row has a standard error."""
        return self._core.has_se()

    # --- look-ups

    def value(self, region: str, period: int, sex: str, indicator: str, age_group: str = "") -> float:
        """The value of one key; UnknownKeyError naming the key when there is no such row."""
        return self._core.value(region, period, sex, indicator, age_group)

    def find(self, region: str, period: int, sex: str, indicator: str, age_group: str = "") -> Optional[int]:
        """Row number of one key, or None."""
        return self._core.find(region, period, sex, indicator, age_group)

    def filter(self, regions: Any = None, periods: Any = None, sexes: Any = None, indicators: Any = None,
               age_groups: Any = None) -> Dataset:
        """Rows matching every given selection (None: any).

        Each selection is one value or an iterable; an empty iterable keeps no
        rows. ``sexes`` accepts every spelling of the readers; ``age_groups=""``
        selects rows without an age group.
        """
        lists = [None if sel is None else _as_list(sel) for sel in (regions, periods, sexes, indicators, age_groups)]
        if any(sel is not None and not sel for sel in lists):
            return Dataset()
        regions_, periods_, sexes_, indicators_, ages_ = (sel or [] for sel in lists)
        return self._wrap(self._core.filter(regions_, [int(p) for p in periods_], sexes_, indicators_, ages_))

    def concat(self, other: Dataset) -> Dataset:
        """This Dataset's rows followed by ``other``'s; InputError on a key present in both."""
        return self._wrap(self._core.concat(_dataset_core(other)))

    # --- display

    def _summary(self) -> str:
        periods = np.unique(self.periods)
        span = f"{periods[0]}-{periods[-1]}" if len(periods) > 1 else (f"{periods[0]}" if len(periods) else "none")
        return (f"{len(self):,} rows, {len(self.regions):,} regions, {len(periods):,} periods ({span}), "
                f"{len(self.indicators):,} indicators")

    def __repr__(self) -> str:
        return f"<gendex.Dataset: {self._summary()}>"

    def _repr_html_(self) -> str:
        n = len(self)
        shown = list(range(min(n, 5))) + list(range(max(5, n - 5), n))
        head = "".join(f"<th>{c}</th>" for c in frames.CONTRACT_COLUMNS)
        body = []
        for k, i in enumerate(shown):
            if k == 5 and i != 5:
                body.append(f"<tr><td colspan='{len(frames.CONTRACT_COLUMNS)}'>&hellip;</td></tr>")
            cells = "".join(f"<td>{html.escape(str(v))}</td>" for v in self.row(i))
            body.append(f"<tr>{cells}</tr>")
        return (f"<div><b>gendex.Dataset</b>: {html.escape(self._summary())}"
                f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>")


def load(path: PathLike) -> Dataset:
    """Read a Dataset archive file written by :meth:`Dataset.save`."""
    return Dataset.load(path)


# ------------------------------------------------------------------- regions


class Region(NamedTuple):
    """One region: unique code, display name, parent code ("" for a root) and level."""

    code: str
    name: str
    parent: str
    level: str


class RegionHierarchy:
    """Codes, names, parents and levels of regions (world > region > country; provinsi > kabupaten/kota).

    Build from a DataFrame with columns code, name, parent, level (only code
    required) or from an iterable of dicts with those keys or of
    :class:`Region` tuples. Duplicate codes and cycles raise InputError; an
    unknown parent raises UnknownKeyError.
    """

    __slots__ = ("_core",)

    def __init__(self, regions: Any = ()) -> None:
        self._core = _core.RegionHierarchy.from_regions(frames.region_tuples(regions))

    @classmethod
    def _wrap(cls, core: _core.RegionHierarchy) -> RegionHierarchy:
        out = cls.__new__(cls)
        out._core = core
        return out

    @classmethod
    def from_frame(cls, df: pd.DataFrame) -> RegionHierarchy:
        """From a DataFrame with columns code, name, parent, level (NaN parent: a root)."""
        return cls(df)

    def to_frame(self) -> pd.DataFrame:
        """The regions as a DataFrame with columns code, name, parent, level ("" where absent)."""
        return frames.regions_frame(self._core.regions())

    @property
    def regions(self) -> list[Region]:
        """Every region, in the order given."""
        return [Region(*r) for r in self._core.regions()]

    def by_code(self, code: str) -> Region:
        """The region with this code; UnknownKeyError when there is none."""
        return Region(*self._core.by_code(code))

    def by_name(self, name: str) -> Region:
        """Look-up by name or alias, ignoring letter case, spaces and punctuation; UnknownKeyError when
        unknown or ambiguous."""
        return Region(*self._core.by_name(name))

    def resolve(self, code_or_name: str) -> Region:
        """The region with this code, else with this name or alias."""
        return Region(*self._core.resolve(code_or_name))

    def children(self, code: str) -> list[str]:
        """Codes of the immediate children of ``code``."""
        return self._core.children(code)

    def parent(self, code: str) -> Optional[str]:
        """Code of the parent of ``code``, None for a root."""
        return self._core.parent(code)

    def depth(self, code: str) -> int:
        """0 for a root, 1 for its children, and so on."""
        return self._core.depth(code)

    def add_alias(self, alias: str, code: str) -> None:
        """Make :meth:`by_name` accept another spelling ("KEP. RIAU") for ``code``."""
        self._core.add_alias(alias, code)

    @property
    def aliases(self) -> list[tuple[str, str]]:
        """(alias, code) pairs in the order added."""
        return self._core.aliases()

    def __len__(self) -> int:
        return len(self._core)

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code in self._core

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, RegionHierarchy):
            return NotImplemented
        return self._core == other._core

    __hash__ = None  # type: ignore[assignment]

    def save(self, path: PathLike, format: str = "binary") -> None:
        """Write an archive file ("binary" or "text")."""
        self._core.save(os.fspath(path), format)

    @classmethod
    def load(cls, path: PathLike) -> RegionHierarchy:
        """Read an archive file written by :meth:`save`."""
        return cls._wrap(_core.RegionHierarchy.load(os.fspath(path)))

    def to_archive(self, format: str = "binary") -> bytes:
        """The archive bytes (regions and aliases)."""
        return self._core.to_archive(format)

    @classmethod
    def from_archive(cls, data: bytes, name: str = "archive") -> RegionHierarchy:
        """A hierarchy from archive bytes; ArchiveError when damaged."""
        return cls._wrap(_core.RegionHierarchy.from_archive(bytes(data), name))

    def __getstate__(self) -> bytes:
        return self._core.to_archive("binary")

    def __setstate__(self, state: bytes) -> None:
        self._core = _core.RegionHierarchy.from_archive(state, "pickle")

    def __repr__(self) -> str:
        levels = pd.Series([r[3] for r in self._core.regions()], dtype=object).value_counts(sort=False)
        detail = ", ".join(f"{count} {level or 'no level'}" for level, count in levels.items())
        return f"<gendex.RegionHierarchy: {len(self)} regions ({detail})>" if len(self) else \
            "<gendex.RegionHierarchy: empty>"


# ------------------------------------------------------------------- readers


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


def read_hdr_regions(path: PathLike, encoding: str = "auto") -> RegionHierarchy:
    """The countries and aggregates of an HDR file as a hierarchy.

    A country's parent is its UNDP developing region aggregate (e.g.
    "ZZJ.SSA") when it has one; aggregates are roots with level "aggregate".
    """
    return RegionHierarchy._wrap(_core.read_hdr_regions(os.fspath(path), encoding))


def read_regions(regions: PathLike, aliases: Optional[PathLike] = None, encoding: str = "auto") -> RegionHierarchy:
    """A hierarchy from a regions CSV (code, name, parent, level) and an optional aliases CSV (alias, code)."""
    return RegionHierarchy._wrap(_core.read_regions(os.fspath(regions), os.fspath(aliases) if aliases else "",
                                                    encoding))


def read_indonesia_regions(data_dir: PathLike) -> RegionHierarchy:
    """Indonesia (00) > 34 provinsi > 514 kabupaten/kota with BPS codes, from ``data_dir/bps/``
    (regions.csv and region_aliases.csv of this repository)."""
    base = os.path.join(os.fspath(data_dir), "bps")
    return read_regions(os.path.join(base, "regions.csv"), os.path.join(base, "region_aliases.csv"))


def read_bps_table(path: PathLike, indonesia: RegionHierarchy,
                   registry: Optional[IndicatorRegistry] = None) -> Dataset:
    """A BPS IPG or IDG table (one row per region-year, names as BPS prints them) as a Dataset with BPS codes.

    Rows repeating an earlier region-year with identical values (Kalimantan
    Utara's kabupaten listed under Kalimantan Timur too) are kept once; a
    conflicting repeat or an unknown region raises, naming the line.
    """
    ds, _repeats = _core.read_bps_table(os.fspath(path), _hierarchy_core(indonesia), _registry_core(registry))
    return Dataset._wrap(ds)


class HdrColumn(NamedTuple):
    """How a column stem of the HDR file maps to the data contract."""

    stem: str  # e.g. "gni_pc_f"; the file's columns are <stem>_<year>
    indicator: str
    sex: str
    unit: str  # when it differs from the registry's, e.g. population in millions


def hdr_columns() -> list[HdrColumn]:
    """The HDR column stems :func:`read_hdr` reads; any other column is ignored."""
    return [HdrColumn(*c) for c in _core.hdr_columns()]


# ------------------------------------------------------------------ analyses


def _ids(indicators: Union[str, Iterable[str]]) -> list[str]:
    return _as_list(indicators)


def _dataset_core(ds: Any) -> _core.Dataset:
    if not isinstance(ds, Dataset):
        hint = " (make one with gendex.Dataset.from_frame)" if isinstance(ds, pd.DataFrame) else ""
        raise TypeError(f"expected a gendex.Dataset, got {type(ds).__name__}{hint}")
    return ds._core


def _hierarchy_core(hierarchy: Any) -> _core.RegionHierarchy:
    if not isinstance(hierarchy, RegionHierarchy):
        raise TypeError(f"expected a gendex.RegionHierarchy, got {type(hierarchy).__name__}")
    return hierarchy._core


def align(ds: Dataset, indicators: Union[str, Iterable[str]], sexes: Sequence[str] = ("female", "male"),
          age_group: str = "") -> pd.DataFrame:
    """One row per region-period, one column per (indicator, sex).

    Columns: ``region``, ``period``, then ``<indicator>_<sex>`` for each
    indicator and each sex in the order given (e.g.
    ``life_expectancy_female``), with sexes spelt female/male/total. Rows are
    the region-periods with at least one requested value, regions in order of
    first appearance, periods ascending. **A cell without data is NaN.** Only
    rows of ``age_group`` ("" = no age group) are used.
    """
    wanted = [(i, s) for i in _ids(indicators) for s in _as_list(sexes)]
    return frames.aligned_frame(_core.align(_dataset_core(ds), wanted, age_group))


def parity(ds: Dataset, indicators: Union[str, Iterable[str]], age_group: str = "") -> pd.DataFrame:
    """Women's values against men's, per indicator and region-period where both exist.

    Columns: region, period, indicator, female, male, ratio (female/male),
    difference (female - male), adjusted_gpi (UNESCO's adjusted gender parity
    index: the ratio when female <= male, else 2 - male/female). A zero or
    negative value raises InputError naming the unit.
    """
    return frames.columns_frame(_core.parity(_dataset_core(ds), _ids(indicators), age_group), frames.PARITY_COLUMNS)


def indicator_label(indicator: str, lang: str = "en") -> str:
    """Label of an indicator id in English ("en") or Indonesian ("id"), e.g. "Indeks Pembangunan Gender (IPG)"."""
    return _core.indicator_label(indicator, lang)


def sex_label(sex: str, lang: str = "en") -> str:
    """Label of a sex code: "Women"/"Men"/"Total", or "Perempuan"/"Laki-laki"/"Total" with lang="id"."""
    return _core.sex_label(sex, lang)


RANK_COLUMNS = ("region", "group", "period", "sex", "value", "rank", "of")


def rank(ds: Dataset, indicator: str, within: Optional[RegionHierarchy] = None, digits: int = 2,
         ascending: bool = False, age_group: str = "") -> pd.DataFrame:
    """Competition ranks ("1224") of ``indicator`` per period and sex.

    With ``within`` (a :class:`RegionHierarchy`), regions are ranked among the
    other children of their parent, e.g. kabupaten/kota within their province
    (``group`` is the parent's code); without it, all regions together. Ties
    are decided on values rounded half up to ``digits`` decimals, as the
    publisher prints them (BPS: 2). ``ascending=True`` ranks the lowest value
    first (inequality indices). Columns: region, group, period, sex, value,
    rank, of (how many were ranked together).
    """
    return frames.columns_frame(
        _core.rank_regions(_dataset_core(ds), indicator, None if within is None else _hierarchy_core(within), digits,
                           ascending, age_group), RANK_COLUMNS)


class AuditReport(NamedTuple):
    """The data-terpilah audit.

    ``rows``: one row per region x period x indicator (x age group) audited,
    columns region, period, indicator, age_group, coverage ("disaggregated",
    "complement", "total_only", "female_only", "male_only", "missing"),
    has_female, has_male, has_total, sum_check ("" not checked, "ok",
    "mismatch"), sum_gap (female + male - total for additive indicators,
    female + male - 100 for shares of a whole; NaN when not checked).
    "complement" marks one sex of a share of a whole (parliament seats,
    earned income): the other sex is implied as 100 - value.
    ``by_indicator`` and ``by_level``: columns by, key, units, disaggregated,
    complement, total_only, partial, missing, sum_mismatch,
    percent_disaggregated (disaggregated + complement, in % of units).
    """

    rows: pd.DataFrame
    by_indicator: pd.DataFrame
    by_level: pd.DataFrame


def audit(ds: Dataset, expected_indicators: Optional[Iterable[str]] = None,
          hierarchy: Optional[RegionHierarchy] = None, sum_tolerance: float = 1e-6,
          registry: Optional[IndicatorRegistry] = None) -> AuditReport:
    """Which region-periods report an indicator for women and men, which a total only.

    Audits ``expected_indicators`` (every region-period of the data that lacks
    one gets a "missing" row), or, when None, the by-sex indicators the data
    contains. For additive indicators female + male is checked against the
    total within ``sum_tolerance`` (relative). ``hierarchy`` gives each
    region's level for ``by_level`` (unknown regions: "unknown").
    """
    expected = [] if expected_indicators is None else _ids(expected_indicators)
    rows, by_indicator, by_level = _core.audit(_dataset_core(ds), expected, sum_tolerance,
                                               None if hierarchy is None else _hierarchy_core(hierarchy),
                                               _registry_core(registry))
    return AuditReport(frames.columns_frame(rows, frames.AUDIT_ROW_COLUMNS),
                       frames.columns_frame(by_indicator, frames.AUDIT_SUMMARY_COLUMNS),
                       frames.columns_frame(by_level, frames.AUDIT_SUMMARY_COLUMNS))


def rollup(ds: Dataset, hierarchy: RegionHierarchy, indicator: str, weight_indicator: str = "population",
           weight_by_same_sex: bool = True, tolerance: float = 0.005,
           registry: Optional[IndicatorRegistry] = None) -> tuple[Dataset, pd.DataFrame]:
    """Roll ``indicator`` up one level: each parent from its immediate children.

    Additive indicators are summed; others are averaged weighted by
    ``weight_indicator`` (women's values by women's weight when
    ``weight_by_same_sex``, else by the total). A parent with a child missing
    is reported incomplete, never computed from the rest.

    Returns (Dataset of the rolled-up values, source "rollup"; report
    DataFrame). Report columns: parent, period, sex, age_group,
    children_used, children_total, complete, rolled_up (NaN unless
    complete), has_given, given (the parent's own value, NaN when absent),
    difference (given - rolled_up, NaN when not both), flagged
    (|difference| > tolerance).
    """
    values, report = _core.rollup(_dataset_core(ds), _hierarchy_core(hierarchy), indicator, weight_indicator, weight_by_same_sex,
                                  tolerance, _registry_core(registry))
    return Dataset._wrap(values), frames.columns_frame(report, frames.ROLLUP_COLUMNS)


# ------------------------------------------------------------------- indices
# Defined in indices.py, which builds on the Dataset above.
from .indices import (ComputeReport, Edition, IndexResult, aggregate, compute,  # noqa: E402
                      compute_result, custom_edition, edition, editions, gdi, gem, gii, hdi, idg, ihdi, ikg,
                      index_names, ipg, ipm, parity_gains, round_half_up, with_labels)

__all__ += ["ComputeReport", "Edition", "IndexResult", "aggregate", "compute", "compute_result", "custom_edition",
            "edition", "editions", "gdi", "gem", "gii", "hdi", "idg", "ihdi", "ikg", "index_names", "ipg", "ipm",
            "parity_gains", "round_half_up",
            "indicator_label", "rank", "read_bps_table", "sex_label", "read_indonesia_regions", "read_regions", "with_labels"]

# ------------------------------------------------------------- office tables
# Defined in office/, which builds on RegionHierarchy above.
from .office import (IndicatorMapping, OfficeAudit, OfficeTable, OfficeTableError, audit_offices,  # noqa: E402
                     read_table, read_tables, write_template)

__all__ += ["IndicatorMapping", "OfficeAudit", "OfficeTable", "OfficeTableError", "audit_offices", "read_table",
            "read_tables", "write_template"]

from .report import ReportFiles, report  # noqa: E402

__all__ += ["ReportFiles", "report"]
