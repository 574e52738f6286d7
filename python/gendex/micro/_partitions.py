"""Designs whose rows come in partitions: the codes every partition shares, one pass per partition, the
accumulators merged in partition order.

:class:`PartitionedBase` holds what the two kinds share; each says only how it runs a function over its
partitions (``_map``): :class:`gendex.dask.Design` as dask tasks, :class:`gendex.micro.ScanDesign` one
chunk of a file after the other. A first pass collects the strata and PSUs (coded in sorted order of
their values, as :class:`Design` codes a pandas frame, so row order is irrelevant); every estimate then
takes a pass for its domains and one accumulating the rows. Accumulators are a monoid: the results equal
the single-frame ones up to floating-point rounding (~1e-15 relative), internal bootstrap included (its
replicates depend only on the seed and the PSU codes).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Optional, cast

import numpy as np
import numpy.typing as npt
import pandas as pd

from gendex import _core
from gendex._common import facts_html

from ._design import CodeNames, Columns, Design, _column, _names, _numbers, core_threads, design_facts
from ._estimate import Accumulator
from ._index_inputs import IndexInputAccumulator, IndexInputSpec, _index_labels, _sex_codes

#: A partition function: (partition, its first row's position, the design's spec, *args) -> result.
PartitionFn = Callable[..., Any]


def global_rows(error: _core.GendexError, offset: int) -> Exception:
    """A core error about a row of a partition, about the row's position in the whole data (from its fields)."""
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


