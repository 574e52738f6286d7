"""Office tables: read the sex-disaggregated tables regional offices send, audit them, hand out forms.

A district gender-mainstreaming working group (Pokja PUG) collects "data
terpilah" from every office (OPD) as Excel sheets or CSV exports laid out as
BPS "Dalam Angka" tables. :func:`read_table` reads one into the tidy data
contract with the cell of every value; :func:`audit_offices` says, per file,
sheet and indicator, what was sent disaggregated by sex and what is wrong,
by cell; :func:`write_template` writes the empty form an office fills.
See ``docs/office-tables.md``.
"""

from __future__ import annotations

from .audit import AUDIT_COLUMNS, OfficeAudit, audit_offices
from .errors import OfficeTableError
from .findings import STATUSES, Finding
from .mapping import IndicatorMapping, MappingEntry
from .table import FRAME_COLUMNS, OfficeTable, read_table, read_tables
from .template import write_template

__all__ = [
    "AUDIT_COLUMNS",
    "FRAME_COLUMNS",
    "STATUSES",
    "Finding",
    "IndicatorMapping",
    "MappingEntry",
    "OfficeAudit",
    "OfficeTable",
    "OfficeTableError",
    "audit_offices",
    "read_table",
    "read_tables",
    "write_template",
]
