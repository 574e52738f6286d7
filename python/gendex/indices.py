"""Methodology editions and the indices over a Dataset (UNDP HDI, GDI, GII, IHDI, GEM; BPS IPM, IPG, IDG, IKG;
WEF GGGI).

Every number here comes from the C++ compute layer (``gendex._core``); this
module converts arguments and reshapes results into pandas frames.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any, NamedTuple, Optional, TypeVar, Union, overload

import numpy as np
import numpy.typing as npt
import pandas as pd

from . import _core, frames
from ._common import insert_sections
from ._dataset import Dataset
from ._index_result import AGGREGATE_PREFIX, AggregateResult, ComputeReport, IndexResult, Priorities
from ._index_result import beyond_last_digit as beyond_last_digit
from ._index_result import differs_as_printed as differs_as_printed
from ._regions import RegionHierarchy

#: The latest UNDP report: the index table's default edition of every UNDP index (and of
#: :class:`Edition` without an id). Each index's own default comes from the index table.
DEFAULT_EDITION: str = _core.index_info("hdi")[5]  # the default_edition of index_facts("hdi")

Number = Union[float, int, bool]


# ------------------------------------------------------------------- editions


class Edition(Mapping[str, Number]):
    """A methodology edition: every constant of the indices, with the source of its value.

    A read-only mapping from constant name to value (float; int for integer
    constants such as ``rounding_digits``; bool for flags such as
    ``gii_parliament_male_complement``). :meth:`source` says where a value
    comes from; :meth:`to_frame` lists everything. Make one with
    :func:`edition` (built-in) or :func:`custom_edition` / :meth:`replace`.

    Examples
    --------
    >>> import gendex
    >>> hdr = gendex.Edition("hdr2025")
    >>> hdr
    <gendex.Edition 'hdr2025': Human Development Report 2025, 91 constants>
    >>> hdr["rounding_digits"], hdr["life_expectancy_max"]
    (3, 85.0)
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
        """Where the value of constant ``name`` comes from (document, data check, override).

        Parameters
        ----------
        name : str
            A constant of this edition.

        Returns
        -------
        str
            The document and page, the data check, or "override of edition '<id>'".

        Raises
        ------
        UnknownKeyError
            When the edition has no constant ``name``.

        Examples
        --------
        >>> import gendex
        >>> gendex.edition("bps").source("rounding_digits")
        'BPS publishes IPM, IPG, IDG and components with 2 decimals [cited]'
        """
        return self._core.source(name)

    @property
    def sources(self) -> dict[str, str]:
        """Constant name -> source."""
        return {row[0]: row[3] for row in self._rows()}

    def to_dict(self) -> dict[str, dict[str, Any]]:
        """Every constant with its value, source, unit and meaning.

        Returns
        -------
        dict
            Constant name -> {"value", "source", "unit", "meaning"}; the value typed as by ``edition[name]``.

        Examples
        --------
        >>> import gendex
        >>> facts = gendex.edition("bps").to_dict()["rounding_digits"]
        >>> facts["value"], facts["unit"], facts["meaning"]
        (2, 'decimals', 'decimals of the published indices (round half up)')
        """
        return {
            n: {"value": self._typed(kind, v), "source": src, "unit": unit, "meaning": meaning}
            for n, kind, v, src, unit, meaning in self._rows()
        }

    def to_frame(self) -> pd.DataFrame:
        """The constants as a table.

        Returns
        -------
        pandas.DataFrame
            One row per constant, in the edition's order: name, value (int, float or bool), unit,
            meaning, source.

        Examples
        --------
        >>> import gendex
        >>> table = gendex.edition("hdr2025").to_frame()
        >>> list(table.columns), len(table)
        (['name', 'value', 'unit', 'meaning', 'source'], 91)
        """
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
        """A custom edition: this one with some constants changed.

        Parameters
        ----------
        overrides : mapping of str to float, optional
            Constant name -> new value.
        id : str, optional
            The new edition's id; default "<id>+custom".
        **constants : float
            More constants to change, as keywords.

        Returns
        -------
        Edition
            This edition with the changes, as :func:`custom_edition` makes it.

        Raises
        ------
        UnknownKeyError
            An unknown constant name.
        InputError
            A value that breaks an invariant of the edition.

        Examples
        --------
        >>> import gendex
        >>> floor = gendex.edition("hdr2023-24").replace(gii_parliament_floor=0.1)
        >>> floor.id, floor["gii_parliament_floor"], floor.source("gii_parliament_floor")
        ('hdr2023-24+custom', 0.1, "override of edition 'hdr2023-24'")
        """
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
    """Ids of the built-in editions, oldest first (``gendex editions`` on the command line).

    Returns
    -------
    list of str
        The ids :func:`edition` accepts.

    Examples
    --------
    >>> import gendex
    >>> gendex.editions()
    ['hdr2021-22', 'hdr2023-24', 'hdr2025', 'bps', 'wef2023', 'paths-to-equal-2023']
    """
    return _core.edition_ids()


