"""What computing an index returns: one type for :func:`gendex.compute` and every per-index shortcut.

An :class:`IndexResult` holds the values (a Dataset of the data contract), the report of what was left
out, the edition, and the inputs it came from, so it can put the publisher's own figures beside the
recomputed ones and region names beside codes without a hand-written merge.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import NamedTuple, Optional, Union

import numpy as np
import numpy.typing as npt
import pandas as pd

from . import _core, frames
from ._common import as_list, public_module
from ._dataset import Dataset
from ._regions import RegionHierarchy, bundled_regions_for

#: Regions whose code starts with this are aggregates (UNDP's "ZZA.VHHD"...): not ranked. compute's default.
AGGREGATE_PREFIX = "ZZ"

#: Rows of the wide table a notebook shows before "... more".
_HTML_ROWS = 10

#: Columns of :meth:`IndexResult.published`.
PUBLISHED_COLUMNS = (
    "region",
    "region_name",
    "period",
    "indicator",
    "sex",
    "computed",
    "published",
    "difference",
    "differs",
    "beyond_last_digit",
)


@public_module("gendex")
class ComputeReport(NamedTuple):
    """What a computation left out and what it assumed.

    Attributes
    ----------
    index : str
        The index computed ("gdi").
    edition : str
        The edition's id ("hdr2025").
    units : int
        Region-periods in the data.
    computed : int
        Region-periods computed.
    skipped : pandas.DataFrame
        One row per region-period left out: region, period, indicator and sex (the first offending
        input), problem ("missing", "below_minimum", "above_maximum", "not_finite", "undefined"),
        reason (the full message).
    notes : pandas.DataFrame
        region, period, note: computed units whose value rests on something the data did not give
        (e.g. "default wage ratio 0.8 used").
    summary : str
        One line: "gdi (hdr2025): 193 of 206 region-periods computed; ...".
    missing : tuple of str
        When nothing is computed: which inputs no region-period has, by name, one sentence per unmet
        requirement (e.g. "gdi: no region-period has life_expectancy for female and male"); else empty.

    Examples
    --------
    >>> import gendex
    >>> hdr = gendex.read_hdr("data/undp/HDR25_Composite_indices_complete_time_series.csv")
    >>> report = gendex.gdi(hdr.filter(periods=2023)).report
    >>> report.summary
    'gdi (edition hdr2025): 195 of 206 region-periods computed, 11 skipped'
    >>> report.skipped[["region", "indicator", "sex", "problem"]].head(2)
      region   indicator     sex  problem
    0    AND  population  female  missing
    1    CAF  population  female  missing
    """

    # The field shadows tuple.index (a method); it is the report's public name, so mypy is told to accept it.
    index: str  # type: ignore[assignment]
    edition: str
    units: int
    computed: int
    skipped: pd.DataFrame
    notes: pd.DataFrame
    summary: str
    missing: tuple[str, ...] = ()

    @classmethod
    def _from_core(cls, columns: dict[str, object]) -> ComputeReport:
        return cls(
            str(columns["index"]),
            str(columns["edition"]),
            int(columns["units"]),  # type: ignore[call-overload]
            int(columns["computed"]),  # type: ignore[call-overload]
            frames.columns_frame(columns["skipped"], frames.SKIPPED_COLUMNS),  # type: ignore[arg-type]
            frames.columns_frame(columns["notes"], frames.NOTE_COLUMNS),  # type: ignore[arg-type]
            str(columns["summary"]),
            tuple(str(m) for m in columns["missing"]),  # type: ignore[attr-defined]
        )


def differs_as_printed(computed: npt.ArrayLike, published: npt.ArrayLike, digits: int) -> npt.NDArray[np.bool_]:
    """Whether ``computed``, rounded half up to ``digits`` decimals as the publisher prints, is not the
    published figure (rounded the same way); False where either is missing.

    The one rule of "differs": the CLI's tables, :meth:`IndexResult.published` and the reports use it.

    Examples
    --------
    >>> differs_as_printed([95.325, 95.3249], [95.32, 95.32], 2)
    array([ True, False])
    """
    shown = _core.round_half_up(np.asarray(computed, dtype=float).ravel(), digits)
    given = _core.round_half_up(np.asarray(published, dtype=float).ravel(), digits)
    both = ~(np.isnan(shown) | np.isnan(given))
    return np.asarray(both & (shown != given), dtype=bool)


def beyond_last_digit(computed: npt.ArrayLike, published: npt.ArrayLike, digits: int) -> npt.NDArray[np.bool_]:
    """Whether ``computed``, rounded half up to ``digits`` decimals, is more than one unit of the last printed
    digit away from the published figure; False where either is missing.

    A recomputation from inputs that were themselves printed rounded (BPS's UHH, HLS, RLS, PPK at two
    decimals) can land one unit off in the last digit without any difference of method: reports flag
    only what this excludes, while :func:`differs_as_printed` says whether the printed figures differ.

    Examples
    --------
    >>> beyond_last_digit([95.325, 95.335], [95.32, 95.32], 2)
    array([False,  True])
    """
    shown = _core.round_half_up(np.asarray(computed, dtype=float).ravel(), digits)
    given = np.asarray(published, dtype=float).ravel()
    with np.errstate(invalid="ignore"):
        return np.asarray(np.abs(shown - given) > 10.0**-digits * (1 + 1e-6), dtype=bool)


def _is_count(indicator: str) -> bool:
    """Ranks and groups are whole numbers: compared and printed without decimals."""
    registry = _core.IndicatorRegistry.standard()
    return registry.contains(indicator) and str(registry.info(indicator)[2]) in ("rank", "group")


@public_module("gendex")
@dataclass(frozen=True, eq=False, repr=False)
class IndexResult:
    """One index computed for every region-period of a Dataset.

    Returned by :func:`gendex.compute` and by each index's shortcut (:func:`gendex.gdi`, ...); no
    argument changes what comes back.

    Attributes
    ----------
    index : str
        The index ("gdi").
    edition : str
        The id of the edition used ("hdr2025"; "hdr2025+custom" with overrides).
    values : Dataset
        The results in the data contract: one observation per output, region-period and sex.
    report : ComputeReport
        The region-periods left out, the notes, the one-line summary.
    data : Dataset
        The inputs the values were computed from (the publisher's own figures are read from it).
    regions : RegionHierarchy or None
        Where region names come from; None: the hierarchy installed with gendex when every region is
        one of its codes (BPS), else no names.
    digits : int
        Decimals the publisher prints (the edition's ``rounding_digits``: UNDP 3, BPS 2).
    ranked_among : dict
        (rank output, period) -> how many units that rank was computed among: the reference population
        of ``hdi_rank`` and ``gii_rank``, kept by :meth:`select` (``.wide()`` shows it as ``*_rank_of``).

    Examples
    --------
    >>> import gendex
    >>> hdr = gendex.read_hdr("data/undp/HDR25_Composite_indices_complete_time_series.csv")
    >>> result = gendex.gdi(hdr.filter(regions=["NOR", "IDN"], periods=[2023]))
    >>> result
    IndexResult('gdi', edition 'hdr2025': 2 of 2 region-periods computed)
    >>> result.wide()[["region", "period", "gdi"]].round(3)
      region  period    gdi
    0    IDN    2023  0.945
    1    NOR    2023  0.995
    >>> int(result.published()["differs"].sum())
    0
    """

    index: str
    edition: str
    values: Dataset
    report: ComputeReport
    data: Dataset
    regions: Optional[RegionHierarchy]
    digits: int
    ranked_among: dict[tuple[str, int], int] = field(default_factory=dict)
    aggregate_prefix: str = AGGREGATE_PREFIX

    @classmethod
    def _build(
        cls,
        index: str,
        edition: str,
        values: Dataset,
        report: ComputeReport,
        data: Dataset,
        regions: Optional[RegionHierarchy],
        digits: int,
        aggregate_prefix: str,
    ) -> IndexResult:
        """A result whose ranks count the units of ``values`` as their reference population."""
        ranks = [r for r in values.indicators if r.endswith("_rank")]
        ranked = values.filter(indicators=ranks).to_frame() if ranks else pd.DataFrame(columns=["indicator", "period"])
        counts = ranked.groupby(["indicator", "period"]).size()
        among = {(str(i), int(p)): int(n) for i, p, n in zip(*zip(*counts.index), counts)} if len(counts) else {}
        return cls(index, edition, values, report, data, regions, digits, among, aggregate_prefix)

    @property
    def frame(self) -> pd.DataFrame:
        """The values as the tidy frame of the data contract (full precision)."""
        return self.values.to_frame()

    @property
    def summary(self) -> str:
        """The report's one line: how many region-periods were computed, and why not the others."""
        return self.report.summary

    def with_regions(self, regions: RegionHierarchy) -> IndexResult:
        """The same result with region names from ``regions``.

        Parameters
        ----------
        regions : RegionHierarchy
            Where :meth:`names`, :meth:`wide` and :meth:`published` take region names from.

        Returns
        -------
        IndexResult

        Examples
        --------
        >>> import gendex
        >>> hdr = gendex.read_hdr("data/undp/HDR25_Composite_indices_complete_time_series.csv")
        >>> result = gendex.gii(hdr.filter(regions="IDN", periods=2023))
        >>> result.names()
        {}
        >>> countries = gendex.read_hdr_regions("data/undp/HDR25_Composite_indices_complete_time_series.csv")
        >>> result.with_regions(countries).names()["IDN"]
        'Indonesia'
        """
        return replace(self, regions=regions)

    def names(self) -> dict[str, str]:
        """Region names by code, as tables print them (:attr:`Region.display_name`).

        Returns
        -------
        dict of str to str
            Region code -> name, from :attr:`regions` (or the installed BPS hierarchy); empty when unknown.

        Examples
        --------
        >>> import gendex
        >>> kalteng = gendex.read_csv("data/bps/kalteng_2010_2021.csv")
        >>> gendex.ipg(kalteng.filter(periods=2021)).names()["6271"]
        'Kota Palangka Raya'
        """
        hierarchy = self.regions if self.regions is not None else bundled_regions_for(self.values.regions)
        if hierarchy is None:
            return {}
        return {r.code: r.display_name for r in hierarchy.regions}

    def _with_names(self, frame: pd.DataFrame) -> pd.DataFrame:
        names = self.names()
        if names:
            frame.insert(1, "region_name", [names.get(str(r), "") for r in frame["region"]])
        return frame

    def wide(self) -> pd.DataFrame:
        """One row per region-period: region, region_name (when known), period, then one column per output.

        Outputs of sex total keep their id (``gdi``), the others get the sex appended
        (``hdi_female``); ranks and groups are nullable integers, and each rank is followed by
        ``<rank>_of``, the number of units it was computed among (its reference population).
        Rows follow the input's regions in order of first appearance, periods ascending.

        Returns
        -------
        pandas.DataFrame

        Examples
        --------
        >>> import gendex
        >>> hdr = gendex.read_hdr("data/undp/HDR25_Composite_indices_complete_time_series.csv")
        >>> wide = gendex.hdi(hdr.filter(periods=2023)).select("IDN").wide()
        >>> wide[["region", "period", "hdi", "hdi_rank", "hdi_rank_of", "hdi_group"]].round(3)
          region  period    hdi  hdi_rank  hdi_rank_of  hdi_group
        0    IDN    2023  0.728       113          193          3
        """
        from .indices import index_facts

        wide = frames.index_frame(_core.align(self.values._core, index_facts(self.index).outputs))
        for position, column in reversed([(j, c) for j, c in enumerate(wide.columns) if c.endswith("_rank")]):
            among = [self.ranked_among.get((column, int(p))) for p in wide["period"]]
            wide.insert(position + 1, f"{column}_of", pd.Series(among, index=wide.index, dtype="Int64"))
        return self._with_names(wide)

    def select(self, regions: Iterable[str]) -> IndexResult:
        """The result for ``regions`` only, ranks kept as computed among all units.

        Indonesia's GII rank stays UNDP's 108th of 193 in a table of ASEAN countries; :meth:`ranks`
        ranks within a subset instead.

        Parameters
        ----------
        regions : str or iterable of str
            The region codes to keep.

        Returns
        -------
        IndexResult

        Examples
        --------
        >>> import gendex
        >>> hdr = gendex.read_hdr("data/undp/HDR25_Composite_indices_complete_time_series.csv")
        >>> asean = gendex.gii(hdr.filter(periods=2023)).select(["IDN", "MYS", "THA"])
        >>> asean.wide()[["region", "gii_rank", "gii_rank_of"]]
          region  gii_rank  gii_rank_of
        0    IDN       108          172
        1    MYS        47          172
        2    THA        73          172
        """
        codes = as_list(regions)
        return replace(
            self,
            values=self.values.filter(regions=codes),
            data=self.data.filter(regions=codes),
            ranked_among=dict(self.ranked_among),
        )

    def ranks(self, within: Optional[Union[Iterable[str], RegionHierarchy]] = None) -> pd.DataFrame:
        """Competition ranks ("1224") of the index on the values as the publisher prints them.

        Parameters
        ----------
        within : list of region codes, RegionHierarchy, optional
            None: among every region of the result except aggregates; a list: among those regions
            only (ASEAN); a hierarchy: each region among the other children of its parent (kabupaten
            within their province).

        Returns
        -------
        pandas.DataFrame
            region, group (the parent with a hierarchy, else ""), period, sex, value, rank, of (how
            many were ranked together: the reference population). Lowest first for inequality
            indices (GII, IKG), nearest to parity first for the GDI, else highest first.

        Examples
        --------
        >>> import gendex
        >>> hdr = gendex.read_hdr("data/undp/HDR25_Composite_indices_complete_time_series.csv")
        >>> result = gendex.gii(hdr.filter(periods=2023))
        >>> result.ranks(within=["IDN", "MYS", "THA"])[["region", "value", "rank", "of"]].round(3)
          region  value  rank  of
        0    IDN  0.423     3   3
        1    MYS  0.172     1   3
        2    THA  0.288     2   3
        """
        from ._analysis import rank
        from .indices import index_facts

        facts = index_facts(self.index)
        headline, sex = facts.outputs[0]
        values = self.values.filter(indicators=headline, sexes=sex)
        hierarchy = within if isinstance(within, RegionHierarchy) else None
        if within is not None and hierarchy is None:
            values = values.filter(regions=as_list(within))
        elif within is None:
            values = values.filter(regions=[r for r in values.regions if not r.startswith(self.aggregate_prefix)])
        frame = values.to_frame()
        if facts.display_order == "nearest_one_first":  # ranked on the distance from parity, shown as is
            distance = Dataset.from_frame(frame.assign(value=(frame["value"] - 1.0).abs()))
            out = rank(distance, headline, within=hierarchy, digits=self.digits, ascending=True)
            shown = frame.set_index(["region", "period"])["value"]
            out["value"] = [shown[(r, p)] for r, p in zip(out["region"], out["period"])]
            return out
        return rank(
            values, headline, within=hierarchy, digits=self.digits, ascending=facts.display_order == "lowest_first"
        )

    def published(self) -> pd.DataFrame:
        """The publisher's figures the input holds for this index's outputs, beside the recomputation.

        Columns: region, region_name ("" when unknown), period, indicator, sex, computed (full
        precision; NaN when the unit was not computed), published, difference (computed rounded half
        up to :attr:`digits` minus published; ranks and groups at 0 decimals), differs (the printed
        figures are not the same: :func:`differs_as_printed`), beyond_last_digit (more than one unit of
        the last printed digit apart, which rounded inputs cannot explain: :func:`beyond_last_digit`).
        One row per output value the publisher gives; empty when it gives none.

        Returns
        -------
        pandas.DataFrame

        Examples
        --------
        >>> import gendex
        >>> kalteng = gendex.read_csv("data/bps/kalteng_2010_2021.csv")
        >>> table = gendex.ipg(kalteng.filter(regions="6203", periods=2021)).published()
        >>> table[["region_name", "indicator", "sex", "computed", "published", "differs"]].round(2)
          region_name indicator     sex  computed  published  differs
        0      Kapuas       ipm    male     72.02      72.02    False
        1      Kapuas       ipm  female     68.65      68.65    False
        2      Kapuas       ipg   total     95.33      95.32     True
        """
        from .indices import index_facts

        outputs = index_facts(self.index).outputs
        given = self.data.filter(indicators=sorted({i for i, _ in outputs})).to_frame()
        given = given[given["age_group"] == ""]
        given = given[[(i, s) in set(outputs) for i, s in zip(given["indicator"], given["sex"])]]
        keys = ["region", "period", "indicator", "sex"]
        computed = self.frame[[*keys, "value"]].rename(columns={"value": "computed"})
        table = given[[*keys, "value"]].rename(columns={"value": "published"}).merge(computed, on=keys, how="left")
        whole = {i: _is_count(i) for i in table["indicator"].unique()}  # one registry look-up per indicator
        digits = pd.Series([0 if whole[i] else self.digits for i in table["indicator"]], index=table.index)
        table["difference"] = np.nan
        table["differs"] = False
        table["beyond_last_digit"] = False
        for d in digits.unique():
            rows = digits == d
            shown = _core.round_half_up(table.loc[rows, "computed"].to_numpy(dtype=float), int(d))
            table.loc[rows, "difference"] = np.round(shown - table.loc[rows, "published"].to_numpy(), int(d) + 3)
            pair = (table.loc[rows, "computed"], table.loc[rows, "published"], int(d))
            table.loc[rows, "differs"] = differs_as_printed(*pair)
            table.loc[rows, "beyond_last_digit"] = beyond_last_digit(*pair)
        table[["differs", "beyond_last_digit"]] = table[["differs", "beyond_last_digit"]].astype(bool)
        # Inputs that are also outputs (GNI per capita by sex, given rather than estimated) are not compared.
        table = table[table["computed"].notna() | (table["indicator"] == self.index)]
        names = self.names()
        table["region_name"] = [names.get(str(r), "") for r in table["region"]]
        return table[list(PUBLISHED_COLUMNS)].reset_index(drop=True)

    def __repr__(self) -> str:
        return (
            f"IndexResult({self.index!r}, edition {self.edition!r}: {self.report.computed} of "
            f"{self.report.units} region-periods computed)"
        )

    def _repr_html_(self) -> str:
        wide = self.wide()
        more = len(wide) - _HTML_ROWS
        table = wide.head(_HTML_ROWS).to_html(index=False, na_rep="", float_format=lambda v: f"{v:.{self.digits}f}")
        tail = f"<p>... {more} more rows: <code>.wide()</code> has all</p>" if more > 0 else ""
        return f"<p><b>{html.escape(self.summary)}</b></p>{table}{tail}"


@public_module("gendex")
@dataclass(frozen=True, eq=False, repr=False)
class Priorities:
    """Which component drags an index furthest from gender equality (:func:`gendex.priorities`).

    Attributes
    ----------
    index : str
        The index ("ipg").
    edition : str
        The id of the edition used.
    frame : pandas.DataFrame
        One row per region-period and component: region, period, index, component
        (component_label with ``lang``), value (the index as observed), at_parity, gain, rank.
    notes : pandas.DataFrame
        region, period, note: components that could not be set at parity for a unit, and why.
    summary : str
        The one-line summary of the computation behind it.

    Examples
    --------
    >>> import gendex
    >>> kalteng = gendex.read_csv("data/bps/kalteng_2010_2021.csv")
    >>> top = gendex.priorities("ipg", kalteng.filter(regions="6203", periods=2021))
    >>> top
    Priorities('ipg', edition 'bps': 1 region-periods ranked)
    >>> top.frame.sort_values("rank")[["component", "gain", "rank"]].round(2)
                    component  gain  rank
    0  per_capita_expenditure  3.19     1
    1          mean_schooling  0.79     2
    2         life_expectancy  0.69     3
    3      expected_schooling -0.06     4
    """

    index: str
    edition: str
    frame: pd.DataFrame
    notes: pd.DataFrame
    summary: str

    def __repr__(self) -> str:
        units = len(self.frame.groupby(["region", "period"])) if len(self.frame) else 0
        return f"Priorities({self.index!r}, edition {self.edition!r}: {units} region-periods ranked)"

    def _repr_html_(self) -> str:
        return f"<p><b>{html.escape(repr(self))}</b></p>" + self.frame.head(3 * _HTML_ROWS).to_html(index=False)


@public_module("gendex")
@dataclass(frozen=True, eq=False, repr=False)
class AggregateResult:
    """UNDP's population-weighted regional aggregates (:func:`gendex.aggregate`).

    Attributes
    ----------
    values : Dataset
        The aggregates' components, ready for :func:`gendex.compute`.
    report : ComputeReport
        Members left out and weights that stood in (notes).

    Examples
    --------
    >>> import gendex
    >>> hdr = gendex.read_hdr("data/undp/HDR25_Composite_indices_complete_time_series.csv")
    >>> result = gendex.aggregate(hdr.filter(regions=["IDN", "MYS"], periods=2023), {"IDN+MYS": ["IDN", "MYS"]})
    >>> result.values.indicators
    ['life_expectancy', 'expected_schooling', 'mean_schooling', 'gni_per_capita']
    """

    values: Dataset
    report: ComputeReport

    def __repr__(self) -> str:
        return f"AggregateResult({len(self.values.regions)} aggregates, {len(self.values)} observations)"

    def _repr_html_(self) -> str:
        return f"<p><b>{html.escape(self.report.summary)}</b></p>" + self.values._repr_html_()
