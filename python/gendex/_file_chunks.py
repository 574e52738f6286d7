"""Survey files too large for memory, cut into chunks of rows (no dask needed).

Parquet (pyarrow: whole row groups per chunk), SPSS ``.sav``/``.zsav`` and Stata ``.dta`` (pyreadstat:
row ranges), CSV (pandas' chunked reader) and pyarrow datasets (their record batches).
:func:`gendex.micro.scan` reads the chunks one after the other; :func:`gendex.dask.read` makes each
chunk of a file a dask partition.
"""

from __future__ import annotations

import os
import queue
import sys
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional, Union, cast

import pandas as pd

from . import _core

PathLike = Union[str, "os.PathLike[str]"]

#: Suffixes read by pyreadstat, with its reader's name.
_READSTAT = {".sav": "read_sav", ".zsav": "read_sav", ".dta": "read_dta"}
_PARQUET = {".parquet", ".pq"}
_CSV = {".csv"}

#: A chunk of a Parquet file (file, row groups) or of an SPSS/Stata file (file, reader, first row, rows).
Part = Union[tuple[str, tuple[int, ...]], tuple[str, str, int, int]]


def file_error(kind: str, reason: str, path: Path, column: Optional[str] = None) -> Exception:
    return _core.located_error(kind, reason, file=str(path), column=column)


def _check_columns(path: Path, available: Sequence[str], columns: Optional[Sequence[str]]) -> Optional[list[str]]:
    if columns is None:
        return None
    wanted = list(columns)
    for c in wanted:
        if c not in available:
            raise file_error("UnknownKeyError", f"not in the file (columns: {', '.join(available)})", path, c)
    return wanted


def read_part(part: Part, columns: Optional[list[str]]) -> pd.DataFrame:
    """The rows of one chunk, only ``columns`` (None: all)."""
    if len(part) == 2:
        import pyarrow.parquet as pq

        file, groups = part
        return cast(pd.DataFrame, pq.ParquetFile(file).read_row_groups(list(groups), columns=columns).to_pandas())
    import pyreadstat

    file, reader, offset, limit = part
    frame, _ = getattr(pyreadstat, reader)(file, usecols=columns, row_offset=offset, row_limit=limit)
    return cast(pd.DataFrame, frame)


@dataclass(frozen=True)
class FileChunks:
    """A file's chunks: ``parts`` for Parquet and SPSS/Stata (each read by :func:`read_part`), none for CSV
    (read with pandas' chunked reader) and for a pyarrow dataset (its record batches, ``dataset``);
    ``names`` the file's columns, ``columns`` the ones to read (None: all), ``meta`` an empty frame with
    their types (None for CSV)."""

    path: Path
    names: list[str]
    columns: Optional[list[str]]
    chunk_rows: int
    parts: Optional[list[Part]]
    meta: Optional[pd.DataFrame]
    dataset: Any = None

    def frames(self, columns: Optional[Sequence[str]] = None) -> Iterator[pd.DataFrame]:
        """The chunks in file order, with ``columns`` (None: the chunks' columns)."""
        wanted = list(columns) if columns is not None else self.columns
        if self.parts is not None:
            for part in self.parts:
                yield read_part(part, wanted)
            return
        if self.dataset is not None:
            yield from self._batches(wanted)
            return
        try:
            reader = pd.read_csv(self.path, usecols=wanted, chunksize=self.chunk_rows)
            with reader:
                yield from reader
        except (OSError, ValueError) as e:
            raise file_error("InputError", f"not a readable CSV file ({e})", self.path) from None

    def _batches(self, columns: Optional[list[str]]) -> Iterator[pd.DataFrame]:
        """A pyarrow dataset's record batches in order, consecutive ones joined while they fit in chunk_rows."""
        import pyarrow as pa

        pending: list[Any] = []
        rows = 0
        for batch in self.dataset.to_batches(columns=columns, batch_size=self.chunk_rows):
            if pending and rows + batch.num_rows > self.chunk_rows:
                yield cast(pd.DataFrame, pa.Table.from_batches(pending).to_pandas())
                pending, rows = [], 0
            pending.append(batch)
            rows += batch.num_rows
        if pending:
            yield cast(pd.DataFrame, pa.Table.from_batches(pending).to_pandas())


