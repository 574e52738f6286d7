"""The standard index inputs by region x sex from survey microdata, and index uncertainty from them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any, ClassVar, Optional

import numpy as np
import numpy.typing as npt
import pandas as pd

from gendex import _core
from gendex._common import public_module
from gendex._dataset import Dataset
from gendex._registry import IndicatorRegistry

from ._design import (
    AnyDesign,
    Design,
    EstimateKeywords,
    EstimateOptions,
    _column,
    _domain_codes,
    _key_array,
    _numbers,
    _region_names,
    add_bounds,
    core_threads,
    default_variance,
)
from ._docs import (
    ACCUMULATOR_RAISES,
    INDEX_INPUTS,
    PERSONS,
    SURVEY,
    UNCERTAINTY_PERIOD,
    UNCERTAINTY_RAISES,
    UNCERTAINTY_RETURNS,
    UNCERTAINTY_VARIANCE,
    example,
    sections,
)
from ._estimate import Accumulator
from ._progress import ProgressBar
from ._uncertainty import IndexUncertainty, _given_vectors

if TYPE_CHECKING:  # Python 3.11+ has typing.Unpack; the package runs on 3.9
    from typing_extensions import Unpack

#: The index inputs an IndexInputAccumulator gives, with the accumulator variables each needs.
INDICATOR_VARIABLES: dict[str, tuple[str, ...]] = {
    "mean_schooling": ("schooling_years",),
    "secondary_education": ("secondary",),
    "upper_secondary_education": ("upper_secondary",),
    "labour_force_participation": ("labour_force",),
    "population": (),
    "income_share": ("earnings",),
    "births_outside_facility": ("births_outside_facility",),
    "first_birth_before_20": ("first_birth_before_20",),
    "adolescent_birth_rate": ("adolescent_births",),
}


def _survey_age(name: str) -> float:
    """An age limit of the survey indicators: the edition constant ``name`` of the newest UNDP edition."""
    return _core.edition(_core.latest_hdr_edition_id()).get(name)


@dataclass(frozen=True)
class IndexInputSpec:
    """The person-level columns and options of the standard index inputs.

    The keyword arguments of :func:`accumulate_index_inputs` (and so of
    :func:`index_inputs`, :func:`index_uncertainty` and their gendex.dask
    versions), defined once: column names (``age`` ... ``adolescent_births``,
    None: not given) and the thresholds and ages of the indicators.

    Examples
    --------
    >>> from gendex import micro
    >>> spec = micro.IndexInputSpec(age="age", schooling="years_school", labour_force="in_lf")
    >>> spec.schooling_age, spec.labour_age, spec.adolescent_ages
    (25.0, 15.0, (15.0, 19.0))
    """

    age: Optional[str] = None
    schooling: Optional[str] = None
    education: Optional[str] = None
    secondary_threshold: Optional[float] = None
    upper_secondary_threshold: Optional[float] = None
    labour_force: Optional[str] = None
    earnings: Optional[str] = None
    births_outside_facility: Optional[str] = None
    first_birth_before_20: Optional[str] = None
    adolescent_births: Optional[str] = None
    sex_codes: Optional[Mapping[Any, str]] = None
    schooling_age: float = field(default_factory=lambda: _survey_age("survey_schooling_age"))
    labour_age: float = field(default_factory=lambda: _survey_age("survey_labour_age"))
    adolescent_ages: tuple[float, float] = field(
        default_factory=lambda: (_survey_age("survey_adolescent_age_min"), _survey_age("survey_adolescent_age_max"))
    )

    #: The fields that name a column of the data, by the core's role names.
    ROLES: ClassVar[tuple[str, ...]] = (
        "age",
        "schooling",
        "education",
        "labour_force",
        "earnings",
        "births_outside_facility",
        "first_birth_before_20",
        "adolescent_births",
    )

    def __post_init__(self) -> None:
        # Numbers as floats now, so a bad threshold fails before any pass over the data.
        for name in ("secondary_threshold", "upper_secondary_threshold"):
            value = getattr(self, name)
            if value is not None:
                object.__setattr__(self, name, float(value))
        object.__setattr__(self, "schooling_age", float(self.schooling_age))
        object.__setattr__(self, "labour_age", float(self.labour_age))
        object.__setattr__(self, "adolescent_ages", (float(self.adolescent_ages[0]), float(self.adolescent_ages[1])))

    @classmethod
    def from_keywords(cls, function: str, keywords: Mapping[str, Any]) -> IndexInputSpec:
        """The spec of ``function``'s keyword arguments.

        Parameters
        ----------
        function : str
            The name of the function that took them, for the error message.
        keywords : mapping of str to object
            The keyword arguments: fields of the spec.

        Returns
        -------
        IndexInputSpec
            The spec, numbers as floats.

        Raises
        ------
        TypeError
            A keyword that is no field, naming ``function`` as Python does.

        Examples
        --------
        >>> from gendex import micro
        >>> micro.IndexInputSpec.from_keywords("index_inputs", {"age": "age", "secondary_threshold": 7})
        IndexInputSpec(age='age', schooling=None, education=None, secondary_threshold=7.0, ...)
        >>> micro.IndexInputSpec.from_keywords("index_inputs", {"agee": "age"})
        Traceback (most recent call last):
        TypeError: index_inputs() got an unexpected keyword argument 'agee'
        """
        known = {f.name for f in fields(cls)}
        for name in keywords:
            if name not in known:
                raise TypeError(f"{function}() got an unexpected keyword argument '{name}'")
        return cls(**keywords)

    def roles(self) -> dict[str, str]:
        """Role -> column name, for the columns given.

        Returns
        -------
        dict of str to str
            The column of each role given, in the order of :attr:`ROLES`.

        Examples
        --------
        >>> from gendex import micro
        >>> micro.IndexInputSpec(labour_force="in_lf", age="age").roles()
        {'age': 'age', 'labour_force': 'in_lf'}
        """
        columns = {role: getattr(self, role) for role in self.ROLES}
        return {role: column for role, column in columns.items() if column is not None}

    @example(SURVEY)
    def accumulate(
        self,
        design: Design,
        region_codes: np.ndarray,
        region_count: int,
        sex: np.ndarray,
        region: str,
        sex_name: str,
        linearization: bool,
        threads: Optional[int] = None,
    ) -> _core.MicroAccumulator:
        """One pass over ``design.data`` with region and sex already coded (single machine or one partition).

        Parameters
        ----------
        design : Design
            The rows (a whole in-memory design, or one partition's with the global codes).
        region_codes : numpy.ndarray
            Region of every row, coded 0 .. ``region_count`` - 1.
        region_count : int
            The number of regions.
        sex : numpy.ndarray
            Sex of every row: 0 female, 1 male.
        region, sex_name : str
            The names of the region and sex columns, for error messages.
        linearization : bool
            Keep the sums per (PSU, domain) the linearised and bootstrap SEs need.
        threads : int, optional
            Threads of the pass (not with replicate weights; None: every core). The sums are the same
            bit for bit for any number.

        Returns
        -------
        gendex._core.MicroAccumulator
            The core's sums (wrapped by :class:`IndexInputAccumulator`).

        Raises
        ------
        gendex.InputError
            A linearised pass over a calibrated design without replicate weights; a column that is not
            numeric or a value out of its range (naming the row).

        Examples
        --------
        >>> spec = micro.IndexInputSpec(age="age", labour_force="in_lf")
        >>> male = (df["sex"] == 2).to_numpy()
        >>> core = spec.accumulate(d, df["region"].to_numpy() - 1, 30, male, "region", "sex", linearization=True)
        >>> list(core.variables)
        ['labour_universe', 'labour_force']
        """
        return _core.micro_accumulate_index_inputs(
            **self._core_arguments(design, region_codes, region_count, sex, region, sex_name, linearization),
            linearization=linearization,
            replicates=True,
            threads=core_threads(threads),
        )

    def _core_arguments(
        self,
        design: Design,
        region_codes: np.ndarray,
        region_count: int,
        sex: np.ndarray,
        region: str,
        sex_name: str,
        linearization: bool,
    ) -> dict[str, Any]:
        """The core's keyword arguments for the rows and columns (its index-input passes take them alike)."""
        if design._calibration is not None and linearization and not design.has_replicates:
            raise _core.InputError(
                "the index inputs of a calibrated design need replicate weights (calibrate a "
                "replicate-weight design): their linearised SEs would ignore the calibration"
            )
        columns: dict[str, tuple[str, npt.ArrayLike]] = {
            role: (col, _numbers(design.data, col)) for role, col in self.roles().items()
        }
        return {
            "design": design._core,
            "region": np.ascontiguousarray(region_codes, dtype=np.uint32),
            "region_count": region_count,
            "sex": np.ascontiguousarray(sex, dtype=np.uint8),
            "region_name": region,
            "sex_name": sex_name,
            "columns": columns,
            "schooling_age": self.schooling_age,
            "labour_age": self.labour_age,
            "secondary_threshold": self.secondary_threshold,
            "upper_secondary_threshold": self.upper_secondary_threshold,
            "adolescent_age_min": self.adolescent_ages[0],
            "adolescent_age_max": self.adolescent_ages[1],
        }


def _sex_codes(df: pd.DataFrame, name: str, mapping: Optional[Mapping[Any, str]]) -> np.ndarray:
    """0 (female) / 1 (male) per row; spellings as the CSV reader's (female/male, F/M, P/L) or ``mapping``."""
    # Coded in C++ (a missing value is an error naming the row): each distinct value is read from its first
    # row and mapped once. A narrow column (integers, categoricals, factorized strings) is mapped by a table
    # in one pass; a wide one (e.g. int64 codes 1 and 10**12) through domain codes.
    column = _column(df, name)
    keys, missing = _key_array(column)
    small = _core.micro_small_values(name, keys, missing, _SMALL_RANGE)
    if small is not None:
        low, first_rows = small
        present = np.flatnonzero(first_rows >= 0)
        table = np.zeros(len(first_rows), dtype=np.uint8)
        table[present] = _sex_lookup(column, name, first_rows[present], mapping)
        return np.asarray(_core.micro_look_up(name, keys, low, table))
    codes, _, first = _domain_codes(df, [name])
    return np.asarray(_sex_lookup(column, name, first, mapping)[codes])


_SMALL_RANGE = 1 << 16  # a sex column's values mapped by a table of at most this many entries


def _sex_lookup(
    column: pd.Series, name: str, first_rows: np.ndarray, mapping: Optional[Mapping[Any, str]]
) -> np.ndarray:
    """0 (female) / 1 (male) for the value of each of ``first_rows``; an error naming the row of one that is neither."""
    lookup = np.empty(len(first_rows), dtype=np.uint8)
    for k, value in enumerate(np.asarray(column.array[first_rows])):
        if mapping is not None and value in mapping:
            text: Optional[str] = _core.parse_sex(str(mapping[value]))
        else:
            text = _core.parse_sex(str(value))
        if text not in ("female", "male"):
            raise _core.located_error(
                "InputError",
                f"sex '{value}' is not female or male (spellings: female/male, F/M, "
                f"P/L; numeric codes need sex_codes, e.g. {{1: 'male', 2: 'female'}})",
                row=int(first_rows[k]),
                column=name,
            )
        lookup[k] = 0 if text == "female" else 1
    return lookup


def _coded_rows(
    design: Design, region: str, sex: str, spec: IndexInputSpec, threads: Optional[int]
) -> tuple[np.ndarray, int, list[Any], np.ndarray]:
    """Region codes, their count, the regions (sorted values) and sex codes 0/1 of the design's rows."""
    region_codes, count, first = _domain_codes(design.data, [region], None, core_threads(threads))
    regions = list(np.asarray(design.data[region].array[first]))
    return region_codes, count, regions, _sex_codes(design.data, sex, spec.sex_codes)


def _index_labels(regions: Sequence[Any]) -> pd.DataFrame:
    """The region x sex domains of an index-input accumulator: code 2r female, 2r + 1 male."""
    return pd.DataFrame(
        {
            "region": np.repeat(np.asarray(regions, dtype=object), 2),
            "sex": np.tile(np.array(["female", "male"], dtype=object), len(regions)),
        }
    )


@public_module("gendex.micro")
@example(INDEX_INPUTS)
class IndexInputAccumulator(Accumulator):
    """The sums behind the standard index inputs by region x sex (from
    :func:`accumulate_index_inputs`): estimates, a :class:`gendex.Dataset`, and
    index uncertainty from one pass; merges with other partitions' and pickles.

    Examples
    --------
    >>> acc.indicators
    ['mean_schooling', 'secondary_education', 'labour_force_participation', 'population', 'income_share']
    >>> len(acc.regions)
    30
    """

    @property
    def regions(self) -> list[Any]:
        """The regions, the region column's values sorted."""
        return list(self.labels["region"].iloc[::2])

    @property
    def indicators(self) -> list[str]:
        """The index inputs these sums give (data-contract ids)."""
        have = set(self.variables)
        return [k for k, v in INDICATOR_VARIABLES.items() if set(v) <= have]

    def __repr__(self) -> str:
        return (
            f"<gendex.micro.IndexInputAccumulator: {', '.join(self.indicators)} for {len(self.regions)} regions "
            f"x 2 sexes>"
        )

    def _estimates(
        self, variance: Optional[str], o: EstimateOptions, period: Optional[int], progress: Optional[bool]
    ) -> dict[str, Any]:
        v = default_variance(variance, self._has_replicates)
        names = _region_names(self.regions)
        with ProgressBar("gendex: bootstrap replicates", progress if v == "bootstrap" else False) as bar:
            period_arg = None if period is None else int(period)
            return _core.micro_index_inputs(self._core, v, *o.core(), names, period_arg, bar, design_names=self._names)

    @example(INDEX_INPUTS)
    @sections(
        """pandas.DataFrame
    One row per indicator, region and sex (female only for the indicators of women): ``region``,
    ``sex``, ``indicator``, ``estimate``, ``se``, ``status`` (ok, no_rows, zero_denominator,
    no_variance; only with ``empty="no_estimate"``), ``lower`` and ``upper`` (normal bounds at
    ``level``) and ``unit`` (the indicator registry's: "%" for the proportions, "years", "persons",
    "per 1,000 women"). ``attrs``: ``variance``, ``replicates_used``, ``level``.""",
        raises=ACCUMULATOR_RAISES,
    )
    def estimates(
        self,
        variance: Optional[str] = None,
        progress: Optional[bool] = None,
        **options: Unpack[EstimateKeywords],
    ) -> pd.DataFrame:
        """The index inputs by region and sex with their standard errors, as a frame.

        Examples
        --------
        >>> e = acc.estimates()
        >>> lfp = e[(e["region"] == 1) & (e["indicator"] == "labour_force_participation")]
        >>> lfp[["sex", "estimate", "se"]].round(1)
                sex  estimate   se
        120  female      61.0  4.7
        121    male      65.3  6.5
        """
        o = EstimateOptions(**options)
        result = self._estimates(variance, o, None, progress)
        registry = IndicatorRegistry.standard()
        frames = []
        for ind in result["indicators"]:
            f = self.labels.copy()
            f.insert(2, "indicator", ind["indicator"])
            f["estimate"] = ind["estimate"]
            f["se"] = ind["se"] if len(ind["se"]) else np.nan
            f["status"] = ind["status"]
            add_bounds(f, "estimate", o.level)
            f["unit"] = registry[ind["indicator"]].unit
            if ind["female_only"]:
                f = f[f["sex"] == "female"]
            frames.append(f)
        columns = ["region", "sex", "indicator", "estimate", "se", "status", "lower", "upper", "unit"]
        out = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)
        out.attrs.update(
            variance=default_variance(variance, self._has_replicates),
            replicates_used=result["replicates_used"],
            level=o.level,
        )
        return out

    @example(INDEX_INPUTS)
    @sections(
        """gendex.Dataset
    The index inputs of every region and sex (data-contract ids; percentages in percent) with ``se``.""",
        raises=ACCUMULATOR_RAISES,
    )
    def dataset(
        self,
        period: int,
        variance: Optional[str] = None,
        progress: Optional[bool] = None,
        **options: Unpack[EstimateKeywords],
    ) -> Dataset:
        """The estimates as a :class:`gendex.Dataset` for ``period`` (``level`` does not apply).

        Examples
        --------
        >>> acc.dataset(2023)
        <gendex.Dataset: 300 rows, 30 regions, 1 periods (2023), 5 indicators>
        """
        return Dataset._wrap(self._estimates(variance, EstimateOptions(**options), period, progress)["dataset"])

    @example(INDEX_INPUTS)
    @sections(UNCERTAINTY_RETURNS, UNCERTAINTY_RAISES, period=UNCERTAINTY_PERIOD, variance=UNCERTAINTY_VARIANCE)
    def uncertainty(
        self,
        index: str,
        given: Any = None,
        period: Optional[int] = None,
        edition: Optional[str] = None,
        overrides: Optional[Mapping[str, float]] = None,
        variance: Optional[str] = None,
        progress: Optional[bool] = None,
        **options: Unpack[EstimateKeywords],
    ) -> IndexUncertainty:
        """The index per region with its replicate standard error (see :func:`index_uncertainty`).

        Examples
        --------
        >>> given = {"maternal_mortality": 177, "adolescent_birth_rate": 26.6, "parliament_share": 21.0}
        >>> acc.uncertainty("gii", given=given).frame[["region", "estimate", "se"]].head(2).round(3)
           region  estimate     se
        0       1     0.385  0.021
        1       2     0.408  0.020
        """
        o = EstimateOptions(**options)
        v = default_variance(variance, self._has_replicates, index=True)
        regions = self.regions
        vectors = _given_vectors(given, regions, period)
        constants = [(k, float(x)) for k, x in (overrides or {}).items()]
        with ProgressBar(f"gendex: {index} replicates", progress if v == "bootstrap" else False) as bar:
            names = _region_names(regions)
            core = _core.micro_index_uncertainty(
                self._core, index, edition, constants, vectors, v, *o.core(), names, bar, design_names=self._names
            )
        return IndexUncertainty(core, regions, level=o.level, period=period)


