"""Survey designs over pandas frames (``svydesign`` / ``svrepdesign``) and the coding of their columns."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Optional, Union

import numpy as np
import pandas as pd

from gendex import _core
from gendex._common import public_module

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
        raise _core.located_error("InputError", "missing value", row=row, column=what)
    return codes.astype(np.int64), uniques


#: Largest key before the mixed radix is renumbered densely (keeps key * radix + code in int64).
_KEY_LIMIT = np.iinfo(np.int64).max


def _keys(df: pd.DataFrame, names: list[str]) -> tuple[np.ndarray, list[np.ndarray], list[Any]]:
    """One int64 key per row for several columns, ordered as the tuples of their sorted values, with each
    column's codes and values. The key is a mixed radix of the sorted codes, renumbered densely (order kept)
    whenever the next column would take it past int64, so no number of columns or levels can wrap it."""
    key = np.zeros(len(df), dtype=np.int64)
    codes_by_column, values = [], []
    for name in names:
        codes, uniques = _factorize(_column(df, name), name)
        radix = max(len(uniques), 1)
        if len(key) and (int(key.max()) + 1) > _KEY_LIMIT // radix:
            key = pd.factorize(key, sort=True)[0].astype(np.int64)  # < rows, and rows * radix fits
        key = key * radix + codes
        codes_by_column.append(codes)
        values.append(uniques)
    return key, codes_by_column, values


def _codes(df: pd.DataFrame, names: list[str]) -> np.ndarray:
    """Dense uint32 codes of the combinations of `names` (PSU ids nested in strata: [strata, psu]), numbered
    in sorted order of the values, so the codes (and bootstrap draws) do not depend on row order."""
    key, _, _ = _keys(df, names)
    return pd.factorize(key, sort=True)[0].astype(np.uint32)


def _aligned(where: pd.Series, index: pd.Index) -> pd.Series:
    """A boolean mask Series put in the data's row order by its labels, as pandas aligns; refused when its
    labels are not exactly the data's."""
    if where.index.equals(index):
        return where
    if (
        where.index.has_duplicates
        or index.has_duplicates
        or len(where) != len(index)
        or not where.index.isin(index).all()
    ):
        raise _core.InputError("'where' has an index that differs from the data's (align it, or pass a numpy array)")
    return where.reindex(index)


def _numbers(df: pd.DataFrame, name: str) -> np.ndarray:
    col = _column(df, name)
    try:
        return np.ascontiguousarray(col.to_numpy(dtype=np.float64, na_value=np.nan))
    except (TypeError, ValueError) as e:
        raise _core.InputError(f"column '{name}' is not numeric ({e})") from None