def edition(id: str = DEFAULT_EDITION) -> Edition:
    """The built-in edition ``id``.

    Parameters
    ----------
    id : str, default the latest HDR edition
        One of :func:`editions` ("hdr2021-22", "hdr2023-24", "hdr2025", "bps", ...).

    Returns
    -------
    Edition

    Raises
    ------
    UnknownKeyError
        An unknown id; the message lists the known ones.

    Examples
    --------
    >>> import gendex
    >>> bps = gendex.edition("bps")
    >>> bps.title, bps["rounding_digits"]
    ('BPS (Statistics Indonesia) IPM family, metode baru (2010 onward)', 2)
    """
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

    Parameters
    ----------
    base : str or Edition, default the latest HDR edition
        The edition whose constants are kept unless changed.
    overrides : mapping of str to float, optional
        Constant name -> new value.
    id : str, optional
        The new edition's id; default "<base>+custom". Not a built-in id.
    **constants : float
        More constants to change, as keywords.

    Returns
    -------
    Edition

    Raises
    ------
    UnknownKeyError
        An unknown constant name.
    InputError
        A value that breaks an invariant, or an ``id`` that is a built-in one.
    TypeError
        A constant given both in ``overrides`` and as a keyword.

    Examples
    --------
    >>> import gendex
    >>> custom = gendex.custom_edition("hdr2023-24", {"gii_parliament_floor": 0.1}, id="hdr2023-24-floor")
    >>> custom.id, custom["gii_parliament_floor"]
    ('hdr2023-24-floor', 0.1)
    >>> try:
    ...     gendex.custom_edition("hdr2025", life_expectancy_maximum=90)
    ... except gendex.UnknownKeyError as e:
    ...     print(e)
    unknown edition constant 'life_expectancy_maximum'; known constants: life_expectancy_min, ...
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
    publisher: str  # "UNDP", "BPS", "WEF" or "UNDP/UN Women"
    default_edition: str
    has_parity: bool  # gendex.priorities / gendex priorities can rank its components
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

    Parameters
    ----------
    index : str
        One of :func:`index_names`.

    Returns
    -------
    str
        An edition id.

    Raises
    ------
    UnknownKeyError
        An unknown index.

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

#: What the index functions take as data: a Dataset or a tidy frame of the data contract.
DataLike = Union[Dataset, pd.DataFrame]
#: An edition id, an :class:`Edition`, or None for the index table's default.
EditionLike = Optional[Union[str, Edition]]


def _dataset(data: Any) -> Dataset:
    if isinstance(data, Dataset):
        return data
    if isinstance(data, pd.DataFrame):
        return Dataset.from_frame(data)
    raise TypeError(f"data must be a gendex.Dataset or a tidy pandas DataFrame, got {type(data).__name__}")


def index_names() -> list[str]:
    """The indices :func:`compute` knows, in the index table's order.

    Returns
    -------
    list of str

    Examples
    --------
    >>> index_names()
    ['hdi', 'gdi', 'gii', 'ihdi', 'gem', 'ipm', 'ipg', 'idg', 'ikg', 'gggi', 'wei', 'ggpi']
    """
    return _core.index_names()


def compute(
    index: str,
    data: DataLike,
    edition: EditionLike = None,
    on_invalid: str = "skip",
    *,
    regions: Optional[RegionHierarchy] = None,
    aggregate_prefix: str = AGGREGATE_PREFIX,
    **overrides: float,
) -> IndexResult:
    """Compute ``index`` for every region-period of ``data``.

    Parameters
    ----------
    index : str
        One of :func:`index_names`: UNDP's "hdi", "gdi", "gii", "ihdi", "gem"; BPS's "ipm", "ipg",
        "idg", "ikg".
    data : Dataset or pandas.DataFrame
        The inputs, as a Dataset or a tidy frame of the data contract.
    edition : str or Edition, optional
        An edition id ("hdr2025", "bps") or an :class:`Edition`; None takes the index table's
        default (:func:`default_edition`: "bps" for BPS's indices, the latest HDR edition for UNDP's).
    on_invalid : {"skip", "raise"}
        A unit is computed only when all its inputs are present and valid. "skip" (the default,
        because whole HDR files lack some inputs for many country-years) leaves the others out and
        lists them in the report; "raise" raises InputError naming the first one's region, period,
        indicator and sex.
    regions : RegionHierarchy, optional
        Where region names come from (:meth:`IndexResult.wide`, :meth:`IndexResult.published`);
        by default the hierarchy installed with gendex when every region is a BPS code.
    aggregate_prefix : str
        Regions whose code starts with it are aggregates: not ranked.
    **overrides : float
        Edition constants changed for this call (``gii_parliament_floor=0.1``).

    Returns
    -------
    IndexResult
        ``.frame`` the tidy frame of the data contract (HDI_f and HDI_m as ``hdi`` rows of sex
        female/male; ranks and groups as indicators of their own), ``.wide()`` one row per
        region-period, ``.published()`` the publisher's figures beside the recomputation,
        ``.report`` what was left out.

    Raises
    ------
    UnknownKeyError
        An unknown index, edition or edition constant.
    InputError
        With ``on_invalid="raise"``, the first invalid input.

    Examples
    --------
    >>> import gendex
    >>> hdr = gendex.read_hdr("data/undp/HDR25_Composite_indices_complete_time_series.csv")
    >>> result = gendex.compute("gii", hdr.filter(regions="IDN", periods=2023))
    >>> result.edition, round(float(result.wide()["gii"].iloc[0]), 3)
    ('hdr2025', 0.423)
    """
    return _compute(index, data, edition, on_invalid, overrides, regions, aggregate_prefix)


