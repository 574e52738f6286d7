"""Survey microdata: domain estimates with design-based standard errors.

pandas in, pandas out; the arithmetic is the C++ core's (``gendex::micro``),
which follows R's ``survey`` package (see docs/micro.md for formulas and the
R calls that give the same numbers)::

    from gendex import micro
    d = micro.Design(df, weight="weight", strata="stratum", psu="psu")
    micro.mean(d, "in_labour_force", by=["region", "sex"], where=df["age"] >= 15)
    micro.total(d, "earnings", by=["region", "sex"])
    micro.ratio(d, "earnings", "in_labour_force", by=["region", "sex"])

    r = micro.Design(df, weight="weight", replicate_weights=[f"rw{i}" for i in range(1, 81)],
                     replicate_type="JK1", mse=True)

Each estimator returns a DataFrame with the ``by`` columns, ``estimate`` and
``se``; ``DataFrame.attrs`` holds the sample ``rows``, the ``status`` of every
domain and, for replicate methods, ``replicates_dropped``.

Domains are the combinations of the ``by`` columns among the rows inside
``where`` (R: ``svyby(~y, ~by, subset(design, where), ...)``). Rows outside
``where`` stay in the design. PSU ids are nested in strata (R's ``nest=TRUE``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Optional, Union

import numpy as np
import pandas as pd

from . import _core

__all__ = ["Accumulator", "Design", "accumulate", "mean", "proportion", "ratio", "total"]

Columns = Union[str, Sequence[str], None]


def _names(by: Columns) -> list[str]:
    if by is None:
        return []
    if isinstance(by, str):
        return [by]
    return list(by)


def _column(df: pd.DataFrame, name: str) -> pd.Series:
    if name not in df.columns:
        raise _core.UnknownKeyError(f"column '{name}' is not in the data (columns: {', '.join(map(str, df.columns))})")
    return df[name]


def _factorize(column: pd.Series, what: str) -> tuple[np.ndarray, Any]:
    """Codes 0..k-1 in sorted order of the values, and the values; missing values are an error."""
    codes, uniques = pd.factorize(column, sort=True)
    if (codes < 0).any():
        row = int(np.flatnonzero(codes < 0)[0])
        raise _core.InputError(f"row {row}, column '{what}': missing value")
    return codes.astype(np.int64), uniques


def _keys(df: pd.DataFrame, names: list[str]) -> tuple[np.ndarray, list[Any]]:
    """One int64 key per row for several columns (mixed radix of their sorted codes), and each column's values."""
    key = np.zeros(len(df), dtype=np.int64)
    values = []
    for name in names:
        codes, uniques = _factorize(_column(df, name), name)
        key = key * max(len(uniques), 1) + codes
        values.append(uniques)
    return key, values


def _codes(df: pd.DataFrame, names: list[str]) -> np.ndarray:
    """Dense uint32 codes of the combinations of `names` (PSU ids nested in strata: [strata, psu])."""
    key, _ = _keys(df, names)
    return pd.factorize(key)[0].astype(np.uint32)


def _numbers(df: pd.DataFrame, name: str) -> np.ndarray:
    col = _column(df, name)
    try:
        return np.ascontiguousarray(col.to_numpy(dtype=np.float64, na_value=np.nan))
    except (TypeError, ValueError) as e:
        raise _core.InputError(f"column '{name}' is not numeric ({e})") from None


