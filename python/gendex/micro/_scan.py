"""A survey design over a file read chunk by chunk (micro.scan): data larger than memory without dask."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Optional, Union

import numpy as np

from gendex import _core
from gendex._common import public_module
from gendex._file_chunks import FileChunks, PathLike, file_chunks, file_error, read_ahead

from ._docs import DESIGN_RAISES, SURVEY_FILE, example, sections
from ._partitions import PartitionedBase, PartitionFn
from ._progress import ProgressBar


@public_module("gendex.micro")
@example(SURVEY_FILE)
class ScanDesign(PartitionedBase):
    """A survey design over a file read chunk by chunk (from :func:`scan`); the estimators of
    :mod:`gendex.micro` take it as they take a :class:`Design`.

    Each pass reads the file again, one chunk at a time and only the columns it needs: a first pass
    (when the design is made) for the row count and the strata and PSU codes; then per estimate one for
    the domains (the regions) and one accumulating the rows. Memory holds a chunk and the accumulator.

    Examples
    --------
    >>> d = micro.scan(path, weight="weight", strata="stratum", psu="psu", chunk_rows=2000)
    >>> d
    <gendex.micro.ScanDesign: 5000 rows in 3 chunks, 10 strata, linearisation>
    >>> micro.mean(d, "y", by="sex")[["sex", "estimate", "se"]].round(2)
       sex  estimate    se
    0    1     53.12  0.43
    1    2     55.49  0.41
    """

    _kind = "chunks"

    def __init__(self, chunks: FileChunks, weight: str, progress: Optional[bool], **design: Any) -> None:
        self._chunks = chunks
        available = chunks.columns if chunks.columns is not None else chunks.names
        self._available = list(available)
        replicate_weights = design.pop("replicate_weights")
        strata, psu = design.pop("strata"), design.pop("psu")
        if not isinstance(replicate_weights, np.ndarray):
            self._check_columns([weight, strata, psu, *(replicate_weights or [])])
        self._setup(self._available, weight, strata, psu, replicate_weights, design, progress)

    def _check_columns(self, names: Sequence[Optional[str]]) -> None:
        """An UnknownKeyError naming the file and the first of ``names`` it lacks."""
        for name in names:
            if name is not None and name not in self._available:
                raise file_error(
                    "UnknownKeyError",
                    f"not in the file (columns: {', '.join(self._available)})",
                    self._chunks.path,
                    name,
                )

    def _map(
        self,
        fn: PartitionFn,
        args: tuple[Any, ...],
        what: str,
        progress: Optional[bool],
        columns: Optional[list[str]],
        data: Any = None,
    ) -> list[Any]:
        """``fn`` over the chunks one after the other, reading only ``columns``; Ctrl-C stops between chunks."""
        self._check_columns(columns or [])
        spec = self._spec()
        parts = self._chunks.parts
        results: list[Any] = []
        offset = 0
        with ProgressBar(f"gendex: {what} ({self._chunks.path.name})", progress) as bar:
            for k, frame in enumerate(read_ahead(self._chunks.frames(columns))):
                results.append(fn(frame, offset, spec, *args))
                offset += len(frame)
                bar(k + 1, len(parts) if parts is not None else k + 2)
        if not results:
            raise _core.located_error("InputError", "the file has no rows", file=str(self._chunks.path))
        return results


@example(SURVEY_FILE)
@sections(
    raises=DESIGN_RAISES
    + """
    The file does not exist, has another suffix, cannot be read, or has no rows; ``chunk_rows`` below 1.
ImportError
    pyarrow (Parquet) or pyreadstat (SPSS, Stata) is not installed.""",
    path="""path : str, path-like or pyarrow.dataset.Dataset
    A Parquet file (``.parquet``, ``.pq``) or a folder of them with the same columns (read with pyarrow,
    whole row groups per chunk); an SPSS (``.sav``, ``.zsav``) or Stata (``.dta``) file (pyreadstat:
    numeric codes, not value labels; SPSS keeps numbers as doubles, so codes come as 1.0, 2.0); a
    ``.csv`` file (pandas, ``chunk_rows`` rows at a time); or a pyarrow dataset (e.g. a Hive-partitioned
    folder, ``pyarrow.dataset.dataset("susenas/", partitioning="hive")``), read as record batches joined
    into chunks of at most ``chunk_rows`` rows.""",
    replicate_weights="""replicate_weights : sequence of str, optional
    Columns of replicate weights (R's ``svrepdesign(repweights=)``).""",
    columns="""columns : sequence of str, optional
    The columns the design and its estimates may read (None: all of the file's). Each pass reads only
    those it needs, so a wide file costs no more than its used columns.""",
    chunk_rows="""chunk_rows : int, default 1,000,000
    Rows per chunk at most (Parquet: whole row groups, as many as fit; a larger row group is a chunk
    alone). Memory grows with it; the results do not depend on it beyond floating-point rounding.""",
    progress="""progress : bool, optional
    A progress bar of the passes over the chunks (None: when a person is watching and the run takes
    over a second), here and in the estimators; Ctrl-C stops between chunks.""",
)
def scan(
    path: Union[PathLike, Any],
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
    columns: Optional[Sequence[str]] = None,
    chunk_rows: int = 1_000_000,
    progress: Optional[bool] = None,
) -> ScanDesign:
    """A survey design over a file too large for memory, read chunk by chunk (no dask needed).

    The estimators of :mod:`gendex.micro` (``mean``, ``total``, ``proportion``, ``ratio``,
    ``accumulate``, ``index_inputs``, ``index_uncertainty``, ...) take the returned design; their
    results equal those of :class:`Design` over the whole file read into memory, up to floating-point
    rounding (~1e-15 relative), the internal bootstrap included. ``where`` is a boolean column's name
    or a function of a chunk (``lambda df: df["age"] >= 15``). To spread chunks over several
    processes or machines, use :func:`gendex.dask.read` and :class:`gendex.dask.Design`.

    Returns
    -------
    ScanDesign
        The design; making it reads the strata and PSU columns once.

    Examples
    --------
    >>> d = micro.scan(path, weight="weight", strata="stratum", psu="psu")
    >>> ds = micro.index_inputs(d, 2023, region="region", sex="sex", sex_codes={1: "female", 2: "male"},
    ...                         age="age", labour_force="in_lf")
    >>> ds.to_frame().query("region == '1'")[["sex", "indicator", "value", "se"]].round(1)
           sex                   indicator    value      se
    0   female  labour_force_participation     61.0     4.7
    1     male  labour_force_participation     65.3     6.5
    60  female                  population  10869.9  2548.6
    61    male                  population   7002.9  1882.5
    """
    chunks = file_chunks(path, columns, chunk_rows, "gendex.micro.scan")
    return ScanDesign(
        chunks,
        weight,
        progress,
        strata=strata,
        psu=psu,
        replicate_weights=replicate_weights,
        replicate_type=replicate_type,
        scale=scale,
        rscales=rscales,
        rho=rho,
        mse=mse,
        combined_weights=combined_weights,
        lonely_psu=lonely_psu,
    )
