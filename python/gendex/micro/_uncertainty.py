"""Index uncertainty: an index per region on the full sample and every replicate, and changes between periods."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import Any, Optional

import numpy as np
import pandas as pd

from gendex import _core
from gendex._common import public_module
from gendex._dataset import Dataset

from ._design import _region_names, add_bounds, normal_quantile
from ._docs import UNCERTAINTY, example

_GIVEN_BY_SEX = {
    "life_expectancy": ("life_expectancy_f", "life_expectancy_m"),
    "expected_schooling": ("expected_schooling_f", "expected_schooling_m"),
    "parliament_share": ("parliament_share_f", "parliament_share_m"),
}
_GIVEN_TOTAL = ("maternal_mortality", "adolescent_birth_rate", "gni_per_capita", "per_capita_expenditure")
# (indicator, sex) of a Dataset -> the core's name.
_GIVEN_FROM_DATASET = {
    ("life_expectancy", "female"): "life_expectancy_f",
    ("life_expectancy", "male"): "life_expectancy_m",
    ("expected_schooling", "female"): "expected_schooling_f",
    ("expected_schooling", "male"): "expected_schooling_m",
    ("maternal_mortality", "female"): "maternal_mortality",
    ("adolescent_birth_rate", "female"): "adolescent_birth_rate",
    ("parliament_share", "female"): "parliament_share_f",
    ("parliament_share", "male"): "parliament_share_m",
    ("gni_per_capita", "total"): "gni_per_capita",
    ("per_capita_expenditure", "total"): "per_capita_expenditure",
}


def _per_region(value: Any, regions: Sequence[Any], what: str) -> list[float]:
    """One value for all regions (a number), or one per region (a mapping or Series keyed by region)."""
    if isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool):
        return [float(value)]
    if isinstance(value, pd.Series):
        value = value.to_dict()
    if isinstance(value, Mapping):
        out = []
        for r in regions:
            if r in value:
                out.append(float(value[r]))
            elif str(r) in value:
                out.append(float(value[str(r)]))
            else:
                raise _core.InputError(f"given input {what} has no value for region '{r}'")
        return out
    raise _core.InputError(
        f"given input {what}: expected a number, or a mapping or Series by region, got {type(value).__name__}"
    )


def _given_vectors(given: Any, regions: Sequence[Any], period: Optional[int]) -> dict[str, list[float]]:
    """Given inputs (no sampling error) as the core's per-region vectors."""
    if given is None:
        return {}
    if isinstance(given, Dataset):
        frame = given.to_frame()
        if period is None:
            periods = sorted(frame["period"].unique())
            if len(periods) != 1:
                raise _core.InputError(f"the given Dataset has periods {periods}: pass period=")
            period = int(periods[0])
        frame = frame[frame["period"] == period]
        if "age_group" in frame.columns:
            frame = frame[frame["age_group"].fillna("") == ""]
        out: dict[str, list[float]] = {}
        for (indicator, sex), name in _GIVEN_FROM_DATASET.items():
            rows = frame[(frame["indicator"] == indicator) & (frame["sex"] == sex)]
            if rows.empty:
                continue
            by_region = dict(zip(rows["region"].astype(str), rows["value"].astype(float)))
            missing = [r for r in regions if str(r) not in by_region]
            if missing:
                raise _core.InputError(
                    f"the given Dataset has {indicator} ({sex}) for period {period} but not for region '{missing[0]}'"
                )
            out[name] = [by_region[str(r)] for r in regions]
        return out
    if not isinstance(given, Mapping):
        raise _core.InputError(f"given: expected a mapping or a gendex.Dataset, got {type(given).__name__}")
    out = {}
    for key, value in given.items():
        if key in _GIVEN_BY_SEX:
            female, male = _GIVEN_BY_SEX[key]
            if isinstance(value, Mapping) and set(value) <= {"female", "male"} and value:
                for sex_key, name in (("female", female), ("male", male)):
                    if sex_key in value:
                        out[name] = _per_region(value[sex_key], regions, f"{key} ({sex_key})")
            elif key == "parliament_share":
                out[female] = _per_region(value, regions, f"{key} (female)")  # men: 100 - women
            else:
                raise _core.InputError(f"given input {key} is by sex: give {{'female': ..., 'male': ...}}")
        elif key in _GIVEN_TOTAL or key in _GIVEN_FROM_DATASET.values():
            out[key] = _per_region(value, regions, key)
        else:
            known = ", ".join(list(_GIVEN_BY_SEX) + list(_GIVEN_TOTAL))
            raise _core.UnknownKeyError(f"unknown given input '{key}' (known: {known})")
    return out