class PartitionedBase:
    """What a design over partitions holds (columns, replicate options, the shared codes) and how its
    estimators pass over the partitions. Subclasses give ``_map`` and, for their display, ``_kind``."""

    _kind = "partitions"
    #: Threads of one partition's pass (None: every core): 1 where a scheduler runs partitions side by side.
    _threads: Optional[int] = None

    def _setup(
        self,
        available: Sequence[str],
        weight: str,
        strata: Optional[str],
        psu: Optional[str],
        replicate_weights: Optional[Sequence[str]],
        replicate: Mapping[str, Any],
        progress: Optional[bool],
    ) -> None:
        """Checks the columns, then one pass for the row counts and the strata and PSU codes."""
        if isinstance(replicate_weights, np.ndarray):
            raise _core.InputError("replicate weights of partitioned data must be column names")
        for name in [weight, strata, psu, *(replicate_weights or [])]:
            if name is not None and name not in available:
                raise _core.UnknownKeyError(
                    f"column '{name}' is not in the data (columns: {', '.join(map(str, available))})"
                )
        self.weight = weight
        self.strata = strata
        self.psu = psu
        self.progress = progress
        self._replicate = dict(replicate, replicate_weights=list(replicate_weights) if replicate_weights else None)
        self._offsets: Optional[np.ndarray] = None
        self._strata_values: Optional[pd.Index] = None
        self._psu_keys: Optional[pd.MultiIndex] = None
        key_columns = [c for c in (strata, psu) if c is not None]
        reads = key_columns or [weight]  # the row counts need one column
        results = self._map(_design_keys, (key_columns,), "design codes", progress, reads)
        self._offsets = np.concatenate([[0], np.cumsum([n for n, _ in results])]).astype(np.int64)
        if key_columns:
            keys = pd.concat([k for _, k in results], ignore_index=True).drop_duplicates(ignore_index=True)
            for c in key_columns:
                if keys[c].isna().any():
                    raise _core.InputError(f"column '{c}': missing value")
            keys = keys.sort_values(key_columns, kind="stable").reset_index(drop=True)
            if strata is not None:
                self._strata_values = pd.Index(keys[strata].drop_duplicates(), tupleize_cols=False)
            if psu is not None:
                self._psu_keys = pd.MultiIndex.from_frame(keys[key_columns])

    def _map(
        self,
        fn: PartitionFn,
        args: tuple[Any, ...],
        what: str,
        progress: Optional[bool],
        columns: Optional[list[str]],
        data: Any = None,
    ) -> list[Any]:
        """``fn(partition, offset, spec, *args)`` for every partition, results in partition order; ``columns``
        the columns ``fn`` reads (None: all), ``data`` another frame of the same partitions (dask)."""
        raise NotImplementedError

    @property
    def has_replicates(self) -> bool:
        """Whether the design has replicate weights (its estimators' default variance is then "replicates")."""
        return self._replicate["replicate_weights"] is not None

    @property
    def rows(self) -> int:
        """The number of rows, all partitions together."""
        assert self._offsets is not None
        return int(self._offsets[-1])

    @property
    def partitions(self) -> int:
        """The number of partitions (chunks)."""
        assert self._offsets is not None
        return len(self._offsets) - 1

    def __repr__(self) -> str:
        kind = "replicate weights" if self.has_replicates else "linearisation"
        strata = 0 if self._strata_values is None else len(self._strata_values)
        return (
            f"<{type(self).__module__}.{type(self).__name__}: {self.rows} rows in {self.partitions} "
            f"{self._kind}, {strata} strata, {kind}>"
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
        facts.insert(1, (self._kind, f"{self.partitions:,}"))
        return facts_html(f"{type(self).__module__}.{type(self).__name__}", facts)

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

    def _design_columns(self) -> list[str]:
        reps = cast(Optional[list[str]], self._replicate["replicate_weights"]) or []
        return [c for c in (self.weight, self.strata, self.psu, *reps) if c is not None]

    def _reads(self, where: Any, *names: str) -> Optional[list[str]]:
        """The columns a pass reads: ``names`` and a where column; all when ``where`` is a function."""
        if callable(where):
            return None
        return list(dict.fromkeys([*names, *([where] if isinstance(where, str) else [])]))

    def _with_where(self, where: Any) -> tuple[Any, Any]:
        """The frame to map (None: the design's) and the per-partition filter."""
        if where is None or isinstance(where, str) or callable(where):
            return None, where
        raise _core.InputError(
            "'where' of a partitioned design must be a boolean column name or a function of a pandas "
            "partition (e.g. lambda df: df['age'] >= 15)"
        )

    def _accumulate(
        self,
        variables: Sequence[str],
        by: Columns,
        where: Any,
        linearization: bool,
        progress: Optional[bool],
        binary: Sequence[str],
    ) -> Accumulator:
        """One pass over every partition, merged in partition order (micro.accumulate's partitioned pass)."""
        names = _names(by)
        data, where_arg = self._with_where(where)
        progress = self.progress if progress is None else progress
        if names:
            reads = self._reads(where_arg, *names)
            combos = self._map(_domain_combos, (names, where_arg), "domains", progress, reads, data)
            labels = pd.concat(combos, ignore_index=True).drop_duplicates()
            if labels.isna().any().any():
                raise _core.InputError(f"missing values in the 'by' columns {names}")
            labels = labels.sort_values(names, kind="stable").reset_index(drop=True)
        else:
            labels = pd.DataFrame(index=range(1))
        args = (list(variables), names, labels, where_arg, linearization, list(binary), self._threads)
        reads = self._reads(where_arg, *self._design_columns(), *variables, *names)
        parts = self._map(_accumulate_partition, args, self._kind, progress, reads, data)
        return Accumulator(_merge(parts), labels, self.has_replicates, _spec_names(self._spec()))

    def _accumulate_index_inputs(
        self, region: str, sex: str, spec: IndexInputSpec, linearization: bool, progress: Optional[bool]
    ) -> IndexInputAccumulator:
        """The index-input pass over every partition, merged (micro.accumulate_index_inputs' partitioned pass)."""
        progress = self.progress if progress is None else progress
        values = self._map(_distinct_values, (region,), "regions", progress, [region])
        distinct = pd.concat(values, ignore_index=True).drop_duplicates()
        if distinct.isna().any():
            raise _core.InputError(f"column '{region}': missing region")
        regions = pd.Index(np.sort(distinct.to_numpy()), tupleize_cols=False)
        reads = self._reads(None, *self._design_columns(), region, sex, *spec.roles().values())
        args = (region, regions, sex, spec, linearization, self._threads)
        parts = self._map(_index_partition, args, self._kind, progress, reads)
        return IndexInputAccumulator(
            _merge(parts), _index_labels(list(regions)), self.has_replicates, _spec_names(self._spec())
        )


def _merge(parts: list[Optional[_core.MicroAccumulator]]) -> _core.MicroAccumulator:
    """The partitions' accumulators merged in order; an empty partition (None) adds nothing."""
    present = [p for p in parts if p is not None]
    if not present:
        raise _core.InputError("the data has no rows")
    merged = present[0]
    for part in present[1:]:
        merged.merge(part)
    return merged


# ------------------------------------------------------------------ partition functions


def _design_keys(pdf: pd.DataFrame, offset: int, spec: Any, key_columns: list[str]) -> tuple[int, Any]:
    """The partition's row count and its distinct (stratum, PSU) rows."""
    return len(pdf), (pdf[key_columns].drop_duplicates() if key_columns else None)


def _partition_design(pdf: pd.DataFrame, offset: int, spec: Mapping[str, Any]) -> Design:
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
    # No names: a partition's design only accumulates; the merged accumulator names the codes.
    return Design._from_codes(
        pdf, spec["weight"], spec["strata"], spec["psu"], strata_codes, psu_codes, **spec["replicate"]
    )


def _spec_names(spec: Mapping[str, Any]) -> CodeNames:
    """The stratum and PSU values behind the design's global codes (the PSU: the last level of its key)."""
    keys = spec["psu_keys"]
    return CodeNames(spec["strata_values"], None if keys is None else keys.get_level_values(-1))


def _mask(pdf: pd.DataFrame, where: Any) -> Optional[np.ndarray]:
    if where is None:
        return None
    w = pdf[where] if isinstance(where, str) else where(pdf)
    w = np.asarray(w.to_numpy() if isinstance(w, pd.Series) else w)
    if w.dtype != bool or w.shape != (len(pdf),):
        raise _core.InputError("'where' must give one boolean per row (e.g. df['age'] >= 15)")
    return w


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
    threads: Optional[int],
) -> Optional[_core.MicroAccumulator]:
    if len(pdf) == 0:  # an empty row group or dask partition: nothing to add
        return None
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
        return _core.micro_accumulate(
            design._core,
            pairs,
            np.ascontiguousarray(codes, dtype=np.uint32),
            max(len(labels), 1),
            None if mask is None else mask.astype(np.uint8),
            linearization,
            True,
            threads=core_threads(threads),
        )
    except (_core.InputError, _core.UnknownKeyError) as e:
        raise global_rows(e, offset) from None


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
    threads: Optional[int],
) -> Optional[_core.MicroAccumulator]:
    # An empty chunk adds nothing (and the core would take its empty columns for columns not given).
    if len(pdf) == 0:
        return None
    try:
        design = _partition_design(pdf, offset, spec)
        codes = regions.get_indexer(pd.Index(_column(pdf, region)))
        if (codes < 0).any():
            raise _core.located_error(
                "InputError", "missing region", row=int(np.flatnonzero(codes < 0)[0]), column=region
            )
        sexes = _sex_codes(pdf, sex, columns.sex_codes)
        return columns.accumulate(design, codes, len(regions), sexes, region, sex, linearization, threads=threads)
    except (_core.InputError, _core.UnknownKeyError) as e:
        raise global_rows(e, offset) from None


__all__ = ["PartitionedBase", "global_rows"]
