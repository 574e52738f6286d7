"""gendex: sex-disaggregated datasets and gender development and empowerment indices.

pandas in, pandas out. The computing happens in the C++ core (``gendex._core``);
this package converts and forwards.

Data contract: a tidy long table with columns ``region``, ``period``, ``sex``,
``indicator``, ``value`` and optionally ``age_group``, ``se``, ``unit``,
``source``. Read one with :func:`read_csv`, :func:`read_hdr` or
:meth:`Dataset.from_frame`; audit it (:func:`audit`), align it (:func:`align`),
compare women and men (:func:`parity`) and roll it up (:func:`rollup`).

Indices: :func:`compute` gives any index of :func:`index_names` for every
region-period as a tidy frame; :func:`hdi`, :func:`gdi`, :func:`gii`,
:func:`ihdi`, :func:`gem` (UNDP) and :func:`ipm`, :func:`ipg`, :func:`idg`,
:func:`ikg` (BPS) and :func:`gggi` (WEF's Global Gender Gap Index; :func:`read_gggi_profiles`
reads its economy profiles) give one wide row per region-period with the breakdown.
Constants come from an :class:`Edition` (:func:`editions`, :func:`edition`,
:func:`custom_edition`); :func:`aggregate` forms UNDP's population-weighted
regional aggregates.

Errors: every error gendex raises is a :class:`GendexError`;
:class:`InputError` (also a ``ValueError``) for wrong data,
:class:`UnknownKeyError` (also a ``KeyError``) for unknown names and keys,
:class:`ArchiveError` (an ``InputError``) for damaged archives and pickles,
:class:`ArgumentTypeError` (also a ``TypeError``) for an argument of the wrong type.
"""

from . import frames as frames
from . import indices as indices
from ._analysis import AuditReport, RollupResult, align, audit, indicator_label, parity, rank, rollup, sex_label
from ._arguments import ArgumentTypeError
from ._core import ArchiveError, GendexError, InputError, UnknownKeyError
from ._dataset import Dataset, Observation, load
from ._index_result import AggregateResult, ComputeReport, IndexResult, Priorities
from ._io import (
    HdrColumn,
    hdr_columns,
    read_bps_table,
    read_csv,
    read_gggi_profiles,
    read_hdr,
    read_paths_to_equal,
)
from ._planning import compare_scenario, decompose, edition_diff, elasticities, scenario, trend
from ._regions import Region, RegionHierarchy, read_hdr_regions, read_indonesia_regions, read_regions
from ._registry import IndicatorInfo, IndicatorRegistry
from ._sampling_error import rank_probabilities, significant_change
from ._sdmx import SdmxSeries, read_sdmx_csv, sdmx_mapping
from ._version import __version__ as __version__
from .indices import (
    Edition,
    aggregate,
    compute,
    custom_edition,
    default_edition,
    edition,
    editions,
    gdi,
    gem,
    gggi,
    ggpi,
    gii,
    hdi,
    idg,
    idg_implied_purchasing_power,
    ihdi,
    ikg,
    index_names,
    ipg,
    ipm,
    priorities,
    round_half_up,
    wei,
    with_labels,
)
from .office import (
    IndicatorMapping,
    OfficeAudit,
    OfficeTable,
    OfficeTableError,
    audit_offices,
    read_table,
    read_tables,
    write_template,
)
from .report import GapSheet, ReportFiles, gap_sheet, report

# The public API. Besides these, the submodules frames (pandas conversion), indices (editions and
# indices), micro (survey microdata), plot (matplotlib) and dask (micro over dask) are public.
__all__ = [
    "AggregateResult",
    "ArchiveError",
    "ArgumentTypeError",
    "AuditReport",
    "ComputeReport",
    "Dataset",
    "Edition",
    "GapSheet",
    "GendexError",
    "HdrColumn",
    "IndexResult",
    "IndicatorInfo",
    "IndicatorMapping",
    "IndicatorRegistry",
    "InputError",
    "Observation",
    "OfficeAudit",
    "OfficeTable",
    "OfficeTableError",
    "Priorities",
    "Region",
    "RegionHierarchy",
    "ReportFiles",
    "RollupResult",
    "SdmxSeries",
    "UnknownKeyError",
    "aggregate",
    "align",
    "audit",
    "audit_offices",
    "compare_scenario",
    "compute",
    "custom_edition",
    "decompose",
    "default_edition",
    "edition",
    "edition_diff",
    "editions",
    "elasticities",
    "gap_sheet",
    "gdi",
    "gem",
    "gggi",
    "ggpi",
    "gii",
    "hdi",
    "hdr_columns",
    "idg",
    "idg_implied_purchasing_power",
    "ihdi",
    "ikg",
    "index_names",
    "indicator_label",
    "ipg",
    "ipm",
    "load",
    "parity",
    "priorities",
    "rank",
    "rank_probabilities",
    "read_bps_table",
    "read_csv",
    "read_gggi_profiles",
    "read_hdr",
    "read_hdr_regions",
    "read_indonesia_regions",
    "read_paths_to_equal",
    "read_regions",
    "read_sdmx_csv",
    "read_table",
    "read_tables",
    "report",
    "rollup",
    "round_half_up",
    "scenario",
    "sdmx_mapping",
    "sex_label",
    "significant_change",
    "trend",
    "wei",
    "with_labels",
    "write_template",
]

import importlib as _importlib
import types as _types

#: Public submodules reachable as attributes (``gendex.micro.mean``) after a plain ``import gendex``;
#: each is imported on first use, so the package stays light and dask stays optional.
_LAZY_SUBMODULES = frozenset({"cli", "dask", "micro", "plot"})


def __getattr__(name: str) -> _types.ModuleType:
    if name in _LAZY_SUBMODULES:
        return _importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module 'gendex' has no attribute {name!r}")
