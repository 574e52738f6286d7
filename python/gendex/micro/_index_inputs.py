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
    _numbers,
    _region_names,
    add_bounds,
    default_variance,
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
        """The spec of ``function``'s keyword arguments; TypeError naming ``function`` for an unknown one."""
        known = {f.name for f in fields(cls)}
        for name in keywords:
            if name not in known:
                raise TypeError(f"{function}() got an unexpected keyword argument '{name}'")
        return cls(**keywords)

    def roles(self) -> dict[str, str]:
        """Role -> column name, for the columns given."""
        columns = {role: getattr(self, role) for role in self.ROLES}
        return {role: column for role, column in columns.items() if column is not None}

    def accumulate(
        self,
        design: Design,
        region_codes: np.ndarray,
        region_count: int,
        sex: np.ndarray,
        region: str,
        sex_name: str,
        linearization: bool,
    ) -> _core.MicroAccumulator:
        """One pass over ``design.data`` with region and sex already coded (single machine or one partition)."""
        columns: dict[str, tuple[str, npt.ArrayLike]] = {
            role: (col, _numbers(design.data, col)) for role, col in self.roles().items()
        }
        return _core.micro_accumulate_index_inputs(
            design._core,
            np.ascontiguousarray(region_codes, dtype=np.uint32),
            region_count,
            np.ascontiguousarray(sex, dtype=np.uint8),
            region,
            sex_name,
            columns,
            self.schooling_age,
            self.labour_age,
            self.secondary_threshold,
            self.upper_secondary_threshold,
            self.adolescent_ages[0],
            self.adolescent_ages[1],
            linearization,
            True,
        )


def _sex_codes(df: pd.DataFrame, name: str, mapping: Optional[Mapping[Any, str]]) -> np.ndarray:
    """0 (female) / 1 (male) per row; spellings as the CSV reader's (female/male, F/M, P/L) or ``mapping``."""
    codes, uniques = pd.factorize(_column(df, name))
    if (codes < 0).any():
        raise _core.located_error("InputError", "missing sex", row=int(np.flatnonzero(codes < 0)[0]), column=name)
    lookup = np.empty(len(uniques), dtype=np.uint8)
    for k, value in enumerate(uniques):
        if mapping is not None and value in mapping:
            text: Optional[str] = _core.parse_sex(str(mapping[value]))
        else:
            text = _core.parse_sex(str(value))
        if text not in ("female", "male"):
            row = int(np.flatnonzero(codes == k)[0])
            raise _core.located_error(
                "InputError",
                f"sex '{value}' is not female or male (spellings: female/male, F/M, "
                f"P/L; numeric codes need sex_codes, e.g. {{1: 'male', 2: 'female'}})",
                row=row,
                column=name,
            )
        lookup[k] = 0 if text == "female" else 1
    return lookup[codes]


def _index_labels(regions: Sequence[Any]) -> pd.DataFrame:
    """The region x sex domains of an index-input accumulator: code 2r female, 2r + 1 male."""
    return pd.DataFrame(
        {
            "region": np.repeat(np.asarray(regions, dtype=object), 2),
            "sex": np.tile(np.array(["female", "male"], dtype=object), len(regions)),
        }
    )


@public_module("gendex.micro")
class IndexInputAccumulator(Accumulator):
    """The sums behind the standard index inputs by region x sex (from
    :func:`accumulate_index_inputs`): estimates, a :class:`gendex.Dataset`, and
    index uncertainty from one pass; merges with other partitions' and pickles."""

    @property
    def regions(self) -> list[Any]:
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
            return _core.micro_index_inputs(self._core, v, *o.core(), names, period_arg, bar)

    def estimates(
        self,
        variance: Optional[str] = None,
        progress: Optional[bool] = None,
        **options: Unpack[EstimateKeywords],
    ) -> pd.DataFrame:
        """One row per indicator, region and sex: ``region``, ``sex``, ``indicator``, ``estimate``, ``se``,
        ``status`` (ok, no_rows, zero_denominator, no_variance; only with ``empty="no_estimate"``), ``lower``
        and ``upper`` (normal bounds at ``level``) and ``unit`` (the indicator registry's: "%" for the
        proportions, "years", "persons", "per 1,000 women"). ``options``: :class:`EstimateKeywords`."""
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

    def dataset(
        self,
        period: int,
        variance: Optional[str] = None,
        progress: Optional[bool] = None,
        **options: Unpack[EstimateKeywords],
    ) -> Dataset:
        """The estimates as a :class:`gendex.Dataset` (data-contract ids, ``se``) for ``period``
        (``options``: :class:`EstimateKeywords`; ``level`` does not apply)."""
        return Dataset._wrap(self._estimates(variance, EstimateOptions(**options), period, progress)["dataset"])

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
        """The index per region with its replicate standard error (see :func:`index_uncertainty`;
        ``options``: :class:`EstimateKeywords`)."""
        o = EstimateOptions(**options)
        v = default_variance(variance, self._has_replicates, index=True)
        regions = self.regions
        vectors = _given_vectors(given, regions, period)
        constants = [(k, float(x)) for k, x in (overrides or {}).items()]
        with ProgressBar(f"gendex: {index} replicates", progress if v == "bootstrap" else False) as bar:
            names = _region_names(regions)
            core = _core.micro_index_uncertainty(
                self._core, index, edition, constants, vectors, v, *o.core(), names, bar
            )
        return IndexUncertainty(core, regions, level=o.level, period=period)


