"""Domain estimators (mean, proportion, total, ratio) and their one-pass accumulator."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Optional

import numpy as np
import numpy.typing as npt
import pandas as pd

from gendex import _core
from gendex._common import public_module

from ._design import Columns, Design, _numbers, default_variance


def _frame(result: dict[str, Any], labels: pd.DataFrame) -> pd.DataFrame:
    out = labels.copy()
    out["estimate"] = result["estimate"]
    out["se"] = result["se"] if len(result["se"]) else np.nan
    out.attrs.update(
        statistic=result["statistic"],
        variable=result["variable"],
        variance=result["variance"],
        rows=np.asarray(result["rows"]),
        status=list(result["status"]),
        replicates_dropped=np.asarray(result["replicates_dropped"]),
    )
    return out


def _estimate(
    design: Design,
    statistic: str,
    numerator: str,
    denominator: Optional[str],
    by: Columns,
    where: Any,
    variance: Optional[str],
    lonely_psu: Optional[str],
    empty: str,
    replicates: int,
    seed: int,
    bootstrap_mse: bool,
) -> pd.DataFrame:
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
        lonely_psu,
        empty,
        replicates,
        seed,
        bootstrap_mse,
        Design._labels(labels),
    )
    return _frame(result, labels)


def mean(
    design: Design,
    variable: str,
    by: Columns = None,
    where: Any = None,
    variance: Optional[str] = None,
    lonely_psu: Optional[str] = None,
    empty: str = "error",
    replicates: int = 100,
    seed: int = 1,
    bootstrap_mse: bool = False,
) -> pd.DataFrame:
    """Domain means sum(w y) / sum(w) (R: ``svyby(~y, ~by, design, svymean)``).

    ``variance``: None (replicates when the design has replicate weights, else
    linearisation), "linearization", "replicates", "bootstrap" (internal
    Rao-Wu, ``replicates`` and ``seed``) or "none". ``empty``: "error" or
    "no_estimate" for domains without an estimate or standard error.
    """
    return _estimate(
        design, "mean", variable, None, by, where, variance, lonely_psu, empty, replicates, seed, bootstrap_mse
    )


def proportion(
    design: Design,
    variable: str,
    by: Columns = None,
    where: Any = None,
    variance: Optional[str] = None,
    lonely_psu: Optional[str] = None,
    empty: str = "error",
    replicates: int = 100,
    seed: int = 1,
    bootstrap_mse: bool = False,
) -> pd.DataFrame:
    """Domain proportions: the mean of a 0/1 variable (checked) (R: ``svymean``)."""
    return _estimate(
        design, "proportion", variable, None, by, where, variance, lonely_psu, empty, replicates, seed, bootstrap_mse
    )


def total(
    design: Design,
    variable: str,
    by: Columns = None,
    where: Any = None,
    variance: Optional[str] = None,
    lonely_psu: Optional[str] = None,
    empty: str = "error",
    replicates: int = 100,
    seed: int = 1,
    bootstrap_mse: bool = False,
) -> pd.DataFrame:
    """Domain totals sum(w y) (R: ``svyby(~y, ~by, design, svytotal)``)."""
    return _estimate(
        design, "total", variable, None, by, where, variance, lonely_psu, empty, replicates, seed, bootstrap_mse
    )


def ratio(
    design: Design,
    numerator: str,
    denominator: str,
    by: Columns = None,
    where: Any = None,
    variance: Optional[str] = None,
    lonely_psu: Optional[str] = None,
    empty: str = "error",
    replicates: int = 100,
    seed: int = 1,
    bootstrap_mse: bool = False,
) -> pd.DataFrame:
    """Domain ratios sum(w y) / sum(w x) (R: ``svyby(~y, ~by, design, svyratio, denominator = ~x)``)."""
    return _estimate(
        design, "ratio", numerator, denominator, by, where, variance, lonely_psu, empty, replicates, seed, bootstrap_mse
    )


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
        lonely_psu: Optional[str],
        empty: str,
        replicates: int,
        seed: int,
        bootstrap_mse: bool,
    ) -> pd.DataFrame:
        result = self._core.estimate(
            statistic,
            numerator,
            denominator,
            default_variance(variance, self._has_replicates),
            lonely_psu,
            empty,
            replicates,
            seed,
            bootstrap_mse,
            Design._labels(self.labels),
        )
        return _frame(result, self.labels)

    def mean(
        self,
        variable: str,
        variance: Optional[str] = None,
        lonely_psu: Optional[str] = None,
        empty: str = "error",
        replicates: int = 100,
        seed: int = 1,
        bootstrap_mse: bool = False,
    ) -> pd.DataFrame:
        return self._estimate("mean", variable, None, variance, lonely_psu, empty, replicates, seed, bootstrap_mse)

    def proportion(
        self,
        variable: str,
        variance: Optional[str] = None,
        lonely_psu: Optional[str] = None,
        empty: str = "error",
        replicates: int = 100,
        seed: int = 1,
        bootstrap_mse: bool = False,
    ) -> pd.DataFrame:
        return self._estimate(
            "proportion", variable, None, variance, lonely_psu, empty, replicates, seed, bootstrap_mse
        )

    def total(
        self,
        variable: str,
        variance: Optional[str] = None,
        lonely_psu: Optional[str] = None,
        empty: str = "error",
        replicates: int = 100,
        seed: int = 1,
        bootstrap_mse: bool = False,
    ) -> pd.DataFrame:
        return self._estimate("total", variable, None, variance, lonely_psu, empty, replicates, seed, bootstrap_mse)

    def ratio(
        self,
        numerator: str,
        denominator: str,
        variance: Optional[str] = None,
        lonely_psu: Optional[str] = None,
        empty: str = "error",
        replicates: int = 100,
        seed: int = 1,
        bootstrap_mse: bool = False,
    ) -> pd.DataFrame:
        return self._estimate(
            "ratio", numerator, denominator, variance, lonely_psu, empty, replicates, seed, bootstrap_mse
        )

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
    design: Design, variables: Sequence[str], by: Columns = None, where: Any = None, linearization: bool = True
) -> Accumulator:
    """One pass over the rows for several variables; estimate from the result."""
    codes, labels, mask = design._domains(by, where)
    pairs: list[tuple[str, npt.ArrayLike]] = [(v, _numbers(design.data, v)) for v in variables]
    core = _core.micro_accumulate(design._core, pairs, codes, len(labels), mask, linearization, True)
    return Accumulator(core, labels, design.has_replicates)
