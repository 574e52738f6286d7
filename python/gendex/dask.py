"""gendex.micro over dask DataFrames: the same estimates, partition by partition.

Optional extra (``pip install gendex[dask]``)::

    from gendex import dask as gdask

    # A survey file in chunks (Parquet, SPSS, Stata, CSV), or any dask DataFrame (dd.read_parquet, ...).
    ddf = gdask.read("susenas.sav", columns=["weight", "stratum", "psu", "prov", "sex", "age", "yrs", "in_lf"])
    d = gdask.Design(ddf, weight="weight", strata="stratum", psu="psu")
    gdask.mean(d, "in_lf", by=["prov", "sex"], where=lambda df: df["age"] >= 15)
    ds = gdask.index_inputs(d, 2023, region="prov", sex="sex", age="age", schooling="yrs", labour_force="in_lf")
    u = gdask.index_uncertainty(d, "ikg", given={"parliament_share": 21.5}, region="prov", ...)

How: the passes of :mod:`gendex.micro`'s partitioned designs (a first pass for
the strata and PSU codes, then one for an estimate's domains and one
accumulating the rows; see ``gendex/micro/_partitions.py``), each partition a
dask task whose accumulator comes back as a Boost archive
(``MicroAccumulator.to_archive``), merged in partition order on the client.

Runs on the active ``distributed`` client when there is one, else on dask's
default scheduler. Long runs show a progress bar in a terminal or notebook.
Row numbers in error messages are positions in the whole dask DataFrame.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Optional, Union

import pandas as pd

try:
    import dask.dataframe as dd
    from dask.base import compute
    from dask.delayed import delayed
except ImportError as e:  # pragma: no cover - exercised only without the extra
    raise ImportError("gendex.dask needs dask: pip install 'gendex[dask]' (dask[dataframe] and distributed)") from e

from . import _core
from ._dask_files import read
from .micro import (
    accumulate,
    accumulate_index_inputs,
    index_inputs,
    index_uncertainty,
    mean,
    proportion,
    ratio,
    total,
)
from .micro._docs import DESIGN_RAISES, sections
from .micro._partitions import PartitionedBase, PartitionFn
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


# ------------------------------------------------------------------ design


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
class Design(PartitionedBase):
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

    _threads = 1  # one thread per partition: the scheduler runs partitions side by side

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
        self.data = ddf
        self.timeout = timeout
        replicate = {
            "replicate_type": replicate_type,
            "scale": scale,
            "rscales": rscales,
            "rho": rho,
            "mse": mse,
            "combined_weights": combined_weights,
            "lonely_psu": lonely_psu,
        }
        self._setup(list(ddf.columns), weight, strata, psu, replicate_weights, replicate, progress)

    def _map(
        self,
        fn: PartitionFn,
        args: tuple[Any, ...],
        what: str,
        progress: Optional[bool],
        columns: Optional[list[str]],
        data: Any = None,
    ) -> list[Any]:
        """One dask task per partition; accumulators travel as archives and are read back in order."""
        parts = (self.data if data is None else data).to_delayed()
        spec = delayed(self._spec(), traverse=False)  # one copy in the graph, shared by the tasks
        offsets = self._offsets if self._offsets is not None else [0] * len(parts)
        tasks = [delayed(_shipped)(fn, p, int(offsets[k]), spec, *args) for k, p in enumerate(parts)]
        results = _run(tasks, what, progress, self.timeout)
        return [
            _core.MicroAccumulator.from_archive(r, f"partition {k}") if isinstance(r, bytes) else r
            for k, r in enumerate(results)
        ]

    def _with_where(self, where: Where) -> tuple[Optional[dd.DataFrame], Any]:
        """The frame to map (with a where column when ``where`` is a dask Series) and the per-partition filter."""
        if isinstance(where, dd.Series):
            return self.data.assign(**{_WHERE_COLUMN: where}), _WHERE_COLUMN
        if where is None or isinstance(where, str) or callable(where):
            return None, where
        raise _core.InputError(
            "'where' of a dask design must be a boolean column name, a function of a pandas "
            "partition (e.g. lambda df: df['age'] >= 15), or a boolean dask Series"
        )


def _shipped(fn: PartitionFn, *args: Any) -> Any:
    """A partition function's result, an accumulator as its archive (bytes travel between processes)."""
    result = fn(*args)
    return bytes(result.to_archive()) if isinstance(result, _core.MicroAccumulator) else result