def _compute(
    index: str,
    data: DataLike,
    edition: EditionLike,
    on_invalid: str,
    overrides: Mapping[str, float],
    regions: Optional[RegionHierarchy] = None,
    aggregate_prefix: str = AGGREGATE_PREFIX,
) -> IndexResult:
    core = _resolve(index, edition, overrides)
    ds = _dataset(data)
    values, report = _core.compute(index, ds._core, core, on_invalid, aggregate_prefix)
    return IndexResult._build(
        index,
        core.id,
        Dataset._wrap(values),
        ComputeReport._from_core(report),
        ds,
        regions,
        int(Edition._wrap(core)["rounding_digits"]),
        aggregate_prefix,
    )


#: The Parameters, Returns and Raises sections every index shortcut (:func:`hdi` ... :func:`ggpi`) shares,
#: written once; :func:`_shortcut` puts them into each one's docstring before its Examples.
_SHORTCUT_SECTIONS = """\
Parameters
----------
data : Dataset or pandas.DataFrame
    The inputs, as a Dataset or a tidy frame of the data contract.
edition : str or Edition, optional
    An edition id or an :class:`Edition`; None takes the index's default
    (:func:`default_edition` ("{index}"): "{default}").
on_invalid : {{"skip", "raise"}}
    "skip" leaves out the region-periods without all inputs present and valid (listed in
    ``.report.skipped``); "raise" raises InputError naming the first one.
**overrides : float
    Edition constants changed for this call.

Returns
-------
IndexResult
    As :func:`compute` ("{index}", ...) returns it: ``.wide()`` one row per region-period with the
    columns above, ``.frame`` the tidy values, ``.published()`` the publisher's figures beside them,
    ``.report`` what was left out.

Raises
------
UnknownKeyError
    An unknown edition or edition constant.
InputError
    With ``on_invalid="raise"``, the first invalid input.
"""

_Shortcut = TypeVar("_Shortcut", bound=Callable[..., IndexResult])


def _shortcut(index: str) -> Callable[[_Shortcut], _Shortcut]:
    """Decorator of the shortcut of ``index``: its docstring gets :data:`_SHORTCUT_SECTIONS` before its Examples."""

    def document(function: _Shortcut) -> _Shortcut:
        sections = _SHORTCUT_SECTIONS.format(index=index, default=default_edition(index))
        function.__doc__ = insert_sections(function.__doc__ or "", sections)
        return function

    return document


@_shortcut("hdi")
def hdi(data: DataLike, edition: EditionLike = None, on_invalid: str = "skip", **overrides: float) -> IndexResult:
    """Human Development Index: :func:`compute` ("hdi", ...).

    Inputs (total): life_expectancy, expected_schooling, mean_schooling, gni_per_capita.
    ``.wide()`` columns: region, period, hdi, hdi_rank (competition rank per period on the rounded
    HDI; aggregates "ZZ..." not ranked), hdi_group (1 low, 2 medium, 3 high, 4 very high, from the
    rounded HDI), hdi_health_index, hdi_education_index, hdi_income_index.

    Examples
    --------
    >>> import gendex
    >>> hdr = gendex.read_hdr("data/undp/HDR25_Composite_indices_complete_time_series.csv")
    >>> round(float(gendex.hdi(hdr.filter(regions="NOR", periods=2023)).wide()["hdi"].iloc[0]), 3)
    0.97
    """
    return _compute("hdi", data, edition, on_invalid, overrides)


@_shortcut("gdi")
def gdi(data: DataLike, edition: EditionLike = None, on_invalid: str = "skip", **overrides: float) -> IndexResult:
    """Gender Development Index: :func:`compute` ("gdi", ...).

    Inputs (female, male): life_expectancy, expected_schooling, mean_schooling, gni_per_capita;
    without gni_per_capita by sex it is estimated from the total, wage_ratio (the edition's default
    when absent), economically_active_share (or labour_force_participation) and population by sex,
    each assumption in the report's notes. ``.wide()`` columns: region, period, gdi, gdi_group (1-5
    from the rounded GDI), hdi_female, hdi_male, the dimension indices by sex and, where estimated,
    gni_per_capita_female/male and income_share_female/male.

    Examples
    --------
    >>> import gendex
    >>> hdr = gendex.read_hdr("data/undp/HDR25_Composite_indices_complete_time_series.csv")
    >>> result = gendex.gdi(hdr.filter(regions="IDN", periods=2023))
    >>> result.published().query("indicator == 'gdi'")[["region", "computed", "published", "differs"]].round(4)
      region  computed  published  differs
    1    IDN    0.9454      0.945    False
    """
    return _compute("gdi", data, edition, on_invalid, overrides)