class Design:
    """A survey design over a DataFrame (``svydesign`` / ``svrepdesign``).

    ``weight``: column of sampling weights (finite, > 0). ``strata``: stratum
    column (None: one stratum). ``psu``: PSU column, ids nested in strata
    (None: every row is its own PSU). ``lonely_psu``: fail, remove, adjust,
    certainty or average (R's ``survey.lonely.psu``). ``replicate_weights``:
    column names, or a rows x replicates array; ``replicate_type`` bootstrap,
    subbootstrap, JK1, BRR, Fay or other, with ``scale``, ``rscales``, ``rho``
    (Fay), ``mse`` and ``combined_weights`` as in R's ``svrepdesign``.
    The DataFrame is held by reference: do not change it while the design lives.
    """

    def __init__(self, df: pd.DataFrame, weight: str, strata: Optional[str] = None, psu: Optional[str] = None,
                 replicate_weights: Union[Sequence[str], np.ndarray, None] = None,
                 replicate_type: str = "bootstrap", scale: Optional[float] = None,
                 rscales: Union[float, Sequence[float], None] = None, rho: float = 0.0, mse: bool = False,
                 combined_weights: bool = True, lonely_psu: str = "fail") -> None:
        self.data = df
        self.weight = weight
        self.strata = strata
        self.psu = psu
        strata_codes = _codes(df, [strata]) if strata is not None else None
        psu_codes = None
        if psu is not None:
            psu_codes = _codes(df, [psu] if strata is None else [strata, psu])
        reps: Any = None
        if replicate_weights is not None:
            if isinstance(replicate_weights, np.ndarray):
                reps = np.ascontiguousarray(replicate_weights, dtype=np.float64)
            else:
                reps = [_numbers(df, c) for c in replicate_weights]
        if rscales is None:
            rs: list[float] = []
        elif np.isscalar(rscales):
            rs = [float(rscales)]  # type: ignore[arg-type]
        else:
            rs = [float(x) for x in rscales]  # type: ignore[union-attr]
        self._weights = _numbers(df, weight)
        self._by_cache: Optional[tuple[list[str], list[Any], np.ndarray, np.ndarray]] = None
        self._core = _core.MicroDesign(self._weights, strata_codes, psu_codes, lonely_psu, reps, replicate_type,
                                       scale, rs, rho, mse, combined_weights)

    @property
    def has_replicates(self) -> bool:
        return bool(self._core.has_replicates)

    def __len__(self) -> int:
        return int(self._core.rows)

    def __repr__(self) -> str:
        kind = "replicate weights" if self.has_replicates else "linearisation"
        return (f"<gendex.micro.Design: {len(self)} rows, {self._core.strata_count} strata, "
                f"{self._core.psu_count} PSUs, {kind}>")

    # -- domains -------------------------------------------------------------

    def _domains(self, by: Columns, where: Any) -> tuple[np.ndarray, pd.DataFrame, Optional[np.ndarray]]:
        """Domain code of every row, the domains' by-values, and the row filter."""
        n = len(self.data)
        mask = None
        if where is not None:
            w = where.to_numpy() if isinstance(where, pd.Series) else np.asarray(where)
            if w.shape != (n,):
                raise _core.InputError(f"'where' has shape {w.shape}, the data has {n} rows")
            if w.dtype != bool:
                raise _core.InputError("'where' must be boolean (e.g. df['age'] >= 15)")
            mask = np.ascontiguousarray(w, dtype=np.uint8)
        names = _names(by)
        if not names:
            return np.zeros(n, dtype=np.uint32), pd.DataFrame(index=range(1)), mask
        if self._by_cache is None or self._by_cache[0] != names:
            key, values = _keys(self.data, names)
            rows, keys = pd.factorize(key)  # hashing, O(rows)
            self._by_cache = (names, values, rows, keys)
        _, values, rows, keys = self._by_cache
        present = np.zeros(len(keys), dtype=bool)
        present[rows if mask is None else rows[mask.astype(bool)]] = True
        order = np.flatnonzero(present)[np.argsort(keys[present], kind="stable")]  # domains in sorted key order
        dense = np.zeros(len(keys), dtype=np.uint32)  # rows outside 'where' without a domain inside: any code
        dense[order] = np.arange(len(order), dtype=np.uint32)
        codes = dense[rows]
        levels = keys[order]
        labels = pd.DataFrame(index=range(len(levels)))
        rest = levels
        for name, vals in zip(reversed(names), reversed(values)):  # decode the mixed radix
            radix = max(len(vals), 1)
            labels[name] = np.asarray(vals)[rest % radix]
            rest = rest // radix
        labels = labels[names]
        return codes.astype(np.uint32), labels, mask

    @staticmethod
    def _labels(labels: pd.DataFrame) -> list[str]:
        if labels.shape[1] == 0:
            return ["all rows"]
        return [", ".join(f"{c}={v}" for c, v in zip(labels.columns, row)) for row in labels.itertuples(index=False)]

    def _variance(self, variance: Optional[str]) -> str:
        if variance is None:
            return "replicates" if self.has_replicates else "linearization"
        return variance


def _frame(result: dict[str, Any], labels: pd.DataFrame) -> pd.DataFrame:
    out = labels.copy()
    out["estimate"] = result["estimate"]
    out["se"] = result["se"] if len(result["se"]) else np.nan
    out.attrs.update(statistic=result["statistic"], variable=result["variable"], variance=result["variance"],
                     rows=np.asarray(result["rows"]), status=list(result["status"]),
                     replicates_dropped=np.asarray(result["replicates_dropped"]))
    return out


def _estimate(design: Design, statistic: str, numerator: str, denominator: Optional[str], by: Columns, where: Any,
              variance: Optional[str], lonely_psu: Optional[str], empty: str, replicates: int, seed: int,
              bootstrap_mse: bool) -> pd.DataFrame:
    codes, labels, mask = design._domains(by, where)
    num = (numerator, _numbers(design.data, numerator))
    den = (denominator, _numbers(design.data, denominator)) if denominator is not None else None
    result = _core.micro_estimate(design._core, statistic, num, den, codes, len(labels), mask,
                                  design._variance(variance), lonely_psu, empty, replicates, seed, bootstrap_mse,
                                  Design._labels(labels))
    return _frame(result, labels)


