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
    Columns,
    Design,
    EstimateKeywords,
    EstimateOptions,
    _numbers,
    add_bounds,
    default_variance,
)

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
    """By-columns, ``estimate``, ``se``, ``lower``, ``upper`` (normal, at ``level``) and ``n`` (sample rows)."""
    out = labels.copy()
    out["estimate"] = result["estimate"]
    out["se"] = result["se"] if len(result["se"]) else np.nan
    add_bounds(out, "estimate", level)
    out["n"] = np.asarray(result["rows"], dtype=np.int64)
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
    keywords: EstimateKeywords,
) -> pd.DataFrame:
    o = EstimateOptions(**keywords)
    if not isinstance(design, Design):  # partitions: accumulate them, then estimate from the merged sums
        variables = [numerator] if denominator is None else [numerator, denominator]
        binary = [numerator] if statistic == "proportion" else []  # 0/1 checked inside where, as below
        acc = design._accumulate(variables, by, where, True, None, binary)
        return acc._estimate(statistic, numerator, denominator, variance, keywords)
    codes, labels, mask = design._domains(by, where)
    num = (numerator, _numbers(design.data, numerator))
    den = (denominator, _numbers(design.data, denominator)) if denominator is not None else None
    result = _core.micro_estimate(
        design._core,
        statistic,
        num,
        den,
        codes,
        len(labels),
        mask,
        default_variance(variance, design.has_replicates),
        *o.core(),
        Design._labels(labels),
    )
    return _frame(result, labels, o.level)


def mean(
    design: AnyDesign,
    variable: str,
    by: Columns = None,
    where: Any = None,
    variance: Optional[str] = None,
    **options: Unpack[EstimateKeywords],
) -> pd.DataFrame:
    """Domain means sum(w y) / sum(w) (R: ``svyby(~y, ~by, design, svymean)``).

    ``by``: column name(s) of the domains; ``where``: a boolean row filter (rows outside stay in the design).
    ``variance``: None (replicates when the design has replicate weights, else
    linearisation), "linearization", "replicates", "bootstrap" (internal
    Rao-Wu) or "none". ``options``: :class:`EstimateKeywords` (``lonely_psu``,
    ``empty``, ``replicates``, ``seed``, ``bootstrap_mse``, ``level``).

    Returns one row per domain: the by-columns, ``estimate``, ``se``, ``lower``
    and ``upper`` (normal bounds at ``level``, as R's ``confint`` on ``svyby``)
    and ``n`` (sample rows of the domain inside ``where``); ``attrs`` holds
    ``unit``, ``level``, ``status`` and ``replicates_dropped``.
    """
    return _estimate(design, "mean", variable, None, by, where, variance, options)


def proportion(
    design: AnyDesign,
    variable: str,
    by: Columns = None,
    where: Any = None,
    variance: Optional[str] = None,
    **options: Unpack[EstimateKeywords],
) -> pd.DataFrame:
    """Domain proportions: the mean of a 0/1 variable (checked), as a fraction 0-1 (R: ``svymean``).

    Arguments and columns as :func:`mean`.
    """
    return _estimate(design, "proportion", variable, None, by, where, variance, options)


def total(
    design: AnyDesign,
    variable: str,
    by: Columns = None,
    where: Any = None,
    variance: Optional[str] = None,
    **options: Unpack[EstimateKeywords],
) -> pd.DataFrame:
    """Domain totals sum(w y) (R: ``svyby(~y, ~by, design, svytotal)``). Arguments and columns as :func:`mean`."""
    return _estimate(design, "total", variable, None, by, where, variance, options)


def ratio(
    design: AnyDesign,
    numerator: str,
    denominator: str,
    by: Columns = None,
    where: Any = None,
    variance: Optional[str] = None,
    **options: Unpack[EstimateKeywords],
) -> pd.DataFrame:
    """Domain ratios sum(w y) / sum(w x) (R: ``svyby(~y, ~by, design, svyratio, denominator = ~x)``).

    Arguments and columns as :func:`mean`.
    """
    return _estimate(design, "ratio", numerator, denominator, by, where, variance, options)