@_shortcut("gii")
def gii(data: DataLike, edition: EditionLike = None, on_invalid: str = "skip", **overrides: float) -> IndexResult:
    """Gender Inequality Index: :func:`compute` ("gii", ...).

    Inputs: maternal_mortality, adolescent_birth_rate (female); parliament_share,
    secondary_education, labour_force_participation (female, male). ``.wide()`` columns: region,
    period, gii, gii_rank (lowest first), gii_geometric_mean_female (G_F), gii_geometric_mean_male
    (G_M), gii_harmonic_mean, gii_reference (G_FM), gii_health, gii_empowerment, gii_labour.

    Examples
    --------
    >>> import gendex
    >>> hdr = gendex.read_hdr("data/undp/HDR25_Composite_indices_complete_time_series.csv")
    >>> round(float(gendex.gii(hdr.filter(regions="IDN", periods=2023)).wide()["gii"].iloc[0]), 3)
    0.423
    """
    return _compute("gii", data, edition, on_invalid, overrides)


@_shortcut("ihdi")
def ihdi(data: DataLike, edition: EditionLike = None, on_invalid: str = "skip", **overrides: float) -> IndexResult:
    """Inequality-adjusted HDI: :func:`compute` ("ihdi", ...).

    Inputs (total): the HDI components and inequality_life_expectancy, inequality_education,
    inequality_income (Atkinson, %). ``.wide()`` columns: region, period, ihdi, ihdi_loss (% from the
    rounded IHDI and HDI, as published), coefficient_human_inequality, ihdi_health_index,
    ihdi_education_index, ihdi_income_index.

    Examples
    --------
    >>> import gendex
    >>> hdr = gendex.read_hdr("data/undp/HDR25_Composite_indices_complete_time_series.csv")
    >>> gendex.ihdi(hdr.filter(regions="IDN", periods=2023)).wide()[["region", "ihdi", "ihdi_loss"]].round(3)
      region   ihdi  ihdi_loss
    0    IDN  0.608     16.484
    """
    return _compute("ihdi", data, edition, on_invalid, overrides)


@_shortcut("gem")
def gem(data: DataLike, edition: EditionLike = None, on_invalid: str = "skip", **overrides: float) -> IndexResult:
    """Gender Empowerment Measure (HDR 1995-2009): :func:`compute` ("gem", ...).

    Inputs (female, male): parliament_share, managers_share, professional_technical_share,
    population, and gni_per_capita by sex (or its total, estimated with the GEM's default wage
    ratio). Several points of the historical method are unverified edition constants (see
    ``gendex.edition().to_frame()``). ``.wide()`` columns: region, period, gem, gem_political,
    gem_economic, gem_income, the three EDEPs, the income indices by sex.

    Examples
    --------
    Greece 2005 as in the HDR's technical note (seats, managers, professionals in %; GNI per capita
    in PPP $; population in millions):

    >>> import pandas as pd
    >>> import gendex
    >>> rows = [("F", "parliament_share", 8.7), ("F", "managers_share", 25.6),
    ...         ("F", "professional_technical_share", 48.0), ("M", "professional_technical_share", 52.0),
    ...         ("F", "gni_per_capita", 12000), ("M", "gni_per_capita", 28000),
    ...         ("F", "population", 5.07), ("M", "population", 4.92)]
    >>> greece = pd.DataFrame([("GRC", 2005, *row) for row in rows],
    ...                       columns=["region", "period", "sex", "indicator", "value"])
    >>> gendex.gem(greece).wide()[["gem", "gem_political", "gem_economic", "gem_income"]].round(3)
         gem  gem_political  gem_economic  gem_income
    0  0.536          0.314         0.877       0.416
    """
    return _compute("gem", data, edition, on_invalid, overrides)


@_shortcut("ipm")
def ipm(data: DataLike, edition: EditionLike = None, on_invalid: str = "skip", **overrides: float) -> IndexResult:
    """BPS Indeks Pembangunan Manusia (IPM): :func:`compute` ("ipm", ...).

    Inputs: life_expectancy (UHH), expected_schooling (HLS), mean_schooling (RLS),
    per_capita_expenditure (PPK, thousand Rp). ``.wide()`` columns: region, period, ipm (0-100),
    ipm_health_index, ipm_education_index, ipm_expenditure_index; by sex (``ipm_female``, ...)
    where the components are given by sex.

    Examples
    --------
    >>> import gendex
    >>> kalteng = gendex.read_csv("data/bps/kalteng_2010_2021.csv")
    >>> result = gendex.ipm(kalteng.filter(regions="6203", periods=2021))
    >>> result.wide()[["region_name", "ipm_female", "ipm_male"]].round(2)
      region_name  ipm_female  ipm_male
    0      Kapuas       68.65     72.02
    """
    return _compute("ipm", data, edition, on_invalid, overrides)


