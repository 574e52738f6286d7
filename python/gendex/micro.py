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

    # The standard index inputs by region x sex (a gendex.Dataset with se), and index uncertainty:
    ds = micro.index_inputs(d, 2023, region="region", sex="sex", age="age", schooling="years",
                            secondary_threshold=7, labour_force="in_labour_force", earnings="earnings")
    u = micro.index_uncertainty(d, "gii", given={"maternal_mortality": 177, "adolescent_birth_rate": 26.6,
                                                 "parliament_share": 21.0}, period=2023, age="age",
                                education="years", secondary_threshold=7, labour_force="in_labour_force")
    u.frame   # region, indicator, sex, estimate, se, lower, upper (normal, level=0.95)

Each estimator returns a DataFrame with the ``by`` columns, ``estimate`` and
``se``; ``DataFrame.attrs`` holds the sample ``rows``, the ``status`` of every
domain and, for replicate methods, ``replicates_dropped``.

Domains are the combinations of the ``by`` columns among the rows inside
``where`` (R: ``svyby(~y, ~by, subset(design, where), ...)``). Rows outside
``where`` stay in the design. PSU ids are nested in strata (R's ``nest=TRUE``).
"""

from __future__ import annotations

import html
import sys
import time
from collections.abc import Mapping, Sequence
from statistics import NormalDist
from typing import Any, Optional, Union

import numpy as np
import pandas as pd

from . import _core

__all__ = [
    "Accumulator",
    "Design",
    "IndexInputAccumulator",
    "IndexUncertainty",
    "accumulate",
    "accumulate_index_inputs",
    "index_change",
    "index_inputs",
    "index_uncertainty",
    "mean",
    "proportion",
    "ratio",
    "total",
]

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
        elif np.isscalar(rscales):
            rs = [float(rscales)]  # type: ignore[arg-type]
        else:
            rs = [float(x) for x in rscales]  # type: ignore[union-attr]
        self._weights = _numbers(df, weight)
        self._by_cache: Optional[tuple[list[str], list[Any], np.ndarray, np.ndarray]] = None
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
        design._variance(variance),
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
        if variance is None:
            variance = "replicates" if self._has_replicates else "linearization"
        result = self._core.estimate(
            statistic,
            numerator,
            denominator,
            variance,
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
    pairs = [(v, _numbers(design.data, v)) for v in variables]
    core = _core.micro_accumulate(design._core, pairs, codes, len(labels), mask, linearization, True)
    return Accumulator(core, labels, design.has_replicates)


# ------------------------------------------------------------------ progress


def _interactive() -> bool:
    """A person is watching: stderr is a terminal, or this runs in a Jupyter/IPython kernel."""
    try:
        if sys.stderr is not None and sys.stderr.isatty():
            return True
    except (AttributeError, ValueError):
        pass
    shell = sys.modules.get("IPython")
    if shell is None:
        return False
    try:
        return shell.get_ipython() is not None  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - any IPython oddity means "not interactive"
        return False


class _ProgressBar:
    """A progress bar for long runs: shown only when a person is watching
    (terminal or notebook, or ``progress=True``) and only once the run has
    taken ``delay`` seconds, so short runs stay silent. tqdm draws it when it
    is installed; otherwise a one-line text bar on stderr."""

    def __init__(self, description: str, enabled: Optional[bool] = None, delay: float = 1.0) -> None:
        self.description = description
        self.enabled = _interactive() if enabled is None else bool(enabled)
        self.delay = delay if enabled is None else 0.0
        self._start = time.monotonic()
        self._last = 0.0
        self._tqdm: Any = None
        self._drawn = False

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._start < self.delay and done < total:
            return
        if not self._drawn and done >= total and now - self._start < self.delay:
            return  # finished before it was worth showing
        if self._tqdm is None and not self._drawn:
            try:
                from tqdm.auto import tqdm  # only if already installed

                self._tqdm = tqdm(total=total, desc=self.description, leave=False)
            except ImportError:
                self._tqdm = False
        if self._tqdm:
            self._tqdm.n = done
            self._tqdm.refresh()
            self._drawn = True
            return
        if done < total and now - self._last < 0.1:
            return
        self._last = now
        width = 30
        filled = int(width * done / total) if total else width
        elapsed = now - self._start
        sys.stderr.write(
            f"\r{self.description} [{'#' * filled}{'-' * (width - filled)}] {done}/{total} {elapsed:5.1f}s"
        )
        sys.stderr.flush()
        self._drawn = True

    def close(self) -> None:
        if self._tqdm:
            self._tqdm.close()
        elif self._drawn:
            sys.stderr.write("\n")
            sys.stderr.flush()
        self._drawn = False

    def __enter__(self) -> _ProgressBar:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


# ------------------------------------------------------------------ index inputs

_ROLES = (
    "age",
    "schooling",
    "education",
    "labour_force",
    "earnings",
    "births_outside_facility",
    "first_birth_before_20",
    "adolescent_births",
)


def _sex_codes(df: pd.DataFrame, name: str, mapping: Optional[Mapping[Any, str]]) -> np.ndarray:
    """0 (female) / 1 (male) per row; spellings as the CSV reader's (female/male, F/M, P/L) or ``mapping``."""
    codes, uniques = pd.factorize(_column(df, name))
    if (codes < 0).any():
        raise _core.InputError(f"row {int(np.flatnonzero(codes < 0)[0])}, column '{name}': missing sex")
    lookup = np.empty(len(uniques), dtype=np.uint8)
    for k, value in enumerate(uniques):
        if mapping is not None and value in mapping:
            text: Optional[str] = _core.parse_sex(str(mapping[value]))
        else:
            text = _core.parse_sex(str(value))
        if text not in ("female", "male"):
            row = int(np.flatnonzero(codes == k)[0])
            raise _core.InputError(
                f"row {row}, column '{name}': sex '{value}' is not female or male (spellings: female/male, F/M, "
                f"P/L; numeric codes need sex_codes, e.g. {{1: 'male', 2: 'female'}})"
            )
        lookup[k] = 0 if text == "female" else 1
    return lookup[codes]


def _region_names(regions: Sequence[Any]) -> list[str]:
    return [str(r) for r in regions]


def _index_labels(regions: Sequence[Any]) -> pd.DataFrame:
    """The region x sex domains of an index-input accumulator: code 2r female, 2r + 1 male."""
    return pd.DataFrame(
        {
            "region": np.repeat(np.asarray(regions, dtype=object), 2),
            "sex": np.tile(np.array(["female", "male"], dtype=object), len(regions)),
        }
    )


def _accumulate_index_frame(
    design: Design,
    region_codes: np.ndarray,
    region_count: int,
    sex: np.ndarray,
    region: str,
    sex_name: str,
    roles: Mapping[str, str],
    options: Mapping[str, Any],
    linearization: bool,
) -> _core.MicroAccumulator:
    """One pass over ``design.data`` with region and sex already coded (single machine or one partition)."""
    columns = {role: (col, _numbers(design.data, col)) for role, col in roles.items()}
    return _core.micro_accumulate_index_inputs(
        design._core,
        np.ascontiguousarray(region_codes, dtype=np.uint32),
        region_count,
        np.ascontiguousarray(sex, dtype=np.uint8),
        region,
        sex_name,
        columns,
        options["schooling_age"],
        options["labour_age"],
        options["secondary_threshold"],
        options["upper_secondary_threshold"],
        options["adolescent_ages"][0],
        options["adolescent_ages"][1],
        linearization,
        True,
    )


def _roles(**columns: Optional[str]) -> dict[str, str]:
    return {role: name for role, name in columns.items() if name is not None}


def _input_options(
    secondary_threshold: Optional[float],
    upper_secondary_threshold: Optional[float],
    schooling_age: float,
    labour_age: float,
    adolescent_ages: tuple[float, float],
) -> dict[str, Any]:
    return {
        "secondary_threshold": None if secondary_threshold is None else float(secondary_threshold),
        "upper_secondary_threshold": None if upper_secondary_threshold is None else float(upper_secondary_threshold),
        "schooling_age": float(schooling_age),
        "labour_age": float(labour_age),
        "adolescent_ages": (float(adolescent_ages[0]), float(adolescent_ages[1])),
    }


class IndexInputAccumulator(Accumulator):
    """The sums behind the standard index inputs by region x sex (from
    :func:`accumulate_index_inputs`): estimates, a :class:`gendex.Dataset`, and
    index uncertainty from one pass; merges with other partitions' and pickles."""

    @property
    def regions(self) -> list[Any]:
        return list(self.labels["region"].iloc[::2])

    @property
    def indicators(self) -> list[str]:
        """The index inputs these sums give (data-contract ids)."""
        have = set(self.variables)
        needs = {
            "mean_schooling": ["schooling_years"],
            "secondary_education": ["secondary"],
            "upper_secondary_education": ["upper_secondary"],
            "labour_force_participation": ["labour_force"],
            "population": [],
            "income_share": ["earnings"],
            "births_outside_facility": ["births_outside_facility"],
            "first_birth_before_20": ["first_birth_before_20"],
            "adolescent_birth_rate": ["adolescent_births"],
        }
        return [k for k, v in needs.items() if set(v) <= have]

    def __repr__(self) -> str:
        return (
            f"<gendex.micro.IndexInputAccumulator: {', '.join(self.indicators)} for {len(self.regions)} regions "
            f"x 2 sexes>"
        )

    def _variance_or_default(self, variance: Optional[str], index: bool = False) -> str:
        if variance is not None:
            return variance
        if self._has_replicates:
            return "replicates"
        return "bootstrap" if index else "linearization"

    def _estimates(
        self,
        variance: Optional[str],
        lonely_psu: Optional[str],
        empty: str,
        replicates: int,
        seed: int,
        bootstrap_mse: bool,
        period: Optional[int],
        progress: Optional[bool],
    ) -> dict[str, Any]:
        v = self._variance_or_default(variance)
        names = _region_names(self.regions)
        with _ProgressBar("gendex: bootstrap replicates", progress if v == "bootstrap" else False) as bar:
            return _core.micro_index_inputs(
                self._core,
                v,
                lonely_psu,
                empty,
                replicates,
                seed,
                bootstrap_mse,
                names,
                None if period is None else int(period),
                bar,
            )

    def estimates(
        self,
        variance: Optional[str] = None,
        lonely_psu: Optional[str] = None,
        empty: str = "error",
        replicates: int = 100,
        seed: int = 1,
        bootstrap_mse: bool = False,
        progress: Optional[bool] = None,
    ) -> pd.DataFrame:
        """One row per indicator, region and sex: ``region``, ``sex``, ``indicator``, ``estimate``, ``se`` and
        ``status`` (ok, no_rows, zero_denominator, no_variance; only with ``empty="no_estimate"``)."""
        result = self._estimates(variance, lonely_psu, empty, replicates, seed, bootstrap_mse, None, progress)
        frames = []
        for ind in result["indicators"]:
            f = self.labels.copy()
            f.insert(2, "indicator", ind["indicator"])
            f["estimate"] = ind["estimate"]
            f["se"] = ind["se"] if len(ind["se"]) else np.nan
            f["status"] = ind["status"]
            if ind["female_only"]:
                f = f[f["sex"] == "female"]
            frames.append(f)
        out = (
            pd.concat(frames, ignore_index=True)
            if frames
            else pd.DataFrame(columns=["region", "sex", "indicator", "estimate", "se", "status"])
        )
        out.attrs.update(variance=self._variance_or_default(variance), replicates_used=result["replicates_used"])
        return out

    def dataset(
        self,
        period: int,
        variance: Optional[str] = None,
        lonely_psu: Optional[str] = None,
        empty: str = "error",
        replicates: int = 100,
        seed: int = 1,
        bootstrap_mse: bool = False,
        progress: Optional[bool] = None,
    ) -> Any:
        """The estimates as a :class:`gendex.Dataset` (data-contract ids, ``se``) for ``period``."""
        from . import Dataset

        result = self._estimates(variance, lonely_psu, empty, replicates, seed, bootstrap_mse, period, progress)
        return Dataset._wrap(result["dataset"])

    def uncertainty(
        self,
        index: str,
        given: Any = None,
        period: Optional[int] = None,
        edition: Optional[str] = None,
        overrides: Optional[Mapping[str, float]] = None,
        variance: Optional[str] = None,
        replicates: int = 100,
        seed: int = 1,
        bootstrap_mse: bool = False,
        lonely_psu: Optional[str] = None,
        empty: str = "error",
        level: float = 0.95,
        progress: Optional[bool] = None,
    ) -> IndexUncertainty:
        """The index per region with its replicate standard error (see :func:`index_uncertainty`)."""
        v = self._variance_or_default(variance, index=True)
        regions = self.regions
        vectors = _given_vectors(given, regions, period)
        with _ProgressBar(f"gendex: {index} replicates", progress if v == "bootstrap" else False) as bar:
            core = _core.micro_index_uncertainty(
                self._core,
                index,
                edition,
                [(k, float(x)) for k, x in (overrides or {}).items()],
                vectors,
                v,
                lonely_psu,
                empty,
                replicates,
                seed,
                bootstrap_mse,
                _region_names(regions),
                bar,
            )
        return IndexUncertainty(core, regions, level=level, period=period)


def accumulate_index_inputs(
    design: Design,
    region: str = "region",
    sex: str = "sex",
    *,
    age: Optional[str] = None,
    schooling: Optional[str] = None,
    education: Optional[str] = None,
    secondary_threshold: Optional[float] = None,
    upper_secondary_threshold: Optional[float] = None,
    labour_force: Optional[str] = None,
    earnings: Optional[str] = None,
    births_outside_facility: Optional[str] = None,
    first_birth_before_20: Optional[str] = None,
    adolescent_births: Optional[str] = None,
    sex_codes: Optional[Mapping[Any, str]] = None,
    schooling_age: float = 25,
    labour_age: float = 15,
    adolescent_ages: tuple[float, float] = (15, 19),
    linearization: bool = True,
) -> IndexInputAccumulator:
    """One pass over person rows for the standard index inputs by region x sex.

    Column names are parameters; an indicator is built when its columns are given:

    ==============================  ======================================================================
    mean_schooling                  ``schooling`` (years), persons aged ``schooling_age``\\+ (25)
    secondary_education             % of 25+ with ``education`` (or ``schooling``) >= ``secondary_threshold``
    upper_secondary_education       % of 25+ with ``education`` >= ``upper_secondary_threshold``
    labour_force_participation      % of ``labour_age``\\+ (15) with ``labour_force`` = 1 (0/1 column)
    population                      weighted count (always)
    income_share                    % of the region's ``earnings`` (finite for every row, 0 without)
    births_outside_facility         % of relevant births outside a facility: 1/0 for women, NaN = not relevant
    first_birth_before_20           % of relevant women, first birth before 20: 1/0, NaN = not relevant
    adolescent_birth_rate           ``adolescent_births`` (births in the last year) per 1,000 women 15-19
    ==============================  ======================================================================

    ``sex`` takes female/male, F/M, P/L (Indonesian) or, with ``sex_codes``, any
    coding (``{1: "male", 2: "female"}``). Regions are the region column's
    values, sorted. With years of schooling in a 6-3-3 system the thresholds
    are 7 (some secondary) and 12 (SMA or higher).
    """
    regions_codes, regions = _factorize(_column(design.data, region), region)
    sexes = _sex_codes(design.data, sex, sex_codes)
    roles = _roles(
        age=age,
        schooling=schooling,
        education=education,
        labour_force=labour_force,
        earnings=earnings,
        births_outside_facility=births_outside_facility,
        first_birth_before_20=first_birth_before_20,
        adolescent_births=adolescent_births,
    )
    options = _input_options(secondary_threshold, upper_secondary_threshold, schooling_age, labour_age, adolescent_ages)
    core = _accumulate_index_frame(
        design, regions_codes, len(regions), sexes, region, sex, roles, options, linearization
    )
    return IndexInputAccumulator(core, _index_labels(list(regions)), design.has_replicates)


def index_inputs(
    design: Design,
    period: int,
    region: str = "region",
    sex: str = "sex",
    *,
    variance: Optional[str] = None,
    replicates: int = 100,
    seed: int = 1,
    bootstrap_mse: bool = False,
    lonely_psu: Optional[str] = None,
    empty: str = "error",
    progress: Optional[bool] = None,
    **columns: Any,
) -> Any:
    """The standard index inputs by region x sex as a :class:`gendex.Dataset` with ``se``.

    ``columns``: the keyword arguments of :func:`accumulate_index_inputs`
    (``age``, ``schooling``, ``education``, ``secondary_threshold``, ...).
    ``variance``: None (replicates when the design has replicate weights, else
    linearisation), "linearization", "replicates", "bootstrap" or "none".
    Percentages and their SEs are in percent (births per 1,000 for the
    adolescent birth rate)::

        ds = micro.index_inputs(d, 2023, region="prov", sex="jk", age="umur", schooling="yrs",
                                secondary_threshold=7, upper_secondary_threshold=12, labour_force="ak",
                                earnings="upah", sex_codes={1: "male", 2: "female"})
    """
    acc = accumulate_index_inputs(design, region, sex, **columns)
    return acc.dataset(
        period,
        variance=variance,
        lonely_psu=lonely_psu,
        empty=empty,
        replicates=replicates,
        seed=seed,
        bootstrap_mse=bootstrap_mse,
        progress=progress,
    )


# ------------------------------------------------------------------ index uncertainty

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
    from . import Dataset

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


def _z(level: float) -> float:
    if not 0.0 < level < 1.0:
        raise _core.InputError(f"confidence level must be between 0 and 1, got {level}")
    return NormalDist().inv_cdf(0.5 + level / 2.0)


class IndexUncertainty:
    """An index per region (and its by-sex components) on the full sample and
    every replicate, with standard errors and normal confidence intervals.

    ``frame`` (also :meth:`to_frame`): ``region``, ``indicator``, ``sex``,
    ``estimate``, ``se``, ``lower``, ``upper`` (at ``level``), ``problem``.
    :meth:`to_dataset` gives a :class:`gendex.Dataset` (index values with
    ``se``), :meth:`replicates` the replicate values, :meth:`change` the change
    from an earlier period with its standard error.
    """

    def __init__(
        self,
        core: _core.MicroIndexUncertainty,
        regions: Sequence[Any],
        level: float = 0.95,
        period: Optional[int] = None,
    ) -> None:
        _z(level)
        self._core = core
        self.regions = list(regions)
        self.level = level
        self.period = period

    @property
    def index(self) -> str:
        return str(self._core.index)

    @property
    def edition(self) -> str:
        return str(self._core.edition)

    @property
    def variance(self) -> str:
        return str(self._core.variance)

    @property
    def replicate_count(self) -> int:
        return int(self._core.replicate_count)

    def to_frame(self, level: Optional[float] = None) -> pd.DataFrame:
        z = _z(self.level if level is None else level)
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
            f["lower"] = f["estimate"] - z * f["se"]
            f["upper"] = f["estimate"] + z * f["se"]
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
        return self.to_frame()

    def to_dataset(self, period: Optional[int] = None) -> Any:
        from . import Dataset

        period = self.period if period is None else period
        if period is None:
            raise _core.InputError("to_dataset needs a period (pass period= here or to index_uncertainty)")
        return Dataset._wrap(self._core.to_dataset(_region_names(self.regions), int(period)))

    def replicates(self, indicator: Optional[str] = None, sex: str = "total") -> pd.DataFrame:
        """Replicate values: one row per replicate, one column per region (default: the index itself)."""
        for s in self._core.series:
            if (indicator is None or s["indicator"] == indicator) and s["sex"] == sex:
                return pd.DataFrame(s["replicates"], columns=pd.Index(self.regions, name="region"))
        raise _core.UnknownKeyError(f"no series {indicator} ({sex}) in this {self.index} result")

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
        """
        return index_change(earlier, self, assumption=assumption, level=level)

    def __repr__(self) -> str:
        return (
            f"<gendex.micro.IndexUncertainty: {self.index} for {len(self.regions)} regions, "
            f"{self.replicate_count} {self.variance} replicates, edition {self.edition}>"
        )

    def _repr_html_(self) -> str:
        return f"<p>{html.escape(repr(self))}</p>" + self.to_frame().to_html(index=False)


def index_change(
    earlier: IndexUncertainty, later: IndexUncertainty, assumption: str = "independent", level: Optional[float] = None
) -> pd.DataFrame:
    """``later - earlier`` per region with its standard error and confidence interval (see
    :meth:`IndexUncertainty.change` for ``assumption``)."""
    z = _z(later.level if level is None else level)
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
        f["lower"] = f["change"] - z * f["se"]
        f["upper"] = f["change"] + z * f["se"]
        frames.append(f)
    out = pd.concat(frames, ignore_index=True)
    out.attrs.update(assumption=assumption, level=later.level if level is None else level)
    return out


def index_uncertainty(
    design: Design,
    index: str,
    given: Any = None,
    period: Optional[int] = None,
    region: str = "region",
    sex: str = "sex",
    *,
    edition: Optional[str] = None,
    overrides: Optional[Mapping[str, float]] = None,
    variance: Optional[str] = None,
    replicates: int = 100,
    seed: int = 1,
    bootstrap_mse: bool = False,
    lonely_psu: Optional[str] = None,
    empty: str = "error",
    level: float = 0.95,
    progress: Optional[bool] = None,
    **columns: Any,
) -> IndexUncertainty:
    """An index per region from survey microdata, with its replicate standard error and confidence interval.

    ``index``: "gii" (UNDP), "ikg" (BPS), "gdi" (UNDP; with HDI by sex) or "ipg"
    (BPS; with IPM by sex). The survey indicators come from ``columns`` (the
    keyword arguments of :func:`accumulate_index_inputs`); ``given`` supplies the
    inputs without sampling error, as a :class:`gendex.Dataset` (rows for
    ``period``) or a mapping::

        given = {"maternal_mortality": 177, "adolescent_birth_rate": 26.6,
                 "parliament_share": {"female": {"A": 21.0, "B": 18.5}},     # male: 100 - female
                 "life_expectancy": {"female": 73.2, "male": 69.4},
                 "expected_schooling": {"female": 13.1, "male": 13.0},
                 "gni_per_capita": 11500, "per_capita_expenditure": 11900}

    each value a number (every region) or a mapping/Series by region. Needed:
    GII maternal_mortality, adolescent_birth_rate (or ``adolescent_births``
    from the survey), parliament_share; IKG parliament_share; GDI
    life_expectancy, expected_schooling by sex and gni_per_capita; IPG the same
    with per_capita_expenditure (split by sex with the survey's income and
    population shares, as UNDP's estimated earned income).

    ``variance``: "bootstrap" (internal Rao-Wu, ``replicates`` and ``seed``;
    the default without replicate weights) or "replicates" (the design's).
    ``edition``: an edition id (default hdr2025 for GII/GDI, bps for IKG/IPG)
    and ``overrides`` of its constants. ``level``: of the normal confidence
    intervals.
    """
    acc = accumulate_index_inputs(design, region, sex, **columns)
    return acc.uncertainty(
        index,
        given=given,
        period=period,
        edition=edition,
        overrides=overrides,
        variance=variance,
        replicates=replicates,
        seed=seed,
        bootstrap_mse=bootstrap_mse,
        lonely_psu=lonely_psu,
        empty=empty,
        level=level,
        progress=progress,
    )
