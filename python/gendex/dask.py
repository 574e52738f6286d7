"""gendex.micro over dask DataFrames: the same estimates, partition by partition.

Optional extra (``pip install gendex[dask]``)::

    from gendex import dask as gdask

    # A survey file in chunks (Parquet, SPSS, Stata, CSV), or any dask DataFrame (dd.read_parquet, ...).
    ddf = gdask.read("susenas.sav", columns=["weight", "stratum", "psu", "prov", "sex", "age", "yrs", "in_lf"])
    d = gdask.Design(ddf, weight="weight", strata="stratum", psu="psu")
    gdask.mean(d, "in_lf", by=["prov", "sex"], where=lambda df: df["age"] >= 15)
    ds = gdask.index_inputs(d, 2023, region="prov", sex="sex", age="age", schooling="yrs", labour_force="in_lf")
    u = gdask.index_uncertainty(d, "ikg", given={"parliament_share": 21.5}, region="prov", ...)

How: a first pass collects the codes every partition must share (strata and
PSUs in order of first appearance, the domains, the regions), exactly as
:class:`gendex.micro.Design` codes a pandas frame; then every partition is
accumulated on its worker (C++, one pass), shipped back as a Boost archive
(``MicroAccumulator.to_archive``), and the accumulators are merged in
partition order on the client. Accumulators are a monoid, so the results
equal the single-machine ones up to floating-point rounding (~1e-15
relative), internal bootstrap included (its replicates depend only on the
seed and the PSU codes).

Runs on the active ``distributed`` client when there is one, else on dask's
default scheduler. Long runs show a progress bar in a terminal or notebook.
Row numbers in error messages are positions in the whole dask DataFrame.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Optional, Union, cast

import numpy as np
import numpy.typing as npt
import pandas as pd

try:
    import dask.dataframe as dd
    from dask.base import compute
    from dask.delayed import delayed
except ImportError as e:  # pragma: no cover - exercised only without the extra
    raise ImportError("gendex.dask needs dask: pip install 'gendex[dask]' (dask[dataframe] and distributed)") from e

from . import _core
from ._common import facts_html
from ._dask_files import read
from .micro import (
    Accumulator,
    Columns,
    IndexInputAccumulator,
    IndexInputSpec,
    accumulate,
    accumulate_index_inputs,
    index_inputs,
    index_uncertainty,
    mean,
    proportion,
    ratio,
    total,
)
from .micro import Design as _MicroDesign
from .micro._design import _column, _names, _numbers, design_facts
from .micro._docs import DESIGN_RAISES, sections
from .micro._index_inputs import _index_labels, _sex_codes
from .micro._progress import ProgressBar

__all__ = [
    "Design",
    "accumulate",
    "accumulate_index_inputs",
    "index_inputs",
    "index_uncertainty",
    "mean",
    "proportion",
    "ratio",
    "read",
    "total",
]

Where = Union[str, Callable[[pd.DataFrame], Any], "dd.Series", None]

_WHERE_COLUMN = "__gendex_where__"


# ------------------------------------------------------------------ running partitions


def _client() -> Any:
    try:
        from distributed import get_client
    except ImportError:
        return None
    try:
        return get_client()
    except ValueError:  # no client
        return None


def _run(tasks: list[Any], what: str, progress: Optional[bool], timeout: Optional[float]) -> list[Any]:
    """Compute delayed tasks, results in task order, with a progress bar per finished task."""
    total = len(tasks)
    with ProgressBar(f"gendex: {what}", progress) as bar:
        client = _client()
        if client is not None:
            from distributed import as_completed

            futures = client.compute(tasks)
            position = {f.key: k for k, f in enumerate(futures)}
            results: list[Any] = [None] * total
            try:
                for done, (future, result) in enumerate(as_completed(futures, with_results=True, timeout=timeout), 1):
                    results[position[future.key]] = result
                    bar(done, total)
            finally:
                for f in futures:
                    f.release()
            return results
        from dask.callbacks import Callback

        keys = {t.key for t in tasks}
        finished = [0]

        def count(key: Any, result: Any, dsk: Any, state: Any, worker_id: Any) -> None:
            if key in keys:
                finished[0] += 1
                bar(finished[0], total)

        with Callback(posttask=count):
            return list(compute(*tasks))


def _global_rows(error: _core.GendexError, offset: int) -> Exception:
    """A core error about a row of a partition, about the row's position in the whole frame (from its fields)."""
    if error.row is None or error.reason is None:
        return error
    return _core.located_error(
        type(error).__name__,
        error.reason,
        file=error.file,
        line=error.line,
        row=error.row + offset,
        column=error.column,
        key=error.key,
    )


# ------------------------------------------------------------------ design