def accumulate_index_inputs(
    design: AnyDesign,
    region: str = "region",
    sex: str = "sex",
    *,
    linearization: bool = True,
    progress: Optional[bool] = None,
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
    """
    spec = IndexInputSpec.from_keywords("accumulate_index_inputs", columns)
    if not isinstance(design, Design):  # partitions (gendex.dask.Design); progress: a bar while they run
        return design._accumulate_index_inputs(region, sex, spec, linearization, progress)
    region_codes, count, first = _domain_codes(design.data, [region])
    regions = list(np.asarray(design.data[region].array[first]))
    sexes = _sex_codes(design.data, sex, spec.sex_codes)
    core = spec.accumulate(design, region_codes, count, sexes, region, sex, linearization)
    return IndexInputAccumulator(core, _index_labels(regions), design.has_replicates)


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
    **columns: Any,
) -> Dataset:
    """The standard index inputs by region x sex as a :class:`gendex.Dataset` with ``se``.

    ``columns``: the keyword arguments of :func:`accumulate_index_inputs`
    (``age``, ``schooling``, ``education``, ``secondary_threshold``, ...).
    ``variance``: None (replicates when the design has replicate weights, else
    linearisation), "linearization", "replicates", "bootstrap" or "none".
    Percentages and their SEs are in percent (births per 1,000 for the
    adolescent birth rate)::

        ds = micro.index_inputs(d, 2023, region="prov", sex="jk", age="umur", schooling="yrs",
                                secondary_threshold=7, upper_secondary_threshold=12, labour_force="ak",
                                earnings="upah", sex_codes={1: "male", 2: "female"})
    """
    acc = accumulate_index_inputs(design, region, sex, progress=progress, **columns)
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

    ``index``: "gii" (UNDP), "ikg" (BPS), "gdi" (UNDP; with HDI by sex) or "ipg"
    (BPS; with IPM by sex). The survey indicators come from ``columns`` (the
    keyword arguments of :func:`accumulate_index_inputs`); ``given`` supplies the
    inputs without sampling error, as a :class:`gendex.Dataset` (rows for
    ``period``) or a mapping::

        given = {"maternal_mortality": 177, "adolescent_birth_rate": 26.6,
                 "parliament_share": {"female": {"A": 21.0, "B": 18.5}},     # male: 100 - female
                 "life_expectancy": {"female": 73.2, "male": 69.4},
                 "expected_schooling": {"female": 13.1, "male": 13.0},
                 "gni_per_capita": 11500, "per_capita_expenditure": 11900}

    each value a number (every region) or a mapping/Series by region. Needed:
    GII maternal_mortality, adolescent_birth_rate (or ``adolescent_births``
    from the survey), parliament_share; IKG parliament_share; GDI
    life_expectancy, expected_schooling by sex and gni_per_capita; IPG the same
    with per_capita_expenditure (split by sex with the survey's income and
    population shares, as UNDP's estimated earned income).

    ``variance``: "bootstrap" (internal Rao-Wu, ``replicates`` and ``seed``;
    the default without replicate weights) or "replicates" (the design's).
    ``edition``: an edition id (default hdr2025 for GII/GDI, bps for IKG/IPG)
    and ``overrides`` of its constants. ``level``: of the normal confidence
    intervals.
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
