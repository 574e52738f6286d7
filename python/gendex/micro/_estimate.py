"""Domain estimators (mean, proportion, total, ratio) and their one-pass accumulator."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Optional

import numpy as np
import numpy.typing as npt
import pandas as pd

from gendex import _core
from gendex._common import public_module

from ._design import (
    AnyDesign,
    CodeNames,
    Columns,
    Design,
    EstimateKeywords,
    EstimateOptions,
    _numbers,
    add_bounds,
    default_variance,
)
from ._docs import ACCUMULATED, ACCUMULATOR_RAISES, ESTIMATE_RETURNS, SURVEY, example, sections
from ._progress import ProgressBar

if TYPE_CHECKING:  # Python 3.11+ has typing.Unpack; the package runs on 3.9
    from typing_extensions import Unpack

#: The unit of each statistic's estimate (``DataFrame.attrs["unit"]``): proportions are fractions, as R's
#: ``svymean`` of a 0/1 variable (the index inputs built from them are in percent, see index_inputs).
UNITS = {
    "proportion": "fraction (0-1)",
    "mean": "unit of the variable",
    "total": "unit of the variable x population",
    "ratio": "unit of the numerator per unit of the denominator",
}


def _frame(result: dict[str, Any], labels: pd.DataFrame, level: float) -> pd.DataFrame:
    """By-columns, ``estimate``, ``se``, ``lower``, ``upper`` (normal, at ``level``), ``n`` (sample rows) and
    ``deff`` (the design effect; NaN where undefined, and from an accumulator loaded from an archive
    older than version 3 or merged with one, which keeps no second moments)."""
    out = labels.copy()
    out["estimate"] = result["estimate"]
    out["se"] = result["se"] if len(result["se"]) else np.nan
    add_bounds(out, "estimate", level)
    out["n"] = np.asarray(result["rows"], dtype=np.int64)
    out["deff"] = result["deff"] if len(result.get("deff", ())) else np.nan
    out.attrs.update(
        statistic=result["statistic"],
        variable=result["variable"],
        variance=result["variance"],
        unit=UNITS[str(result["statistic"])],
        level=level,
        rows=np.asarray(result["rows"]),
        status=list(result["status"]),
        replicates_dropped=np.asarray(result["replicates_dropped"]),
    )
    return out


def _estimate(
    design: AnyDesign,
    statistic: str,
    numerator: str,
    denominator: Optional[str],
    by: Columns,
    where: Any,
    variance: Optional[str],
    progress: Optional[bool],
    keywords: EstimateKeywords,
) -> pd.DataFrame:
    o = EstimateOptions(**keywords)
    if not isinstance(design, Design):  # partitions: accumulate them, then estimate from the merged sums
        variables = [numerator] if denominator is None else [numerator, denominator]
        binary = [numerator] if statistic == "proportion" else []  # 0/1 checked inside where, as below
        acc = design._accumulate(variables, by, where, True, progress, binary)
        return acc._estimate(statistic, numerator, denominator, variance, progress, keywords)
    codes, labels, mask = design._domains(by, where, o.core_threads)
    num = (numerator, _numbers(design.data, numerator))
    den = (denominator, _numbers(design.data, denominator)) if denominator is not None else None
    method = default_variance(variance, design.has_replicates)
    if design._calibration is not None and method == "bootstrap":
        raise _core.InputError("the internal bootstrap does not recalibrate; calibrate a replicate-weight design")
    with _bar(progress) as bar:
        result = _core.micro_estimate(
            design._core,
            statistic,
            num,
            den,
            codes,
            len(labels),
            mask,
            method,
            *o.core(),
            Design._labels(labels),
            deff=o.deff,
            progress=bar,
            threads=o.core_threads,
            design_names=design._names,
        )
    if design._calibration is not None and method == "linearization":
        from ._calibrate import calibrated_se

        calibrated_se(design, statistic, num[1], den[1] if den else None, codes, mask, result, o.lonely_psu, o.deff)
    return _frame(result, labels, o.level)


def _bar(progress: Optional[bool]) -> ProgressBar:
    """The progress bar of an estimator's run: its pass over the rows, then its replicates. Without one
    (``progress=False``, or no one watching) the run still stops on Ctrl-C."""
    return ProgressBar("gendex: survey estimates", progress)


@example(SURVEY)
@sections(ESTIMATE_RETURNS)
def mean(
    design: AnyDesign,
    variable: str,
    by: Columns = None,
    where: Any = None,
    variance: Optional[str] = None,
    progress: Optional[bool] = None,
    **options: Unpack[EstimateKeywords],
) -> pd.DataFrame:
    """Domain means sum(w y) / sum(w) (R: ``svyby(~y, ~by, design, svymean)``).

    Examples
    --------
    >>> micro.mean(d, "y", by="sex")[["sex", "estimate", "se", "n"]].round(2)
       sex  estimate    se     n
    0    1     53.12  0.43  2529
    1    2     55.49  0.41  2471
    """
    return _estimate(design, "mean", variable, None, by, where, variance, progress, options)


@example(SURVEY)
@sections(ESTIMATE_RETURNS)
def proportion(
    design: AnyDesign,
    variable: str,
    by: Columns = None,
    where: Any = None,
    variance: Optional[str] = None,
    progress: Optional[bool] = None,
    **options: Unpack[EstimateKeywords],
) -> pd.DataFrame:
    """Domain proportions: the mean of a 0/1 variable (checked), as a fraction 0-1 (R: ``svymean``).

    Examples
    --------
    >>> micro.proportion(d, "in_lf", by="sex", where=df["age"] >= 15)[["sex", "estimate", "se", "n"]].round(3)
       sex  estimate     se     n
    0    1     0.597  0.018  2119
    1    2     0.808  0.011  2062
    """
    return _estimate(design, "proportion", variable, None, by, where, variance, progress, options)


@example(SURVEY)
@sections(ESTIMATE_RETURNS)
def total(
    design: AnyDesign,
    variable: str,
    by: Columns = None,
    where: Any = None,
    variance: Optional[str] = None,
    progress: Optional[bool] = None,
    **options: Unpack[EstimateKeywords],
) -> pd.DataFrame:
    """Domain totals sum(w y) (R: ``svyby(~y, ~by, design, svytotal)``).

    Examples
    --------
    >>> t = micro.total(d, "earnings", by="sex")
    >>> (t["estimate"] / 1e6).round(1).tolist(), (t["se"] / 1e6).round(1).tolist()
    ([1554.7, 2428.5], [134.9, 186.6])
    """
    return _estimate(design, "total", variable, None, by, where, variance, progress, options)


@example(SURVEY)
@sections(ESTIMATE_RETURNS)
def ratio(
    design: AnyDesign,
    numerator: str,
    denominator: str,
    by: Columns = None,
    where: Any = None,
    variance: Optional[str] = None,
    progress: Optional[bool] = None,
    **options: Unpack[EstimateKeywords],
) -> pd.DataFrame:
    """Domain ratios sum(w y) / sum(w x) (R: ``svyby(~y, ~by, design, svyratio, denominator = ~x)``).

    Examples
    --------
    >>> # earnings per person in the labour force
    >>> micro.ratio(d, "earnings", "in_lf", by="sex")[["sex", "estimate", "se"]].round(1)
       sex  estimate     se
    0    1    4964.2  122.2
    1    2    5974.1  129.0
    """
    return _estimate(design, "ratio", numerator, denominator, by, where, variance, progress, options)


@public_module("gendex.micro")
@example(ACCUMULATED)
class Accumulator:
    """Weighted sums by domain from one pass over the rows (:func:`accumulate`): several estimators
    from one pass, merge of partitions with the same domains, pickling. ``labels``: the domains'
    by-values, one row per domain.

    Examples
    --------
    >>> acc
    <gendex.micro.Accumulator: y, earnings, in_lf over 2 domains>
    """

    def __init__(
        self,
        core: _core.MicroAccumulator,
        labels: pd.DataFrame,
        has_replicates: bool,
        names: Optional[CodeNames] = None,
    ) -> None:
        self._core = core
        self.labels = labels
        self._has_replicates = has_replicates
        self._names = names if names is not None else CodeNames()  # the design's strata and PSUs, for messages

    @property
    def variables(self) -> list[str]:
        """The accumulated variables, in the order given."""
        return list(self._core.variables)

    def _estimate(
        self,
        statistic: str,
        numerator: str,
        denominator: Optional[str],
        variance: Optional[str],
        progress: Optional[bool],
        keywords: EstimateKeywords,
    ) -> pd.DataFrame:
        o = EstimateOptions(**keywords)
        v = default_variance(variance, self._has_replicates)
        with _bar(progress) as bar:
            result = self._core.estimate(
                statistic,
                numerator,
                denominator,
                v,
                *o.core(),
                Design._labels(self.labels),
                bar,
                deff=o.deff,
                design_names=self._names,
            )
        return _frame(result, self.labels, o.level)

    @example(ACCUMULATED)
    @sections(ESTIMATE_RETURNS, raises=ACCUMULATOR_RAISES)
    def mean(
        self,
        variable: str,
        variance: Optional[str] = None,
        progress: Optional[bool] = None,
        **options: Unpack[EstimateKeywords],
    ) -> pd.DataFrame:
        """Domain means from the sums (as :func:`mean`).

        Examples
        --------
        >>> acc.mean("y")[["sex", "estimate", "se"]].round(2)
           sex  estimate    se
        0    1     53.12  0.43
        1    2     55.49  0.41
        """
        return self._estimate("mean", variable, None, variance, progress, options)

    @example(ACCUMULATED)
    @sections(ESTIMATE_RETURNS, raises=ACCUMULATOR_RAISES)
    def proportion(
        self,
        variable: str,
        variance: Optional[str] = None,
        progress: Optional[bool] = None,
        **options: Unpack[EstimateKeywords],
    ) -> pd.DataFrame:
        """Domain proportions from the sums (as :func:`proportion`; the 0/1 check is the row-reading form's).

        Examples
        --------
        >>> acc.proportion("in_lf")["estimate"].round(3).tolist()
        [0.5, 0.671]
        """
        return self._estimate("proportion", variable, None, variance, progress, options)

    @example(ACCUMULATED)
    @sections(ESTIMATE_RETURNS, raises=ACCUMULATOR_RAISES)
    def total(
        self,
        variable: str,
        variance: Optional[str] = None,
        progress: Optional[bool] = None,
        **options: Unpack[EstimateKeywords],
    ) -> pd.DataFrame:
        """Domain totals from the sums (as :func:`total`).

        Examples
        --------
        >>> (acc.total("earnings")["estimate"] / 1e6).round(1).tolist()
        [1554.7, 2428.5]
        """
        return self._estimate("total", variable, None, variance, progress, options)

    @example(ACCUMULATED)
    @sections(ESTIMATE_RETURNS, raises=ACCUMULATOR_RAISES)
    def ratio(
        self,
        numerator: str,
        denominator: str,
        variance: Optional[str] = None,
        progress: Optional[bool] = None,
        **options: Unpack[EstimateKeywords],
    ) -> pd.DataFrame:
        """Domain ratios from the sums (as :func:`ratio`).

        Examples
        --------
        >>> acc.ratio("earnings", "in_lf")["estimate"].round(1).tolist()
        [4964.2, 5974.1]
        """
        return self._estimate("ratio", numerator, denominator, variance, progress, options)

    @example(SURVEY)
    def merge(self, other: Accumulator) -> Accumulator:
        """Add another partition's sums (same variables and domains); returns self.

        Parameters
        ----------
        other : Accumulator
            The sums of another partition, over the same domains and variables.

        Returns
        -------
        Accumulator
            ``self``, holding the sums of both.

        Raises
        ------
        gendex.InputError
            Different domains or variables, or sums whose PSU and stratum codes disagree.

        Examples
        --------
        >>> # two halves of the rows, as two partitions would give them
        >>> first = micro.accumulate(d, ["y"], where=df.index < 2500)
        >>> second = micro.accumulate(d, ["y"], where=df.index >= 2500)
        >>> first.merge(second).mean("y")[["estimate", "se"]].round(2)
           estimate   se
        0     54.29  0.4
        >>> micro.mean(d, "y")[["estimate", "se"]].round(2)
           estimate   se
        0     54.29  0.4
        """
        if not self.labels.equals(other.labels):
            raise _core.InputError("cannot merge accumulators over different domains")
        self._core.merge(other._core)
        return self

    @example(ACCUMULATED)
    def to_archive(self, format: str = "binary") -> bytes:
        """The sums as a Boost archive (what pickling and :mod:`gendex.dask` ship between processes).

        Parameters
        ----------
        format : {"binary", "text"}
            Boost's portable binary archive, or its text archive.

        Returns
        -------
        bytes
            The archive.

        Examples
        --------
        >>> import pickle
        >>> len(acc.to_archive()) > 0, pickle.loads(pickle.dumps(acc)) == acc
        (True, True)
        """
        return bytes(self._core.to_archive(format))

    def __getstate__(self) -> tuple[bytes, pd.DataFrame, bool, CodeNames]:
        return self.to_archive(), self.labels, self._has_replicates, self._names

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        data, self.labels, self._has_replicates = state[:3]
        self._names = state[3] if len(state) > 3 else CodeNames()  # pickled before the names were kept
        self._core = _core.MicroAccumulator.from_archive(data, "pickle")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Accumulator) and self.labels.equals(other.labels) and self._core == other._core

    def __repr__(self) -> str:
        return f"<gendex.micro.Accumulator: {', '.join(self.variables)} over {len(self.labels)} domains>"


@example(ACCUMULATED)
@sections(
    """Accumulator
    The weighted sums by domain; its ``mean``, ``proportion``, ``total`` and ``ratio`` estimate from them.""",
    """gendex.UnknownKeyError
    A column not in the data.
gendex.InputError
    A column that is not numeric, a value inside ``where`` that is not finite (naming the row), a
    ``where`` that is not one boolean per row, a linearised pass over a calibrated design without
    replicate weights.""",
    variables="""variables : sequence of str
    Numeric columns, finite for every row inside ``where``.""",
    progress="""progress : bool, optional
    A bar of the pass, or of the partitions of a :class:`gendex.dask.Design` (None: when a person is
    watching and the run takes over a second); Ctrl-C stops it either way.""",
)
def accumulate(
    design: AnyDesign,
    variables: Sequence[str],
    by: Columns = None,
    where: Any = None,
    linearization: bool = True,
    progress: Optional[bool] = None,
) -> Accumulator:
    """One pass over the rows for several variables; estimate them from the result.

    A calibrated design (:func:`calibrate`) needs replicate weights or ``linearization=False``: its
    linearised SEs need the rows.

    Examples
    --------
    >>> acc.mean("y")["estimate"].round(2).tolist()
    [53.12, 55.49]
    """
    if not isinstance(design, Design):
        return design._accumulate(variables, by, where, linearization, progress, [])
    if design._calibration is not None and linearization and not design.has_replicates:
        raise _core.InputError(
            "the linearised SEs of a calibrated design need the rows (the residuals on the calibration model): "
            "estimate with micro.mean, total, proportion or ratio on the design"
        )
    codes, labels, mask = design._domains(by, where)
    pairs: list[tuple[str, npt.ArrayLike]] = [(v, _numbers(design.data, v)) for v in variables]
    with ProgressBar("gendex: rows", progress) as bar:
        core = _core.micro_accumulate(design._core, pairs, codes, len(labels), mask, linearization, True, bar)
    return Accumulator(core, labels, design.has_replicates, design._names)
