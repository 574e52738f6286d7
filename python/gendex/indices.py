"""Methodology editions and the indices over a Dataset (UNDP HDI, GDI, GII, IHDI, GEM; BPS IPM, IPG, IDG, IKG).

Every number here comes from the C++ compute layer (``gendex._core``); this
module converts arguments and reshapes results into pandas frames.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, Literal, NamedTuple, Optional, Union, overload

import numpy as np
import numpy.typing as npt
import pandas as pd

from . import _core, frames
from ._dataset import Dataset
from ._regions import RegionHierarchy

#: The latest UNDP report: the index table's default edition of every UNDP index (and of
#: :class:`Edition` without an id). Each index's own default comes from the index table.
DEFAULT_EDITION: str = _core.index_info("hdi")[5]  # the default_edition of index_facts("hdi")

Number = Union[float, int, bool]
#: A tidy frame of results, or (frame, report) with return_report=True.
FrameOrReport = Union[pd.DataFrame, tuple[pd.DataFrame, "ComputeReport"]]


# ------------------------------------------------------------------- editions


class Edition(Mapping[str, Number]):
    """A methodology edition: every constant of the indices, with the source of its value.

    A read-only mapping from constant name to value (float; int for integer
    constants such as ``rounding_digits``; bool for flags such as
    ``gii_parliament_male_complement``). :meth:`source` says where a value
    comes from; :meth:`to_frame` lists everything. Make one with
    :func:`edition` (built-in) or :func:`custom_edition` / :meth:`replace`.
    """

    __slots__ = ("_core",)

    def __init__(self, id: str = DEFAULT_EDITION) -> None:
        """The built-in edition ``id``; UnknownKeyError listing the known ids."""
        self._core = _core.edition(id)

    @classmethod
    def _wrap(cls, core: _core.Edition) -> Edition:
        out = cls.__new__(cls)
        out._core = core
        return out

    @property
    def id(self) -> str:
        """The edition id, e.g. "hdr2025"."""
        return self._core.id

    @property
    def title(self) -> str:
        """A readable title, e.g. "Human Development Report 2025"."""
        return self._core.title

    def _rows(self) -> list[tuple[str, str, float, str, str, str]]:
        return self._core.constants()

    @staticmethod
    def _typed(kind: str, value: float) -> Number:
        return int(value) if kind == "integer" else bool(value) if kind == "flag" else float(value)

    def __getitem__(self, name: str) -> Number:
        for n, kind, value, *_ in self._rows():
            if n == name:
                return self._typed(kind, value)
        self._core.get(name)  # raises UnknownKeyError listing the known constants
        raise KeyError(name)  # pragma: no cover

    def __iter__(self) -> Iterator[str]:
        return iter([row[0] for row in self._rows()])

    def __len__(self) -> int:
        return len(self._rows())

    def source(self, name: str) -> str:
        """Where the value of constant ``name`` comes from (document, data check, override)."""
        return self._core.source(name)

    @property
    def sources(self) -> dict[str, str]:
        """Constant name -> source."""
        return {row[0]: row[3] for row in self._rows()}

    def to_dict(self) -> dict[str, dict[str, Any]]:
        """Constant name -> {"value", "source", "unit", "meaning"}."""
        return {
            n: {"value": self._typed(kind, v), "source": src, "unit": unit, "meaning": meaning}
            for n, kind, v, src, unit, meaning in self._rows()
        }

    def to_frame(self) -> pd.DataFrame:
        """One row per constant: name, value, unit, meaning, source."""
        rows = self._rows()
        return pd.DataFrame(
            {
                "name": [r[0] for r in rows],
                "value": pd.Series([self._typed(r[1], r[2]) for r in rows], dtype=object),
                "unit": [r[4] for r in rows],
                "meaning": [r[5] for r in rows],
                "source": [r[3] for r in rows],
            }
        )

    def replace(
        self, overrides: Optional[Mapping[str, float]] = None, *, id: Optional[str] = None, **constants: float
    ) -> Edition:
        """A custom edition: this one with some constants changed (see :func:`custom_edition`)."""
        return custom_edition(self, overrides, id=id, **constants)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Edition):
            return NotImplemented
        return self.id == other.id and self._rows() == other._rows()

    __hash__ = None  # type: ignore[assignment]  # unhashable; typeshed declares object.__hash__ a method

    def __getstate__(self) -> _core.Edition:
        return self._core  # pickled by the core's own (id, title, constants) state

    def __setstate__(self, state: _core.Edition) -> None:
        self._core = state

    def __repr__(self) -> str:
        return f"<gendex.Edition {self.id!r}: {self.title}, {len(self)} constants>"


def editions() -> list[str]:
    """Ids of the built-in editions, oldest first (``gendex editions`` on the command line)."""
    return _core.edition_ids()


def edition(id: str = DEFAULT_EDITION) -> Edition:
    """The built-in edition ``id`` ("hdr2021-22", "hdr2023-24", "hdr2025", ...)."""
    return Edition(id)


def custom_edition(
    base: Union[str, Edition] = DEFAULT_EDITION,
    overrides: Optional[Mapping[str, float]] = None,
    *,
    id: Optional[str] = None,
    **constants: float,
) -> Edition:
    """A new edition: ``base`` with constants changed, from a dict and/or keywords.

    ``custom_edition("hdr2023-24", gii_parliament_floor=0.1)`` applies the
    0.1 % floor the technical notes state. Each changed constant's source
    becomes "override of edition '<base>'". ``id`` defaults to "<base>+custom"
    and must not be a built-in id, so results cannot pass for published ones.
    An unknown name raises UnknownKeyError; a value that breaks an invariant
    (a minimum above its maximum, ...) raises InputError.
    """
    core = _edition_core(base)
    changes = dict(overrides or {})
    for name, value in constants.items():
        if name in changes:
            raise TypeError(f"constant '{name}' given twice (in overrides and as a keyword)")
        changes[name] = value
    triples = [(name, float(value), "") for name, value in changes.items()]
    return Edition._wrap(_core.custom_edition(core, id or f"{core.id}+custom", triples))


def _edition_core(edition: Union[str, Edition]) -> _core.Edition:
    if isinstance(edition, Edition):
        return edition._core
    if isinstance(edition, str):
        return _core.edition(edition)
    raise TypeError(f"edition must be an edition id or a gendex.Edition, got {type(edition).__name__}")


class RequiredInput(NamedTuple):
    """One input of an index: an indicator id for each of ``sexes``; an optional one only improves the result."""

    indicator: str
    sexes: tuple[str, ...]  # "female", "male", "total"
    optional: bool


class InputRequirement(NamedTuple):
    """Met when one of its alternatives is; an alternative is met by all its inputs in one region-period."""

    alternatives: tuple[tuple[RequiredInput, ...], ...]


class IndexFacts(NamedTuple):
    """What the core's index table knows of one index (``_core.index_info``), by name."""

    name: str
    title: str
    inputs: str  # the requirements as people read them, e.g. "life_expectancy, ... (female, male)"
    outputs: list[tuple[str, str]]  # (indicator, sex), headline first
    publisher: str  # "UNDP" or "BPS"
    default_edition: str
    has_parity: bool  # parity_gains / gendex priorities can rank its components
    has_survey_path: bool  # gendex.micro.index_uncertainty computes it
    display_order: str  # "highest_first", "lowest_first" or "nearest_one_first"
    #: What the compute function checks: every requirement, in one region-period.
    requirements: tuple[InputRequirement, ...]

    def indicators(self) -> list[str]:
        """The indicator ids the requirements name, in order, each once (alternatives and optional ones included).

        Examples
        --------
        >>> index_facts("hdi").indicators()
        ['life_expectancy', 'expected_schooling', 'mean_schooling', 'gni_per_capita']
        """
        out: list[str] = []
        for requirement in self.requirements:
            for alternative in requirement.alternatives:
                out += [i.indicator for i in alternative if i.indicator not in out]
        return out