@_shortcut("ipg")
def ipg(data: DataLike, edition: EditionLike = None, on_invalid: str = "skip", **overrides: float) -> IndexResult:
    """BPS Indeks Pembangunan Gender (IPG = 100 IPM_P / IPM_L): :func:`compute` ("ipg", ...).

    From the components by sex (UHH, HLS, RLS, PPK), or for a region-period without them from its
    given ``ipm`` female/male (noted in the report). ``.wide()`` columns: region, period, ipg,
    ipm_female, ipm_male and the dimension indices by sex where computed.

    Examples
    --------
    >>> import gendex
    >>> kalteng = gendex.read_csv("data/bps/kalteng_2010_2021.csv")
    >>> result = gendex.ipg(kalteng.filter(regions="6203", periods=2021))
    >>> result.edition, result.names()["6203"]
    ('bps', 'Kapuas')
    """
    return _compute("ipg", data, edition, on_invalid, overrides)


@_shortcut("idg")
def idg(data: DataLike, edition: EditionLike = None, on_invalid: str = "skip", **overrides: float) -> IndexResult:
    """BPS Indeks Pemberdayaan Gender (IDG): :func:`compute` ("idg", ...).

    Inputs: women's parliament_share, professional_share, income_share (men's are 100 minus them),
    population female/male and purchasing_power. The participation indices are BPS's confirmed
    method; the income step's goalposts are unconfirmed edition constants (docs/bps-indices.md).

    Examples
    --------
    BPS publishes the women's shares but not purchasing_power, so the income step needs a value
    of your own (650 thousand Rp here, an assumption; with it the published IDG is not reproduced,
    see docs/bps-indices.md):

    >>> import pandas as pd
    >>> import gendex
    >>> shares = gendex.read_csv("data/bps/kalteng_2010_2021.csv").filter(regions="62", periods=2010)
    >>> population = gendex.read_csv("data/bps/kalteng_population.csv").filter(regions="62", periods=2010)
    >>> gendex.idg(shares.concat(population)).report.missing
    ('idg: no region-period has purchasing_power for total',)
    >>> assumed = gendex.Dataset.from_frame(pd.DataFrame({"region": ["62"], "period": [2010], "sex": ["total"],
    ...                                                   "indicator": ["purchasing_power"], "value": [650.0]}))
    >>> gendex.idg(shares.concat(population).concat(assumed)).published()[["computed", "published"]].round(2)
       computed  published
    0     70.01      68.62
    """
    return _compute("idg", data, edition, on_invalid, overrides)


#: Columns of :func:`idg_implied_purchasing_power`.
IDG_IMPLIED_COLUMNS = [
    "region",
    "period",
    "idg",
    "parliament_share",
    "professional_share",
    "income_share",
    "population_share_f",
    "purchasing_power",
    "plausible",
]


def idg_implied_purchasing_power(
    data: DataLike, population_share_f: float = 0.5, edition: EditionLike = None
) -> pd.DataFrame:
    """The old-method purchasing power each published IDG implies: BPS's consistency check.

    The IDG's three women's shares are BPS's; its income step needs two inputs BPS does not publish
    after 2013, the female population share and the old-method purchasing power (thousand Rp). Given
    the published IDG and its three shares, the income index is the one unknown left, and it is
    linear in the purchasing power, so ``P = (I (max - min) + offset) / X_ede`` with
    ``I = 3 IDG / 100 - I_parliament - I_professional`` (docs/bps-indices.md). An office compares it
    with its own purchasing power; ``plausible`` says whether it lies within the edition's goalposts
    ``idg_income_min`` to ``idg_income_max`` (Rp 300,000-732,720), the old method's range.

    Parameters
    ----------
    data : Dataset or pandas.DataFrame
        Rows of ``idg`` (total) and women's ``parliament_share``, ``professional_share`` and
        ``income_share`` (percent), as :func:`read_bps_table` reads BPS's IDG table.
    population_share_f : float, default 0.5
        The female population share (a fraction) the user assumes; BPS does not publish it.
    edition : str or Edition, optional
        The BPS edition (default "bps").

    Returns
    -------
    pandas.DataFrame
        One row per region-period with all four published values: the columns of
        ``IDG_IMPLIED_COLUMNS``; ``purchasing_power`` is NaN where no purchasing power fits (a share
        out of range, no women's income).

    Raises
    ------
    InputError
        When ``population_share_f`` is not strictly between 0 and 1.

    Examples
    --------
    >>> import gendex
    >>> frame = gendex.Dataset.from_frame(pd.DataFrame({"region": ["6203"] * 4, "period": [2021] * 4,
    ...     "sex": ["total", "female", "female", "female"],
    ...     "indicator": ["idg", "parliament_share", "professional_share", "income_share"],
    ...     "value": [44.737, 0.0, 54.86, 27.65]}))
    >>> row = gendex.idg_implied_purchasing_power(frame).iloc[0]
    >>> round(float(row["purchasing_power"]), 1), bool(row["plausible"])
    (640.0, True)
    """
    if not 0.0 < population_share_f < 1.0:
        raise _core.InputError(f"population_share_f {population_share_f} is not strictly between 0 and 1")
    core = _resolve("idg", edition, {})
    frame = _dataset(data).to_frame()
    wanted = {
        ("idg", "total"): "idg",
        ("parliament_share", "female"): "parliament_share",
        ("professional_share", "female"): "professional_share",
        ("income_share", "female"): "income_share",
    }
    keys = list(zip(frame["indicator"], frame["sex"]))
    picked = frame[[k in wanted for k in keys]].assign(column=[wanted[k] for k in keys if k in wanted])
    wide = picked.pivot_table(index=["region", "period"], columns="column", values="value", aggfunc="first")
    wide = wide.reindex(columns=IDG_IMPLIED_COLUMNS[2:6]).dropna().reset_index()
    wide["population_share_f"] = population_share_f
    wide["purchasing_power"] = _core.idg_implied_purchasing_power(
        core,
        wide["idg"].to_numpy(float),
        wide["parliament_share"].to_numpy(float),
        wide["professional_share"].to_numpy(float),
        wide["income_share"].to_numpy(float),
        wide["population_share_f"].to_numpy(float),
    )
    low, high = core.get("idg_income_min"), core.get("idg_income_max")
    wide["plausible"] = wide["purchasing_power"].between(low, high)
    wide.columns.name = None
    return wide[IDG_IMPLIED_COLUMNS]