@example(SURVEY)
@sections(
    """IndexInputAccumulator
    The sums by region x sex, for :meth:`~IndexInputAccumulator.estimates`,
    :meth:`~IndexInputAccumulator.dataset` and :meth:`~IndexInputAccumulator.uncertainty`.""",
    """gendex.UnknownKeyError
    A column not in the data.
gendex.InputError
    A missing region or sex, a sex that is not female or male (naming the row), a column that is not
    numeric or a value out of its range.
TypeError
    An unknown keyword.""",
)
def accumulate_index_inputs(
    design: AnyDesign,
    region: str = "region",
    sex: str = "sex",
    *,
    linearization: bool = True,
    progress: Optional[bool] = None,
    threads: Optional[int] = None,
    **columns: Any,
) -> IndexInputAccumulator:
    """One pass over person rows for the standard index inputs by region x sex.

    ``columns`` are the keywords of :class:`IndexInputSpec`: the column names ``age``, ``schooling``,
    ``education``, ``labour_force``, ``earnings``, ``births_outside_facility``, ``first_birth_before_20``,
    ``adolescent_births``, and ``secondary_threshold``, ``upper_secondary_threshold``, ``sex_codes``,
    ``schooling_age``, ``labour_age``, ``adolescent_ages`` (default: the edition constants ``survey_*``, 25, 15
    and (15, 19)). An indicator is built when its columns are given:

    ==============================  ======================================================================
    mean_schooling                  ``schooling`` (years), persons aged ``schooling_age``\\+ (25)
    secondary_education             % of 25+ with ``education`` (or ``schooling``) >= ``secondary_threshold``
    upper_secondary_education       % of 25+ with ``education`` >= ``upper_secondary_threshold``
    labour_force_participation      % of ``labour_age``\\+ (15) with ``labour_force`` = 1 (0/1 column)
    population                      weighted count (always)
    income_share                    % of the region's ``earnings`` (finite for every row, 0 without)
    births_outside_facility         % of relevant births outside a facility: 1/0 for women, NaN = not relevant
    first_birth_before_20           % of relevant women, first birth before 20: 1/0, NaN = not relevant
    adolescent_birth_rate           ``adolescent_births`` (births in the last year) per 1,000 women 15-19
    ==============================  ======================================================================

    ``sex`` takes female/male, F/M, P/L (Indonesian) or, with ``sex_codes``, any
    coding (``{1: "male", 2: "female"}``). Regions are the region column's
    values, sorted. With years of schooling in a 6-3-3 system the thresholds
    are 7 (some secondary) and 12 (SMA or higher).

    Examples
    --------
    >>> acc = micro.accumulate_index_inputs(d, region="region", sex="sex", sex_codes={1: "female", 2: "male"},
    ...                                     age="age", schooling="years_school", labour_force="in_lf")
    >>> acc.indicators
    ['mean_schooling', 'labour_force_participation', 'population']
    >>> e = acc.estimates()
    >>> e[(e["region"] == 1) & (e["indicator"] == "mean_schooling")][["sex", "estimate", "se"]].round(2)
          sex  estimate    se
    0  female      8.66  1.78
    1    male      6.98  1.75
    """
    spec = IndexInputSpec.from_keywords("accumulate_index_inputs", columns)
    if not isinstance(design, Design):  # partitions (gendex.dask.Design); progress: a bar while they run
        return design._accumulate_index_inputs(region, sex, spec, linearization, progress)
    region_codes, count, regions, sexes = _coded_rows(design, region, sex, spec, threads)
    core = spec.accumulate(design, region_codes, count, sexes, region, sex, linearization, threads)
    return IndexInputAccumulator(core, _index_labels(regions), design.has_replicates, design._names)