def index_facts(index: str) -> IndexFacts:
    """The index table's facts about ``index``; UnknownKeyError naming the known indices.

    Examples
    --------
    >>> index_facts("ikg").publisher, index_facts("ikg").has_parity
    ('BPS', True)
    """
    name, title, inputs, outputs, publisher, edition, parity, survey, order, requirements = _core.index_info(index)
    typed = tuple(
        InputRequirement(
            tuple(tuple(RequiredInput(i, tuple(sexes), optional) for i, sexes, optional in a) for a in alternatives)
        )
        for alternatives in requirements
    )
    return IndexFacts(name, title, inputs, outputs, publisher, edition, parity, survey, order, typed)


def default_edition(index: str) -> str:
    """The edition ``index`` uses when none is given, from the index table: "bps" for BPS's
    indices, the latest HDR edition for UNDP's.

    Examples
    --------
    >>> default_edition("ipg"), default_edition("gdi")
    ('bps', 'hdr2025')
    """
    return index_facts(index).default_edition


def _resolve(index: str, edition: Optional[Union[str, Edition]], overrides: Mapping[str, float]) -> _core.Edition:
    core = _edition_core(default_edition(index) if edition is None else edition)
    if not overrides:
        return core
    return _core.custom_edition(core, f"{core.id}+custom", [(n, float(v), "") for n, v in overrides.items()])