@_shortcut("ikg")
def ikg(data: DataLike, edition: EditionLike = None, on_invalid: str = "skip", **overrides: float) -> IndexResult:
    """BPS Indeks Ketimpangan Gender (IKG): :func:`compute` ("ikg", ...).

    Inputs: births_outside_facility (MTF) and first_birth_before_20 (MHPK20) of women,
    parliament_share, upper_secondary_education and labour_force_participation by sex. A legislature
    without women uses the edition's floor ``ikg_parliament_floor`` (noted; change it with
    ``ikg_parliament_floor=...``).

    Examples
    --------
    The first row of ``data/bps/ikg_published.csv`` (Jawa Barat 2018, published IKG 0.508):

    >>> import pandas as pd
    >>> import gendex
    >>> inputs = [("F", "births_outside_facility", 19.8), ("F", "first_birth_before_20", 27.9),
    ...           ("F", "parliament_share", 22.0), ("M", "parliament_share", 78.0),
    ...           ("F", "upper_secondary_education", 28.63), ("M", "upper_secondary_education", 36.55),
    ...           ("F", "labour_force_participation", 42.25), ("M", "labour_force_participation", 82.96)]
    >>> jabar = pd.DataFrame([("32", 2018, *row) for row in inputs],
    ...                      columns=["region", "period", "sex", "indicator", "value"])
    >>> round(float(gendex.ikg(jabar).wide()["ikg"].iloc[0]), 3)
    0.508
    """
    return _compute("ikg", data, edition, on_invalid, overrides)


@_shortcut("gggi")
def gggi(data: DataLike, edition: EditionLike = None, on_invalid: str = "skip", **overrides: float) -> IndexResult:
    """WEF Global Gender Gap Index: :func:`compute` ("gggi", ...), edition "wef2023" by default.

    Inputs per indicator ``gggi_<indicator>`` (the 14 of WEF's Table B.2, e.g.
    ``gggi_labour_force_participation``): the raw female and male values (the score is their ratio
    truncated at the equality benchmark) or the score as published (sex total, as
    :func:`read_gggi_profiles` gives them); at least ``gggi_min_indicators`` (12) of the 14.
    ``.wide()`` columns: region, period, gggi, gggi_rank (WEF ranks the unrounded index), the four
    subindices ``gggi_economic_participation_and_opportunity``, ``gggi_educational_attainment``,
    ``gggi_health_and_survival``, ``gggi_political_empowerment``, and the score each indicator
    entered with. Method and sources: docs/gggi.md.

    Examples
    --------
    >>> import gendex
    >>> profiles = gendex.read_gggi_profiles("data/wef/gggi_2023_profiles.csv")
    >>> result = gendex.gggi(profiles)
    >>> result.edition, result.report.computed
    ('wef2023', 145)
    """
    return _compute("gggi", data, edition, on_invalid, overrides)


@_shortcut("wei")
def wei(data: DataLike, edition: EditionLike = None, on_invalid: str = "skip", **overrides: float) -> IndexResult:
    """Women's Empowerment Index (UNDP / UN Women, The Paths to Equal 2023): :func:`compute` ("wei", ...).

    Inputs (women, percent unless stated): family_planning_satisfied, adolescent_birth_rate (per
    1,000), upper_secondary_education, neet_rate, lfpr_couple_young_child, account_ownership,
    parliament_share, local_government_share (or no_local_government = 1: the parliament share stands
    in), managers_share, intimate_partner_violence. Edition "paths-to-equal-2023" by default: its
    goalposts are fitted to the published values (docs/wei-ggpi.md). ``.wide()`` columns: region,
    period, wei, wei_group (1 low ... 4 high), wei_health, wei_education, wei_labour, wei_decision,
    wei_violence.

    Examples
    --------
    >>> import gendex
    >>> annex = gendex.read_paths_to_equal("data/paths-to-equal/the-paths-to-equal-annex-tables-en.xlsx")
    >>> gendex.wei(annex.filter(regions="Indonesia")).published()[["indicator", "computed", "published"]].round(3)
       indicator  computed  published
    0        wei     0.568      0.568
    1  wei_group     1.000      1.000
    """
    return _compute("wei", data, edition, on_invalid, overrides)


