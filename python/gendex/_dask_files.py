"""Survey files too large for memory, as dask DataFrames read chunk by chunk (gendex.dask.read).

The chunks are :mod:`gendex._file_chunks`' (Parquet row groups, SPSS/Stata row ranges), one partition
each; CSV files go through dask's own reader. A pass of :class:`gendex.dask.Design` keeps a partition
per worker in memory, never the file.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Optional, cast

from . import _core
from ._file_chunks import PathLike, file_chunks, file_error, read_part
from .micro._docs import SURVEY_FILE, example

try:
    import dask.dataframe as dd
except ImportError as e:  # pragma: no cover - exercised only without the extra
    raise ImportError("gendex.dask needs dask: pip install 'gendex[dask]' (dask[dataframe] and distributed)") from e


@example(SURVEY_FILE)
def read(path: PathLike, columns: Optional[Sequence[str]] = None, chunk_rows: int = 1_000_000) -> dd.DataFrame:
    """A survey file as a dask DataFrame read chunk by chunk, for :class:`gendex.dask.Design`.

    Memory stays bounded by the chunk, not the file: each partition is read when a pass of the design
    or an estimator reaches it (a pass reads the file once; a design and an estimate take three).
    Read only the columns the design and estimates use.

    Parameters
    ----------
    path : str or path-like
        A Parquet file (``.parquet``, ``.pq``) or a folder of them with the same columns; an SPSS
        (``.sav``, ``.zsav``) or Stata (``.dta``) file, read with pyreadstat (numeric codes, not
        their value labels, so that every chunk codes alike; SPSS keeps every number as a double,
        so codes come as 1.0, 2.0); or a ``.csv`` file (dask's
        ``read_csv``, in blocks of about 64 MB rather than ``chunk_rows``).
    columns : sequence of str, optional
        The columns to read (None: all).
    chunk_rows : int, default 1,000,000
        Rows per partition at most. Parquet partitions are whole row groups, as many as fit (a
        larger row group is a partition alone).

    Returns
    -------
    dask.dataframe.DataFrame
        One partition per chunk, in file order.

    Raises
    ------
    InputError
        The file does not exist, has another suffix, cannot be read, or has no rows; a folder's
        Parquet files differ in their columns; ``chunk_rows`` is below 1.
    UnknownKeyError
        A column of ``columns`` is not in the file.
    ImportError
        pyreadstat (SPSS, Stata) is not installed.

    Examples
    --------
    >>> from gendex import dask as gdask
    >>> ddf = gdask.read(path, columns=["weight", "stratum", "psu", "sex", "y"], chunk_rows=2000)
    >>> ddf.npartitions
    3
    >>> d = gdask.Design(ddf, weight="weight", strata="stratum", psu="psu")
    >>> gdask.mean(d, "y", by="sex")[["sex", "estimate", "se"]].round(2)
       sex  estimate    se
    0    1     53.12  0.43
    1    2     55.49  0.41
    """
    chunks = file_chunks(path, columns, chunk_rows, "gendex.dask.read")
    if chunks.dataset is not None:
        raise _core.InputError("gendex.dask.read takes a file or folder; read a pyarrow dataset with dd.read_parquet")
    if chunks.parts is None:  # CSV: dask's reader, in blocks of about 64 MB
        try:
            ddf = dd.read_csv(str(chunks.path), blocksize="64MB")
        except (OSError, ValueError) as e:
            raise file_error("InputError", f"not a readable CSV file ({e})", chunks.path) from None
        return cast(dd.DataFrame, ddf if chunks.columns is None else ddf[chunks.columns])
    return cast(
        dd.DataFrame,
        dd.from_map(read_part, chunks.parts, columns=chunks.columns, meta=chunks.meta, label="gendex-read"),
    )


__all__ = ["read"]