# -------------------------------------------------------------------- compute


class ComputeReport(NamedTuple):
    """What a computation left out and what it assumed.

    ``skipped``: one row per region-period left out, columns region, period,
    indicator and sex (the first offending input), problem ("missing",
    "below_minimum", "above_maximum", "not_finite", "undefined"), reason (the
    full message). ``notes``: region, period, note, for computed units whose
    value rests on something the data did not give (e.g. "default wage ratio
    0.8 used").
    """

    # The field shadows tuple.index (a method); it is the report's public name, so mypy is told to accept it.
    index: str  # type: ignore[assignment]
    edition: str
    units: int
    computed: int
    skipped: pd.DataFrame
    notes: pd.DataFrame
    summary: str
    #: When nothing is computed: which inputs no region-period has, by name, one sentence per unmet
    #: requirement (e.g. "gdi: no region-period has life_expectancy for female and male"); else empty.
    missing: tuple[str, ...] = ()


class IndexResult(NamedTuple):
    """Results of one index: a Dataset of the data contract and the report."""

    values: Dataset
    report: ComputeReport


def _report(columns: Mapping[str, Any]) -> ComputeReport:
    return ComputeReport(
        columns["index"],
        columns["edition"],
        int(columns["units"]),
        int(columns["computed"]),
        frames.columns_frame(columns["skipped"], frames.SKIPPED_COLUMNS),
        frames.columns_frame(columns["notes"], frames.NOTE_COLUMNS),
        columns["summary"],
        tuple(columns["missing"]),
    )


def _dataset(data: Any) -> Dataset:
    if isinstance(data, Dataset):
        return data
    if isinstance(data, pd.DataFrame):
        return Dataset.from_frame(data)
    raise TypeError(f"data must be a gendex.Dataset or a tidy pandas DataFrame, got {type(data).__name__}")


def index_names() -> list[str]:
    """The indices :func:`compute` knows, e.g. ["hdi", "gdi", "gii", "ihdi", "gem"]."""
    return _core.index_names()


def compute_result(
    index: str,
    data: Any,
    edition: Optional[Union[str, Edition]] = None,
    on_invalid: str = "skip",
    aggregate_prefix: str = "ZZ",
    **overrides: float,
) -> IndexResult:
    """Compute ``index`` for every region-period of ``data``: the results as a Dataset, and the report.

    See :func:`compute` for the arguments.
    """
    values, report = _core.compute(
        index, _dataset(data)._core, _resolve(index, edition, overrides), on_invalid, aggregate_prefix
    )
    return IndexResult(Dataset._wrap(values), _report(report))


def _compute(
    index: str, data: Any, edition: Optional[Union[str, Edition]], on_invalid: str, keywords: Mapping[str, Any]
) -> IndexResult:
    """:func:`compute_result` with the keyword arguments of :func:`compute` and the index functions: edition
    overrides, and compute_result's ``aggregate_prefix``, which has always passed through them."""
    constants = dict(keywords)
    prefix = constants.pop("aggregate_prefix", "ZZ")
    return compute_result(index, data, edition, on_invalid, prefix, **constants)


