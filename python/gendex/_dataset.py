"""The sex-disaggregated long table: :class:`Observation`, :class:`Dataset` and :func:`load`."""

from __future__ import annotations

import html
import os
from typing import TYPE_CHECKING, Any, NamedTuple, Optional

import numpy as np
import pandas as pd

from . import _core, frames
from ._common import PathLike, as_list, public_module, write_files
from ._registry import IndicatorRegistry, _registry_core

if TYPE_CHECKING:
    from ._sdmx import SdmxMappingLike


@public_module("gendex")
class Observation(NamedTuple):
    """One row of a Dataset with its keys spelled out (se is NaN when none was given).

    Examples
    --------
    >>> import gendex
    >>> gendex.read_csv("data/bps/kalteng_2010_2021.csv").row(0)  # doctest: +NORMALIZE_WHITESPACE
    Observation(region='62', period=2010, sex='male', indicator='life_expectancy', value=67.16, age_group='',
                se=nan, unit='years', source='ipg_components_2010_2021.csv')
    """

    region: str
    period: int
    sex: str
    indicator: str
    value: float
    age_group: str
    se: float
    unit: str
    source: str


@public_module("gendex")
class Dataset:
    """An immutable sex-disaggregated long table: region x period x sex x age group x indicator.

    Make one with :func:`read_csv`, :func:`read_hdr`, :meth:`from_frame` or
    :func:`load`. Every way of making one validates the same way (finite
    values, known indicators, sex scopes, valid ranges, unique keys), so a
    Dataset is always valid. Two Datasets are ``==`` when they have equal rows
    in equal order, numbers compared bit for bit.

    ``values``, ``se`` and ``periods`` are read-only NumPy views of the C++
    columns (no copy); :meth:`to_frame` is the pandas table.

    Examples
    --------
    >>> import gendex
    >>> kalteng = gendex.read_csv("data/bps/kalteng_2010_2021.csv")
    >>> kalteng
    <gendex.Dataset: 2,490 rows, 15 regions, 12 periods (2010-2021), 10 indicators>
    >>> kalteng.regions[:3], kalteng.has_se
    (['62', '6201', '6202'], False)
    """

    __slots__ = ("_core",)

    def __init__(self) -> None:
        """An empty Dataset."""
        self._core = _core.Dataset()

    @classmethod
    def _wrap(cls, core: _core.Dataset) -> Dataset:
        out = cls.__new__(cls)
        out._core = core
        return out

    # --- construction and conversion

    @classmethod
    def from_frame(cls, df: pd.DataFrame, registry: Optional[IndicatorRegistry] = None) -> Dataset:
        """A Dataset from a tidy DataFrame.

        Required columns: region, period, sex, indicator, value; optional:
        age_group, se, unit, source (any other column is an InputError, so a
        misspelt "standard_error" is not silently dropped). Sex codes are
        normalised like the CSV reader (female/male/total, F/M/T, P/L, any
        case). Missing optional cells are "" (text) or NaN (se). Text columns
        must hold strings. A missing column, a NaN value, a non-integer period
        and so on raise InputError naming the row (position, as in
        ``df.iloc``) and the column; an unknown indicator raises
        UnknownKeyError.

        Parameters
        ----------
        df : pandas.DataFrame
            The tidy table; text columns may be object, string or categorical.
        registry : IndicatorRegistry, optional
            Indicators to check ids, sex scopes and value ranges against; None
            takes the standard registry.

        Returns
        -------
        Dataset

        Raises
        ------
        InputError
            A column is missing or unknown, or a cell is not valid (a NaN value,
            a non-integer period, a duplicate key); the message names the row
            and column.
        UnknownKeyError
            An indicator the registry does not know.

        See Also
        --------
        to_frame : the inverse, ``Dataset.from_frame(ds.to_frame()) == ds``.

        Examples
        --------
        >>> import pandas as pd
        >>> import gendex
        >>> df = pd.DataFrame({"region": ["IDN", "IDN"], "period": [2023, 2023], "sex": ["F", "M"],
        ...                    "indicator": ["life_expectancy", "life_expectancy"], "value": [73.3, 69.0]})
        >>> ds = gendex.Dataset.from_frame(df)
        >>> ds
        <gendex.Dataset: 2 rows, 1 regions, 1 periods (2023), 1 indicators>
        >>> print(ds.to_frame()[["region", "period", "sex", "indicator", "value"]].to_string(index=False))
        region  period    sex       indicator  value
           IDN    2023 female life_expectancy   73.3
           IDN    2023   male life_expectancy   69.0
        >>> try:  # doctest: +NORMALIZE_WHITESPACE
        ...     gendex.Dataset.from_frame(df.assign(value=[73.3, float("nan")]))
        ... except gendex.InputError as e:
        ...     print(e)
        row 1, column 'value': value is not a finite number
        (region 'IDN', period 2023, sex male, indicator 'life_expectancy')
        """
        return cls._wrap(frames.dataset_from_frame(df, _registry_core(registry)))

    def to_frame(self) -> pd.DataFrame:
        """The tidy DataFrame: always all nine contract columns, in contract order.

        region, sex, indicator, age_group, unit, source are strings ("" where
        absent); period is int64; value is float64; se is float64, NaN where no
        standard error was given. ``Dataset.from_frame(ds.to_frame()) == ds``.

        Returns
        -------
        pandas.DataFrame
            One row per observation, in the Dataset's order.

        Examples
        --------
        >>> import gendex
        >>> df = gendex.read_csv("data/bps/kalteng_2010_2021.csv").to_frame()
        >>> list(df.columns)
        ['region', 'period', 'sex', 'indicator', 'value', 'age_group', 'se', 'unit', 'source']
        >>> len(df)
        2490
        """
        return frames.dataset_to_frame(self._core)

    def to_csv(self, path: PathLike) -> None:
        """Write the tidy CSV (optional columns only when used; numbers read back bit for bit).

        A regular file is replaced atomically and keeps its permissions; a device, FIFO or
        ``/dev/stdout`` is written in place, never replaced.

        Parameters
        ----------
        path : str or os.PathLike
            The file to write; :func:`read_csv` reads it back.

        Raises
        ------
        InputError
            When the file cannot be written, naming it.

        Examples
        --------
        >>> import os, tempfile
        >>> import gendex
        >>> kalteng = gendex.read_csv("data/bps/kalteng_2010_2021.csv")
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     path = os.path.join(folder, "kalteng.csv")
        ...     kalteng.to_csv(path)
        ...     gendex.read_csv(path) == kalteng
        True
        """
        self._core.write_csv(os.fspath(path))

    def to_csv_text(self) -> str:
        """The tidy CSV text that :meth:`to_csv` writes.

        Returns
        -------
        str
            A header line, then one line per row.

        Examples
        --------
        >>> import gendex
        >>> kalteng = gendex.read_csv("data/bps/kalteng_2010_2021.csv")
        >>> print(kalteng.filter(regions="6203", periods=2021, indicators="ipg").to_csv_text())
        region,period,sex,indicator,value,source
        6203,2021,total,ipg,95.32,ipg_components_2010_2021.csv
        <BLANKLINE>
        """
        return self._core.format_csv()

    def to_sdmx_csv(self, path: PathLike, dataflow: str, mapping: SdmxMappingLike = None) -> None:
        """Write SDMX-CSV 1.0: ``DATAFLOW,SERIES,REF_AREA,SEX,[AGE,]TIME_PERIOD,OBS_VALUE[,UNIT_MEASURE][,OBS_STATUS]``.

        Each (indicator, sex) becomes the series the mapping gives it (the first row with that indicator
        and that sex or no sex); sex is F, M or _T, an empty age group _T. UNIT_MEASURE is the row's
        unit and OBS_STATUS the code its source ends with after ``; OBS_STATUS=`` (or the whole source
        ``OBS_STATUS=<code>``), as :func:`read_sdmx_csv` keeps them. Written with the core's all-or-none
        writer: a regular file is replaced atomically, a device or FIFO written in place, never replaced.

        Parameters
        ----------
        path : str or os.PathLike
            The file to write ("-": standard output); :func:`read_sdmx_csv` reads it back.
        dataflow : str
            The DATAFLOW id, e.g. "UNSD:DF_SDG_GLH(1.0)" (agency:id(version)).
        mapping : str, os.PathLike or sequence of SdmxSeries, optional
            Series code -> indicator; None takes the bundled starter (:func:`sdmx_mapping`).

        Raises
        ------
        InputError
            An indicator with no series in the mapping, standard errors (SDMX-CSV has no column for
            them), an empty dataflow, or a file that cannot be written.

        Examples
        --------
        >>> import os, tempfile
        >>> import pandas as pd
        >>> import gendex
        >>> ds = gendex.Dataset.from_frame(pd.DataFrame({"region": ["IDN"], "period": [2023], "sex": ["female"],
        ...     "indicator": ["parliament_share"], "value": [21.9]}))
        >>> path = os.path.join(tempfile.mkdtemp(), "out.csv")
        >>> ds.to_sdmx_csv(path, dataflow="UNSD:DF_SDG_GLH(1.0)")
        >>> print(open(path).read(), end="")
        DATAFLOW,SERIES,REF_AREA,SEX,TIME_PERIOD,OBS_VALUE
        UNSD:DF_SDG_GLH(1.0),SG_GEN_PARL,IDN,F,2023,21.9
        """
        from ._sdmx import format_sdmx_csv  # _sdmx imports this module

        write_files([(path, format_sdmx_csv(self, dataflow, mapping))])

    def save(self, path: PathLike, format: str = "binary") -> None:
        """Write an archive file; read it with :func:`load`.

        Parameters
        ----------
        path : str or os.PathLike
            The file to write.
        format : {"binary", "text"}, default "binary"
            "binary" is compact, "text" portable across machines.

        Raises
        ------
        InputError
            An unknown format, or a file that cannot be written.

        Examples
        --------
        >>> import os, tempfile
        >>> import gendex
        >>> kalteng = gendex.read_csv("data/bps/kalteng_2010_2021.csv")
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     path = os.path.join(folder, "kalteng.txt")
        ...     kalteng.save(path, format="text")
        ...     gendex.Dataset.load(path) == kalteng
        True
        """
        self._core.save(os.fspath(path), format)

    @classmethod
    def load(cls, path: PathLike, registry: Optional[IndicatorRegistry] = None) -> Dataset:
        """Read an archive file written by :meth:`save` (either format).

        The archive's length and checksum are checked before anything is read, and its rows go
        through ``registry``'s checks (the standard registry by default) as a CSV's rows do.

        Parameters
        ----------
        path : str or os.PathLike
            The archive file, in either format.
        registry : IndicatorRegistry, optional
            Indicators the rows are checked against; None takes the standard registry.

        Returns
        -------
        Dataset

        Raises
        ------
        ArchiveError
            The file is damaged, truncated, not an archive, or holds a row the registry refuses
            (an unknown indicator, a value out of range), with the file's name.

        Examples
        --------
        >>> import os, tempfile
        >>> import gendex
        >>> kalteng = gendex.read_csv("data/bps/kalteng_2010_2021.csv")
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     path = os.path.join(folder, "kalteng.bin")
        ...     kalteng.save(path)
        ...     gendex.Dataset.load(path)
        <gendex.Dataset: 2,490 rows, 15 regions, 12 periods (2010-2021), 10 indicators>
        """
        return cls._wrap(_core.Dataset.load(os.fspath(path), _registry_core(registry)))

    def to_archive(self, format: str = "binary") -> bytes:
        """The archive bytes (what :meth:`save` writes and pickle stores).

        Parameters
        ----------
        format : {"binary", "text"}, default "binary"
            As for :meth:`save`.

        Returns
        -------
        bytes

        Examples
        --------
        >>> import gendex
        >>> kalteng = gendex.read_csv("data/bps/kalteng_2010_2021.csv")
        >>> data = kalteng.to_archive()
        >>> gendex.Dataset.from_archive(data) == kalteng
        True
        """
        return self._core.to_archive(format)

    @classmethod
    def from_archive(cls, data: bytes, name: str = "archive", registry: Optional[IndicatorRegistry] = None) -> Dataset:
        """A Dataset from archive bytes (see :meth:`load`).

        Parameters
        ----------
        data : bytes
            What :meth:`to_archive` returned.
        name : str, default "archive"
            Stands for the source in messages.
        registry : IndicatorRegistry, optional
            Indicators the rows are checked against; None takes the standard registry.

        Returns
        -------
        Dataset

        Raises
        ------
        ArchiveError
            The bytes are damaged, truncated or not an archive, or hold a row the
            registry refuses; the message names ``name``.

        Examples
        --------
        >>> import gendex
        >>> kalteng = gendex.read_csv("data/bps/kalteng_2010_2021.csv")
        >>> data = kalteng.to_archive("text")
        >>> len(gendex.Dataset.from_archive(data, name="kalteng archive"))
        2490
        >>> try:
        ...     gendex.Dataset.from_archive(data[:100], name="kalteng archive")
        ... except gendex.ArchiveError as e:
        ...     print(e)
        kalteng archive: truncated or corrupted archive (67 bytes after the header, 143393 written)
        """
        return cls._wrap(_core.Dataset.from_archive(bytes(data), name, _registry_core(registry)))

    def __getstate__(self) -> bytes:
        return self._core.to_archive("binary")

    def __setstate__(self, state: bytes) -> None:
        self._core = _core.Dataset.from_archive(state, "pickle")

    # --- container protocol

    def __len__(self) -> int:
        return len(self._core)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Dataset):
            return NotImplemented
        return self._core == other._core

    __hash__ = None  # type: ignore[assignment]  # unhashable; typeshed declares object.__hash__ a method

    def row(self, i: int) -> Observation:
        """One row with its keys spelled out.

        Parameters
        ----------
        i : int
            The 0-based row number; negative counts from the end.

        Returns
        -------
        Observation

        Raises
        ------
        IndexError
            When ``i`` is out of range.

        Examples
        --------
        >>> import gendex
        >>> kalteng = gendex.read_csv("data/bps/kalteng_2010_2021.csv")
        >>> kalteng.row(-1)  # doctest: +NORMALIZE_WHITESPACE
        Observation(region='6271', period=2021, sex='total', indicator='idg', value=78.72, age_group='', se=nan,
                    unit='', source='idg_components_2010_2021.csv')
        """
        n = len(self)
        if not -n <= i < n:
            raise IndexError(f"row {i} is out of range (size {n})")
        return Observation(*self._core.row(i % n))

    # --- columns

    @property
    def values(self) -> np.ndarray:
        """Values, a read-only float64 view of the C++ column (no copy; it keeps the data alive)."""
        return self._core.values

    @property
    def se(self) -> np.ndarray:
        """Standard errors, a read-only float64 view (NaN where none was given)."""
        return self._core.se

    @property
    def periods(self) -> np.ndarray:
        """Periods, a read-only int32 view."""
        return self._core.periods

    @property
    def regions(self) -> list[str]:
        """Distinct region ids, in order of first appearance."""
        return self._core.region_names()

    @property
    def indicators(self) -> list[str]:
        """Distinct indicator ids, in order of first appearance."""
        return self._core.indicator_ids()

    @property
    def has_se(self) -> bool:
        """Whether any row has a standard error."""
        return self._core.has_se()

    # --- look-ups

    def value(self, region: str, period: int, sex: str, indicator: str, age_group: str = "") -> float:
        """The value of one key.

        Parameters
        ----------
        region, indicator : str
            The region code and indicator id.
        period : int
            The year.
        sex : str
            "female", "male" or "total" (or any spelling the readers accept).
        age_group : str, default ""
            "" for a row without an age group.

        Returns
        -------
        float

        Raises
        ------
        UnknownKeyError
            When there is no such row; the message names the key.

        Examples
        --------
        >>> import gendex
        >>> kalteng = gendex.read_csv("data/bps/kalteng_2010_2021.csv")
        >>> kalteng.value("6203", 2021, "female", "life_expectancy")
        70.7
        """
        return self._core.value(region, period, sex, indicator, age_group)

    def find(self, region: str, period: int, sex: str, indicator: str, age_group: str = "") -> Optional[int]:
        """Row number of one key, or None.

        Parameters
        ----------
        region, period, sex, indicator, age_group
            The key, as in :meth:`value`.

        Returns
        -------
        int or None
            The 0-based row number; None when there is no such row.

        Examples
        --------
        >>> import gendex
        >>> kalteng = gendex.read_csv("data/bps/kalteng_2010_2021.csv")
        >>> kalteng.find("6203", 2021, "female", "life_expectancy")
        485
        >>> kalteng.find("6203", 2021, "female", "gii") is None
        True
        """
        return self._core.find(region, period, sex, indicator, age_group)

    def filter(
        self,
        regions: Any = None,
        periods: Any = None,
        sexes: Any = None,
        indicators: Any = None,
        age_groups: Any = None,
    ) -> Dataset:
        """Rows matching every given selection (None: any).

        Each selection is one value or an iterable; an empty iterable keeps no
        rows. ``sexes`` accepts every spelling of the readers; ``age_groups=""``
        selects rows without an age group.

        Parameters
        ----------
        regions, indicators, age_groups : str or iterable of str, optional
            Region codes, indicator ids, age groups to keep.
        periods : int or iterable of int, optional
            Years to keep.
        sexes : str or iterable of str, optional
            Sexes to keep ("female", "male", "total", or another spelling).

        Returns
        -------
        Dataset
            The matching rows, in their order.

        Examples
        --------
        >>> import gendex
        >>> kalteng = gendex.read_csv("data/bps/kalteng_2010_2021.csv")
        >>> kapuas = kalteng.filter(regions="6203", periods=2021, indicators="life_expectancy")
        >>> print(kapuas.to_frame()[["region", "period", "sex", "value"]].to_string(index=False))
        region  period    sex  value
          6203    2021   male  66.76
          6203    2021 female  70.70
        """
        lists = [None if sel is None else as_list(sel) for sel in (regions, periods, sexes, indicators, age_groups)]
        if any(sel is not None and not sel for sel in lists):
            return Dataset()
        regions_, periods_, sexes_, indicators_, ages_ = (sel or [] for sel in lists)
        return self._wrap(self._core.filter(regions_, [int(p) for p in periods_], sexes_, indicators_, ages_))

    def concat(self, other: Dataset) -> Dataset:
        """This Dataset's rows followed by ``other``'s.

        Parameters
        ----------
        other : Dataset

        Returns
        -------
        Dataset

        Raises
        ------
        InputError
            When a key is present in both; the message names it and both rows.

        Examples
        --------
        >>> import gendex
        >>> kalteng = gendex.read_csv("data/bps/kalteng_2010_2021.csv")
        >>> y2020, y2021 = kalteng.filter(periods=2020), kalteng.filter(periods=2021)
        >>> len(y2020.concat(y2021)) == len(y2020) + len(y2021)
        True
        """
        return self._wrap(self._core.concat(_dataset_core(other)))

    # --- display

    def _summary(self) -> str:
        periods = np.unique(self.periods)
        span = f"{periods[0]}-{periods[-1]}" if len(periods) > 1 else (f"{periods[0]}" if len(periods) else "none")
        return (
            f"{len(self):,} rows, {len(self.regions):,} regions, {len(periods):,} periods ({span}), "
            f"{len(self.indicators):,} indicators"
        )

    def __repr__(self) -> str:
        return f"<gendex.Dataset: {self._summary()}>"

    def _repr_html_(self) -> str:
        n = len(self)
        shown = list(range(min(n, 5))) + list(range(max(5, n - 5), n))
        head = "".join(f"<th>{c}</th>" for c in frames.CONTRACT_COLUMNS)
        body = []
        for k, i in enumerate(shown):
            if k == 5 and i != 5:
                body.append(f"<tr><td colspan='{len(frames.CONTRACT_COLUMNS)}'>&hellip;</td></tr>")
            cells = "".join(f"<td>{html.escape(str(v))}</td>" for v in self.row(i))
            body.append(f"<tr>{cells}</tr>")
        return (
            f"<div><b>gendex.Dataset</b>: {html.escape(self._summary())}"
            f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
        )


def load(path: PathLike, registry: Optional[IndicatorRegistry] = None) -> Dataset:
    """Read a Dataset archive file written by :meth:`Dataset.save`.

    Parameters
    ----------
    path : str or os.PathLike
        The archive file (binary or text format).
    registry : IndicatorRegistry, optional
        Indicators the rows are checked against; None takes the standard
        registry.

    Returns
    -------
    Dataset

    Raises
    ------
    ArchiveError
        The file is damaged, truncated, not an archive, or holds a row the
        registry refuses; the message names the file.

    See Also
    --------
    Dataset.load : the same.

    Examples
    --------
    >>> import os, tempfile
    >>> import gendex
    >>> kalteng = gendex.read_csv("data/bps/kalteng_2010_2021.csv")
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = os.path.join(folder, "kalteng.bin")
    ...     kalteng.save(path)
    ...     gendex.load(path) == kalteng
    True
    """
    return Dataset.load(path, registry)


def _dataset_core(ds: Any) -> _core.Dataset:
    if not isinstance(ds, Dataset):
        hint = " (make one with gendex.Dataset.from_frame)" if isinstance(ds, pd.DataFrame) else ""
        raise TypeError(f"expected a gendex.Dataset, got {type(ds).__name__}{hint}")
    return ds._core
