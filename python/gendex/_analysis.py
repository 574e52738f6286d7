"""Analyses of a Dataset: align, parity, rank, audit, roll-up, and the labels of ids and sexes."""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple, Optional, Union

import pandas as pd

from . import _core, frames
from ._common import as_list, public_module
from ._dataset import Dataset, _dataset_core
from ._regions import RegionHierarchy, _hierarchy_core
from ._registry import IndicatorRegistry, _registry_core


def _ids(indicators: Union[str, Iterable[str]]) -> list[str]:
    return as_list(indicators)


def align(
    ds: Dataset, indicators: Union[str, Iterable[str]], sexes: Sequence[str] = ("female", "male"), age_group: str = ""
) -> pd.DataFrame:
    """One row per region-period, one column per (indicator, sex).

    Columns: ``region``, ``period``, then ``<indicator>_<sex>`` for each
    indicator and each sex in the order given (e.g.
    ``life_expectancy_female``), with sexes spelt female/male/total. Rows are
    the region-periods with at least one requested value, regions in order of
    first appearance, periods ascending. **A cell without data is NaN.** Only
    rows of ``age_group`` ("" = no age group) are used.

    Parameters
    ----------
    ds : Dataset
        The data.
    indicators : str or iterable of str
        The indicator ids to put side by side.
    sexes : sequence of str, default ("female", "male")
        The sexes of each indicator, in column order (any spelling the readers accept).
    age_group : str, default ""
        The age group of the rows used.

    Returns
    -------
    pandas.DataFrame
        region, period, then one float column per (indicator, sex).

    Examples
    --------
    >>> import gendex
    >>> kalteng = gendex.read_csv("data/bps/kalteng_2010_2021.csv")
    >>> gendex.align(kalteng.filter(regions="6203", periods=[2020, 2021]), "life_expectancy")
      region  period  life_expectancy_female  life_expectancy_male
    0   6203    2020                   70.66                 66.71
    1   6203    2021                   70.70                 66.76
    """
    wanted = [(i, s) for i in _ids(indicators) for s in as_list(sexes)]
    return frames.aligned_frame(_core.align(_dataset_core(ds), wanted, age_group))


def parity(ds: Dataset, indicators: Union[str, Iterable[str]], age_group: str = "") -> pd.DataFrame:
    """Women's values against men's, per indicator and region-period where both exist.

    Columns: region, period, indicator, female, male, ratio (female/male),
    difference (female - male), adjusted_gpi (UNESCO's adjusted gender parity
    index: the ratio when female <= male, else 2 - male/female). A zero or
    negative value raises InputError naming the unit.

    Parameters
    ----------
    ds : Dataset
        The data.
    indicators : str or iterable of str
        The indicator ids to compare.
    age_group : str, default ""
        The age group of the rows used.

    Returns
    -------
    pandas.DataFrame
        One row per indicator and region-period with both sexes, columns as above.

    Raises
    ------
    InputError
        A zero or negative value, naming the unit.

    Examples
    --------
    >>> import gendex
    >>> kalteng = gendex.read_csv("data/bps/kalteng_2010_2021.csv")
    >>> gendex.parity(kalteng.filter(regions="6203", periods=2021), "mean_schooling").round(3)
      region  period       indicator  female  male  ratio  difference  adjusted_gpi
    0   6203    2021  mean_schooling    7.45  7.91  0.942       -0.46         0.942
    """
    return frames.columns_frame(_core.parity(_dataset_core(ds), _ids(indicators), age_group), frames.PARITY_COLUMNS)


def indicator_label(indicator: str, lang: str = "en") -> str:
    """Label of an indicator id in English or Indonesian.

    Parameters
    ----------
    indicator : str
        An indicator id of the data contract.
    lang : {"en", "id"}, default "en"
        English or Indonesian.

    Returns
    -------
    str

    Raises
    ------
    UnknownKeyError
        An unknown indicator or language.

    Examples
    --------
    >>> import gendex
    >>> gendex.indicator_label("ipg", "id"), gendex.indicator_label("life_expectancy")
    ('Indeks Pembangunan Gender (IPG)', 'Life expectancy at birth')
    """
    return _core.indicator_label(indicator, lang)


def sex_label(sex: str, lang: str = "en") -> str:
    """Label of a sex code: "Women"/"Men"/"Total", or "Perempuan"/"Laki-laki"/"Total" with lang="id".

    Parameters
    ----------
    sex : str
        "female", "male" or "total" (or another spelling the readers accept).
    lang : {"en", "id"}, default "en"
        English or Indonesian.

    Returns
    -------
    str

    Raises
    ------
    UnknownKeyError
        An unknown sex code or language.

    Examples
    --------
    >>> import gendex
    >>> gendex.sex_label("female"), gendex.sex_label("M", "id")
    ('Women', 'Laki-laki')
    """
    return _core.sex_label(sex, lang)