@overload
def compute(
    index: str,
    data: Any,
    edition: Optional[Union[str, Edition]] = ...,
    on_invalid: str = ...,
    return_report: Literal[False] = ...,
    lang: Optional[str] = ...,
    **overrides: float,
) -> pd.DataFrame: ...
@overload
def compute(
    index: str,
    data: Any,
    edition: Optional[Union[str, Edition]] = ...,
    on_invalid: str = ...,
    *,
    return_report: Literal[True],
    lang: Optional[str] = ...,
    **overrides: float,
) -> tuple[pd.DataFrame, ComputeReport]: ...
@overload
def compute(
    index: str,
    data: Any,
    edition: Optional[Union[str, Edition]] = ...,
    on_invalid: str = ...,
    return_report: bool = ...,
    lang: Optional[str] = ...,
    **overrides: float,
) -> FrameOrReport: ...
def compute(
    index: str,
    data: Any,
    edition: Optional[Union[str, Edition]] = None,
    on_invalid: str = "skip",
    return_report: bool = False,
    lang: Optional[str] = None,
    **overrides: float,
) -> FrameOrReport:
    """Compute ``index`` for every region-period of ``data``.

    UNDP: "hdi", "gdi", "gii", "ihdi", "gem" (editions "hdr2021-22",
    "hdr2023-24", "hdr2025"); BPS: "ipm", "ipg", "idg", "ikg" (edition "bps").

    ``data`` is a :class:`Dataset` or a tidy DataFrame of the data contract.
    ``edition`` is an edition id or an :class:`Edition`; None (the default) takes
    the index table's default (:func:`default_edition`: "bps" for BPS's indices,
    the latest HDR edition for UNDP's); keyword ``overrides``
    change its constants for this call (``gii_parliament_floor=0.1``).

    A unit is computed only when all its inputs are present and valid.
    ``on_invalid="skip"`` (the default, because whole HDR files lack some
    inputs for many country-years) leaves the others out and lists them in the
    report; ``"raise"`` raises InputError naming the first one's region,
    period, indicator and sex.

    Returns the tidy DataFrame of the results (the nine contract columns;
    values at full precision; HDI_f and HDI_m as ``hdi`` rows of sex
    female/male; ``gdi_group``, ``hdi_group``, ``hdi_rank``, ``gii_rank`` as
    indicators of their own), or ``(frame, ComputeReport)`` with
    ``return_report=True``. ``frame.attrs["gendex_report"]`` holds the
    report's one-line summary.

    ``lang="en"`` or ``lang="id"`` adds the columns ``indicator_label`` and
    ``sex_label`` in English or Indonesian ("Indeks Pembangunan Gender",
    "Perempuan", "Laki-laki").
    """
    result = _compute(index, data, edition, on_invalid, overrides)
    frame = result.values.to_frame()
    if lang is not None:
        frame = with_labels(frame, lang)
    frame.attrs["gendex_report"] = result.report.summary
    return (frame, result.report) if return_report else frame


PARITY_GAIN_COLUMNS = ("region", "period", "index", "component", "value", "at_parity", "gain", "rank")


@overload
def parity_gains(
    index: str,
    data: Any,
    edition: Optional[Union[str, Edition]] = ...,
    on_invalid: str = ...,
    return_notes: Literal[False] = ...,
    lang: Optional[str] = ...,
    **overrides: float,
) -> pd.DataFrame: ...
@overload
def parity_gains(
    index: str,
    data: Any,
    edition: Optional[Union[str, Edition]] = ...,
    on_invalid: str = ...,
    *,
    return_notes: Literal[True],
    lang: Optional[str] = ...,
    **overrides: float,
) -> tuple[pd.DataFrame, pd.DataFrame]: ...
@overload
def parity_gains(
    index: str,
    data: Any,
    edition: Optional[Union[str, Edition]] = ...,
    on_invalid: str = ...,
    return_notes: bool = ...,
    lang: Optional[str] = ...,
    **overrides: float,
) -> Union[pd.DataFrame, tuple[pd.DataFrame, pd.DataFrame]]: ...
def parity_gains(
    index: str,
    data: Any,
    edition: Optional[Union[str, Edition]] = None,
    on_invalid: str = "skip",
    return_notes: bool = False,
    lang: Optional[str] = None,
    **overrides: float,
) -> Union[pd.DataFrame, tuple[pd.DataFrame, pd.DataFrame]]:
    """Which component drags ``index`` furthest from gender equality.

    For every region-period, ``index`` ("gdi", "gii", "ipg" or "ikg") is
    recomputed with one component at parity and everything else as observed:
    the female value set to the male one (on men's dimension index where the
    goalposts differ by sex, e.g. life expectancy), seat shares to 50/50, and
    women's reproductive health to the level at which its term equals men's 1.
    ``gain`` is the distance from equality removed (GII/IKG: towards 0, GDI:
    towards 1, IPG: towards 100); ``rank`` 1 marks the component to prioritise.
    A gain is negative where women's lead in that component offsets their
    disadvantage elsewhere. The gains do not add up to the gap: the indices are
    geometric and harmonic means.

    Columns: region, period, index, component, value (the index as observed),
    at_parity, gain, rank. Components that cannot be set at parity for a unit
    (e.g. income estimated from the total: there is no female value) are left
    out for it; ``return_notes=True`` returns ``(frame, notes)`` with the notes
    (region, period, note) saying so. ``edition``, ``on_invalid`` and the
    keyword overrides are as for :func:`compute` (without ``edition``, the index
    table's default: :func:`default_edition`). ``lang="en"`` or
    ``"id"`` adds a ``component_label`` column ("Kesehatan reproduksi").
    """
    rows, notes, report = _core.priorities(index, _dataset(data)._core, _resolve(index, edition, overrides), on_invalid)
    frame = frames.columns_frame(rows, PARITY_GAIN_COLUMNS)
    if lang is not None:
        labels = {c: _core.component_label(c, lang) for c in frame["component"].unique()}
        frame.insert(4, "component_label", frame["component"].map(labels).astype(object))
    frame.attrs["gendex_report"] = report["summary"]
    note_frame = frames.columns_frame(notes, frames.NOTE_COLUMNS)
    return (frame, note_frame) if return_notes else frame


