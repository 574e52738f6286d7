"""The Gender Analysis Pathway (GAP) sheet: steps 2, 8 and 9 filled from the data terpilah.

Indonesian planners analyse a programme in nine steps (Bappenas/KemenPPPA): 1 the programme,
2 *data pembuka wawasan*, 3 gap factors (akses, partisipasi, kontrol, manfaat), 4-5 internal
and external causes, 6 the reformulated goal, 7 the action plan, 8 *data dasar* (baseline),
9 gender indicators. :func:`gap_sheet` fills the three data steps for one region: women's and
men's values, the gap, its trend and the audit's coverage (2), the baseline year's values (8) and
a proposed target that closes a share of the gap by a year (9). The narrative columns stay empty
for the working group. See ``docs/planning.md``.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional, Union

import numpy as np
import pandas as pd

from gendex import Dataset, IndicatorRegistry, InputError, RegionHierarchy, _core
from gendex import audit as audit_dataset
from gendex._common import PathLike, public_module, workbook_bytes, write_files
from gendex._regions import bundled_regions_for
from gendex._version import __version__
from gendex.indices import _resolve, compute, index_facts

from .numbers import load_data, load_regions
from .words import number_text, short_name

__all__ = ["GAP_COLUMNS", "GAP_STEPS", "GapSheet", "gap_sheet"]

#: Columns of :attr:`GapSheet.frame`.
GAP_COLUMNS = (
    "region",
    "name",
    "indicator",
    "label",
    "unit",
    "kind",
    "first_period",
    "period",
    "female",
    "male",
    "total",
    "gap",
    "gap_trend",
    "periods_disaggregated",
    "periods_in_data",
    "target_percent",
    "target_year",
    "target",
    "target_gap",
    "step2",
    "step8",
    "step9",
)

#: The nine steps of the GAP matrix: (group, step, column title, what goes in).
GAP_STEPS = (
    ("", "Langkah 1", "Kebijakan/Program/Kegiatan", "Pilih dan tuliskan tujuan kebijakan/program/kegiatan"),
    ("", "Langkah 2", "Data Pembuka Wawasan", "Data terpilah menurut jenis kelamin (diisi gendex)"),
    (
        "Isu Gender",
        "Langkah 3",
        "Faktor Kesenjangan",
        "Akses, partisipasi, kontrol, manfaat (cantumkan yang relevan)",
    ),
    ("Isu Gender", "Langkah 4", "Sebab Kesenjangan Internal", "Penyebab dari dalam lembaga pelaksana"),
    ("Isu Gender", "Langkah 5", "Sebab Kesenjangan Eksternal", "Penyebab dari lingkungan di luar lembaga"),
    (
        "Kebijakan dan Rencana ke Depan",
        "Langkah 6",
        "Reformulasi Tujuan",
        "Tujuan yang responsif gender, menjawab langkah 3-5",
    ),
    ("Kebijakan dan Rencana ke Depan", "Langkah 7", "Rencana Aksi", "Kegiatan untuk mengatasi kesenjangan"),
    ("Pengukuran Hasil", "Langkah 8", "Data Dasar (Baseline)", "Diambil dari data pembuka wawasan (diisi gendex)"),
    ("Pengukuran Hasil", "Langkah 9", "Indikator Gender", "Target yang diusulkan gendex; sesuaikan oleh tim"),
)

#: The by-sex indicators planners read first: the population line opens the sheet.
_FIRST = ("population",)
#: Decimals of derived figures (gaps, trends, targets) beyond those the data prints, at most.
_MAX_DECIMALS = 3


@public_module("gendex")
@dataclass(frozen=True, eq=False)
class GapSheet:
    """The GAP sheet of one region (:func:`gendex.gap_sheet`).

    Attributes
    ----------
    region, name : str
        The region's code and name.
    frame : pandas.DataFrame
        One row per indicator (:data:`GAP_COLUMNS`): region, name, indicator, label (Indonesian),
        unit, kind ("by_sex", "female_only" or "index"), first_period and period (the baseline
        year: the latest with data), female, male, total (NaN where not given; an index's value is
        its total), gap (men's minus women's value; for an index the distance to its equality
        point), gap_trend (least-squares slope of the gap per year, NaN with fewer than two
        years), periods_disaggregated and periods_in_data (the audit's coverage: years with women's
        and men's values, years of the data; for an index, years with a value), target_percent and
        target_year, target (women's value, or the index, that closes target_percent of the gap
        by target_year with men's value as at the baseline; NaN where no target is proposed),
        target_gap, and the texts of steps 2, 8 and 9 (Indonesian number formatting).
    target_percent : float
        The share of the gap each target closes.
    target_year : int
        The year of the targets.
    notes : tuple of str
        What was asked for but could not be filled, and why.

    Examples
    --------
    >>> import gendex
    >>> kalteng = gendex.read_csv("data/bps/kalteng_2010_2021.csv")
    >>> sheet = gendex.gap_sheet(kalteng, "6203", indices=("ipg",))
    >>> sheet.region, sheet.name, sheet.target_percent
    ('6203', 'Kapuas', 50.0)
    """

    region: str
    name: str
    frame: pd.DataFrame
    target_percent: float
    target_year: int
    notes: tuple[str, ...] = field(default=())

    def __repr__(self) -> str:
        return f"GapSheet({self.region!r} {self.name}: {len(self.frame)} indicators, targets {self.target_year})"

    def workbook(self) -> bytes:
        """The sheet as an .xlsx file in memory.

        Returns
        -------
        bytes
            The workbook: the GAP matrix, the data and the notes.

        Examples
        --------
        >>> import gendex
        >>> kalteng = gendex.read_csv("data/bps/kalteng_2010_2021.csv")
        >>> gendex.gap_sheet(kalteng, "6203", indices=("ipg",)).workbook()[:2]  # a zip archive
        b'PK'
        """
        return _workbook(self)

    def to_excel(self, path: PathLike) -> Path:
        """Write the sheet as an .xlsx file, replaced whole or not at all.

        Parameters
        ----------
        path : str or os.PathLike
            Where to write; a device such as ``/dev/null`` is written in place, never replaced.

        Returns
        -------
        pathlib.Path
            The path written.

        Examples
        --------
        >>> import gendex, tempfile, pathlib
        >>> kalteng = gendex.read_csv("data/bps/kalteng_2010_2021.csv")
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "gap.xlsx"
        >>> gendex.gap_sheet(kalteng, "6203", indices=("ipg",)).to_excel(path) == path
        True
        """
        target = Path(os.fspath(path))
        write_files([(target, self.workbook())])
        return target


def gap_sheet(
    data: Any,
    region: str,
    indicators: Optional[Union[str, list[str]]] = None,
    *,
    indices: Union[str, tuple[str, ...], list[str]] = ("ipg", "idg", "ikg"),
    target_percent: float = 50.0,
    target_year: Optional[int] = None,
    regions: Any = None,
) -> GapSheet:
    """The Gender Analysis Pathway (GAP) sheet of ``region``: steps 2, 8 and 9 from the data terpilah.

    Parameters
    ----------
    data : gendex.Dataset, pandas.DataFrame or path
        Tidy data (a path is read with :func:`gendex.read_csv`).
    region : str
        The region's code, or its name when ``regions`` is given.
    indicators : str or list of str, optional
        The indicators of steps 2 and 8, in order; by default every indicator the region has
        women's values of, the population first.
    indices : str or sequence of str
        Indices shown after the indicators: the publisher's figure where the data carries it, else
        the recomputation; one neither given nor computable is left out and named in ``notes``.
    target_percent : float
        The share of the gap (0-100) each step-9 target closes.
    target_year : int, optional
        The year of the targets; by default five years (a RPJMD) after the latest baseline year.
    regions : gendex.RegionHierarchy or path, optional
        Region names (as for :func:`gendex.report`); without it the bundled BPS list is used when
        it knows the code.

    Returns
    -------
    GapSheet
        ``.frame`` (one row per indicator) and ``.to_excel(path)``.

    Raises
    ------
    gendex.InputError
        A known region without data, an indicator the region has no women's values of, a
        target_percent outside 0-100 or a target_year before the baseline.
    gendex.UnknownKeyError
        An unknown indicator or index, a region that is neither a code of the data nor a name of
        ``regions``.

    Notes
    -----
    The gap is men's value minus women's. A target is proposed where women are behind: women's
    value moves by target_percent of the gap, men's held at the baseline, as in
    :func:`gendex.scenario`'s ``close_gap``. Every by-sex indicator of the standard registry is
    better higher; where women are level or ahead (life expectancy) step 9 says so and proposes
    none. Counts (the population) and women-only indicators get no target. An index's gap is its
    distance to equality (IPG 100, IKG 0); an index without one (IDG) gets no target.

    Examples
    --------
    >>> import gendex
    >>> kalteng = gendex.read_csv("data/bps/kalteng_2010_2021.csv").concat(
    ...     gendex.read_csv("data/bps/kalteng_population.csv"))
    >>> sheet = gendex.gap_sheet(kalteng, "6203")
    >>> print(sheet.frame["step2"].iloc[0].splitlines()[1])
    Jumlah masyarakat L: 167.945 P: 161.461
    >>> sheet.frame.set_index("indicator").loc["mean_schooling", ["female", "male", "target"]].round(2).tolist()
    [7.45, 7.91, 7.68]
    """
    if not 0.0 <= float(target_percent) <= 100.0:
        raise InputError(f"target_percent must be between 0 and 100, got {target_percent}")
    ds = load_data(data)
    hierarchy = load_regions(regions) if regions is not None else _bundled(ds)
    code = _code(region, ds, hierarchy)
    name = hierarchy.by_code(code).display_name if hierarchy is not None and code in hierarchy else code
    mine = ds.filter(regions=code)
    frame = mine.to_frame()
    registry = IndicatorRegistry.standard()
    if indicators is None:
        # Women's values of every indicator, the IPM by sex included (an index of the indices= list is its total).
        present = [i for i in pd.unique(frame.loc[frame["sex"] == "female", "indicator"]) if i in registry]
        chosen = [i for i in _FIRST if i in present] + [i for i in present if i not in _FIRST]
    else:
        chosen = [indicators] if isinstance(indicators, str) else list(indicators)
        for i in chosen:
            registry[i]  # UnknownKeyError naming it
    by_sex = [i for i in chosen if registry[i].scope != "female_only"]
    coverage = audit_dataset(mine, expected_indicators=by_sex).rows if by_sex else pd.DataFrame()
    rows = [_indicator_row(code, name, i, frame, registry, coverage) for i in chosen]
    notes: list[str] = []
    for index in [indices] if isinstance(indices, str) else list(indices):
        row = _index_row(code, name, index, mine, frame)
        if isinstance(row, str):
            notes.append(row)
        else:
            rows.append(row)
    table = pd.DataFrame(rows)  # with the working columns _decimals and _parity
    latest = int(table["period"].max())
    year = latest + 5 if target_year is None else int(target_year)
    if year < latest:
        raise InputError(f"target_year {year} is before the latest baseline year {latest}")
    table = _targets(table, float(target_percent), year, registry)
    return GapSheet(code, name, table[list(GAP_COLUMNS)], float(target_percent), year, tuple(notes))


# ------------------------------------------------------------------ the rows


def _bundled(ds: Dataset) -> Optional[RegionHierarchy]:
    return bundled_regions_for(ds.regions)


def _code(region: str, ds: Dataset, hierarchy: Optional[RegionHierarchy]) -> str:
    text = str(region)
    if text not in ds.regions and hierarchy is not None:
        text = hierarchy.resolve(text).code  # UnknownKeyError: neither a code nor a name
    if text not in ds.regions:
        raise InputError(f"region '{region}' has no rows in the data")
    return text


def _decimals(values: pd.Series) -> int:
    """The decimals the data prints (at most :data:`_MAX_DECIMALS`)."""
    from gendex.office.numbers import stored_number

    return max((min(stored_number(float(v)).decimals, _MAX_DECIMALS) for v in values.dropna()), default=0)


def _slope(periods: pd.Series, values: pd.Series) -> float:
    ok = values.notna()
    if ok.sum() < 2:
        return math.nan
    return float(np.polyfit(periods[ok].to_numpy(dtype=float), values[ok].to_numpy(dtype=float), 1)[0])


def _indicator_row(
    code: str, name: str, indicator: str, frame: pd.DataFrame, registry: IndicatorRegistry, coverage: pd.DataFrame
) -> dict[str, Any]:
    info = registry[indicator]
    rows = frame[(frame["indicator"] == indicator) & (frame["age_group"] == "")]
    wide = rows.pivot_table(index="period", columns="sex", values="value", aggfunc="first")
    for sex in ("female", "male", "total"):
        if sex not in wide.columns:
            wide[sex] = np.nan
    if info.whole > 0:  # a share of one whole: men's share is the complement of women's
        wide["male"] = wide["male"].fillna(info.whole - wide["female"])
    wide = wide.reset_index()
    if wide["female"].notna().sum() == 0:
        raise InputError(f"{code}: no women's values of '{indicator}' in the data")
    female_only = info.scope == "female_only"
    both = wide.dropna(subset=["female"] if female_only else ["female", "male"])
    if both.empty:
        raise InputError(f"{code}: no year with both women's and men's values of '{indicator}'")
    base = both.iloc[-1]
    gap = wide["male"] - wide["female"]
    covered = coverage[coverage["indicator"] == indicator] if len(coverage) else coverage
    disaggregated = int(covered["coverage"].isin(("disaggregated", "complement")).sum()) if len(covered) else 0
    return {
        "region": code,
        "name": name,
        "indicator": indicator,
        "label": _core.indicator_label(indicator, "id"),
        "unit": info.unit,
        "kind": "female_only" if female_only else "by_sex",
        "first_period": int(both["period"].iloc[0]),
        "period": int(base["period"]),
        "female": float(base["female"]),
        "male": math.nan if female_only else float(base["male"]),
        "total": float(base["total"]),
        "gap": math.nan if female_only else float(base["male"] - base["female"]),
        "gap_trend": math.nan if female_only else _slope(wide["period"], gap),
        "periods_disaggregated": len(both) if female_only else disaggregated,
        "periods_in_data": len(covered) if len(covered) else int(frame["period"].nunique()),
        "_decimals": _decimals(rows["value"]),
    }


def _index_row(code: str, name: str, index: str, mine: Dataset, frame: pd.DataFrame) -> Union[str, dict[str, Any]]:
    facts = index_facts(index)  # UnknownKeyError for an unknown index
    short = short_name(index, "id")
    given = frame[(frame["indicator"] == index) & (frame["sex"] == "total")].sort_values("period")
    source = f"angka resmi {facts.publisher}"
    if given.empty:
        result = compute(index, mine, on_invalid="skip").frame
        given = result[(result["indicator"] == index) & (result["sex"] == "total")].sort_values("period")
        source = "hitung ulang gendex"
    if given.empty:
        return f"{short}: tidak ada angka resmi maupun masukan untuk {code}"
    parity = math.nan
    if facts.has_parity:
        _, _, parity = _core.trend(index, mine._core, _resolve(index, None, {}), math.nan, "skip")
    distance = (parity - given["value"]).abs() if not math.isnan(parity) else pd.Series(np.nan, index=given.index)
    last = given.iloc[-1]
    digits = 3 if index in ("ikg", "gii", "gdi") else 2
    return {
        "region": code,
        "name": name,
        "indicator": index,
        "label": f"{_core.indicator_label(index, 'id')} ({source})",
        "unit": "indeks",
        "kind": "index",
        "first_period": int(given["period"].iloc[0]),
        "period": int(last["period"]),
        "female": math.nan,
        "male": math.nan,
        "total": float(last["value"]),
        "gap": float(distance.iloc[-1]),
        "gap_trend": _slope(given["period"], distance),
        "periods_disaggregated": len(given),
        "periods_in_data": int(frame["period"].nunique()),
        "_decimals": digits,
        "_parity": parity,
    }


def _targets(table: pd.DataFrame, percent: float, year: int, registry: IndicatorRegistry) -> pd.DataFrame:
    """The step-9 targets and the texts of steps 2, 8 and 9."""
    out = table.copy()
    out["target_percent"] = percent
    out["target_year"] = year
    targets, target_gaps, step2, step8, step9 = [], [], [], [], []
    for r in table.to_dict("records"):
        d = int(r["_decimals"])
        target, target_gap = math.nan, math.nan
        if r["kind"] == "index" and not math.isnan(r["gap"]):
            parity = float(r["_parity"])
            target = r["total"] + percent / 100.0 * (parity - r["total"])
            target_gap = abs(parity - target)
        elif r["kind"] == "by_sex" and not registry[r["indicator"]].additive and r["gap"] > 0:
            target = r["female"] + percent / 100.0 * r["gap"]
            target_gap = r["male"] - target
        targets.append(target)
        target_gaps.append(target_gap)
        step2.append(_step2(r, d))
        step8.append(_step8(r, d))
        step9.append(_step9(r, d, percent, year, target, target_gap, registry))
    out["target"], out["target_gap"] = targets, target_gaps
    out["step2"], out["step8"], out["step9"] = step2, step8, step9
    return out.drop(columns=[c for c in ("_decimals", "_parity") if c in out.columns])


def _n(value: float, decimals: int) -> str:
    return number_text(value, decimals, "id")


def _unit(unit: str) -> str:
    words = {
        "years": "tahun",
        "persons": "jiwa",
        "%": "%",
        "index": "indeks",
        "thousand Rp/person/year": "ribu Rp/orang/tahun",
    }
    return words.get(unit, unit)


def _trend_text(r: Mapping[Any, Any], d: int) -> str:
    if math.isnan(r["gap_trend"]):
        return ""
    slope = float(r["gap_trend"])
    years = f"{r['first_period']}-{r['period']}"
    what = "jarak ke kesetaraan" if r["kind"] == "index" else "kesenjangan"
    if round(slope, d + 1) == 0:
        return f"Tren {what} {years}: tetap"
    moving = "menyempit" if (slope < 0) == (r["gap"] >= 0) else "melebar"
    return f"Tren {what} {years}: {moving} {_n(abs(slope), d + 1)} per tahun"


def _coverage_text(r: Mapping[Any, Any]) -> str:
    return f"Data terpilah: {r['periods_disaggregated']} dari {r['periods_in_data']} tahun data"


def _step2(r: Mapping[Any, Any], d: int) -> str:
    unit = _unit(str(r["unit"]))
    head = f"{r['label']} ({unit}), {r['period']}"
    if r["kind"] == "index":
        lines = [f"{r['label']}, {r['period']}: {_n(r['total'], d)}"]
        if not math.isnan(r["gap"]):
            lines.append(f"Jarak ke kesetaraan: {_n(r['gap'], d)}")
        lines.append(_trend_text(r, d))
        return "\n".join(line for line in lines if line)
    if r["kind"] == "female_only":
        return "\n".join([head, f"P: {_n(r['female'], d)}", _coverage_text(r)])
    if r["indicator"] == "population":
        share = 100.0 * r["female"] / (r["female"] + r["male"])
        lines = [
            f"{r['label']} ({unit}), {r['period']}",
            f"Jumlah masyarakat L: {_n(r['male'], d)} P: {_n(r['female'], d)}",
            f"Perempuan {_n(share, 1)} % dari jumlah",
        ]
    else:
        lines = [head, f"L: {_n(r['male'], d)} P: {_n(r['female'], d)}", f"Kesenjangan (L - P): {_n(r['gap'], d)}"]
        lines.append(_trend_text(r, d))
    lines.append(_coverage_text(r))
    return "\n".join(line for line in lines if line)


def _step8(r: Mapping[Any, Any], d: int) -> str:
    if r["kind"] == "index":
        return f"Data dasar {r['period']}: {short_name(str(r['indicator']), 'id')} {_n(r['total'], d)}"
    if r["kind"] == "female_only":
        return f"Data dasar {r['period']}: P {_n(r['female'], d)}"
    return f"Data dasar {r['period']}: L {_n(r['male'], d)}; P {_n(r['female'], d)}; kesenjangan {_n(r['gap'], d)}"


def _step9(
    r: Mapping[Any, Any],
    d: int,
    percent: float,
    year: int,
    target: float,
    target_gap: float,
    registry: IndicatorRegistry,
) -> str:
    p = _n(percent, 0 if float(percent).is_integer() else 1)
    years = year - int(r["period"])
    if r["kind"] == "index":
        if math.isnan(target):
            return ""
        short = short_name(str(r["indicator"]), "id")
        text = f"Menutup {p} % jarak ke kesetaraan pada {year}: {short} {_n(target, d)}"
    elif r["kind"] == "female_only" or registry[r["indicator"]].additive:
        return ""
    elif r["gap"] <= 0:
        return "P setara atau di atas L: pertahankan (tidak ada target penutupan kesenjangan)"
    else:
        text = (
            f"Menutup {p} % kesenjangan pada {year}: P {_n(target, d)} (L {_n(r['male'], d)}), "
            f"kesenjangan {_n(target_gap, d)}"
        )
    if years > 0:
        needed = (r["gap"] - target_gap) / years
        what = "jarak ke kesetaraan" if r["kind"] == "index" else "kesenjangan"
        text += f"\nLaju yang dibutuhkan: {what} turun {_n(needed, d + 1)} per tahun"
    return text


# --------------------------------------------------------------- the workbook


def _workbook(sheet: GapSheet) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    from .workbook import HEADER_FILL

    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "Matriks GAP"
    ws.cell(1, 1, f"Gender Analysis Pathway (GAP): {sheet.name} ({sheet.region})").font = Font(bold=True, size=14)
    ws.cell(2, 1, "Langkah 2, 8 dan 9 diisi gendex dari data terpilah; langkah 1 dan 3-7 diisi tim perencana.")
    ws.cell(
        3,
        1,
        f"Target langkah 9: menutup {number_text(sheet.target_percent, 0)} % kesenjangan pada "
        f"{sheet.target_year} (usulan; sesuaikan oleh tim).",
    )
    thin = Side(style="thin", color="999999")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    fill = PatternFill("solid", fgColor=HEADER_FILL)
    top = Alignment(wrap_text=True, vertical="top")
    centre = Alignment(wrap_text=True, vertical="center", horizontal="center")
    first = 5
    groups: dict[str, list[int]] = {}
    for c, (group, step, title, hint) in enumerate(GAP_STEPS, start=1):
        groups.setdefault(group, []).append(c)
        for row, text, font in (
            (first + 1, step, Font(bold=True)),
            (first + 2, title, Font(bold=True)),
            (first + 3, hint, Font(italic=True, size=9)),
        ):
            cell = ws.cell(row, c, text)
            cell.font, cell.fill, cell.alignment, cell.border = font, fill, centre, box
    for group, columns in groups.items():
        cell = ws.cell(first, columns[0], group or None)
        cell.font, cell.fill, cell.alignment = Font(bold=True), fill, centre
        for c in columns:
            ws.cell(first, c).border, ws.cell(first, c).fill = box, fill
        if group and len(columns) > 1:
            ws.merge_cells(start_row=first, start_column=columns[0], end_row=first, end_column=columns[-1])
    row = first + 4
    for r in sheet.frame.to_dict("records"):
        texts = {2: r["step2"], 8: r["step8"], 9: r["step9"]}
        for c in range(1, len(GAP_STEPS) + 1):
            body = ws.cell(row, c, texts.get(c) or None)
            body.alignment, body.border = top, box
        lines = max(1, *(_wrapped_lines(str(t), _WIDTHS[c - 1]) for c, t in texts.items() if t))
        ws.row_dimensions[row].height = 13 * lines + 4
        row += 1
    for c, width in enumerate(_WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.row_dimensions[first + 2].height = 42  # titles wrap to three lines
    ws.row_dimensions[first + 3].height = 40
    ws.freeze_panes = f"A{first + 4}"
    _landscape_on_one_width(ws)
    ws.print_title_rows = f"{first}:{first + 3}"

    _data_sheet(book.create_sheet("Data terpilah"), sheet, fill)
    notes = book.create_sheet("Catatan")
    for k, line in enumerate(
        _NOTES + [f"Tidak dimuat: {n}" for n in sheet.notes] + [f"Dibuat dengan gendex {__version__}."], 1
    ):
        notes.cell(k, 1, line).alignment = top
    notes.column_dimensions["A"].width = 120
    return workbook_bytes(book)


#: Column widths of the matrix (characters), steps 1-9.
_WIDTHS = (20, 46, 18, 18, 18, 18, 18, 34, 40)

_NOTES = [
    "Matriks Gender Analysis Pathway (GAP), sembilan langkah (Bappenas/KemenPPPA).",
    (
        "Langkah 2 (data pembuka wawasan): nilai laki-laki (L) dan perempuan (P) pada tahun terakhir yang memuat "
        "keduanya, kesenjangan L - P, tren kesenjangan (kemiringan kuadrat terkecil per tahun atas semua tahun dengan "
        "L dan P) dan cakupan data terpilah (tahun dengan L dan P dari tahun data, audit gendex)."
    ),
    (
        "Untuk bagian dari satu keseluruhan (kursi parlemen, tenaga profesional, sumbangan pendapatan) nilai L adalah "
        "100 dikurangi nilai P bila L tidak diberikan."
    ),
    "Langkah 8 (data dasar): nilai tahun dasar dari langkah 2.",
    (
        "Langkah 9 (indikator gender): usulan target yang menutup sebagian kesenjangan pada tahun target, nilai L "
        "tetap seperti tahun dasar; untuk indeks, sebagian jarak ke titik kesetaraan (IPG 100, IKG 0). Tidak ada "
        "target bila P sudah setara atau di atas L, untuk jumlah (penduduk) dan untuk indikator khusus perempuan."
    ),
    "Angka ditulis dengan titik pemisah ribuan dan koma desimal; lembar 'Data terpilah' memuat angka penuh.",
]

_DATA_HEADERS = {
    "region": "Kode",
    "name": "Wilayah",
    "indicator": "Indikator (id)",
    "label": "Indikator",
    "unit": "Satuan",
    "kind": "Jenis",
    "first_period": "Tahun pertama",
    "period": "Tahun dasar",
    "female": "Perempuan (P)",
    "male": "Laki-laki (L)",
    "total": "Jumlah / indeks",
    "gap": "Kesenjangan (L - P) / jarak ke kesetaraan",
    "gap_trend": "Tren kesenjangan per tahun",
    "periods_disaggregated": "Tahun terpilah",
    "periods_in_data": "Tahun data",
    "target_percent": "Target (% kesenjangan ditutup)",
    "target_year": "Tahun target",
    "target": "Target P / indeks",
    "target_gap": "Kesenjangan pada target",
}


def _data_sheet(ws: Any, sheet: GapSheet, fill: Any) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    columns = list(_DATA_HEADERS)
    for c, column in enumerate(columns, start=1):
        cell = ws.cell(1, c, _DATA_HEADERS[column])
        cell.font, cell.fill = Font(bold=True), fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    numeric = {"female", "male", "total", "gap", "gap_trend", "target", "target_gap", "target_percent"}
    for k, r in enumerate(sheet.frame.to_dict("records"), start=2):
        for c, column in enumerate(columns, start=1):
            value = r[column]
            if isinstance(value, float) and math.isnan(value):
                continue
            cell = ws.cell(k, c, value.item() if isinstance(value, np.generic) else value)
            if column in numeric:
                cell.number_format = "#,##0" if float(value).is_integer() else "#,##0.00##"
    widths = {"label": 40, "indicator": 24, "name": 16}
    for c, column in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(c)].width = widths.get(column, 12)
    ws.row_dimensions[1].height = 45  # headers wrap
    ws.freeze_panes = "C2"
    _landscape_on_one_width(ws)


def _landscape_on_one_width(ws: Any) -> None:
    """Print landscape, every column on one page width."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    if ws.sheet_properties.pageSetUpPr is not None:
        ws.sheet_properties.pageSetUpPr.fitToPage = True


def _wrapped_lines(text: str, width: int) -> int:
    """Lines ``text`` takes in a column ``width`` characters wide (for the row height)."""
    per_line = width  # a column width counts characters of the default font
    return sum(max(1, math.ceil(len(line) / per_line)) for line in text.splitlines())
