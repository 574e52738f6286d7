"""Survey designs over pandas frames (``svydesign`` / ``svrepdesign``) and the coding of their columns."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from statistics import NormalDist
from typing import TYPE_CHECKING, Any, Optional, Protocol, TypedDict, Union

import numpy as np
import pandas as pd

from gendex import _core
from gendex._common import facts_html, public_module

from ._docs import DESIGN_RAISES, SURVEY, example, sections

if TYPE_CHECKING:
    from ._estimate import Accumulator
    from ._index_inputs import IndexInputAccumulator, IndexInputSpec

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


def _key_array(column: pd.Series) -> tuple[np.ndarray, bool]:
    """A by-column as the core codes it: integers and booleans as they are (no copy), categoricals by their
    codes (category order, -1 missing), anything else factorized once in sorted order (-1 missing). The flag
    says that negative values are missing."""
    dtype = column.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        return np.asarray(column.cat.codes), True
    if isinstance(dtype, np.dtype) and dtype.kind in "iub":
        values = column.to_numpy()
        return (values.view(np.uint8) if dtype.kind == "b" else values), False
    codes, _ = pd.factorize(column, sort=True)
    return codes, True


def _domain_codes(
    df: pd.DataFrame, names: list[str], where: Optional[np.ndarray] = None, threads: int = 0
) -> tuple[np.ndarray, int, np.ndarray]:
    """Dense uint32 codes of the combinations of ``names`` present among the rows inside ``where`` (None:
    all rows), numbered in sorted order of the values (so codes and bootstrap draws do not depend on row
    order); the count; and the first row of each combination. Coded in C++ (gendex/micro/domain_codes.hpp);
    a missing value anywhere in a column is an error naming the row. On ``threads`` threads (0: every
    core); the codes are the same for any number."""
    columns = [(name, *_key_array(_column(df, name))) for name in names]
    return _core.micro_domain_codes(columns, where, len(df), threads)


def _by_values(df: pd.DataFrame, names: list[str], first: np.ndarray) -> pd.DataFrame:
    """The by-values of each domain, read from its first row (the column's own dtype)."""
    labels = pd.DataFrame(index=range(len(first)))
    for name in names:
        labels[name] = np.asarray(df[name].array[first])
    return labels


def _codes(df: pd.DataFrame, names: list[str], threads: int = 0) -> tuple[np.ndarray, Any]:
    """Dense uint32 codes of the combinations of `names` (PSU ids nested in strata: [strata, psu]), numbered
    in sorted order of the values, so the codes (and bootstrap draws) do not depend on row order; and the
    value of the last column each code stands for (read from its first row), to name it in messages."""
    codes, _, first = _domain_codes(df, names, None, threads)
    return codes, df[names[-1]].array.take(first)


class CodeNames:
    """Names a design's stratum and PSU codes by the data's values in the core's messages (a stratum with
    one PSU), where the core knows only codes: ``names("stratum", 3)`` is the stratum value coded 3.
    ``strata`` and ``psu`` hold the value of each code (None: one stratum; every row its own PSU, named by
    its row)."""

    def __init__(self, strata: Any = None, psu: Any = None) -> None:
        self._values = {"stratum": strata, "psu": psu}

    def __call__(self, role: str, code: int) -> str:
        values = self._values[role]
        if values is None:
            return f"row {code}" if role == "psu" else str(code)
        return str(values[code])


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
@example(SURVEY)
@sections(
    raises=DESIGN_RAISES,
    threads="""threads : int, optional
    Threads (None: every core) that check the weights and code the strata and PSUs; the design is the
    same for any number.""",
)
class Design:
    """A survey design over a DataFrame (R's ``svydesign``, or ``svrepdesign`` with replicate weights).

    Examples
    --------
    >>> d
    <gendex.micro.Design: 5000 rows, 10 strata, 100 PSUs, linearisation>
    >>> r = micro.Design(df, weight="weight", replicate_weights=[f"boot{i}" for i in range(1, 21)])
    >>> r.has_replicates, micro.mean(r, "y", by="sex")["se"].round(2).tolist()
    (True, [0.4, 0.34])
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
        fpc: Optional[str] = None,
        threads: Optional[int] = None,
    ) -> None:
        strata_codes = psu_codes = strata_values = psu_values = nested = None
        cores = core_threads(threads)
        if psu is not None:  # PSU ids coded within strata: nested as coded, not checked row by row again
            strata_codes, psu_codes, nested, strata_rows, psu_rows = _core.micro_code_design(
                None if strata is None else (strata, *_key_array(_column(df, strata))),
                (psu, *_key_array(_column(df, psu))),
                len(df),
                cores,
            )
            psu_values = df[psu].array.take(psu_rows)
            if strata is not None:
                strata_values = df[strata].array.take(strata_rows)
        elif strata is not None:
            strata_codes, strata_values = _codes(df, [strata], cores)
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
            fpc=fpc,
            names=CodeNames(strata_values, psu_values),
            nested=nested,
            threads=cores,
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
        names: Optional[CodeNames] = None,
        **replicate: Any,
    ) -> Design:
        """A design over ``df`` with strata and PSU codes made elsewhere (the global codes of a partition),
        ``names`` naming them (None: by their codes); its weights checked on one thread (partitions run
        side by side)."""
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
            names=names,
            threads=1,
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
        fpc: Optional[str] = None,
        names: Optional[CodeNames] = None,
        nested: Any = None,
        threads: int = 0,
    ) -> None:
        self.data = df
        self.weight = weight
        self.strata = strata
        self.psu = psu
        # What micro.poststratify / calibrate rebuild a design from.
        self._strata_codes, self._psu_codes, self.lonely_psu = strata_codes, psu_codes, lonely_psu
        self._names = names if names is not None else CodeNames()
        self._replicate_args: dict[str, Any] = {
            "replicate_weights": replicate_weights,
            "replicate_type": replicate_type,
            "scale": scale,
            "rscales": rscales,
            "rho": rho,
            "mse": mse,
            "combined_weights": combined_weights,
        }
        self._calibration: Any = None  # set by micro.poststratify / calibrate on linearisation designs
        self._replicates: Optional[tuple[str, int]] = None  # (type, count), for the notebook display
        if replicate_weights is not None:
            count = replicate_weights.shape[1] if isinstance(replicate_weights, np.ndarray) else len(replicate_weights)
            self._replicates = (replicate_type, int(count))
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
        try:
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
                fpc=_numbers(df, fpc) if fpc is not None else None,
                nested=nested,
                threads=threads,
            )
        except _core.InputError as e:  # the core names its columns by role: name the data's
            roles = {"weight": weight, "stratum": strata, "psu": psu, "fpc": fpc}
            if e.column in roles and roles[e.column] is not None and e.reason is not None:
                raise _core.located_error(
                    "InputError", e.reason, row=e.row, column=roles[e.column], key=e.key
                ) from None
            raise
        self.fpc = fpc

    @property
    def has_replicates(self) -> bool:
        """Whether the design has replicate weights (its estimators' default variance is then "replicates")."""
        return bool(self._core.has_replicates)

    def __len__(self) -> int:
        return int(self._core.rows)

    def __repr__(self) -> str:
        kind = "replicate weights" if self.has_replicates else "linearisation"
        return (
            f"<gendex.micro.Design: {len(self)} rows, {self._core.strata_count} strata, "
            f"{self._core.psu_count} PSUs, {kind}>"
        )

    def _repr_html_(self) -> str:
        return facts_html(
            "gendex.micro.Design",
            design_facts(
                len(self),
                self.weight,
                self.strata,
                int(self._core.strata_count),
                self.psu,
                int(self._core.psu_count),
                self._replicates,
                self.lonely_psu,
            ),
        )

    # -- domains -------------------------------------------------------------

    def _domains(
        self, by: Columns, where: Any, threads: int = 0
    ) -> tuple[np.ndarray, pd.DataFrame, Optional[np.ndarray]]:
        """Domain code of every row, the domains' by-values, and the row filter (coded on ``threads``
        threads, 0: every core)."""
        n = len(self.data)
        mask = None
        if where is not None:
            w = _aligned(where, self.data.index).to_numpy() if isinstance(where, pd.Series) else np.asarray(where)
            if w.shape != (n,):
                raise _core.InputError(f"'where' has shape {w.shape}, the data has {n} rows")
            if w.dtype != bool:
                raise _core.InputError("'where' must be boolean (e.g. df['age'] >= 15)")
            mask = np.ascontiguousarray(w).view(np.uint8)  # numpy booleans are bytes 0/1: no copy
        names = _names(by)
        if not names:
            return np.zeros(n, dtype=np.uint32), pd.DataFrame(index=range(1)), mask
        codes, _, first = _domain_codes(self.data, names, mask, threads)
        return codes, _by_values(self.data, names, first), mask

    @staticmethod
    def _labels(labels: pd.DataFrame) -> list[str]:
        """Each domain's name in messages ("region=3, sex=1"), built column by column: a row-wise
        itertuples took 7 ms for 1,000 domains, most of a small survey's estimate."""
        if labels.shape[1] == 0:
            return ["all rows"]
        columns = [[f"{name}={value}" for value in labels[name].tolist()] for name in labels.columns]
        return [", ".join(parts) for parts in zip(*columns)]


def design_facts(
    rows: int,
    weight: str,
    strata: Optional[str],
    strata_count: int,
    psu: Optional[str],
    psu_count: Optional[int],
    replicates: Optional[tuple[str, int]],
    lonely_psu: str,
) -> list[tuple[str, str]]:
    """What a design's notebook display lists: its columns, counts and variance method."""
    facts = [
        ("rows", f"{rows:,}"),
        ("weights", weight),
        ("strata", f"{strata_count:,} ('{strata}')" if strata is not None else "one stratum"),
    ]
    if psu is not None:
        facts.append(("PSUs", f"{psu_count:,} ('{psu}')" if psu_count is not None else f"'{psu}'"))
    else:
        facts.append(("PSUs", "every row its own PSU"))
    if replicates is not None:
        facts.append(("variance", f"{replicates[1]:,} {replicates[0]} replicate weights"))
    else:
        facts.append(("variance", f"linearisation (lonely PSUs: {lonely_psu})"))
    return facts


@example(SURVEY)
class PartitionedDesign(Protocol):
    """A design whose rows are accumulated partition by partition (:class:`gendex.dask.Design`, or
    :class:`ScanDesign` over a file's chunks).
    The estimators of ``gendex.micro`` take it as they take a :class:`Design`: the same functions, arguments
    and results; only the pass over the rows is the design's.

    Examples
    --------
    >>> import dask.dataframe as dd
    >>> from gendex import dask as gdask
    >>> parts = gdask.Design(dd.from_pandas(df, npartitions=2), weight="weight", strata="stratum", psu="psu")
    >>> micro.mean(parts, "y", by="sex")["estimate"].round(2).tolist()  # as micro.mean(d, ...)
    [53.12, 55.49]
    """

    @property
    def has_replicates(self) -> bool:
        """Whether the design has replicate weights (its estimators' default variance is then "replicates")."""

    def _accumulate(
        self,
        variables: Sequence[str],
        by: Columns,
        where: Any,
        linearization: bool,
        progress: Optional[bool],
        binary: Sequence[str],
    ) -> Accumulator: ...

    def _accumulate_index_inputs(
        self, region: str, sex: str, spec: IndexInputSpec, linearization: bool, progress: Optional[bool]
    ) -> IndexInputAccumulator: ...


#: What the estimators take: a design over a pandas frame, or one over partitions.
AnyDesign = Union[Design, PartitionedDesign]


def default_variance(variance: Optional[str], has_replicates: bool, index: bool = False) -> str:
    """The variance method to use: ``variance`` when given, else the design's replicate weights when it has
    them, else linearisation (for an index, which has no linearisation here: the internal bootstrap)."""
    if variance is not None:
        return variance
    if has_replicates:
        return "replicates"
    return "bootstrap" if index else "linearization"


@example(SURVEY)
class EstimateKeywords(TypedDict, total=False):
    """The keyword arguments every survey estimator takes (``micro.mean`` ... ``Accumulator.ratio``, the index
    inputs and their ``gendex.dask`` versions), declared once.

    ``lonely_psu``: overrides the design's option (fail, remove, adjust, certainty, average).
    ``empty``: "error" (default) or "no_estimate" for domains without an estimate or standard error.
    ``replicates``, ``seed``, ``bootstrap_mse``: the internal Rao-Wu bootstrap (100, 1, False).
    ``level``: of the normal confidence bounds ``lower`` and ``upper`` (0.95).
    ``deff``: the design effect column: "srswor" (default, R's ``deff=TRUE``), "srswr" (R's
    ``deff="replace"``) or "none".
    ``threads``: threads of the passes over the rows (None: every core; the one-call estimators'
    point pass and linearisation scores); the results are the same bit for bit for any number.

    Examples
    --------
    >>> micro.mean(d, "y", by="sex", level=0.9, deff="none")[["sex", "lower", "upper", "deff"]].round(2)
       sex  lower  upper  deff
    0    1  52.41  53.84   NaN
    1    2  54.81  56.17   NaN
    """

    lonely_psu: Optional[str]
    empty: str
    replicates: int
    seed: int
    bootstrap_mse: bool
    level: float
    deff: str
    threads: Optional[int]


@dataclass(frozen=True)
class EstimateOptions:
    """:class:`EstimateKeywords` with their defaults; an unknown keyword is a TypeError."""

    lonely_psu: Optional[str] = None
    empty: str = "error"
    replicates: int = 100
    seed: int = 1
    bootstrap_mse: bool = False
    level: float = 0.95
    deff: str = "srswor"
    threads: Optional[int] = None

    def __post_init__(self) -> None:
        normal_quantile(self.level)  # a bad level fails before any pass over the data
        core_threads(self.threads)

    @property
    def core_threads(self) -> int:
        """The core's thread count: 0 for every core."""
        return core_threads(self.threads)

    def core(self) -> tuple[Optional[str], str, int, int, bool]:
        """The arguments the core's estimators take after the variance method."""
        return self.lonely_psu, self.empty, self.replicates, self.seed, self.bootstrap_mse


def core_threads(threads: Optional[int]) -> int:
    """The core's thread count of a ``threads=`` argument (None: 0, every core); InputError outside 1..1024."""
    t = threads
    if t is None:
        return 0
    if isinstance(t, bool) or not isinstance(t, (int, np.integer)) or not 1 <= t <= 1024:
        raise _core.InputError(f"threads must be a whole number from 1 to 1024 or None (every core), got {t!r}")
    return int(t)


def normal_quantile(level: float) -> float:
    """z with P(|Z| <= z) = ``level`` (R's ``qnorm((1 + level) / 2)``, as ``confint`` on ``svymean``)."""
    if not 0.0 < level < 1.0:
        raise _core.InputError(f"confidence level must be between 0 and 1, got {level}")
    return NormalDist().inv_cdf(0.5 + level / 2.0)


def add_bounds(frame: pd.DataFrame, value: str, level: float) -> None:
    """Add the normal confidence bounds ``lower`` and ``upper`` of column ``value`` (``value`` -/+ z ``se``)."""
    z = normal_quantile(level)
    frame["lower"] = frame[value] - z * frame["se"]
    frame["upper"] = frame[value] + z * frame["se"]


def _region_names(regions: Sequence[Any]) -> list[str]:
    return [str(r) for r in regions]