@overload
def round_half_up(values: float, digits: int = ...) -> float: ...
@overload
def round_half_up(values: pd.Series, digits: int = ...) -> pd.Series: ...
@overload
def round_half_up(values: npt.ArrayLike, digits: int = ...) -> Union[float, npt.NDArray[np.float64]]: ...
def round_half_up(
    values: Union[npt.ArrayLike, pd.Series], digits: int = 3
) -> Union[float, pd.Series, npt.NDArray[np.float64]]:
    """``values`` rounded half up (away from zero) to ``digits`` decimals, as UNDP and BPS print them.

    Unlike ``round``/``np.round`` (half to even) 0.0005 gives 0.001, and a
    decimal tie stored slightly below its value (2.675) counts as the tie.
    Accepts a number, an array or a Series and returns the same kind.
    """
    if not 0 <= int(digits) <= 15:
        raise _core.InputError(f"round_half_up: digits must be between 0 and 15, got {digits}")
    if isinstance(values, pd.Series):
        return pd.Series(
            _core.round_half_up(values.to_numpy(dtype=float), int(digits)), index=values.index, name=values.name
        )
    array = np.asarray(values, dtype=float)
    out = _core.round_half_up(array.ravel(), int(digits)).reshape(array.shape)
    return float(out) if array.ndim == 0 else out


def with_labels(frame: pd.DataFrame, lang: str = "id") -> pd.DataFrame:
    """A tidy frame with ``indicator_label`` and ``sex_label`` columns in ``lang`` ("en" or "id")."""
    out = frame.copy()
    ids = {i: _core.indicator_label(i, lang) for i in out["indicator"].unique()}
    sexes = {s: _core.sex_label(s, lang) for s in out["sex"].unique()}
    out["indicator_label"] = out["indicator"].map(ids)
    out["sex_label"] = out["sex"].map(sexes)
    return out


def _wide(
    index: str,
    data: Any,
    edition: Optional[Union[str, Edition]],
    on_invalid: str,
    return_report: bool,
    overrides: Mapping[str, float],
) -> FrameOrReport:
    result = _compute(index, data, edition, on_invalid, overrides)
    outputs = index_facts(index).outputs
    frame = frames.index_frame(_core.align(result.values._core, outputs))
    frame.attrs["gendex_report"] = result.report.summary
    return (frame, result.report) if return_report else frame


@overload
def hdi(
    data: Any,
    edition: Optional[Union[str, Edition]] = ...,
    on_invalid: str = ...,
    return_report: Literal[False] = ...,
    **overrides: float,
) -> pd.DataFrame: ...
@overload
def hdi(
    data: Any,
    edition: Optional[Union[str, Edition]] = ...,
    on_invalid: str = ...,
    *,
    return_report: Literal[True],
    **overrides: float,
) -> tuple[pd.DataFrame, ComputeReport]: ...
@overload
def hdi(
    data: Any,
    edition: Optional[Union[str, Edition]] = ...,
    on_invalid: str = ...,
    return_report: bool = ...,
    **overrides: float,
) -> FrameOrReport: ...
def hdi(
    data: Any,
    edition: Optional[Union[str, Edition]] = None,
    on_invalid: str = "skip",
    return_report: bool = False,
    **overrides: float,
) -> FrameOrReport:
    """Human Development Index, one row per region-period, with its breakdown.

    Inputs (total): life_expectancy, expected_schooling, mean_schooling,
    gni_per_capita. Columns: region, period, hdi, hdi_rank (competition rank
    per period on the rounded HDI; aggregates "ZZ..." not ranked), hdi_group
    (1 low, 2 medium, 3 high, 4 very high, from the rounded HDI),
    hdi_health_index, hdi_education_index, hdi_income_index. Arguments as in
    :func:`compute`.
    """
    return _wide("hdi", data, edition, on_invalid, return_report, overrides)