def rank(
    ds: Dataset,
    indicator: str,
    within: Optional[RegionHierarchy] = None,
    digits: int = 2,
    ascending: bool = False,
    age_group: str = "",
) -> pd.DataFrame:
    """Competition ranks ("1224") of ``indicator`` per period and sex.

    With ``within`` (a :class:`RegionHierarchy`), regions are ranked among the
    other children of their parent, e.g. kabupaten/kota within their province
    (``group`` is the parent's code); without it, all regions together. Ties
    are decided on values rounded half up to ``digits`` decimals, as the
    publisher prints them (BPS: 2). ``ascending=True`` ranks the lowest value
    first (inequality indices). Columns: region, group, period, sex, value,
    rank, of (how many were ranked together).

    Parameters
    ----------
    ds : Dataset
        The data.
    indicator : str
        The indicator id to rank.
    within : RegionHierarchy, optional
        Rank each region among its parent's other children; None: all together.
    digits : int, default 2
        Decimals of the values ties are decided on.
    ascending : bool, default False
        Rank the lowest value first.
    age_group : str, default ""
        The age group of the rows used.

    Returns
    -------
    pandas.DataFrame
        One row per region, period and sex with the indicator, columns as above.

    Examples
    --------
    >>> import gendex
    >>> kalteng = gendex.read_csv("data/bps/kalteng_2010_2021.csv")
    >>> ranks = gendex.rank(kalteng.filter(periods=2021, sexes="total"), "ipg")
    >>> ranks.sort_values("rank").head(3)
       region group  period    sex  value  rank  of
    3    6203          2021  total  95.32     1  15
    14   6271          2021  total  95.01     2  15
    10   6210          2021  total  92.04     3  15
    """
    return frames.columns_frame(
        _core.rank_regions(
            _dataset_core(ds),
            indicator,
            None if within is None else _hierarchy_core(within),
            digits,
            ascending,
            age_group,
        ),
        frames.RANK_COLUMNS,
    )