@public_module("gendex.micro")
class Accumulator:
    """Weighted sums by domain from one pass over the rows: several estimators
    from one pass, merge of partitions with the same domains, pickling."""

    def __init__(self, core: _core.MicroAccumulator, labels: pd.DataFrame, has_replicates: bool) -> None:
        self._core = core
        self.labels = labels
        self._has_replicates = has_replicates

    @property
    def variables(self) -> list[str]:
        return list(self._core.variables)

    def _estimate(
        self,
        statistic: str,
        numerator: str,
        denominator: Optional[str],
        variance: Optional[str],
        keywords: EstimateKeywords,
    ) -> pd.DataFrame:
        o = EstimateOptions(**keywords)
        result = self._core.estimate(
            statistic,
            numerator,
            denominator,
            default_variance(variance, self._has_replicates),
            *o.core(),
            Design._labels(self.labels),
        )
        return _frame(result, self.labels, o.level)

    def mean(self, variable: str, variance: Optional[str] = None, **options: Unpack[EstimateKeywords]) -> pd.DataFrame:
        """Domain means from the sums (as :func:`mean`)."""
        return self._estimate("mean", variable, None, variance, options)

    def proportion(
        self, variable: str, variance: Optional[str] = None, **options: Unpack[EstimateKeywords]
    ) -> pd.DataFrame:
        """Domain proportions from the sums (as :func:`proportion`; the 0/1 check is the row-reading form's)."""
        return self._estimate("proportion", variable, None, variance, options)

    def total(self, variable: str, variance: Optional[str] = None, **options: Unpack[EstimateKeywords]) -> pd.DataFrame:
        """Domain totals from the sums (as :func:`total`)."""
        return self._estimate("total", variable, None, variance, options)

    def ratio(
        self, numerator: str, denominator: str, variance: Optional[str] = None, **options: Unpack[EstimateKeywords]
    ) -> pd.DataFrame:
        """Domain ratios from the sums (as :func:`ratio`)."""
        return self._estimate("ratio", numerator, denominator, variance, options)

    def merge(self, other: Accumulator) -> Accumulator:
        """Add another partition's sums (same variables and domains); returns self."""
        if not self.labels.equals(other.labels):
            raise _core.InputError("cannot merge accumulators over different domains")
        self._core.merge(other._core)
        return self

    def to_archive(self, format: str = "binary") -> bytes:
        return bytes(self._core.to_archive(format))

    def __getstate__(self) -> tuple[bytes, pd.DataFrame, bool]:
        return self.to_archive(), self.labels, self._has_replicates

    def __setstate__(self, state: tuple[bytes, pd.DataFrame, bool]) -> None:
        data, self.labels, self._has_replicates = state
        self._core = _core.MicroAccumulator.from_archive(data, "pickle")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Accumulator) and self.labels.equals(other.labels) and self._core == other._core

    def __repr__(self) -> str:
        return f"<gendex.micro.Accumulator: {', '.join(self.variables)} over {len(self.labels)} domains>"


def accumulate(
    design: AnyDesign,
    variables: Sequence[str],
    by: Columns = None,
    where: Any = None,
    linearization: bool = True,
    progress: Optional[bool] = None,
) -> Accumulator:
    """One pass over the rows for several variables; estimate from the result (``progress``: a bar while
    the partitions of a :class:`gendex.dask.Design` run; an in-memory pass has none)."""
    if not isinstance(design, Design):
        return design._accumulate(variables, by, where, linearization, progress, [])
    codes, labels, mask = design._domains(by, where)
    pairs: list[tuple[str, npt.ArrayLike]] = [(v, _numbers(design.data, v)) for v in variables]
    core = _core.micro_accumulate(design._core, pairs, codes, len(labels), mask, linearization, True)
    return Accumulator(core, labels, design.has_replicates)