@overload
def gdi(
    data: Any,
    edition: Optional[Union[str, Edition]] = ...,
    on_invalid: str = ...,
    return_report: Literal[False] = ...,
    **overrides: float,
) -> pd.DataFrame: ...
@overload
def gdi(
    data: Any,
    edition: Optional[Union[str, Edition]] = ...,
    on_invalid: str = ...,
    *,
    return_report: Literal[True],
    **overrides: float,
) -> tuple[pd.DataFrame, ComputeReport]: ...
@overload
def gdi(
    data: Any,
    edition: Optional[Union[str, Edition]] = ...,
    on_invalid: str = ...,
    return_report: bool = ...,
    **overrides: float,
) -> FrameOrReport: ...
def gdi(
    data: Any,
    edition: Optional[Union[str, Edition]] = None,
    on_invalid: str = "skip",
    return_report: bool = False,
    **overrides: float,
) -> FrameOrReport:
    """Gender Development Index, one row per region-period, with its breakdown.

    Inputs (female, male): life_expectancy, expected_schooling,
    mean_schooling, gni_per_capita; without gni_per_capita by sex it is
    estimated from the total, wage_ratio (the edition's default when absent),
    economically_active_share (or labour_force_participation) and population
    by sex, each assumption in the report's notes. Columns: region, period,
    gdi, gdi_group (1-5 from the rounded GDI), hdi_female, hdi_male, the
    dimension indices by sex and, where estimated, gni_per_capita_female/male
    and income_share_female/male. Arguments as in :func:`compute`.
    """
    return _wide("gdi", data, edition, on_invalid, return_report, overrides)


@overload
def gii(
    data: Any,
    edition: Optional[Union[str, Edition]] = ...,
    on_invalid: str = ...,
    return_report: Literal[False] = ...,
    **overrides: float,
) -> pd.DataFrame: ...
@overload
def gii(
    data: Any,
    edition: Optional[Union[str, Edition]] = ...,
    on_invalid: str = ...,
    *,
    return_report: Literal[True],
    **overrides: float,
) -> tuple[pd.DataFrame, ComputeReport]: ...
@overload
def gii(
    data: Any,
    edition: Optional[Union[str, Edition]] = ...,
    on_invalid: str = ...,
    return_report: bool = ...,
    **overrides: float,
) -> FrameOrReport: ...
def gii(
    data: Any,
    edition: Optional[Union[str, Edition]] = None,
    on_invalid: str = "skip",
    return_report: bool = False,
    **overrides: float,
) -> FrameOrReport:
    """Gender Inequality Index, one row per region-period, with its breakdown.

    Inputs: maternal_mortality, adolescent_birth_rate (female);
    parliament_share, secondary_education, labour_force_participation (female,
    male). Columns: region, period, gii, gii_rank (lowest first),
    gii_geometric_mean_female (G_F), gii_geometric_mean_male (G_M),
    gii_harmonic_mean, gii_reference (G_FM), gii_health, gii_empowerment,
    gii_labour. Arguments as in :func:`compute`.
    """
    return _wide("gii", data, edition, on_invalid, return_report, overrides)


@overload
def ihdi(
    data: Any,
    edition: Optional[Union[str, Edition]] = ...,
    on_invalid: str = ...,
    return_report: Literal[False] = ...,
    **overrides: float,
) -> pd.DataFrame: ...
@overload
def ihdi(
    data: Any,
    edition: Optional[Union[str, Edition]] = ...,
    on_invalid: str = ...,
    *,
    return_report: Literal[True],
    **overrides: float,
) -> tuple[pd.DataFrame, ComputeReport]: ...
@overload
def ihdi(
    data: Any,
    edition: Optional[Union[str, Edition]] = ...,
    on_invalid: str = ...,
    return_report: bool = ...,
    **overrides: float,
) -> FrameOrReport: ...
def ihdi(
    data: Any,
    edition: Optional[Union[str, Edition]] = None,
    on_invalid: str = "skip",
    return_report: bool = False,
    **overrides: float,
) -> FrameOrReport:
    """Inequality-adjusted HDI, one row per region-period with inequality measures.

    Inputs (total): the HDI components and inequality_life_expectancy,
    inequality_education, inequality_income (Atkinson, %). Columns: region,
    period, ihdi, ihdi_loss (% from the rounded IHDI and HDI, as published),
    coefficient_human_inequality, ihdi_health_index, ihdi_education_index,
    ihdi_income_index. Arguments as in :func:`compute`.
    """
    return _wide("ihdi", data, edition, on_invalid, return_report, overrides)