@public_module("gendex.micro")
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

    def __init__(
        self,
        df: pd.DataFrame,
        weight: str,
        strata: Optional[str] = None,
        psu: Optional[str] = None,
        replicate_weights: Union[Sequence[str], np.ndarray, None] = None,
        replicate_type: str = "bootstrap",
        scale: Optional[float] = None,
        rscales: Union[float, Sequence[float], None] = None,
        rho: float = 0.0,
        mse: bool = False,
        combined_weights: bool = True,
        lonely_psu: str = "fail",
    ) -> None:
        strata_codes = _codes(df, [strata]) if strata is not None else None
        psu_codes = None
        if psu is not None:
            psu_codes = _codes(df, [psu] if strata is None else [strata, psu])
        self._build(
            df,
            weight,
            strata,
            psu,
            strata_codes,
            psu_codes,
            replicate_weights,
            replicate_type,
            scale,
            rscales,
            rho,
            mse,
            combined_weights,
            lonely_psu,
        )

    @classmethod
    def _from_codes(
        cls,
        df: pd.DataFrame,
        weight: str,
        strata: Optional[str],
        psu: Optional[str],
        strata_codes: Optional[np.ndarray],
        psu_codes: Optional[np.ndarray],
        **replicate: Any,
    ) -> Design:
        """A design over ``df`` with strata and PSU codes made elsewhere (the global codes of a partition)."""
        out = cls.__new__(cls)
        out._build(
            df,
            weight,
            strata,
            psu,
            strata_codes,
            psu_codes,
            replicate.get("replicate_weights"),
            replicate.get("replicate_type", "bootstrap"),
            replicate.get("scale"),
            replicate.get("rscales"),
            replicate.get("rho", 0.0),
            replicate.get("mse", False),
            replicate.get("combined_weights", True),
            replicate.get("lonely_psu", "fail"),
        )
        return out

    def _build(
        self,
        df: pd.DataFrame,
        weight: str,
        strata: Optional[str],
        psu: Optional[str],
        strata_codes: Optional[np.ndarray],
        psu_codes: Optional[np.ndarray],
        replicate_weights: Union[Sequence[str], np.ndarray, None],
        replicate_type: str,
        scale: Optional[float],
        rscales: Union[float, Sequence[float], None],
        rho: float,
        mse: bool,
        combined_weights: bool,
        lonely_psu: str,
    ) -> None:
        self.data = df
        self.weight = weight
        self.strata = strata
        self.psu = psu
        reps: Any = None
        if replicate_weights is not None:
            if isinstance(replicate_weights, np.ndarray):
                reps = np.ascontiguousarray(replicate_weights, dtype=np.float64)
            else:
                reps = [_numbers(df, c) for c in replicate_weights]
        if rscales is None:
            rs: list[float] = []
        elif isinstance(rscales, (int, float, np.generic)):
            rs = [float(rscales)]
        else:
            rs = [float(x) for x in rscales]
        self._weights = _numbers(df, weight)
        # by-column names, codes of each key per column, values per column, key code per row, keys
        self._by_cache: Optional[tuple[list[str], list[np.ndarray], list[Any], np.ndarray, np.ndarray]] = None
        self._core = _core.MicroDesign(
            self._weights,
            strata_codes,
            psu_codes,
            lonely_psu,
            reps,
            replicate_type,
            scale,
            rs,
            rho,
            mse,
            combined_weights,
        )

    @property
    def has_replicates(self) -> bool:
        return bool(self._core.has_replicates)

    def __len__(self) -> int:
        return int(self._core.rows)

    def __repr__(self) -> str:
        kind = "replicate weights" if self.has_replicates else "linearisation"
        return (
            f"<gendex.micro.Design: {len(self)} rows, {self._core.strata_count} strata, "
            f"{self._core.psu_count} PSUs, {kind}>"
        )

    # -- domains -------------------------------------------------------------

    def _domains(self, by: Columns, where: Any) -> tuple[np.ndarray, pd.DataFrame, Optional[np.ndarray]]:
        """Domain code of every row, the domains' by-values, and the row filter."""
        n = len(self.data)
        mask = None
        if where is not None:
            w = _aligned(where, self.data.index).to_numpy() if isinstance(where, pd.Series) else np.asarray(where)
            if w.shape != (n,):
                raise _core.InputError(f"'where' has shape {w.shape}, the data has {n} rows")
            if w.dtype != bool:
                raise _core.InputError("'where' must be boolean (e.g. df['age'] >= 15)")
            mask = np.ascontiguousarray(w, dtype=np.uint8)
        names = _names(by)
        if not names:
            return np.zeros(n, dtype=np.uint32), pd.DataFrame(index=range(1)), mask
        if self._by_cache is None or self._by_cache[0] != names:
            key, column_codes, values = _keys(self.data, names)
            rows, keys = pd.factorize(key)  # hashing, O(rows)
            first = np.unique(rows, return_index=True)[1]  # the first row of each key, to read its by-values
            self._by_cache = (names, [c[first] for c in column_codes], values, rows, keys)
        _, key_codes, values, rows, keys = self._by_cache
        present = np.zeros(len(keys), dtype=bool)
        present[rows if mask is None else rows[mask.astype(bool)]] = True
        order = np.flatnonzero(present)[np.argsort(keys[present], kind="stable")]  # domains in sorted key order
        dense = np.zeros(len(keys), dtype=np.uint32)  # rows outside 'where' without a domain inside: any code
        dense[order] = np.arange(len(order), dtype=np.uint32)
        codes = dense[rows]
        levels = keys[order]
        labels = pd.DataFrame(index=range(len(levels)))
        for name, codes_of_key, vals in zip(names, key_codes, values):
            labels[name] = np.asarray(vals)[codes_of_key[order]]
        return codes.astype(np.uint32), labels, mask

    @staticmethod
    def _labels(labels: pd.DataFrame) -> list[str]:
        if labels.shape[1] == 0:
            return ["all rows"]
        return [", ".join(f"{c}={v}" for c, v in zip(labels.columns, row)) for row in labels.itertuples(index=False)]


def default_variance(variance: Optional[str], has_replicates: bool, index: bool = False) -> str:
    """The variance method to use: ``variance`` when given, else the design's replicate weights when it has
    them, else linearisation (for an index, which has no linearisation here: the internal bootstrap)."""
    if variance is not None:
        return variance
    if has_replicates:
        return "replicates"
    return "bootstrap" if index else "linearization"


def _region_names(regions: Sequence[Any]) -> list[str]:
    return [str(r) for r in regions]