@example(PERSONS)
@sections(
    """gendex.Dataset
    The index inputs of every region and sex for ``period`` with ``se``: percentages and their SEs in
    percent (births per 1,000 women for the adolescent birth rate).""",
    """gendex.UnknownKeyError
    A column not in the data.
gendex.InputError
    As :func:`accumulate_index_inputs`, and a domain without an estimate or SE (unless
    ``empty="no_estimate"``), an unknown variance method.
TypeError
    An unknown keyword.""",
)
def index_inputs(
    design: AnyDesign,
    period: int,
    region: str = "region",
    sex: str = "sex",
    *,
    variance: Optional[str] = None,
    replicates: int = 100,
    seed: int = 1,
    bootstrap_mse: bool = False,
    lonely_psu: Optional[str] = None,
    empty: str = "error",
    progress: Optional[bool] = None,
    threads: Optional[int] = None,
    **columns: Any,
) -> Dataset:
    """The standard index inputs by region x sex as a :class:`gendex.Dataset` with ``se``.

    The columns are those of :func:`accumulate_index_inputs`; a Susenas-like call::

        ds = micro.index_inputs(d, 2023, region="prov", sex="jk", age="umur", schooling="yrs",
                                secondary_threshold=7, upper_secondary_threshold=12, labour_force="ak",
                                earnings="upah", sex_codes={1: "male", 2: "female"})

    On a :class:`Design` (rows in memory) whose PSUs cross regions, or without PSUs, the linearised
    SEs come from one more pass over the rows that scores every indicator at once, without a sum
    per (PSU, region, sex): the accumulator's SEs but for rounding. With PSUs nested in regions (two
    sums per PSU) the accumulator's sums are kept. ``threads`` serves every pass (the rows, the
    cells' sums, the bootstrap's replicates); the results are the same bit for bit for any number.

    Examples
    --------
    >>> ds = micro.index_inputs(d, 2023, region="region", sex="sex", **columns)
    >>> ds
    <gendex.Dataset: 300 rows, 30 regions, 1 periods (2023), 5 indicators>
    """
    v = default_variance(variance, design.has_replicates)
    if isinstance(design, Design):
        # In one call: the core scores the rows (PSUs crossing regions, or none) or keeps the cells.
        spec = IndexInputSpec.from_keywords("index_inputs", columns)
        region_codes, count, regions, sexes = _coded_rows(design, region, sex, spec, threads)
        arguments = spec._core_arguments(
            design, region_codes, count, sexes, region, sex, v in ("linearization", "bootstrap")
        )
        with ProgressBar("gendex: bootstrap replicates", progress if v == "bootstrap" else False) as bar:
            result: dict[str, Any] = _core.micro_estimate_index_inputs(
                **arguments,
                variance=v,
                lonely_psu=lonely_psu,
                empty=empty,
                replicates=replicates,
                seed=seed,
                bootstrap_mse=bootstrap_mse,
                region_names=_region_names(regions),
                period=int(period),
                progress=bar,
                threads=core_threads(threads),
                design_names=design._names,
            )
        return Dataset._wrap(result["dataset"])
    # Partitions: cells per (PSU, domain) only when the variance needs them.
    cells = v in ("linearization", "bootstrap")
    acc = accumulate_index_inputs(
        design, region, sex, linearization=cells, progress=progress, threads=threads, **columns
    )
    return acc.dataset(
        period,
        variance=variance,
        lonely_psu=lonely_psu,
        empty=empty,
        replicates=replicates,
        seed=seed,
        bootstrap_mse=bootstrap_mse,
        progress=progress,
    )