@_shortcut("ggpi")
def ggpi(data: DataLike, edition: EditionLike = None, on_invalid: str = "skip", **overrides: float) -> IndexResult:
    """Global Gender Parity Index (UNDP / UN Women, The Paths to Equal 2023): :func:`compute` ("ggpi", ...).

    Inputs (women and men): healthy_life_share, upper_secondary_education, neet_rate,
    lfpr_couple_young_child, account_ownership; women's parliament_share, local_government_share (or
    no_local_government = 1) and managers_share (men's: 100 minus them). No cap at 1. ``.wide()``
    columns: region, period, ggpi, ggpi_group, ggpi_health, ggpi_education, ggpi_labour,
    ggpi_decision.

    Examples
    --------
    >>> import gendex
    >>> annex = gendex.read_paths_to_equal("data/paths-to-equal/the-paths-to-equal-annex-tables-en.xlsx")
    >>> gendex.ggpi(annex.filter(regions="Indonesia")).wide()[["region", "ggpi", "ggpi_group"]].round(3)
          region   ggpi  ggpi_group
    0  Indonesia  0.652           2
    """
    return _compute("ggpi", data, edition, on_invalid, overrides)


PRIORITY_COLUMNS = ("region", "period", "index", "component", "value", "at_parity", "gain", "rank")
#: Columns of :func:`priorities` with ``steps``.
STEP_PRIORITY_COLUMNS = (
    "region",
    "period",
    "index",
    "component",
    "sex",
    "op",
    "amount",
    "input",
    "input_after",
    "value",
    "after",
    "gain",
    "rank",
    "at_cap",
)
#: The steps of :func:`priorities`: a frame (indicator, op, value, optional sex) or a mapping.
StepsLike = Union[pd.DataFrame, Mapping[Any, tuple[str, float]]]