def _first_appearance(parts: list[pd.DataFrame]) -> pd.DataFrame:
    """Distinct rows of per-partition distinct rows, in order of first appearance across partitions."""
    return pd.concat(parts, ignore_index=True).drop_duplicates(ignore_index=True)


def _distinct(pdf: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    return pdf[columns].drop_duplicates()


def _frame_length(pdf: pd.DataFrame) -> int:
    return len(pdf)


@sections(
    raises=DESIGN_RAISES
    + """
TypeError
    ``ddf`` is not a dask DataFrame.""",
    ddf="""ddf : dask.dataframe.DataFrame
    The rows, in partitions.""",
    replicate_weights="""replicate_weights : sequence of str, optional
    Columns of replicate weights (R's ``svrepdesign(repweights=)``).""",
    progress="""progress : bool, optional
    A progress bar of the passes over the partitions (None: when a person is watching and the run takes
    over a second), here and in the estimators; Ctrl-C stops them either way.""",
    timeout="""timeout : float, optional
    Seconds to wait for the partitions of a pass on a ``distributed`` cluster (None: no limit).""",
)
class Design:
    """A survey design over a dask DataFrame (as :class:`gendex.micro.Design`). One pass computes the
    codes every partition shares (strata, PSUs); the estimators of :mod:`gendex.micro` take it.

    Examples
    --------
    >>> import pandas as pd
    >>> import dask.dataframe as dd
    >>> from gendex import dask as gdask
    >>> ddf = dd.from_pandas(pd.read_csv("tests/fixtures/micro/survey.csv"), npartitions=2)
    >>> d = gdask.Design(ddf, weight="weight", strata="stratum", psu="psu")
    >>> d
    <gendex.dask.Design: 5000 rows in 2 partitions, 10 strata, linearisation>
    >>> gdask.mean(d, "y", by="sex")[["sex", "estimate", "se"]].round(2)
       sex  estimate    se
    0    1     53.12  0.43
    1    2     55.49  0.41
    """

    def __init__(
        self,
        ddf: dd.DataFrame,
        weight: str,
        strata: Optional[str] = None,
        psu: Optional[str] = None,
        replicate_weights: Optional[Sequence[str]] = None,
        replicate_type: str = "bootstrap",
        scale: Optional[float] = None,
        rscales: Union[float, Sequence[float], None] = None,
        rho: float = 0.0,
        mse: bool = False,
        combined_weights: bool = True,
        lonely_psu: str = "fail",
        progress: Optional[bool] = None,
        timeout: Optional[float] = None,
    ) -> None:
        if not isinstance(ddf, dd.DataFrame):
            raise TypeError(f"gendex.dask.Design needs a dask DataFrame, got {type(ddf).__name__}")
        for name in [weight, strata, psu, *(replicate_weights or [])]:
            if name is not None and name not in ddf.columns:
                raise _core.UnknownKeyError(
                    f"column '{name}' is not in the data (columns: {', '.join(map(str, ddf.columns))})"
                )
        if isinstance(replicate_weights, np.ndarray):
            raise _core.InputError("replicate weights of a dask DataFrame must be column names")
        self.data = ddf
        self.weight = weight
        self.strata = strata
        self.psu = psu
        self.timeout = timeout
        self.progress = progress
        self._replicate = {
            "replicate_weights": list(replicate_weights) if replicate_weights else None,
            "replicate_type": replicate_type,
            "scale": scale,
            "rscales": rscales,
            "rho": rho,
            "mse": mse,
            "combined_weights": combined_weights,
            "lonely_psu": lonely_psu,
        }
        parts = self.data.to_delayed()
        tasks = [delayed(_frame_length)(p) for p in parts]
        key_columns = [c for c in (strata, psu) if c is not None]
        if key_columns:
            tasks += [delayed(_distinct)(p, key_columns) for p in parts]
        results = _run(tasks, "design codes", progress, timeout)
        lengths = [int(n) for n in results[: len(parts)]]
        self._offsets = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
        # Codes in sorted order of the values, as micro.Design codes a pandas frame (row order is irrelevant).
        self._strata_values: Optional[pd.Index] = None
        self._psu_keys: Optional[pd.MultiIndex] = None
        if key_columns:
            keys = _first_appearance(results[len(parts) :])
            for c in key_columns:
                if keys[c].isna().any():
                    raise _core.InputError(f"column '{c}': missing value")
            keys = keys.sort_values(key_columns, kind="stable").reset_index(drop=True)
            if strata is not None:
                self._strata_values = pd.Index(keys[strata].drop_duplicates(), tupleize_cols=False)
            if psu is not None:
                self._psu_keys = pd.MultiIndex.from_frame(keys[key_columns])

    @property
    def has_replicates(self) -> bool:
        """Whether the design has replicate weights (its estimators' default variance is then "replicates")."""
        return self._replicate["replicate_weights"] is not None

    @property
    def rows(self) -> int:
        """The number of rows, all partitions together."""
        return int(self._offsets[-1])

    def __repr__(self) -> str:
        kind = "replicate weights" if self.has_replicates else "linearisation"
        return (
            f"<gendex.dask.Design: {self.rows} rows in {len(self._offsets) - 1} partitions, "
            f"{0 if self._strata_values is None else len(self._strata_values)} strata, {kind}>"
        )

    def _repr_html_(self) -> str:
        reps = cast(Optional[list[str]], self._replicate["replicate_weights"])
        facts = design_facts(
            self.rows,
            self.weight,
            self.strata,
            1 if self._strata_values is None else len(self._strata_values),
            self.psu,
            None if self._psu_keys is None else len(self._psu_keys),
            None if reps is None else (str(self._replicate["replicate_type"]), len(reps)),
            str(self._replicate["lonely_psu"]),
        )
        facts.insert(1, ("partitions", f"{len(self._offsets) - 1:,}"))
        return facts_html("gendex.dask.Design", facts)

    def _spec(self) -> dict[str, Any]:
        """What a partition needs to rebuild its part of the design (picklable)."""
        return {
            "weight": self.weight,
            "strata": self.strata,
            "psu": self.psu,
            "strata_values": self._strata_values,
            "psu_keys": self._psu_keys,
            "replicate": self._replicate,
        }

    def _tasks(self, fn: Callable[..., Any], *args: Any, data: Optional[dd.DataFrame] = None) -> list[Any]:
        parts = (self.data if data is None else data).to_delayed()
        spec = delayed(self._spec(), traverse=False)  # one copy in the graph, shared by the tasks
        return [delayed(fn)(p, int(self._offsets[k]), spec, *args) for k, p in enumerate(parts)]

    def _with_where(self, where: Where) -> tuple[Optional[dd.DataFrame], Any]:
        """The frame to map (with a where column when ``where`` is a dask Series) and the per-partition filter."""
        if where is None or isinstance(where, str) or (callable(where) and not isinstance(where, dd.Series)):
            return None, where
        if isinstance(where, dd.Series):
            return self.data.assign(**{_WHERE_COLUMN: where}), _WHERE_COLUMN
        raise _core.InputError(
            "'where' of a dask design must be a boolean column name, a function of a pandas "
            "partition (e.g. lambda df: df['age'] >= 15), or a boolean dask Series"
        )

    def _accumulate(
        self,
        variables: Sequence[str],
        by: Columns,
        where: Where,
        linearization: bool,
        progress: Optional[bool],
        binary: Sequence[str],
    ) -> Accumulator:
        """One pass over every partition, merged in partition order (micro.accumulate's partitioned pass)."""
        names = _names(by)
        data, where_arg = self._with_where(where)
        progress = self.progress if progress is None else progress
        if names:
            combos = _run(self._tasks(_domain_combos, names, where_arg, data=data), "domains", progress, self.timeout)
            labels = pd.concat(combos, ignore_index=True).drop_duplicates()
            if labels.isna().any().any():
                raise _core.InputError(f"missing values in the 'by' columns {names}")
            labels = labels.sort_values(names, kind="stable").reset_index(drop=True)
        else:
            labels = pd.DataFrame(index=range(1))
        tasks = self._tasks(
            _accumulate_partition, list(variables), names, labels, where_arg, linearization, list(binary), data=data
        )
        archives = _run(tasks, "partitions", progress, self.timeout)
        return Accumulator(_merge(archives), labels, self.has_replicates)

    def _accumulate_index_inputs(
        self, region: str, sex: str, spec: IndexInputSpec, linearization: bool, progress: Optional[bool]
    ) -> IndexInputAccumulator:
        """The index-input pass over every partition, merged (micro.accumulate_index_inputs' partitioned pass)."""
        progress = self.progress if progress is None else progress
        values = _run(self._tasks(_distinct_values, region), "regions", progress, self.timeout)
        distinct = pd.concat(values, ignore_index=True).drop_duplicates()
        if distinct.isna().any():
            raise _core.InputError(f"column '{region}': missing region")
        regions = pd.Index(np.sort(distinct.to_numpy()), tupleize_cols=False)
        tasks = self._tasks(_index_partition, region, regions, sex, spec, linearization)
        archives = _run(tasks, "partitions", progress, self.timeout)
        return IndexInputAccumulator(_merge(archives), _index_labels(list(regions)), self.has_replicates)


def _partition_design(pdf: pd.DataFrame, offset: int, spec: Mapping[str, Any]) -> _MicroDesign:
    strata_codes = psu_codes = None
    if spec["strata"] is not None:
        codes = spec["strata_values"].get_indexer(pdf[spec["strata"]])
        strata_codes = np.ascontiguousarray(codes, dtype=np.uint32)
    if spec["psu"] is not None:
        cols = [c for c in (spec["strata"], spec["psu"]) if c is not None]
        codes = spec["psu_keys"].get_indexer(pd.MultiIndex.from_frame(pdf[cols]))
        psu_codes = np.ascontiguousarray(codes, dtype=np.uint32)
    else:
        # Every row its own PSU: its global row number, as micro.Design uses the row number. (Each
        # partition's accumulator then spans all PSU codes below its last row: give PSUs for large data.)
        psu_codes = np.arange(offset, offset + len(pdf), dtype=np.uint32)
    return _MicroDesign._from_codes(
        pdf, spec["weight"], spec["strata"], spec["psu"], strata_codes, psu_codes, **spec["replicate"]
    )


def _mask(pdf: pd.DataFrame, where: Any) -> Optional[np.ndarray]:
    if where is None:
        return None
    w = pdf[where] if isinstance(where, str) else where(pdf)
    w = np.asarray(w.to_numpy() if isinstance(w, pd.Series) else w)
    if w.dtype != bool or w.shape != (len(pdf),):
        raise _core.InputError("'where' must give one boolean per row (e.g. df['age'] >= 15)")
    return w


# ------------------------------------------------------------------ generic estimators


def _domain_combos(pdf: pd.DataFrame, offset: int, spec: Mapping[str, Any], by: list[str], where: Any) -> pd.DataFrame:
    mask = _mask(pdf, where)
    rows = pdf[by] if mask is None else pdf.loc[mask, by]
    return rows.drop_duplicates()


def _accumulate_partition(
    pdf: pd.DataFrame,
    offset: int,
    spec: Mapping[str, Any],
    variables: list[str],
    by: list[str],
    labels: pd.DataFrame,
    where: Any,
    linearization: bool,
    binary: list[str],
) -> bytes:
    try:
        design = _partition_design(pdf, offset, spec)
        mask = _mask(pdf, where)
        for v in binary:  # proportions: 0 or 1 inside the filter, as micro.proportion checks
            values = _numbers(pdf, v)
            bad = (values != 0) & (values != 1)
            if mask is not None:
                bad &= mask
            if bad.any():
                row = int(np.flatnonzero(bad)[0])
                raise _core.located_error(
                    "InputError", f"a proportion needs 0 or 1, got {values[row]:g}", row=row, column=v
                )
        if by:
            codes = pd.MultiIndex.from_frame(labels).get_indexer(pd.MultiIndex.from_frame(pdf[by]))
            codes = np.where(codes < 0, 0, codes)  # rows outside 'where' whose combination is no domain: any code
        else:
            codes = np.zeros(len(pdf), dtype=np.int64)
        pairs: list[tuple[str, npt.ArrayLike]] = [(v, _numbers(pdf, v)) for v in variables]
        core = _core.micro_accumulate(
            design._core,
            pairs,
            np.ascontiguousarray(codes, dtype=np.uint32),
            max(len(labels), 1),
            None if mask is None else mask.astype(np.uint8),
            linearization,
            True,
        )
    except (_core.InputError, _core.UnknownKeyError) as e:
        raise _global_rows(e, offset) from None
    return bytes(core.to_archive())


def _merge(archives: list[bytes]) -> _core.MicroAccumulator:
    merged = _core.MicroAccumulator.from_archive(archives[0], "partition 0")
    for k, a in enumerate(archives[1:], 1):
        merged.merge(_core.MicroAccumulator.from_archive(a, f"partition {k}"))
    return merged


# ------------------------------------------------------------------ index inputs


def _distinct_values(pdf: pd.DataFrame, offset: int, spec: Mapping[str, Any], column: str) -> pd.Series:
    return pd.Series(pdf[column].unique())


def _index_partition(
    pdf: pd.DataFrame,
    offset: int,
    spec: Mapping[str, Any],
    region: str,
    regions: pd.Index,
    sex: str,
    columns: IndexInputSpec,
    linearization: bool,
) -> bytes:
    try:
        design = _partition_design(pdf, offset, spec)
        codes = regions.get_indexer(pd.Index(_column(pdf, region)))
        if (codes < 0).any():
            raise _core.located_error(
                "InputError", "missing region", row=int(np.flatnonzero(codes < 0)[0]), column=region
            )
        sexes = _sex_codes(pdf, sex, columns.sex_codes)
        # One thread per partition: the scheduler runs partitions side by side.
        core = columns.accumulate(design, codes, len(regions), sexes, region, sex, linearization, threads=1)
    except (_core.InputError, _core.UnknownKeyError) as e:
        raise _global_rows(e, offset) from None
    return bytes(core.to_archive())