@overload
def gem(
    data: Any,
    edition: Optional[Union[str, Edition]] = ...,
    on_invalid: str = ...,
    return_report: Literal[False] = ...,
    **overrides: float,
) -> pd.DataFrame: ...
@overload
def gem(
    data: Any,
    edition: Optional[Union[str, Edition]] = ...,
    on_invalid: str = ...,
    *,
    return_report: Literal[True],
    **overrides: float,
) -> tuple[pd.DataFrame, ComputeReport]: ...
@overload
def gem(
    data: Any,
    edition: Optional[Union[str, Edition]] = ...,
    on_invalid: str = ...,
    return_report: bool = ...,
    **overrides: float,
) -> FrameOrReport: ...
def gem(
    data: Any,
    edition: Optional[Union[str, Edition]] = None,
    on_invalid: str = "skip",
    return_report: bool = False,
    **overrides: float,
) -> FrameOrReport:
    """Gender Empowerment Measure (HDR 1995-2009), one row per region-period.

    Inputs (female, male): parliament_share, managers_share,
    professional_technical_share, population, and gni_per_capita by sex (or
    its total, estimated with the GEM's default wage ratio). Several points of
    the historical method are unverified edition constants (see
    ``gendex.edition().to_frame()``). Columns: region, period, gem,
    gem_political, gem_economic, gem_income, the three EDEPs, the income
    indices by sex. Arguments as in :func:`compute`.
    """
    return _wide("gem", data, edition, on_invalid, return_report, overrides)


@overload
def ipm(
    data: Any,
    edition: Optional[Union[str, Edition]] = ...,
    on_invalid: str = ...,
    return_report: Literal[False] = ...,
    **overrides: float,
) -> pd.DataFrame: ...
@overload
def ipm(
    data: Any,
    edition: Optional[Union[str, Edition]] = ...,
    on_invalid: str = ...,
    *,
    return_report: Literal[True],
    **overrides: float,
) -> tuple[pd.DataFrame, ComputeReport]: ...
@overload
def ipm(
    data: Any,
    edition: Optional[Union[str, Edition]] = ...,
    on_invalid: str = ...,
    return_report: bool = ...,
    **overrides: float,
) -> FrameOrReport: ...
def ipm(
    data: Any,
    edition: Optional[Union[str, Edition]] = None,
    on_invalid: str = "skip",
    return_report: bool = False,
    **overrides: float,
) -> FrameOrReport:
    """BPS Indeks Pembangunan Manusia (IPM), one row per region-period.

    Inputs of the total or of either sex: life_expectancy (UHH),
    expected_schooling (HLS), mean_schooling (RLS), per_capita_expenditure
    (PPK, thousand Rp); the IPM is computed for every sex present. Columns:
    region, period, ipm (0-100), ipm_health_index, ipm_education_index,
    ipm_expenditure_index, and the same with _female / _male for inputs by
    sex. Arguments as in :func:`compute`.
    """
    return _wide("ipm", data, edition, on_invalid, return_report, overrides)


@overload
def ipg(
    data: Any,
    edition: Optional[Union[str, Edition]] = ...,
    on_invalid: str = ...,
    return_report: Literal[False] = ...,
    **overrides: float,
) -> pd.DataFrame: ...
@overload
def ipg(
    data: Any,
    edition: Optional[Union[str, Edition]] = ...,
    on_invalid: str = ...,
    *,
    return_report: Literal[True],
    **overrides: float,
) -> tuple[pd.DataFrame, ComputeReport]: ...
@overload
def ipg(
    data: Any,
    edition: Optional[Union[str, Edition]] = ...,
    on_invalid: str = ...,
    return_report: bool = ...,
    **overrides: float,
) -> FrameOrReport: ...
def ipg(
    data: Any,
    edition: Optional[Union[str, Edition]] = None,
    on_invalid: str = "skip",
    return_report: bool = False,
    **overrides: float,
) -> FrameOrReport:
    """BPS Indeks Pembangunan Gender (IPG = 100 IPM_P / IPM_L), one row per region-period.

    From the components by sex (UHH, HLS, RLS, PPK), or for a region-period
    without them from its given ``ipm`` female/male (noted in the report).
    Columns: region, period, ipg, ipm_female, ipm_male and the dimension
    indices by sex where computed. Arguments as in :func:`compute`.
    """
    return _wide("ipg", data, edition, on_invalid, return_report, overrides)