@example(PERSONS)
@sections(UNCERTAINTY_RETURNS, UNCERTAINTY_RAISES, period=UNCERTAINTY_PERIOD, variance=UNCERTAINTY_VARIANCE)
def index_uncertainty(
    design: AnyDesign,
    index: str,
    given: Any = None,
    period: Optional[int] = None,
    region: str = "region",
    sex: str = "sex",
    *,
    edition: Optional[str] = None,
    overrides: Optional[Mapping[str, float]] = None,
    variance: Optional[str] = None,
    replicates: int = 100,
    seed: int = 1,
    bootstrap_mse: bool = False,
    lonely_psu: Optional[str] = None,
    empty: str = "error",
    level: float = 0.95,
    progress: Optional[bool] = None,
    **columns: Any,
) -> IndexUncertainty:
    """An index per region from survey microdata, with its replicate standard error and confidence interval.

    The survey indicators come from ``columns`` (the keyword arguments of
    :func:`accumulate_index_inputs`); ``given`` supplies the inputs without
    sampling error, as a :class:`gendex.Dataset` (rows for ``period``) or a mapping::

        given = {"maternal_mortality": 177, "adolescent_birth_rate": 26.6,
                 "parliament_share": {"female": {"A": 21.0, "B": 18.5}},     # male: 100 - female
                 "life_expectancy": {"female": 73.2, "male": 69.4},
                 "expected_schooling": {"female": 13.1, "male": 13.0},
                 "gni_per_capita": 11500, "per_capita_expenditure": 11900}

    GDI and IPG split gni_per_capita (per_capita_expenditure) by sex with the
    survey's income and population shares, as UNDP's estimated earned income.

    Examples
    --------
    >>> given = {"maternal_mortality": 177, "adolescent_birth_rate": 26.6, "parliament_share": 21.0}
    >>> u = micro.index_uncertainty(d, "gii", given=given, period=2023, **columns)
    >>> u.frame[["region", "estimate", "se", "lower", "upper"]].head(2).round(3)
       region  estimate     se  lower  upper
    0       1     0.385  0.021  0.343  0.427
    1       2     0.408  0.020  0.368  0.448
    """
    acc = accumulate_index_inputs(design, region, sex, progress=progress, **columns)
    return acc.uncertainty(
        index,
        given=given,
        period=period,
        edition=edition,
        overrides=overrides,
        variance=variance,
        replicates=replicates,
        seed=seed,
        bootstrap_mse=bootstrap_mse,
        lonely_psu=lonely_psu,
        empty=empty,
        level=level,
        progress=progress,
    )
