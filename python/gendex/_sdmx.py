"""SDMX-CSV, the exchange format of statistics offices and the UN SDG database, and its series mapping."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import NamedTuple, Optional, Union

from . import _core
from ._common import PathLike, public_module
from ._dataset import Dataset
from ._registry import IndicatorRegistry, _registry_core

#: The starter mapping shipped with gendex: the SDG series that feed the indices (SDG 5, and the SDG 3
#: series of the GII and the WEI), each with its SDG indicator and source.
BUNDLED_SDMX_MAPPING = os.path.join(os.path.dirname(__file__), "data", "sdmx_series.csv")


@public_module("gendex")
class SdmxSeries(NamedTuple):
    """One row of the SDMX series mapping: a series code and the gendex indicator it holds.

    Attributes
    ----------
    series : str
        The SDMX series code, e.g. "SG_GEN_PARL".
    indicator : str
        The gendex indicator id, e.g. "parliament_share".
    sex : str or None
        "female", "male" or "total" when the series is defined for one sex (women's seats in
        parliament); None when the SEX column says.

    Examples
    --------
    >>> import gendex
    >>> [s for s in gendex.sdmx_mapping() if s.series == "SG_GEN_PARL"]
    [SdmxSeries(series='SG_GEN_PARL', indicator='parliament_share', sex='female')]
    """

    series: str
    indicator: str
    sex: Optional[str] = None


#: What the SDMX functions take as a mapping: None (the bundled starter), a mapping CSV, or rows.
SdmxMappingLike = Optional[Union[PathLike, Sequence[SdmxSeries]]]


def sdmx_mapping(path: Optional[PathLike] = None) -> list[SdmxSeries]:
    """Read an SDMX series mapping CSV (columns ``series``, ``indicator``, optional ``sex``).

    Other columns (``sdg``, ``description``, ``source`` in the bundled file) document the rows and
    are not read. Copy the bundled file, edit it and pass its path to :func:`read_sdmx_csv`.

    Parameters
    ----------
    path : str or os.PathLike, optional
        The mapping CSV; None reads the starter shipped with gendex (``gendex/data/sdmx_series.csv``).

    Returns
    -------
    list of SdmxSeries
        One entry per row, in file order.

    Raises
    ------
    InputError
        A missing column, an empty series or indicator, an unknown sex or a series mapped twice,
        naming the file, line and column.

    Examples
    --------
    >>> import gendex
    >>> gendex.sdmx_mapping()[0]
    SdmxSeries(series='SG_GEN_PARL', indicator='parliament_share', sex='female')
    """
    rows = _core.read_sdmx_mapping(os.fspath(BUNDLED_SDMX_MAPPING if path is None else path))
    return [SdmxSeries(*row) for row in rows]


def _mapping_rows(mapping: SdmxMappingLike) -> list[tuple[str, str, Optional[str]]]:
    """A mapping argument as the core's (series, indicator, sex) rows."""
    rows = sdmx_mapping(mapping) if mapping is None or isinstance(mapping, (str, os.PathLike)) else mapping
    return [(row[0], row[1], row[2] if len(row) > 2 else None) for row in rows]


def read_sdmx_csv(
    path: PathLike,
    mapping: SdmxMappingLike = None,
    registry: Optional[IndicatorRegistry] = None,
    encoding: str = "auto",
) -> Dataset:
    """Read an SDMX-CSV file (version 1.0, 2.0 or 2.1) into a Dataset.

    The header starts with ``DATAFLOW`` (1.0) or ``STRUCTURE,STRUCTURE_ID,ACTION`` (2.x). The series
    dimension (``SERIES`` or ``INDICATOR``) becomes the indicator through ``mapping``;
    ``REF_AREA`` the region, ``TIME_PERIOD`` (a year) the period, ``OBS_VALUE`` the value, ``SEX``
    (F, M, _T) the sex and ``AGE`` the age group (_T: all ages). ``UNIT_MEASURE`` is kept as the
    row's unit and ``OBS_STATUS`` in its source (``"UNSD:DF_SDG_GLH(1.0); OBS_STATUS=E"``), so
    :meth:`Dataset.to_sdmx_csv` writes them back. An empty ``OBS_VALUE``, ``NaN`` or ``#N/A`` is an
    intended missing value and gives no row; other columns are not read.

    Parameters
    ----------
    path : str or os.PathLike
        The SDMX-CSV file.
    mapping : str, os.PathLike or sequence of SdmxSeries, optional
        Series code -> indicator; None takes the bundled starter (:func:`sdmx_mapping`).
    registry : IndicatorRegistry, optional
        Indicators to check against; None takes the built-in registry.
    encoding : {"auto", "utf-8", "cp1252"}, default "auto"
        "auto" reads UTF-8 when the file is valid UTF-8, else cp1252.

    Returns
    -------
    Dataset
        One row per observation, in file order.

    Raises
    ------
    InputError
        A header that is not SDMX-CSV, a series not in the mapping, a SEX code that names no sex
        gendex keeps (_N, _O, _U, _Z: reported, not dropped), a TIME_PERIOD that is not a year, a
        non-numeric value, a UNIT_MULT other than 0, or ACTION D; the message names the file, line
        and column.

    Examples
    --------
    >>> import gendex
    >>> ds = gendex.read_sdmx_csv("tests/fixtures/sdmx/sdg5_v1.csv")
    >>> print(ds.to_frame()[["region", "period", "sex", "indicator", "value", "unit"]].head(2).to_string(index=False))
    region  period    sex        indicator  value unit
       IDN    2022 female parliament_share  21.56   PT
       IDN    2023 female parliament_share  21.91   PT
    """
    core = _core.read_sdmx_csv(os.fspath(path), _mapping_rows(mapping), _registry_core(registry), encoding)
    return Dataset._wrap(core)


def format_sdmx_csv(dataset: Dataset, dataflow: str, mapping: SdmxMappingLike = None) -> str:
    """The SDMX-CSV 1.0 text :meth:`Dataset.to_sdmx_csv` writes."""
    text: str = _core.format_sdmx_csv(dataset._core, dataflow, _mapping_rows(mapping))
    return text