@public_module("gendex.micro")
@example(UNCERTAINTY)
class IndexUncertainty:
    """An index per region (and its by-sex components) on the full sample and
    every replicate, with standard errors and normal confidence intervals.

    ``frame`` (also :meth:`to_frame`): ``region``, ``indicator``, ``sex``,
    ``estimate``, ``se``, ``lower``, ``upper`` (at ``level``), ``problem``.
    :meth:`to_dataset` gives a :class:`gendex.Dataset` (index values with
    ``se``), :meth:`replicates` the replicate values, :meth:`change` the change
    from an earlier period with its standard error.

    Examples
    --------
    >>> u
    <gendex.micro.IndexUncertainty: gii for 30 regions, 100 bootstrap replicates, edition hdr2025>
    """

    def __init__(
        self,
        core: _core.MicroIndexUncertainty,
        regions: Sequence[Any],
        level: float = 0.95,
        period: Optional[int] = None,
    ) -> None:
        normal_quantile(level)
        self._core = core
        self.regions = list(regions)
        self.level = level
        self.period = period

    @property
    def index(self) -> str:
        """The index ("gii", "ikg", "gdi" or "ipg")."""
        return str(self._core.index)

    @property
    def edition(self) -> str:
        """The id of the edition used."""
        return str(self._core.edition)

    @property
    def variance(self) -> str:
        """The variance method: "bootstrap" or "replicates"."""
        return str(self._core.variance)

    @property
    def replicate_count(self) -> int:
        """The number of replicates the standard errors come from."""
        return int(self._core.replicate_count)

    @example(UNCERTAINTY)
    def to_frame(self, level: Optional[float] = None) -> pd.DataFrame:
        """The estimates per region and component, with standard errors and confidence bounds.

        Parameters
        ----------
        level : float, optional
            Level of the normal bounds ``lower`` and ``upper`` (None: the result's, 0.95 by default).

        Returns
        -------
        pandas.DataFrame
            ``region``, ``indicator`` (the index, and its by-sex components for GDI and IPG), ``sex``,
            ``estimate``, ``se``, ``lower``, ``upper``, ``replicates_dropped`` and ``problem`` (why a
            value is missing, else empty). ``attrs``: ``index``, ``edition``, ``variance``,
            ``replicates``, ``level``.

        Raises
        ------
        gendex.InputError
            A level outside (0, 1).

        Examples
        --------
        >>> u.to_frame(level=0.9)[["region", "estimate", "lower", "upper"]].head(2).round(3)
           region  estimate  lower  upper
        0       1     0.385  0.350  0.420
        1       2     0.408  0.375  0.442
        """
        frames = []
        for s in self._core.series:
            f = pd.DataFrame(
                {
                    "region": self.regions,
                    "indicator": s["indicator"],
                    "sex": s["sex"],
                    "estimate": s["estimate"],
                    "se": s["se"],
                }
            )
            add_bounds(f, "estimate", self.level if level is None else level)
            f["replicates_dropped"] = s["replicates_dropped"]
            f["problem"] = s["problem"]
            frames.append(f)
        out = pd.concat(frames, ignore_index=True)
        out.attrs.update(
            index=self.index,
            edition=self.edition,
            variance=self.variance,
            replicates=self.replicate_count,
            level=self.level if level is None else level,
        )
        return out

    @property
    def frame(self) -> pd.DataFrame:
        """:meth:`to_frame` at the result's level."""
        return self.to_frame()

    @example(UNCERTAINTY)
    def to_dataset(self, period: Optional[int] = None) -> Dataset:
        """The index values with their ``se`` as a :class:`gendex.Dataset`.

        Parameters
        ----------
        period : int, optional
            The values' period (None: the one given to :func:`index_uncertainty`).

        Returns
        -------
        gendex.Dataset
            The index (and its by-sex components) per region, with ``se``.

        Raises
        ------
        gendex.InputError
            No period here nor in the computation.

        Examples
        --------
        >>> u.to_dataset().to_frame()[["region", "indicator", "value", "se"]].head(2).round(3)
          region indicator  value     se
        0      1       gii  0.385  0.021
        1      2       gii  0.408  0.020
        """
        period = self.period if period is None else period
        if period is None:
            raise _core.InputError("to_dataset needs a period (pass period= here or to index_uncertainty)")
        return Dataset._wrap(self._core.to_dataset(_region_names(self.regions), int(period)))

    @example(UNCERTAINTY)
    def replicates(self, indicator: Optional[str] = None, sex: str = "total") -> pd.DataFrame:
        """Replicate values: one row per replicate, one column per region.

        Parameters
        ----------
        indicator : str, optional
            The series (None: the index itself; a by-sex component of GDI or IPG by its id).
        sex : {"total", "female", "male"}
            The series' sex.

        Returns
        -------
        pandas.DataFrame
            The values of every replicate (rows) and region (columns).

        Raises
        ------
        gendex.UnknownKeyError
            No series of that indicator and sex.

        Examples
        --------
        >>> u.replicates().shape
        (100, 30)
        """
        for s in self._core.series:
            if (indicator is None or s["indicator"] == indicator) and s["sex"] == sex:
                return pd.DataFrame(s["replicates"], columns=pd.Index(self.regions, name="region"))
        raise _core.UnknownKeyError(f"no series {indicator} ({sex}) in this {self.index} result")

    @example(UNCERTAINTY)
    def change(
        self, earlier: IndexUncertainty, assumption: str = "independent", level: Optional[float] = None
    ) -> pd.DataFrame:
        """This result minus ``earlier`` per region, with its standard error.

        ``assumption``: "independent" (two independent samples: var = var_a +
        var_b) or "same_replicates" (the same sample and replicates in both
        periods: the design's variance of the replicate differences, keeping
        their covariance; needs the same replicate method, count, formula and,
        for the bootstrap, seed). Regions are matched by name; regions in only
        one of the two are left out.

        Parameters
        ----------
        earlier : IndexUncertainty
            The result of the earlier period.
        assumption : {"independent", "same_replicates"}
            How the two periods' samples relate.
        level : float, optional
            Level of the normal bounds (None: this result's).

        Returns
        -------
        pandas.DataFrame
            As :func:`index_change` (``earlier``, ``later``, ``change``, ``se``, ``lower``, ``upper``).

        Raises
        ------
        gendex.InputError
            An unknown assumption; replicates that differ under "same_replicates".

        Examples
        --------
        >>> later = acc.uncertainty("gii", given=dict(given, parliament_share=30.0), period=2024)
        >>> later.change(u, assumption="same_replicates")[["region", "change", "se"]].head(2).round(4)
           region  change      se
        0       1 -0.0183  0.0026
        1       2 -0.0200  0.0006
        """
        return index_change(earlier, self, assumption=assumption, level=level)

    def __repr__(self) -> str:
        return (
            f"<gendex.micro.IndexUncertainty: {self.index} for {len(self.regions)} regions, "
            f"{self.replicate_count} {self.variance} replicates, edition {self.edition}>"
        )

    def _repr_html_(self) -> str:
        return f"<p>{html.escape(repr(self))}</p>" + self.to_frame().to_html(index=False)