@overload
def idg(
    data: Any,
    edition: Optional[Union[str, Edition]] = ...,
    on_invalid: str = ...,
    return_report: Literal[False] = ...,
    **overrides: float,
) -> pd.DataFrame: ...
@overload
def idg(
    data: Any,
    edition: Optional[Union[str, Edition]] = ...,
    on_invalid: str = ...,
    *,
    return_report: Literal[True],
    **overrides: float,
) -> tuple[pd.DataFrame, ComputeReport]: ...
@overload
def idg(
    data: Any,
    edition: Optional[Union[str, Edition]] = ...,
    on_invalid: str = ...,
    return_report: bool = ...,
    **overrides: float,
) -> FrameOrReport: ...
def idg(
    data: Any,
    edition: Optional[Union[str, Edition]] = None,
    on_invalid: str = "skip",
    return_report: bool = False,
    **overrides: float,
) -> FrameOrReport:
    """BPS Indeks Pemberdayaan Gender (IDG), one row per region-period.

    Inputs: women's parliament_share, professional_share, income_share (men's
    are 100 minus them), population female/male and purchasing_power. The
    participation indices are BPS's confirmed method; the income step's
    goalposts are unconfirmed edition constants (docs/bps-indices.md).
    Arguments as in :func:`compute`.
    """
    return _wide("idg", data, edition, on_invalid, return_report, overrides)


@overload
def ikg(
    data: Any,
    edition: Optional[Union[str, Edition]] = ...,
    on_invalid: str = ...,
    return_report: Literal[False] = ...,
    **overrides: float,
) -> pd.DataFrame: ...
@overload
def ikg(
    data: Any,
    edition: Optional[Union[str, Edition]] = ...,
    on_invalid: str = ...,
    *,
    return_report: Literal[True],
    **overrides: float,
) -> tuple[pd.DataFrame, ComputeReport]: ...
@overload
def ikg(
    data: Any,
    edition: Optional[Union[str, Edition]] = ...,
    on_invalid: str = ...,
    return_report: bool = ...,
    **overrides: float,
) -> FrameOrReport: ...
def ikg(
    data: Any,
    edition: Optional[Union[str, Edition]] = None,
    on_invalid: str = "skip",
    return_report: bool = False,
    **overrides: float,
) -> FrameOrReport:
    """BPS Indeks Ketimpangan Gender (IKG), one row per region-period.

    Inputs: births_outside_facility (MTF) and first_birth_before_20 (MHPK20)
    of women, parliament_share, upper_secondary_education and
    labour_force_participation by sex. A legislature without women uses the
    edition's floor ``ikg_parliament_floor`` (noted; change it with
    ``ikg_parliament_floor=...``). Columns: ikg, ikg_health_female,
    ikg_geometric_mean_female, ikg_geometric_mean_male, ikg_harmonic_mean,
    ikg_reference. Arguments as in :func:`compute`.
    """
    return _wide("ikg", data, edition, on_invalid, return_report, overrides)


# ----------------------------------------------------------------- aggregates


def aggregate(
    data: Any,
    groups: Any,
    components: Optional[list[tuple[str, str, str]]] = None,
    min_coverage: float = 0.0,
    weight_indicator: str = "population",
) -> IndexResult:
    """Regional aggregates as UNDP forms them: population-weighted component means.

    ``groups``: a mapping aggregate code -> member regions, or a
    :class:`RegionHierarchy` (every region with children, over its children).
    ``components``: (indicator, sex, weight age group) triples; default the
    HDI components with UNDP's weights (life expectancy and GNI per capita by
    total population, expected schooling by the population 5-24, mean
    schooling by the population 25+; the total population stands in, noted,
    when an age group is not in the data). Members without data are left out,
    as UNDP does, unless they hold more than ``1 - min_coverage`` of the weight.
    Compute the aggregates' indices with :func:`compute` on the result's values.
    """
    if isinstance(groups, RegionHierarchy):
        pairs = [(r.code, groups.children(r.code)) for r in groups.regions if groups.children(r.code)]
    elif isinstance(groups, Mapping):
        pairs = [(str(code), [str(m) for m in members]) for code, members in groups.items()]
    else:
        raise TypeError(
            f"groups must be a mapping of code -> members or a gendex.RegionHierarchy, got {type(groups).__name__}"
        )
    values, report = _core.aggregate(
        _dataset(data)._core, pairs, list(components or []), weight_indicator, float(min_coverage)
    )
    return IndexResult(Dataset._wrap(values), _report(report))
