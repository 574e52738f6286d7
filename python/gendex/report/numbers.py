"""Assembling the numbers of a report: per index the values, official figures, ranks, trends and priorities.

Everything here is pandas; the workbook, the page and the charts only lay out
what :func:`assemble` returns. Tables for display (:class:`Table`) carry their
headers in the report's language and the decimals of every numeric column, so
the workbook and the page round the same way.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Optional, Union

import numpy as np
import pandas as pd

from gendex import (
    AuditReport,
    Dataset,
    IndicatorRegistry,
    InputError,
    Region,
    RegionHierarchy,
    UnknownKeyError,
    _core,
    rank,
    read_csv,
    read_regions,
)
from gendex import audit as audit_dataset
from gendex._core import GendexError
from gendex._index_result import beyond_last_digit
from gendex.indices import DEFAULT_EDITION, Edition, compute, index_facts, priorities, round_half_up
from gendex.office.audit import audit_frame_in

from .words import (
    BPS_INDICES,
    GAIN_INDICES,
    INEQUALITY_INDICES,
    coverage,
    output_label,
    publisher,
    short_name,
    words,
)

PathLike = Union[str, "os.PathLike[str]"]

#: Columns of :attr:`IndexSection.table` before the components.
TABLE_COLUMNS = (
    "region",
    "name",
    "period",
    "value",
    "value_from",
    "official",
    "recomputed",
    "difference",
    "flagged",
    "rank",
    "of",
    "group",
    "previous_period",
    "change",
)

#: Coverage classes of :func:`gendex.audit` that count as sex-disaggregated.
_DISAGGREGATED = ("disaggregated", "complement")


@dataclass(frozen=True)
class Table:
    """A table ready to show: headers in the report's language, decimals per numeric column.

    Attributes
    ----------
    title : str
        Shown above the table.
    frame : pandas.DataFrame
        The cells; numbers stay numbers (NaN: empty cell).
    digits : dict of str to int
        Decimals of each numeric column that is not a whole number (a count, a rank, a year).
    row_digits : tuple of int
        When not empty, the decimals of the ``digits`` columns row by row instead (a summary of indices
        printed with different decimals).
    """

    title: str
    frame: pd.DataFrame
    digits: dict[str, int] = field(default_factory=dict)
    row_digits: tuple[int, ...] = ()

    def decimals(self, row: int, column: str) -> Optional[int]:
        """Decimals of a cell, None for a whole number or text."""
        if column not in self.digits:
            return None
        return self.row_digits[row] if self.row_digits else self.digits[column]


@dataclass(frozen=True)
class IndexSection:
    """One index of the report.

    Attributes
    ----------
    index : str
        The index id ("ipg").
    label, short : str
        Its label ("Indeks Pembangunan Gender (IPG)") and acronym ("IPG").
    publisher : str
        "BPS" or "UNDP".
    edition : Edition
        The edition of the recomputation.
    digits : int
        Decimals the publisher prints (BPS IPM/IPG/IDG: 2, IKG and UNDP indices: 3).
    ascending : bool
        True for inequality indices (lowest ranked first).
    table : pandas.DataFrame
        One row per region-period: :data:`TABLE_COLUMNS`, then the index's other outputs (its components).
    components : tuple of str
        The component columns of ``table``.
    gains : pandas.DataFrame
        :func:`gendex.priorities` rows with a ``name`` column (empty when the index has no decomposition).
    units, computed, published, flagged : int
        Region-periods with any input, recomputed, with an official figure, differing beyond the printed precision.
    missing : str
        What the recomputation lacked ("" when every unit was computed).
    """

    index: str
    label: str
    short: str
    publisher: str
    edition: Edition
    digits: int
    ascending: bool
    table: pd.DataFrame
    components: tuple[str, ...]
    gains: pd.DataFrame
    units: int
    computed: int
    published: int
    flagged: int
    missing: str


@dataclass(frozen=True)
class AuditPart:
    """The audit of the report: a summary and the detail (gaps for :func:`gendex.audit`, or the frame given)."""

    given: bool
    summary: Table
    detail: Table


@dataclass(frozen=True)
class ReportData:
    """Everything a report shows, assembled by :func:`assemble`."""

    lang: str
    focus: Region
    parent: Optional[Region]
    names: dict[str, str]
    peers: tuple[str, ...]
    sections: tuple[IndexSection, ...]
    summary: Table
    audit: AuditPart
    hierarchy: Optional[RegionHierarchy]

    def name(self, code: str) -> str:
        """Display name of a region code (the code itself when the hierarchy does not know it)."""
        return self.names.get(code, code)


# ---------------------------------------------------------------- inputs


def load_data(data: Any) -> Dataset:
    """A Dataset from a Dataset, a tidy DataFrame or the path of a tidy CSV."""
    if isinstance(data, Dataset):
        return data
    if isinstance(data, pd.DataFrame):
        return Dataset.from_frame(data)
    if isinstance(data, (str, os.PathLike)):
        return read_csv(data)
    raise TypeError(
        f"data must be a gendex.Dataset, a tidy DataFrame or the path of a tidy CSV, got {type(data).__name__}"
    )


def load_regions(regions: Any) -> Optional[RegionHierarchy]:
    """A hierarchy from a RegionHierarchy, a regions CSV (with ``region_aliases.csv`` beside it when there is one)
    or a folder holding ``regions.csv`` or ``bps/regions.csv`` (such as the repository's ``data``)."""
    if regions is None or isinstance(regions, RegionHierarchy):
        return regions
    if not isinstance(regions, (str, os.PathLike)):
        raise TypeError(f"regions must be a gendex.RegionHierarchy or a path, got {type(regions).__name__}")
    path = os.fspath(regions)
    if os.path.isdir(path):
        for candidate in (os.path.join(path, "regions.csv"), os.path.join(path, "bps", "regions.csv")):
            if os.path.isfile(candidate):
                path = candidate
                break
        else:
            raise InputError(f"regions: no regions.csv in folder '{os.fspath(regions)}' or its bps/ folder")
    aliases = os.path.join(os.path.dirname(path), "region_aliases.csv")
    return read_regions(path, aliases if os.path.isfile(aliases) else None)


def index_inputs(index: str) -> list[str]:
    """The indicator ids an index reads, from its requirements (alternatives and optional inputs included)."""
    known = set(IndicatorRegistry.standard().ids())
    return [i for i in index_facts(index).indicators() if i in known]


def _missing_text(index: str, ds: Dataset, skipped: pd.DataFrame) -> str:
    parts = []
    absent = [i for i in index_inputs(index) if i not in ds.indicators]
    if absent:
        parts.append("not in the data: " + ", ".join(absent))
    if len(skipped):
        counts = skipped.groupby(["indicator", "sex", "problem"], sort=False).size().reset_index(name="n")
        parts += [f"{r.indicator} ({r.sex}) {r.problem} in {r.n} region-periods" for r in counts.itertuples()]
    return "; ".join(parts)


# --------------------------------------------------------------- indices


def _edition(index: str, edition: Union[str, Edition, None]) -> Edition:
    if isinstance(edition, Edition):
        return edition
    if edition is None:
        edition = "bps" if index in BPS_INDICES else DEFAULT_EDITION
    if not isinstance(edition, str):
        raise TypeError(f"edition must be None, an edition id or a gendex.Edition, got {type(edition).__name__}")
    return Edition(edition)


def _digits(index: str, edition: Edition) -> int:
    # BPS prints IPM, IPG and IDG with the edition's 2 decimals but the IKG (0-1) with 3, as UNDP its indices.
    return 3 if index == "ikg" else int(edition["rounding_digits"])


def _ranks(
    values: pd.DataFrame, index: str, hierarchy: Optional[RegionHierarchy], digits: int, ascending: bool
) -> pd.DataFrame:
    """rank, of, group per region-period of the headline values (regions the hierarchy lacks are not ranked)."""
    frame = values[["region", "period", "value"]].dropna()
    if hierarchy is not None:
        frame = frame[[code in hierarchy for code in frame["region"]]]
    empty = pd.DataFrame(
        {
            "region": pd.Series(dtype=object),
            "period": pd.Series(dtype="int64"),
            "rank": pd.Series(dtype="float64"),
            "of": pd.Series(dtype="float64"),
            "group": pd.Series(dtype=object),
        }
    )
    if frame.empty:
        return empty
    ds = Dataset.from_frame(frame.assign(sex="total", indicator=index))
    ranks = rank(ds, index, within=hierarchy, digits=digits, ascending=ascending)
    return ranks[["region", "period", "rank", "of", "group"]]


def _section(
    index: str,
    ds: Dataset,
    edition: Edition,
    hierarchy: Optional[RegionHierarchy],
    names: dict[str, str],
    order: dict[str, int],
    lang: str,
) -> IndexSection:
    if index not in _core.index_names():
        raise UnknownKeyError(f"unknown index '{index}' (known: {', '.join(_core.index_names())})")
    result = compute(index, ds, edition)
    wide, report = result.wide().drop(columns="region_name", errors="ignore"), result.report
    official = ds.filter(indicators=[index], sexes=["total"]).to_frame()
    official = official[official["age_group"] == ""][["region", "period", "value"]].rename(
        columns={"value": "official"}
    )
    if report.computed == 0 and official.empty:
        raise InputError(
            f"{index}: cannot be computed for any region-period and the data carries no published "
            f"{index} ({_missing_text(index, ds, report.skipped) or 'the data is empty'}); "
            f"{index} needs {index_facts(index).inputs}"
        )
    if index not in wide.columns:
        wide[index] = np.nan
    components = tuple(c for c in wide.columns if c not in ("region", "period", index) and not c.endswith("_rank"))
    recomputed = wide[["region", "period", index, *components]].rename(columns={index: "recomputed"})
    recomputed["period"] = recomputed["period"].astype("int64")
    table = official.merge(recomputed, on=["region", "period"], how="outer")
    table["region"] = table["region"].astype(str)
    table["period"] = table["period"].astype("int64")
    table = table.assign(_order=[order.get(r, len(order)) for r in table["region"]])
    table = table.sort_values(["_order", "period"], kind="stable").drop(columns="_order").reset_index(drop=True)

    digits = _digits(index, edition)
    ascending = index in INEQUALITY_INDICES
    has_official = table["official"].notna()
    table["value"] = table["official"].where(has_official, table["recomputed"])
    table["value_from"] = np.where(has_official, "official", "recomputed")
    rounded = round_half_up(table["recomputed"], digits)
    table["difference"] = np.round(rounded - table["official"], digits + 3)
    table["flagged"] = beyond_last_digit(table["recomputed"], table["official"], digits)
    table = table.merge(_ranks(table, index, hierarchy, digits, ascending), on=["region", "period"], how="left")
    table["name"] = [names.get(r, r) for r in table["region"]]
    shown = round_half_up(table["value"], digits)
    table["previous_period"] = table.groupby("region", sort=False)["period"].shift()
    table["change"] = np.round(shown.groupby(table["region"], sort=False).diff(), digits + 3)
    table = table[[*TABLE_COLUMNS, *components]]

    gains = pd.DataFrame()
    if index in GAIN_INDICES and report.computed:
        try:
            gains = priorities(index, ds, edition=edition, lang=lang).frame
        except GendexError:
            gains = pd.DataFrame()
        if len(gains):
            gains.insert(1, "name", [names.get(r, r) for r in gains["region"]])
            gains = gains.assign(_order=[order.get(r, len(order)) for r in gains["region"]])
            gains = gains.sort_values(["_order", "period", "rank"], ascending=[True, False, True], kind="stable")
            gains = gains.drop(columns="_order").reset_index(drop=True)

    return IndexSection(
        index=index,
        label=_core.indicator_label(index, lang),
        short=short_name(index, lang),
        publisher=publisher(index),
        edition=edition,
        digits=digits,
        ascending=ascending,
        table=table,
        components=components,
        gains=gains,
        units=int(report.units),
        computed=int(report.computed),
        published=int(has_official.sum()),
        flagged=int(table["flagged"].sum()),
        missing=_missing_text(index, ds, report.skipped) if report.computed < report.units else "",
    )


# ----------------------------------------------------------------- focus


def _focus(focus: Optional[str], ds: Dataset, hierarchy: Optional[RegionHierarchy]) -> Region:
    present = ds.regions
    if focus is None:
        if not present:
            raise InputError("the data is empty: no region to report on")
        if hierarchy is None:
            return Region(present[0], present[0], "", "")
        known = [r for r in present if r in hierarchy]
        if not known:
            return Region(present[0], present[0], "", "")
        return hierarchy.by_code(min(known, key=hierarchy.depth))
    focus = str(focus)
    if hierarchy is not None:
        try:
            region = hierarchy.resolve(focus)
        except UnknownKeyError:
            raise UnknownKeyError(
                f"unknown focus region '{focus}': neither a code nor a name of the regions given"
            ) from None
    elif focus in present:
        region = Region(focus, focus, "", "")
    else:
        raise UnknownKeyError(
            f"unknown focus region '{focus}': not a region of the data (without regions= only "
            f"codes of the data are known)"
        )
    if region.code not in present:
        raise InputError(f"focus region '{focus}' ({region.code} {region.display_name}) has no rows in the data")
    return region


def _peers(focus: Region, regions: Sequence[str], hierarchy: Optional[RegionHierarchy]) -> tuple[str, ...]:
    """The regions compared with the focus: its siblings in the data, else its children in the data."""
    if hierarchy is None:
        return tuple(regions)
    known = [r for r in regions if r in hierarchy]
    siblings = [r for r in known if focus.parent and hierarchy.parent(r) == focus.parent]
    if len(siblings) > 1:
        return tuple(siblings)
    children = [r for r in known if hierarchy.parent(r) == focus.code]
    return (focus.code, *children) if children else (focus.code,)


# ------------------------------------------------------------ the tables


def _summary(data_sections: Sequence[IndexSection], focus: Region, parent_name: str, lang: str) -> Table:
    w = words(lang)
    rows = []
    row_digits = []
    for s in data_sections:
        mine = s.table[s.table["region"] == focus.code].dropna(subset=["value"])
        if mine.empty:
            continue
        last = mine.iloc[-1]
        top = ""
        if len(s.gains):
            g = s.gains[
                (s.gains["region"] == focus.code) & (s.gains["period"] == last["period"]) & (s.gains["rank"] == 1)
            ]
            if len(g):
                top = str(g["component_label"].iloc[0])
        rows.append(
            {
                w["index"]: s.label,
                w["period"]: int(last["period"]),
                w["value"]: float(last["value"]),
                w["value_from"]: _from(str(last["value_from"]), s.publisher, lang),
                w["recomputed"]: float(last["recomputed"]),
                w["rank"]: last["rank"],
                w["of"]: last["of"],
                w["within"]: parent_name,
                w["previous"]: last["previous_period"],
                w["change"]: last["change"],
                w["priority"]: top,
            }
        )
        row_digits.append(s.digits)
    frame = pd.DataFrame(rows)
    digits = {w["value"]: 2, w["recomputed"]: 2, w["change"]: 2}  # each row as its index is printed
    return Table(w["summary"], frame, digits, tuple(row_digits))


def _from(value_from: str, publisher_name: str, lang: str) -> str:
    w = words(lang)
    return w["official_short"].format(publisher=publisher_name) if value_from == "official" else w["recomputed_short"]


def index_table(s: IndexSection, lang: str, rows: Optional[pd.DataFrame] = None) -> Table:
    """The display table of an index section (all region-periods, or ``rows`` of its table)."""
    w = words(lang)
    t = s.table if rows is None else rows
    official = w["official"].format(publisher=s.publisher)
    frame = pd.DataFrame(
        {
            w["code"]: t["region"],
            w["region"]: t["name"],
            w["period"]: t["period"],
            official: t["official"],
            w["recomputed"]: t["recomputed"],
            w["difference"]: t["difference"],
            w["flag"]: np.where(t["flagged"], w["yes"], ""),
            w["rank"]: t["rank"],
            w["of"]: t["of"],
            w["change"]: t["change"],
        }
    )
    digits = {official: s.digits, w["recomputed"]: s.digits, w["difference"]: s.digits, w["change"]: s.digits}
    for c in s.components:
        label = output_label(c, lang)
        frame[label] = t[c].to_numpy()
        values = t[c].abs()
        digits[label] = s.digits if values.max(skipna=True) > 1.5 or s.digits >= 3 else 3
    return Table(f"{s.label}", frame.reset_index(drop=True), digits)


def priorities_table(sections: Sequence[IndexSection], lang: str, rows: Optional[pd.DataFrame] = None) -> Table:
    """The parity gains of every section with a decomposition, labelled."""
    w = words(lang)
    parts = []
    digits: dict[str, int] = {}
    for s in sections:
        g = s.gains if rows is None else rows
        if not len(g) or (rows is not None and s.index != str(g["index"].iloc[0])):
            continue
        parts.append(
            pd.DataFrame(
                {
                    w["index"]: s.short,
                    w["code"]: g["region"],
                    w["region"]: g["name"],
                    w["period"]: g["period"],
                    w["priority_rank"]: g["rank"],
                    w["component"]: g["component_label"],
                    w["observed"]: g["value"],
                    w["at_parity"]: g["at_parity"],
                    w["gain"]: g["gain"],
                }
            )
        )
        for c in (w["observed"], w["at_parity"], w["gain"]):
            digits[c] = max(digits.get(c, 0), s.digits)
    frame = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    return Table(w["priorities"], frame, digits)


def _audit(
    audit: Any,
    ds: Dataset,
    sections: Sequence[IndexSection],
    hierarchy: Optional[RegionHierarchy],
    names: dict[str, str],
    lang: str,
) -> AuditPart:
    w = words(lang)
    registry = IndicatorRegistry.standard()
    if audit is None:
        expected = [i for s in sections for i in index_inputs(s.index) if registry[i].scope != "total_only"]
        audit = audit_dataset(ds, expected_indicators=list(dict.fromkeys(expected)), hierarchy=hierarchy)
    if isinstance(audit, AuditReport):
        by = audit.by_indicator
        summary = pd.DataFrame(
            {
                w["component"]: [_label(k, lang) for k in by["key"]],
                "id": by["key"],
                w["units"]: by["units"],
                w["disaggregated"]: by["disaggregated"] + by["complement"],
                w["total_only"]: by["total_only"],
                w["partial"]: by["partial"],
                w["missing"]: by["missing"],
                w["sum_mismatch"]: by["sum_mismatch"],
                "%": by["percent_disaggregated"],
            }
        )
        gaps = audit.rows[~audit.rows["coverage"].isin(_DISAGGREGATED)]
        detail = pd.DataFrame(
            {
                w["code"]: gaps["region"],
                w["region"]: [names.get(r, r) for r in gaps["region"]],
                w["period"]: gaps["period"],
                w["component"]: [_label(k, lang) for k in gaps["indicator"]],
                "id": gaps["indicator"],
                w["coverage"]: [coverage(c, lang) for c in gaps["coverage"]],
                w["sum_check"]: [coverage(c, lang) for c in gaps["sum_check"]],
            }
        ).reset_index(drop=True)
        return AuditPart(False, Table(w["audit"], summary, {"%": 1}), Table(w["audit_gaps"], detail))
    frame = getattr(audit, "frame", audit)  # a gendex.OfficeAudit or its frame
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(
            f"audit must be None, a gendex.AuditReport, a gendex.OfficeAudit or a DataFrame, got {type(audit).__name__}"
        )
    frame = frame.reset_index(drop=True)
    frame = audit_frame_in(frame, lang)  # an office audit: its detail in the report's language
    if "status" in frame.columns:
        keys = [c for c in ("file", "status") if c in frame.columns]
        summary = frame.groupby(keys, sort=False).size().reset_index(name="n")
    else:
        summary = frame.head(30)
    return AuditPart(True, Table(w["audit_given"], summary), Table(w["audit_given"], frame))


def _label(indicator: str, lang: str) -> str:
    try:
        return _core.indicator_label(indicator, lang)
    except KeyError:
        return indicator


def notes_tables(data: ReportData) -> list[Table]:
    """The method, per index what was recomputed, and the constants of every edition used with their sources."""
    w = words(data.lang)
    lines = []
    for s in data.sections:
        lines.append(f"{s.label}: {index_facts(s.index).title}.")
        lines.append(w["inputs"].format(short=s.short, inputs=index_facts(s.index).inputs))
        lines.append(
            w["computed"].format(
                short=s.short,
                computed=s.computed,
                units=s.units,
                edition=s.edition.id,
                published=s.published,
                publisher=s.publisher,
                flagged=s.flagged,
            )
        )
        if s.computed == 0:
            lines.append(w["not_recomputed"].format(short=s.short, missing=s.missing))
        elif s.missing:
            lines.append(f"{s.short}: {s.missing}.")
        lines.append(w["precision"].format(digits=s.digits, publisher=s.publisher))
    order = w["lower_first"] if any(s.ascending for s in data.sections) else w["higher_first"]
    lines.append(w["rank_method"].format(order=order))
    if any(len(s.gains) for s in data.sections):
        lines.append(w["gain_method"])
    method = Table(w["method"], pd.DataFrame({w["method"]: list(dict.fromkeys(lines))}))
    tables = [method]
    seen: list[str] = []
    for s in data.sections:
        if s.edition.id in seen:
            continue
        seen.append(s.edition.id)
        f = s.edition.to_frame()
        tables.append(
            Table(
                f"{w['edition']} {s.edition.id}: {s.edition.title}",
                pd.DataFrame(
                    {
                        w["constant"]: f["name"],
                        w["value"]: [float(v) if not isinstance(v, bool) else str(v) for v in f["value"]],
                        w["unit"]: f["unit"],
                        w["meaning"]: f["meaning"],
                        w["source"]: f["source"],
                    }
                ),
            )
        )
    return tables


# -------------------------------------------------------------- assemble


def assemble(
    data: Any,
    index: Union[str, Sequence[str]] = ("ipg", "idg", "ikg"),
    edition: Union[str, Edition, None] = None,
    regions: Any = None,
    focus: Optional[str] = None,
    lang: str = "id",
    audit: Any = None,
) -> ReportData:
    """The numbers of a report (see :func:`gendex.report` for the arguments)."""
    words(lang)  # UnknownKeyError for an unknown language, before any work
    ds = load_data(data)
    hierarchy = load_regions(regions)
    indices = [index] if isinstance(index, str) else list(index)
    if not indices:
        raise InputError("index: no index to report (give e.g. index=('ipg', 'idg'))")
    region = _focus(focus, ds, hierarchy)
    known = {r.code: r for r in hierarchy.regions} if hierarchy is not None else {}
    order = {code: i for i, code in enumerate(known)} if known else {r: i for i, r in enumerate(ds.regions)}
    names = {code: known[code].display_name if code in known else code for code in ds.regions}
    names[region.code] = region.display_name
    sections = tuple(_section(i, ds, _edition(i, edition), hierarchy, names, order, lang) for i in indices)
    if not any((s.table["region"] == region.code).any() for s in sections):
        raise InputError(f"focus region '{region.code}' ({names[region.code]}) has no value of {', '.join(indices)}")
    parent = known.get(region.parent) if region.parent else None
    parent_name = parent.display_name if parent is not None else words(lang)["all_regions"]
    peers = _peers(region, ds.regions, hierarchy)
    return ReportData(
        lang=lang,
        focus=region,
        parent=parent,
        names=names,
        peers=peers,
        sections=sections,
        summary=_summary(sections, region, parent_name, lang),
        audit=_audit(audit, ds, sections, hierarchy, names, lang),
        hierarchy=hierarchy,
    )