@example(UNCERTAINTY)
def index_change(
    earlier: IndexUncertainty, later: IndexUncertainty, assumption: str = "independent", level: Optional[float] = None
) -> pd.DataFrame:
    """``later - earlier`` per region with its standard error and confidence interval.

    Parameters
    ----------
    earlier, later : IndexUncertainty
        The results of the two periods, of the same index.
    assumption : {"independent", "same_replicates"}
        "independent": two independent samples, var = var_a + var_b; "same_replicates": the same
        sample and replicates in both periods (the variance of the replicate differences).
    level : float, optional
        Level of the normal bounds (None: ``later``'s).

    Returns
    -------
    pandas.DataFrame
        Per region matched by name (regions in only one are left out) and component: ``region``,
        ``indicator``, ``sex``, ``earlier``, ``later``, ``change``, ``se``, ``lower``, ``upper``.
        ``attrs``: ``assumption``, ``level``.

    Raises
    ------
    gendex.InputError
        An unknown assumption; replicates that differ (method, count, formula, bootstrap seed) under
        "same_replicates".

    Examples
    --------
    >>> later = acc.uncertainty("gii", given=dict(given, parliament_share=30.0), period=2024)
    >>> # two independent samples; the same sample twice: assumption="same_replicates" (a far smaller se)
    >>> micro.index_change(u, later)[["region", "change", "se"]].head(2).round(4)
       region  change      se
    0       1 -0.0183  0.0283
    1       2 -0.0200  0.0291
    """
    position = {str(r): k for k, r in enumerate(later.regions)}
    pairs = [(k, position[str(r)]) for k, r in enumerate(earlier.regions) if str(r) in position]
    a = earlier._core.select([k for k, _ in pairs])
    b = later._core.select([k for _, k in pairs])
    names = [earlier.regions[k] for k, _ in pairs]
    frames = []
    for c in _core.micro_index_change(a, b, assumption):
        f = pd.DataFrame(
            {
                "region": names,
                "indicator": c["indicator"],
                "sex": c["sex"],
                "earlier": c["earlier"],
                "later": c["later"],
                "change": c["change"],
                "se": c["se"],
            }
        )
        add_bounds(f, "change", later.level if level is None else level)
        frames.append(f)
    out = pd.concat(frames, ignore_index=True)
    out.attrs.update(assumption=assumption, level=later.level if level is None else level)
    return out
