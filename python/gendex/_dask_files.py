"""Survey files too large for memory, as dask DataFrames read chunk by chunk (gendex.dask.read).

Parquet (pyarrow), SPSS ``.sav``/``.zsav`` and Stata ``.dta`` (pyreadstat) and CSV (dask's reader). Each
partition holds at most ``chunk_rows`` rows of the requested columns (Parquet: whole row groups, as many
as fit), so a pass of :class:`gendex.dask.Design` keeps a partition per worker in memory, never the file.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Optional, Union, cast

import pandas as pd

from . import _core

try:
    import dask.dataframe as dd
except ImportError as e:  # pragma: no cover - exercised only without the extra
    raise ImportError("gendex.dask needs dask: pip install 'gendex[dask]' (dask[dataframe] and distributed)") from e

PathLike = Union[str, "os.PathLike[str]"]

#: Suffixes read by pyreadstat, with its reader's name.
_READSTAT = {".sav": "read_sav", ".zsav": "read_sav", ".dta": "read_dta"}
_PARQUET = {".parquet", ".pq"}
_CSV = {".csv"}


def _error(kind: str, reason: str, path: Path, column: Optional[str] = None) -> Exception:
    return _core.located_error(kind, reason, file=str(path), column=column)


def _check_columns(path: Path, available: Sequence[str], columns: Optional[Sequence[str]]) -> Optional[list[str]]:
    if columns is None:
        return None
    wanted = list(columns)
    for c in wanted:
        if c not in available:
            raise _error("UnknownKeyError", f"not in the file (columns: {', '.join(available)})", path, c)
    return wanted


# ------------------------------------------------------------------ Parquet


def _parquet_files(path: Path) -> list[Path]:
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix in _PARQUET)
        if not files:
            raise _error("InputError", "the folder holds no .parquet file", path)
        return files
    return [path]


def _read_row_groups(part: tuple[str, tuple[int, ...]], columns: Optional[list[str]]) -> pd.DataFrame:
    import pyarrow.parquet as pq

    file, groups = part
    return cast(pd.DataFrame, pq.ParquetFile(file).read_row_groups(list(groups), columns=columns).to_pandas())


def _parquet(path: Path, columns: Optional[Sequence[str]], chunk_rows: int) -> dd.DataFrame:
    try:
        import pyarrow.parquet as pq
    except ImportError as e:  # pragma: no cover - pyarrow comes with dask[dataframe]
        raise ImportError("reading Parquet needs pyarrow: pip install pyarrow") from e
    parts: list[tuple[str, tuple[int, ...]]] = []
    schema_names: Optional[list[str]] = None
    for file in _parquet_files(path):
        try:
            meta = pq.ParquetFile(file).metadata
        except (OSError, ValueError) as e:  # pyarrow.ArrowInvalid is a ValueError
            raise _error("InputError", f"not a readable Parquet file ({e})", file) from None
        names = [meta.schema.column(i).name for i in range(meta.num_columns)]
        if schema_names is None:
            schema_names = names
        elif names != schema_names:
            raise _error("InputError", f"its columns differ from the folder's first file ({', '.join(names)})", file)
        # Consecutive row groups while they fit in chunk_rows (a larger group is a partition alone).
        groups: list[int] = []
        rows = 0
        for g in range(meta.num_row_groups):
            n = meta.row_group(g).num_rows
            if groups and rows + n > chunk_rows:
                parts.append((str(file), tuple(groups)))
                groups, rows = [], 0
            groups.append(g)
            rows += n
        if groups:
            parts.append((str(file), tuple(groups)))
    wanted = _check_columns(path, schema_names or [], columns)
    if not parts:
        raise _error("InputError", "the file has no rows", path)
    # The column types from the schema: an empty table, not a row group read for nothing.
    schema = pq.ParquetFile(parts[0][0]).schema_arrow
    meta_frame = schema.empty_table().select(wanted if wanted is not None else schema.names).to_pandas()
    return cast(
        dd.DataFrame, dd.from_map(_read_row_groups, parts, columns=wanted, meta=meta_frame, label="gendex-read-parquet")
    )


# ------------------------------------------------------------------ SPSS and Stata


def _read_rows(part: tuple[str, str, int, int], columns: Optional[list[str]]) -> pd.DataFrame:
    import pyreadstat

    file, reader, offset, limit = part
    frame, _ = getattr(pyreadstat, reader)(file, usecols=columns, row_offset=offset, row_limit=limit)
    return cast(pd.DataFrame, frame)


def _readstat(path: Path, columns: Optional[Sequence[str]], chunk_rows: int) -> dd.DataFrame:
    try:
        import pyreadstat
    except ImportError as e:
        raise ImportError("reading SPSS and Stata files needs pyreadstat: pip install pyreadstat") from e
    reader = _READSTAT[path.suffix.lower()]
    try:
        _, meta = getattr(pyreadstat, reader)(str(path), metadataonly=True)
    except pyreadstat.ReadstatError as e:
        raise _error("InputError", f"not a readable {path.suffix} file ({e})", path) from None
    wanted = _check_columns(path, list(meta.column_names), columns)
    rows = meta.number_rows
    if rows is None:  # some writers leave the count out: count by reading one column
        rows = len(getattr(pyreadstat, reader)(str(path), usecols=list(meta.column_names[:1]))[0])
    if rows == 0:
        raise _error("InputError", "the file has no rows", path)
    parts = [(str(path), reader, offset, min(chunk_rows, rows - offset)) for offset in range(0, rows, chunk_rows)]
    meta_frame = _read_rows((str(path), reader, 0, 1), wanted).iloc[:0]
    return cast(
        dd.DataFrame, dd.from_map(_read_rows, parts, columns=wanted, meta=meta_frame, label="gendex-read-readstat")
    )


# ------------------------------------------------------------------ the reader


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
    >>> import os, tempfile
    >>> import pandas as pd
    >>> from gendex import dask as gdask
    >>> path = os.path.join(tempfile.mkdtemp(), "survey.parquet")
    >>> pd.read_csv("tests/fixtures/micro/survey.csv").to_parquet(path, row_group_size=1000)
    >>> ddf = gdask.read(path, columns=["weight", "stratum", "psu", "sex", "y"], chunk_rows=2000)
    >>> ddf.npartitions
    3
    >>> d = gdask.Design(ddf, weight="weight", strata="stratum", psu="psu")
    >>> gdask.mean(d, "y", by="sex")[["sex", "estimate", "se"]].round(2)
       sex  estimate    se
    0    1     53.12  0.43
    1    2     55.49  0.41
    """
    p = Path(os.fspath(path))
    if isinstance(chunk_rows, bool) or not isinstance(chunk_rows, int) or chunk_rows < 1:
        raise _error("InputError", f"chunk_rows must be a whole number >= 1, got {chunk_rows!r}", p)
    if not p.exists():
        raise _error("InputError", "no such file or folder", p)
    suffix = p.suffix.lower()
    if p.is_dir() or suffix in _PARQUET:
        return _parquet(p, columns, chunk_rows)
    if suffix in _READSTAT:
        return _readstat(p, columns, chunk_rows)
    if suffix in _CSV:
        try:
            ddf = dd.read_csv(str(p), blocksize="64MB")
        except (OSError, ValueError) as e:
            raise _error("InputError", f"not a readable CSV file ({e})", p) from None
        wanted = _check_columns(p, [str(c) for c in ddf.columns], columns)
        return cast(dd.DataFrame, ddf if wanted is None else ddf[wanted])
    raise _error(
        "InputError",
        "gendex.dask.read reads .parquet/.pq (or a folder of them), .sav/.zsav, .dta and .csv files",
        p,
    )


__all__ = ["read"]