def read_ahead(frames: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    """The items of ``frames`` in order, the next one read on a helper thread while the caller works on
    the one before: reading a chunk (pyarrow, pyreadstat, pandas) and the pass over it (gendex's C++,
    which lets go of the GIL) then take turns on two cores instead of one after the other. A reading
    error is raised here, as it was raised there; when the caller stops early (an error, Ctrl-C), the
    helper stops after the chunk it is reading. At most three chunks are in memory: the caller's, one
    ready, one being read."""
    ready: queue.Queue[tuple[str, Any]] = queue.Queue(maxsize=1)
    stop = threading.Event()

    def put(item: tuple[str, Any]) -> bool:
        try:
            ready.put(item, timeout=0.1)  # a timeout: a caller that stopped is seen while waiting
        except queue.Full:
            return False
        return True

    def offer(item: tuple[str, Any]) -> bool:
        while not stop.is_set():
            if put(item):
                return True
        return False

    def read() -> None:
        try:
            for frame in frames:
                if not offer(("frame", frame)):
                    return
        except BaseException as error:  # handed to the caller, raised there
            offer(("error", error))
            return
        finally:
            close = getattr(frames, "close", None)  # a generator stopped early closes its file here
            if close is not None:
                close()
        offer(("end", None))

    helper = threading.Thread(target=read, name="gendex-read-ahead", daemon=True)
    helper.start()
    try:
        while True:
            try:
                kind, item = ready.get(timeout=0.1)  # a timeout: Ctrl-C is seen while waiting
            except queue.Empty:
                continue
            if kind == "end":
                return
            if kind == "error":
                raise item
            yield item
    finally:
        stop.set()
        helper.join()


def _arrow_dataset(source: Any) -> bool:
    """Whether ``source`` is a pyarrow.dataset.Dataset (without importing pyarrow when it is not loaded)."""
    module = sys.modules.get("pyarrow.dataset")
    return module is not None and isinstance(source, module.Dataset)


def _dataset(dataset: Any, columns: Optional[Sequence[str]], chunk_rows: int) -> FileChunks:
    files = list(getattr(dataset, "files", []))
    path = Path(os.path.commonpath(files)) if files else Path("pyarrow dataset")
    names = list(dataset.schema.names)
    wanted = _check_columns(path, names, columns)
    meta = dataset.schema.empty_table().select(wanted if wanted is not None else names).to_pandas()
    return FileChunks(path, names, wanted, chunk_rows, None, meta, dataset)


def _parquet(path: Path, columns: Optional[Sequence[str]], chunk_rows: int) -> FileChunks:
    try:
        import pyarrow.parquet as pq
    except ImportError as e:
        raise ImportError("reading Parquet needs pyarrow: pip install pyarrow") from e
    files = [path]
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix in _PARQUET)
        if not files:
            raise file_error("InputError", "the folder holds no .parquet file", path)
    parts: list[Part] = []
    schema_names: Optional[list[str]] = None
    for file in files:
        try:
            meta = pq.ParquetFile(file).metadata
        except (OSError, ValueError) as e:  # pyarrow.ArrowInvalid is a ValueError
            raise file_error("InputError", f"not a readable Parquet file ({e})", file) from None
        names = [meta.schema.column(i).name for i in range(meta.num_columns)]
        if schema_names is None:
            schema_names = names
        elif names != schema_names:
            raise file_error(
                "InputError", f"its columns differ from the folder's first file ({', '.join(names)})", file
            )
        # Consecutive row groups while they fit in chunk_rows (a larger group is a chunk alone).
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
    names = schema_names or []
    wanted = _check_columns(path, names, columns)
    if not parts:
        raise file_error("InputError", "the file has no rows", path)
    # The column types from the schema: an empty table, not a row group read for nothing.
    schema = pq.ParquetFile(parts[0][0]).schema_arrow
    meta_frame = schema.empty_table().select(wanted if wanted is not None else schema.names).to_pandas()
    return FileChunks(path, names, wanted, chunk_rows, parts, meta_frame)


def _readstat(path: Path, columns: Optional[Sequence[str]], chunk_rows: int) -> FileChunks:
    try:
        import pyreadstat
    except ImportError as e:
        raise ImportError("reading SPSS and Stata files needs pyreadstat: pip install pyreadstat") from e
    reader = _READSTAT[path.suffix.lower()]
    try:
        _, meta = getattr(pyreadstat, reader)(str(path), metadataonly=True)
    except pyreadstat.ReadstatError as e:
        raise file_error("InputError", f"not a readable {path.suffix} file ({e})", path) from None
    names = list(meta.column_names)
    wanted = _check_columns(path, names, columns)
    rows = meta.number_rows
    if rows is None:  # some writers leave the count out: count by reading one column
        rows = len(getattr(pyreadstat, reader)(str(path), usecols=names[:1])[0])
    if rows == 0:
        raise file_error("InputError", "the file has no rows", path)
    parts: list[Part] = [
        (str(path), reader, offset, min(chunk_rows, rows - offset)) for offset in range(0, rows, chunk_rows)
    ]
    meta_frame = read_part((str(path), reader, 0, 1), wanted).iloc[:0]
    return FileChunks(path, names, wanted, chunk_rows, parts, meta_frame)


def _csv(path: Path, columns: Optional[Sequence[str]], chunk_rows: int) -> FileChunks:
    try:
        names = [str(c) for c in pd.read_csv(path, nrows=0).columns]
    except (OSError, ValueError) as e:
        raise file_error("InputError", f"not a readable CSV file ({e})", path) from None
    return FileChunks(path, names, _check_columns(path, names, columns), chunk_rows, None, None)


def file_chunks(path: Any, columns: Optional[Sequence[str]], chunk_rows: int, what: str) -> FileChunks:
    """The chunks of a Parquet file (or folder of them), an SPSS/Stata file, a CSV file or a pyarrow
    dataset; ``what`` names the caller in the error about an unknown suffix."""
    if _arrow_dataset(path):
        if isinstance(chunk_rows, bool) or not isinstance(chunk_rows, int) or chunk_rows < 1:
            raise _core.InputError(f"chunk_rows must be a whole number >= 1, got {chunk_rows!r}")
        return _dataset(path, columns, chunk_rows)
    p = Path(os.fspath(path))
    if isinstance(chunk_rows, bool) or not isinstance(chunk_rows, int) or chunk_rows < 1:
        raise file_error("InputError", f"chunk_rows must be a whole number >= 1, got {chunk_rows!r}", p)
    if not p.exists():
        raise file_error("InputError", "no such file or folder", p)
    suffix = p.suffix.lower()
    if p.is_dir() or suffix in _PARQUET:
        return _parquet(p, columns, chunk_rows)
    if suffix in _READSTAT:
        return _readstat(p, columns, chunk_rows)
    if suffix in _CSV:
        return _csv(p, columns, chunk_rows)
    raise file_error(
        "InputError", f"{what} reads .parquet/.pq (or a folder of them), .sav/.zsav, .dta and .csv files", p
    )


__all__ = ["FileChunks", "PathLike", "file_chunks", "file_error", "read_part"]