def priorities(
    index: str,
    data: DataLike,
    edition: EditionLike = None,
    on_invalid: str = "skip",
    *,
    steps: Optional[StepsLike] = None,
    lang: Optional[str] = None,
    **overrides: float,
) -> Priorities:
    """Which component drags ``index`` furthest from gender equality, or which realistic step moves it furthest.

    For every region-period, ``index`` (those with ``index_facts(index).has_parity``: "gdi", "gii",
    "ipg", "ikg") is recomputed with one component at parity and everything else as observed: the
    female value set to the male one (on men's dimension index where the goalposts differ by sex,
    e.g. life expectancy), seat shares to 50/50, and women's reproductive health to the level at
    which its term equals men's 1. ``gain`` is the distance from equality removed (GII/IKG: towards
    0, GDI: towards 1, IPG: towards 100); ``rank`` 1 marks the component to prioritise. A gain is
    negative where women's lead in that component offsets their disadvantage elsewhere. The gains do
    not add up to the gap: the indices are geometric and harmonic means.

    With ``steps``, each step a district can take ("+2 points of women's labour-force participation",
    "halve the adolescent birth rate") replaces the parity settings: the step alone is applied to
    every region-period (a :func:`gendex.scenario` edit), the index recomputed, and the steps ranked
    by the same gain towards equality. A step that moves its input without moving the index is held
    by a cap or floor of the method (life expectancy at 85, expected schooling at 18, an MTF at the
    IKG's floor): ``at_cap`` is True and ``.notes`` names it.

    Parameters
    ----------
    index, data, edition, on_invalid, **overrides
        As for :func:`compute`.
    steps : pandas.DataFrame or mapping, optional
        One step per row with columns indicator, op ("set", "add", "scale", "close_gap", as for
        :func:`gendex.scenario`), value and optionally sex (default "female"); or a mapping
        ``{indicator: (op, value)}`` (women's values) or ``{(indicator, sex): (op, value)}``, e.g.
        ``{"labour_force_participation": ("add", 2.0), "first_birth_before_20": ("scale", 0.5)}``.
    lang : {"en", "id"}, optional
        Adds a ``component_label`` column ("Kesehatan reproduksi").

    Returns
    -------
    Priorities
        ``.frame``: region, period, index, component, value (the index as observed), at_parity,
        gain, rank. Components that cannot be set at parity for a unit (e.g. income estimated from
        the total: there is no female value) are left out for it; ``.notes`` says so. With
        ``steps`` the frame is :data:`STEP_PRIORITY_COLUMNS`: region, period, index, component (the
        step's indicator), sex, op, amount (the step's value), input and input_after (the input
        before and after the step), value and after (the index), gain, rank, at_cap; ``.notes``
        also lists the steps held at a cap or floor and the steps that do not apply to a unit.

    Raises
    ------
    InputError
        A step naming an unknown indicator or op, a sex the indicator has no values for, an input
        no region-period of the index has, or giving a value outside the indicator's range (the
        message names the step's row); ``steps`` empty.

    Examples
    --------
    >>> import gendex
    >>> kalteng = gendex.read_csv("data/bps/kalteng_2010_2021.csv")
    >>> top = gendex.priorities("ipg", kalteng.filter(regions="6203", periods=2021))
    >>> top.frame.loc[top.frame["rank"] == 1, "component"].tolist()
    ['per_capita_expenditure']
    >>> steps = gendex.priorities("ipg", kalteng.filter(regions="6203", periods=2021),
    ...                           steps={"mean_schooling": ("add", 1.0), "expected_schooling": ("add", 1.0)})
    >>> steps.frame["component"].tolist(), steps.frame["gain"].round(4).tolist()
    (['mean_schooling', 'expected_schooling'], [1.7103, 1.4294])
    """
    core = _resolve(index, edition, overrides)
    if steps is not None:
        from ._planning import step_priorities

        return step_priorities(index, _dataset(data), core, steps, on_invalid, lang)
    rows, notes, report = _core.priorities(index, _dataset(data)._core, core, on_invalid)
    frame = frames.columns_frame(rows, PRIORITY_COLUMNS)
    if lang is not None:
        labels = {c: _core.component_label(c, lang) for c in frame["component"].unique()}
        frame.insert(4, "component_label", frame["component"].map(labels).astype(object))
    return Priorities(index, core.id, frame, frames.columns_frame(notes, frames.NOTE_COLUMNS), str(report["summary"]))


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

    Parameters
    ----------
    values : float, array_like or pandas.Series
        The numbers to round.
    digits : int, default 3
        Decimals to keep, 0 to 15.

    Returns
    -------
    float, numpy.ndarray or pandas.Series
        A float for a number, an array of ``values``' shape, or a Series with ``values``' index and name.

    Raises
    ------
    InputError
        ``digits`` outside 0-15.

    Examples
    --------
    >>> import gendex
    >>> gendex.round_half_up(2.675, 2), round(2.675, 2)
    (2.68, 2.67)
    >>> gendex.round_half_up([2.675, 95.325], 2)
    array([ 2.68, 95.33])
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
    """A tidy frame with ``indicator_label`` and ``sex_label`` columns in ``lang``.

    Parameters
    ----------
    frame : pandas.DataFrame
        A tidy frame with ``indicator`` and ``sex`` columns (``Dataset.to_frame``, ``IndexResult.frame``).
    lang : {"id", "en"}, default "id"
        Indonesian or English labels (:func:`indicator_label`, :func:`sex_label`).

    Returns
    -------
    pandas.DataFrame
        A copy of ``frame`` with the two label columns appended.

    Examples
    --------
    >>> import gendex
    >>> kalteng = gendex.read_csv("data/bps/kalteng_2010_2021.csv")
    >>> tidy = kalteng.filter(regions="6203", periods=2021, indicators="ipg").to_frame()
    >>> print(gendex.with_labels(tidy)[["indicator_label", "sex_label", "value"]].to_string(index=False))
                    indicator_label sex_label  value
    Indeks Pembangunan Gender (IPG)     Total  95.32
    """
    out = frame.copy()
    ids = {i: _core.indicator_label(i, lang) for i in out["indicator"].unique()}
    sexes = {s: _core.sex_label(s, lang) for s in out["sex"].unique()}
    out["indicator_label"] = out["indicator"].map(ids)
    out["sex_label"] = out["sex"].map(sexes)
    return out


# ----------------------------------------------------------------- aggregates


def aggregate(
    data: Any,
    groups: Any,
    components: Optional[list[tuple[str, str, str]]] = None,
    min_coverage: float = 0.0,
    weight_indicator: str = "population",
) -> AggregateResult:
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

    Parameters
    ----------
    data : Dataset or pandas.DataFrame
        The members' components and weights (``weight_indicator``, by age group where used).
    groups : mapping of str to list of str, or RegionHierarchy
        Aggregate code -> member regions, or a hierarchy (every parent over its children).
    components : list of (indicator, sex, age group) tuples, optional
        The components to aggregate and the age group of the weight of each; None: the HDI's.
    min_coverage : float, default 0.0
        The least share of the weight the members with data must hold; below it the aggregate
        is not formed (noted in the report).
    weight_indicator : str, default "population"
        The indicator weighting the members.

    Returns
    -------
    AggregateResult
        ``.values`` the aggregates' components, ``.report`` the members left out and the weights
        that stood in.

    Raises
    ------
    TypeError
        ``groups`` is neither a mapping nor a RegionHierarchy.
    UnknownKeyError
        An unknown indicator in ``components``.

    Examples
    --------
    >>> import gendex
    >>> hdr = gendex.read_hdr("data/undp/HDR25_Composite_indices_complete_time_series.csv")
    >>> asean = ["IDN", "MYS", "PHL", "THA", "VNM"]
    >>> result = gendex.aggregate(hdr.filter(regions=asean, periods=2023), {"ASEAN5": asean})
    >>> result
    AggregateResult(1 aggregates, 4 observations)
    >>> round(float(gendex.hdi(result.values).wide()["hdi"].iloc[0]), 3)
    0.749
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
    return AggregateResult(Dataset._wrap(values), ComputeReport._from_core(report))