def mean(design: Design, variable: str, by: Columns = None, where: Any = None, variance: Optional[str] = None,
         lonely_psu: Optional[str] = None, empty: str = "error", replicates: int = 100, seed: int = 1,
         bootstrap_mse: bool = False) -> pd.DataFrame:
    """Domain means sum(w y) / sum(w) (R: ``svyby(~y, ~by, design, svymean)``).

    ``variance``: None (replicates when the design has replicate weights, else
    linearisation), "linearization", "replicates", "bootstrap" (internal
    Rao-Wu, ``replicates`` and ``seed``) or "none". ``empty``: "error" or
    "no_estimate" for domains without an estimate or standard error.
    """
    return _estimate(design, "mean", variable, None, by, where, variance, lonely_psu, empty, replicates, seed,
                     bootstrap_mse)


def proportion(design: Design, variable: str, by: Columns = None, where: Any = None, variance: Optional[str] = None,
               lonely_psu: Optional[str] = None, empty: str = "error", replicates: int = 100, seed: int = 1,
               bootstrap_mse: bool = False) -> pd.DataFrame:
    """Domain proportions: the mean of a 0/1 variable (checked) (R: ``svymean``)."""
    return _estimate(design, "proportion", variable, None, by, where, variance, lonely_psu, empty, replicates, seed,
                     bootstrap_mse)


def total(design: Design, variable: str, by: Columns = None, where: Any = None, variance: Optional[str] = None,
          lonely_psu: Optional[str] = None, empty: str = "error", replicates: int = 100, seed: int = 1,
          bootstrap_mse: bool = False) -> pd.DataFrame:
    """Domain totals sum(w y) (R: ``svyby(~y, ~by, design, svytotal)``)."""
    return _estimate(design, "total", variable, None, by, where, variance, lonely_psu, empty, replicates, seed,
                     bootstrap_mse)


def ratio(design: Design, numerator: str, denominator: str, by: Columns = None, where: Any = None,
          variance: Optional[str] = None, lonely_psu: Optional[str] = None, empty: str = "error",
          replicates: int = 100, seed: int = 1, bootstrap_mse: bool = False) -> pd.DataFrame:
    """Domain ratios sum(w y) / sum(w x) (R: ``svyby(~y, ~by, design, svyratio, denominator = ~x)``)."""
    return _estimate(design, "ratio", numerator, denominator, by, where, variance, lonely_psu, empty, replicates,
                     seed, bootstrap_mse)


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

    def _estimate(self, statistic: str, numerator: str, denominator: Optional[str], variance: Optional[str],
                  lonely_psu: Optional[str], empty: str, replicates: int, seed: int,
                  bootstrap_mse: bool) -> pd.DataFrame:
        if variance is None:
            variance = "replicates" if self._has_replicates else "linearization"
        result = self._core.estimate(statistic, numerator, denominator, variance, lonely_psu, empty, replicates,
                                     seed, bootstrap_mse, Design._labels(self.labels))
        return _frame(result, self.labels)

    def mean(self, variable: str, variance: Optional[str] = None, lonely_psu: Optional[str] = None,
             empty: str = "error", replicates: int = 100, seed: int = 1, bootstrap_mse: bool = False) -> pd.DataFrame:
        return self._estimate("mean", variable, None, variance, lonely_psu, empty, replicates, seed, bootstrap_mse)

    def proportion(self, variable: str, variance: Optional[str] = None, lonely_psu: Optional[str] = None,
                   empty: str = "error", replicates: int = 100, seed: int = 1,
                   bootstrap_mse: bool = False) -> pd.DataFrame:
        return self._estimate("proportion", variable, None, variance, lonely_psu, empty, replicates, seed,
                              bootstrap_mse)

    def total(self, variable: str, variance: Optional[str] = None, lonely_psu: Optional[str] = None,
              empty: str = "error", replicates: int = 100, seed: int = 1, bootstrap_mse: bool = False) -> pd.DataFrame:
        return self._estimate("total", variable, None, variance, lonely_psu, empty, replicates, seed, bootstrap_mse)

    def ratio(self, numerator: str, denominator: str, variance: Optional[str] = None,
              lonely_psu: Optional[str] = None, empty: str = "error", replicates: int = 100, seed: int = 1,
              bootstrap_mse: bool = False) -> pd.DataFrame:
        return self._estimate("ratio", numerator, denominator, variance, lonely_psu, empty, replicates, seed,
                              bootstrap_mse)

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


def accumulate(design: Design, variables: Sequence[str], by: Columns = None, where: Any = None,
               linearization: bool = True) -> Accumulator:
    """One pass over the rows for several variables; estimate from the result."""
    codes, labels, mask = design._domains(by, where)
    pairs = [(v, _numbers(design.data, v)) for v in variables]
    core = _core.micro_accumulate(design._core, pairs, codes, len(labels), mask, linearization, True)
    return Accumulator(core, labels, design.has_replicates)