@public_module("gendex")
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

    Examples
    --------
    >>> import gendex
    >>> kalteng = gendex.read_csv("data/bps/kalteng_2010_2021.csv")
    >>> report = gendex.audit(kalteng.filter(periods=2021))
    >>> report
    AuditReport(45 region-period-indicators audited, 45 not disaggregated, 3 indicators)
    >>> report.by_indicator[["key", "units", "disaggregated", "total_only"]].head(3)
                      key  units  disaggregated  total_only
    0    parliament_share     15              0           0
    1  professional_share     15              0           0
    2        income_share     15              0           0
    """

    rows: pd.DataFrame
    by_indicator: pd.DataFrame
    by_level: pd.DataFrame

    def __repr__(self) -> str:
        gaps = int((self.rows["coverage"] != "disaggregated").sum()) if len(self.rows) else 0
        return (
            f"AuditReport({len(self.rows)} region-period-indicators audited, {gaps} not disaggregated, "
            f"{len(self.by_indicator)} indicators)"
        )

    def _repr_html_(self) -> str:
        return f"<p><b>{html.escape(repr(self))}</b></p>" + self.by_indicator.to_html(index=False)


def audit(
    ds: Dataset,
    expected_indicators: Optional[Iterable[str]] = None,
    hierarchy: Optional[RegionHierarchy] = None,
    sum_tolerance: float = 1e-6,
    registry: Optional[IndicatorRegistry] = None,
) -> AuditReport:
    """Which region-periods report an indicator for women and men, which a total only.

    Audits ``expected_indicators`` (every region-period of the data that lacks
    one gets a "missing" row), or, when None, the by-sex indicators the data
    contains. For additive indicators female + male is checked against the
    total within ``sum_tolerance`` (relative). ``hierarchy`` gives each
    region's level for ``by_level`` (unknown regions: "unknown").

    Parameters
    ----------
    ds : Dataset
        The data.
    expected_indicators : iterable of str, optional
        The indicators every region-period should report; None: the by-sex ones the data has.
    hierarchy : RegionHierarchy, optional
        Gives each region's level for ``by_level``.
    sum_tolerance : float, default 1e-6
        Relative tolerance of the female + male = total check.
    registry : IndicatorRegistry, optional
        Which indicators are additive or shares of a whole; None: the standard registry.

    Returns
    -------
    AuditReport
        ``rows``, ``by_indicator`` and ``by_level`` as described in :class:`AuditReport`.

    Raises
    ------
    UnknownKeyError
        An expected indicator the registry does not know.

    Examples
    --------
    >>> import gendex
    >>> kalteng = gendex.read_csv("data/bps/kalteng_2010_2021.csv")
    >>> report = gendex.audit(kalteng.filter(regions="6203", periods=2021), ["ipg", "idg"])
    >>> report.rows[["indicator", "coverage"]]
      indicator    coverage
    0       ipg  total_only
    1       idg  total_only
    """
    expected = [] if expected_indicators is None else _ids(expected_indicators)
    rows, by_indicator, by_level = _core.audit(
        _dataset_core(ds),
        expected,
        sum_tolerance,
        None if hierarchy is None else _hierarchy_core(hierarchy),
        _registry_core(registry),
    )
    return AuditReport(
        frames.columns_frame(rows, frames.AUDIT_ROW_COLUMNS),
        frames.columns_frame(by_indicator, frames.AUDIT_SUMMARY_COLUMNS),
        frames.columns_frame(by_level, frames.AUDIT_SUMMARY_COLUMNS),
    )


@public_module("gendex")
@dataclass(frozen=True, eq=False)
class RollupResult:
    """An indicator rolled up one level (:func:`rollup`).

    Attributes
    ----------
    values : Dataset
        The parents' values computed from complete sets of children (source "rollup").
    report : pandas.DataFrame
        One row per parent, period, sex and age group: parent, period, sex, age_group,
        children_used, children_total, complete, rolled_up (NaN unless complete), has_given, given
        (the parent's own value, NaN when absent), difference (given - rolled_up, NaN when not
        both), flagged (|difference| > tolerance).

    Examples
    --------
    >>> import gendex
    >>> kalteng = gendex.read_csv("data/bps/kalteng_2010_2021.csv")
    >>> population = gendex.read_csv("data/bps/kalteng_population.csv")
    >>> indonesia = gendex.read_regions("data/bps/regions.csv")
    >>> result = gendex.rollup(kalteng.filter(periods=2010).concat(population), indonesia, "mean_schooling")
    >>> result.report.query("parent == '62'")[["sex", "rolled_up", "given", "difference", "flagged"]].round(2)
          sex  rolled_up  given  difference  flagged
    2  female       6.96   7.10        0.14     True
    3    male       8.01   7.97       -0.04     True
    """

    values: Dataset
    report: pd.DataFrame


def rollup(
    ds: Dataset,
    hierarchy: RegionHierarchy,
    indicator: str,
    weight_indicator: str = "population",
    weight_by_same_sex: bool = True,
    tolerance: float = 0.005,
    registry: Optional[IndicatorRegistry] = None,
) -> RollupResult:
    """Roll ``indicator`` up one level: each parent from its immediate children.

    Additive indicators are summed; others are averaged weighted by
    ``weight_indicator`` (women's values by women's weight when
    ``weight_by_same_sex``, else by the total). A parent with a child missing
    is reported incomplete, never computed from the rest.

    Parameters
    ----------
    ds : Dataset
        The children's values (and weights).
    hierarchy : RegionHierarchy
        Who the children of each parent are.
    indicator : str
        The indicator to roll up.
    weight_indicator : str, default "population"
        The weight of a non-additive indicator.
    weight_by_same_sex : bool, default True
        Weight women's values by women's weight (men's by men's); False: by the total.
    tolerance : float, default 0.005
        A rolled-up value further than this from the parent's own value is flagged.
    registry : IndicatorRegistry, optional
        Which indicators are additive; None: the standard registry.

    Returns
    -------
    RollupResult
        ``.values`` the rolled-up Dataset, ``.report`` one row per parent-period-sex saying whether
        it was complete and how it compares with the parent's own value.

    Raises
    ------
    UnknownKeyError
        An unknown indicator.

    Examples
    --------
    >>> import gendex
    >>> kalteng = gendex.read_csv("data/bps/kalteng_2010_2021.csv")
    >>> population = gendex.read_csv("data/bps/kalteng_population.csv")
    >>> indonesia = gendex.read_regions("data/bps/regions.csv")
    >>> result = gendex.rollup(kalteng.filter(periods=2010).concat(population), indonesia, "mean_schooling")
    >>> result.report[["parent", "sex", "children_used", "children_total", "complete"]]
      parent     sex  children_used  children_total  complete
    0     00  female              1              34     False
    1     00    male              1              34     False
    2     62  female             14              14      True
    3     62    male             14              14      True
    """
    values, report = _core.rollup(
        _dataset_core(ds),
        _hierarchy_core(hierarchy),
        indicator,
        weight_indicator,
        weight_by_same_sex,
        tolerance,
        _registry_core(registry),
    )
    return RollupResult(Dataset._wrap(values), frames.columns_frame(report, frames.ROLLUP_COLUMNS))
