"""Planning and change: exact decompositions, what-if scenarios, trends and the year of parity.

Every function returns a tidy frame (or, for :func:`scenario`, a :class:`~gendex.Dataset`); the
arithmetic is the C++ core's (``include/gendex/analysis/``). See ``docs/decomposition.md`` and
``docs/planning.md`` for the formulas.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, Optional

import numpy as np
import pandas as pd

from . import _core, frames
from ._dataset import Dataset
from ._index_result import Priorities
from .indices import STEP_PRIORITY_COLUMNS, DataLike, EditionLike, _compute, _dataset, _resolve, index_names

__all__ = [
    "COMPARISON_COLUMNS",
    "DECOMPOSITION_COLUMNS",
    "EDITION_DIFF_COLUMNS",
    "EDIT_COLUMNS",
    "ELASTICITY_COLUMNS",
    "STEP_COLUMNS",
    "TREND_COLUMNS",
    "compare_scenario",
    "decompose",
    "edition_diff",
    "elasticities",
    "scenario",
    "trend",
]

#: Columns of :func:`decompose`.
DECOMPOSITION_COLUMNS = ("region", "period", "index", "component", "form", "contribution", "value", "total")
#: Columns an edits frame of :func:`scenario` must have.
EDIT_COLUMNS = ("region", "period", "sex", "indicator", "op", "value")
#: Columns a steps frame of :func:`gendex.priorities` must have (sex is optional, default "female").
STEP_COLUMNS = ("indicator", "op", "value")
#: Columns of :func:`compare_scenario`.
COMPARISON_COLUMNS = ("index", "region", "period", "baseline", "scenario", "change")
#: Columns of :func:`edition_diff`.
EDITION_DIFF_COLUMNS = ("region", "period", "old_value", "new_value", "difference", "revision", "method")
#: Columns of :func:`elasticities`.
ELASTICITY_COLUMNS = ("region", "period", "index", "indicator", "sex", "value", "gradient", "elasticity", "side")
#: Columns of :func:`trend`.
TREND_COLUMNS = (
    "region",
    "index",
    "periods",
    "first_period",
    "last_period",
    "last_value",
    "slope",
    "intercept",
    "log_slope",
    "log_intercept",
    "parity",
    "parity_year",
    "parity_year_log",
    "parity_note",
)


def _notes(notes: Mapping[str, Any]) -> list[tuple[str, int, str]]:
    """(region, period, note) tuples of a core notes dict, for ``frame.attrs["notes"]``."""
    return [(str(r), int(p), str(n)) for r, p, n in zip(notes["region"], notes["period"], notes["note"])]


def decompose(index: str, data: DataLike, edition: EditionLike = None, on_invalid: str = "skip") -> pd.DataFrame:
    """The exact additive decomposition of ``index`` for every region-period.

    Parameters
    ----------
    index : str
        An index with a decomposition in the index table: "gdi" and "ipg" (form ``log_ratio``),
        "gii" and "ikg" (``shapley``), "gem" and "idg" (``component``).
    data : Dataset or pandas.DataFrame
        The inputs.
    edition : str or Edition, optional
        As for :func:`gendex.compute`; None takes the index's default edition.
    on_invalid : {"skip", "raise"}
        As for :func:`gendex.compute`.

    Returns
    -------
    pandas.DataFrame
        One row per region, period and component: region, period, index, component, form,
        contribution, value (the index) and total (what the unit's contributions add to).
        ``log_ratio``: the parts (1/3) ln(I_f / I_m) of the dimension indices add to ln GDI, or to
        ln(IPG / 100). ``shapley``: the Shapley values of the indicators, against all of them at
        parity (where the index is 0), add to the index. ``component``: scale * c_k / 3 add to the
        index. ``frame.attrs["notes"]`` lists (region, period, note) of units not decomposed or
        decomposed in one part, and why.

    Examples
    --------
    >>> import gendex
    >>> hdr = gendex.read_hdr("data/undp/HDR25_Composite_indices_complete_time_series.csv")
    >>> parts = gendex.decompose("gdi", hdr.filter(regions="IDN", periods=2023))
    >>> parts["component"].tolist()
    ['hdi_health_index', 'hdi_education_index', 'hdi_income_index']
    >>> bool(abs(parts["contribution"].sum() - parts["total"].iloc[0]) < 1e-12)
    True
    """
    core = _resolve(index, edition, {})
    rows, notes, form, summary = _core.decompose(index, _dataset(data)._core, core, on_invalid)
    rows["index"] = [index] * len(rows["region"])
    rows["form"] = [form] * len(rows["region"])
    frame = frames.columns_frame(rows, DECOMPOSITION_COLUMNS)
    frame.attrs["notes"] = _notes(notes)
    frame.attrs["summary"] = summary
    frame.attrs["edition"] = core.id
    return frame


def _edit_text(value: Any, row: Any, column: str) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, (str, np.str_)):
        return str(value)
    if column == "region" and isinstance(value, (int, np.integer)):
        return str(value)
    raise _core.InputError(f"edit row {row}: column '{column}' must be text, got {value!r}")


def _append_required(row: Any, fields: tuple[tuple[str, list[str], Any], ...]) -> None:
    """Each (column, target, text) of an edit row: the text appended to target; InputError when empty."""
    for column, target, text in fields:
        parsed = _edit_text(text, row, column)
        if not parsed:
            raise _core.InputError(f"edit row {row}: column '{column}' is empty")
        target.append(parsed)


def _edit_period(value: Any, row: Any) -> int:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return -1
    try:
        period = int(value)
    except (TypeError, ValueError):
        raise _core.InputError(f"edit row {row}: column 'period' must be a year, got {value!r}") from None
    if period != value or period < 0:
        raise _core.InputError(f"edit row {row}: column 'period' must be a year, got {value!r}")
    return period


def _edit_value(value: Any, row: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise _core.InputError(f"edit row {row}: column 'value' must be a number, got {value!r}")
    number = float(value)
    if not math.isfinite(number):
        raise _core.InputError(f"edit row {row}: column 'value' must be a finite number, got {value!r}")
    return number


def scenario(data: DataLike, edits: pd.DataFrame) -> Dataset:
    """A copy of ``data`` with what-if ``edits`` applied in order.

    Parameters
    ----------
    data : Dataset or pandas.DataFrame
        The baseline inputs.
    edits : pandas.DataFrame
        One edit per row, columns region, period, sex, indicator, op and value. An empty region
        (or NaN) applies to every region, an empty period to every period. ``op``: "set"
        (x := value), "add" (x := x + value), "scale" (x := x * value), "close_gap" (x := x +
        value/100 * (other sex's value - x): 100 closes the female-male gap). For shares of one
        whole (parliament seats) the other sex's row follows as 100 - x.

    Returns
    -------
    Dataset
        The edited inputs; compute any index on it.

    Raises
    ------
    InputError
        A missing column, or an edit naming an unknown indicator or op, a sex the indicator has no
        values for, nothing in the data, a close_gap without the other sex, or giving a value
        outside the indicator's range; the message names the edit's row (its index label).

    Examples
    --------
    >>> import gendex
    >>> import pandas as pd
    >>> kalteng = gendex.read_csv("data/bps/kalteng_2010_2021.csv").filter(regions="6203", periods=2021)
    >>> edits = pd.DataFrame({"region": ["6203"], "period": [2021], "sex": ["female"],
    ...                       "indicator": ["mean_schooling"], "op": ["close_gap"], "value": [100.0]})
    >>> after = gendex.scenario(kalteng, edits)
    >>> after.to_frame().query("indicator == 'mean_schooling'")["value"].nunique()
    1
    """
    if not isinstance(edits, pd.DataFrame):
        raise TypeError(f"edits must be a pandas DataFrame, got {type(edits).__name__}")
    missing = [c for c in EDIT_COLUMNS if c not in edits.columns]
    if missing:
        raise _core.InputError(f"edits: missing column(s) {', '.join(missing)}; expected {', '.join(EDIT_COLUMNS)}")
    labels = [
        int(label) if isinstance(label, (int, np.integer)) else position for position, label in enumerate(edits.index)
    ]
    region: list[str] = []
    period: list[int] = []
    sex: list[str] = []
    indicator: list[str] = []
    op: list[str] = []
    value: list[float] = []
    for row, record in zip(labels, edits[list(EDIT_COLUMNS)].itertuples(index=False, name=None)):
        region.append(_edit_text(record[0], row, "region"))
        period.append(_edit_period(record[1], row))
        _append_required(row, (("sex", sex, record[2]), ("indicator", indicator, record[3]), ("op", op, record[4])))
        value.append(_edit_value(record[5], row))
    ds = _dataset(data)
    return Dataset._wrap(_core.scenario(ds._core, region, period, sex, indicator, op, value, labels))


def _steps_frame(steps: Any) -> pd.DataFrame:
    """The steps of :func:`gendex.priorities` as a frame of indicator, sex, op, value (TypeError for another kind)."""
    if isinstance(steps, pd.DataFrame):
        missing = [c for c in STEP_COLUMNS if c not in steps.columns]
        if missing:
            raise _core.InputError(
                f"steps: missing column(s) {', '.join(missing)}; expected {', '.join(STEP_COLUMNS)} and optionally sex"
            )
        frame = steps.copy()
        if "sex" not in frame.columns:
            frame["sex"] = "female"
        return frame
    if isinstance(steps, Mapping):
        rows = []
        for key, step in steps.items():
            indicator, sex = key if isinstance(key, tuple) and len(key) == 2 else (key, "female")
            if not isinstance(step, tuple) or len(step) != 2:
                raise _core.InputError(f"steps[{key!r}]: give (op, value), e.g. ('add', 2.0), got {step!r}")
            rows.append({"indicator": indicator, "sex": sex, "op": step[0], "value": step[1]})
        return pd.DataFrame(rows, columns=["indicator", "sex", "op", "value"])
    raise TypeError(f"steps must be a pandas DataFrame or a mapping, got {type(steps).__name__}")


def step_priorities(
    index: str, data: Dataset, edition: _core.Edition, steps: Any, on_invalid: str, lang: Optional[str]
) -> Priorities:
    """:func:`gendex.priorities` with ``steps`` (documented there): each step alone, ranked by its gain."""
    frame = _steps_frame(steps)
    if len(frame) == 0:
        raise _core.InputError("steps: no steps given")
    labels = [
        int(label) if isinstance(label, (int, np.integer)) else position for position, label in enumerate(frame.index)
    ]
    sex: list[str] = []
    indicator: list[str] = []
    op: list[str] = []
    value: list[float] = []
    for row, record in zip(labels, frame[["sex", "indicator", "op", "value"]].itertuples(index=False, name=None)):
        _append_required(row, (("sex", sex, record[0]), ("indicator", indicator, record[1]), ("op", op, record[2])))
        value.append(_edit_value(record[3], row))
    rows, notes, summary = _core.step_priorities(
        index, data._core, edition, sex, indicator, op, value, labels, on_invalid
    )
    rows["index"] = [index] * len(rows["region"])
    table = frames.columns_frame(rows, STEP_PRIORITY_COLUMNS)
    if lang is not None:
        names = {c: _core.indicator_label(c, lang) for c in table["component"].unique()}
        table.insert(4, "component_label", table["component"].map(names).astype(object))
    capped = table[table["at_cap"]]
    held = pd.DataFrame(
        {
            "region": capped["region"],
            "period": capped["period"],
            "note": [
                f"{c} ({x}): already at a cap or floor of the method; the step moves the input, not the index"
                for c, x in zip(capped["component"], capped["sex"])
            ],
        }
    )
    notes_frame = pd.concat([frames.columns_frame(notes, frames.NOTE_COLUMNS), held], ignore_index=True)
    return Priorities(index, edition.id, table, notes_frame, summary)


def compare_scenario(
    baseline: DataLike, scenario: DataLike, editions: Optional[Mapping[str, EditionLike]] = None
) -> pd.DataFrame:
    """Every index of the index table computed on ``baseline`` and on ``scenario``, side by side.

    Parameters
    ----------
    baseline, scenario : Dataset or pandas.DataFrame
        The inputs before and after the edits (:func:`scenario`).
    editions : mapping of str to edition, optional
        The edition per index; an index not in it uses its default edition.

    Returns
    -------
    pandas.DataFrame
        index, region, period, baseline, scenario, change (scenario - baseline), one row per index
        and region-period computed in either; an index neither computes gives no rows. A unit computed
        in one only has NaN on the other side.

    Examples
    --------
    >>> import gendex
    >>> import pandas as pd
    >>> kalteng = gendex.read_csv("data/bps/kalteng_2010_2021.csv").filter(regions="6203", periods=2021)
    >>> edits = pd.DataFrame({"region": ["6203"], "period": [2021], "sex": ["female"],
    ...                       "indicator": ["mean_schooling"], "op": ["add"], "value": [1.0]})
    >>> table = gendex.compare_scenario(kalteng, gendex.scenario(kalteng, edits))
    >>> sorted(table["index"].unique())  # the BPS table has the IPG's inputs only
    ['ipg']
    >>> bool((table.set_index("index").loc["ipg", "change"] > 0).all())
    True
    """
    chosen = dict(editions or {})
    parts = []
    for index in index_names():
        edition = chosen.get(index)
        sides = []
        for data in (baseline, scenario):
            frame = _compute(index, data, edition, "skip", {}).frame
            frame = frame[(frame["indicator"] == index) & (frame["sex"] == "total")]
            sides.append(frame[["region", "period", "value"]])
        both = sides[0].merge(sides[1], on=["region", "period"], how="outer", suffixes=("_baseline", "_scenario"))
        if len(both) == 0:
            continue
        parts.append(
            pd.DataFrame(
                {
                    "index": index,
                    "region": both["region"].astype(object),
                    "period": both["period"].astype(np.int64),
                    "baseline": both["value_baseline"].astype(float),
                    "scenario": both["value_scenario"].astype(float),
                    "change": (both["value_scenario"] - both["value_baseline"]).astype(float),
                }
            )
        )
    if not parts:
        return pd.DataFrame(
            {c: pd.Series(dtype=float if c in COMPARISON_COLUMNS[3:] else object) for c in COMPARISON_COLUMNS}
        )
    return pd.concat(parts, ignore_index=True)[list(COMPARISON_COLUMNS)]


def trend(
    index: str, data: DataLike, edition: EditionLike = None, parity: Optional[float] = None, on_invalid: str = "skip"
) -> pd.DataFrame:
    """The linear and log-linear trend of ``index`` per region and the projected year of parity.

    Parameters
    ----------
    index : str
        Any index of :func:`gendex.index_names`.
    data : Dataset or pandas.DataFrame
        The inputs, two periods or more per region.
    edition : str or Edition, optional
        As for :func:`gendex.compute`.
    parity : float, optional
        The value of equality; None takes the index's own (GDI 1, IPG 100, GII and IKG 0; 1 for
        an index without one).
    on_invalid : {"skip", "raise"}
        As for :func:`gendex.compute`.

    Returns
    -------
    pandas.DataFrame
        One row per region with two periods or more: region, index, periods, first_period,
        last_period, last_value, slope and intercept (least squares y = a + b t), log_slope and
        log_intercept (ln y = c + g t), parity, parity_year (when the linear trend reaches parity,
        a fractional year at or after last_period), parity_year_log (the same for the log-linear
        trend), parity_note (why a parity year is missing: moving away, flat, or parity 0 which a
        log-linear trend never reaches). A missing parity year is NaN; regions with one period are
        listed in ``frame.attrs["notes"]``.

    Examples
    --------
    >>> import gendex
    >>> kalteng = gendex.read_csv("data/bps/kalteng_2010_2021.csv").filter(regions="6203")
    >>> row = gendex.trend("ipg", kalteng).iloc[0]
    >>> int(row["periods"]), float(row["parity"])
    (11, 100.0)
    """
    core = _resolve(index, edition, {})
    rows, notes, target = _core.trend(
        index, _dataset(data)._core, core, math.nan if parity is None else float(parity), on_invalid
    )
    rows["index"] = [index] * len(rows["region"])
    rows["parity"] = np.full(len(rows["region"]), float(target))
    frame = frames.columns_frame(rows, TREND_COLUMNS)
    frame.attrs["notes"] = _notes(notes)
    frame.attrs["edition"] = core.id
    return frame


def _pair(side: Any, name: str) -> tuple[Dataset, EditionLike]:
    if not isinstance(side, tuple) or len(side) != 2:
        raise TypeError(f"{name} must be a (data, edition) pair, got {type(side).__name__}")
    return _dataset(side[0]), side[1]


def edition_diff(
    index: str, old: tuple[DataLike, EditionLike], new: tuple[DataLike, EditionLike], on_invalid: str = "skip"
) -> pd.DataFrame:
    """The change of ``index`` between two report editions split into data revision and method change.

    Parameters
    ----------
    index : str
        Any index of :func:`gendex.index_names` (the HDR files carry the inputs of "hdi", "gdi", "gii").
    old, new : tuple
        Each a ``(data, edition)`` pair: the inputs of an edition and its method (an edition id, an
        :class:`~gendex.Edition`, or None for the index's default).
    on_invalid : {"skip", "raise"}
        As for :func:`gendex.compute`.

    Returns
    -------
    pandas.DataFrame
        One row per region-period computed in both: region, period, old_value (the old inputs under
        the old method), new_value (the new inputs under the new method), difference (new - old),
        revision (the new inputs under the old method, less old_value: data revision), method
        (new_value less the new inputs under the old method: method change). revision + method =
        difference. All at full precision; ``frame.attrs["notes"]`` names units not split,
        ``frame.attrs["editions"]`` the (old, new) edition ids and ``frame.attrs["index"]`` the index
        (:func:`gendex.plot.plot_edition_diff` draws it).

    Examples
    --------
    >>> import gendex
    >>> old = gendex.read_hdr("data/undp/HDR23-24_Composite_indices_complete_time_series.csv")
    >>> new = gendex.read_hdr("data/undp/HDR25_Composite_indices_complete_time_series.csv")
    >>> diff = gendex.edition_diff("gii", (old.filter(regions="IDN"), "hdr2023-24"),
    ...                            (new.filter(regions="IDN"), "hdr2025"))
    >>> row = diff[diff["period"] == 2022].iloc[0]
    >>> bool(abs(row["revision"] + row["method"] - row["difference"]) < 1e-12)
    True
    """
    old_data, old_edition = _pair(old, "old")
    new_data, new_edition = _pair(new, "new")
    old_core = _resolve(index, old_edition, {})
    new_core = _resolve(index, new_edition, {})
    rows, notes = _core.edition_diff(index, old_data._core, old_core, new_data._core, new_core, on_invalid)
    rows["difference"] = np.asarray(rows["new_value"]) - np.asarray(rows["old_value"])
    frame = frames.columns_frame(rows, EDITION_DIFF_COLUMNS)
    frame.attrs["notes"] = _notes(notes)
    frame.attrs["editions"] = (old_core.id, new_core.id)
    frame.attrs["index"] = index
    return frame


def elasticities(index: str, data: DataLike, edition: EditionLike = None, on_invalid: str = "skip") -> pd.DataFrame:
    """Analytic gradients and elasticities of ``index`` with respect to each input, per region-period.

    Parameters
    ----------
    index : str
        Any index of the table (:func:`gendex.indices.index_names`): each has a gradient model.
    data : Dataset or pandas.DataFrame
        The inputs.
    edition : str or Edition, optional
        As for :func:`gendex.compute`.
    on_invalid : {"skip", "raise"}
        As for :func:`gendex.compute`.

    Returns
    -------
    pandas.DataFrame
        region, period, index, indicator, sex, value (the input), gradient (d index / d input),
        elasticity (gradient * value / index) and side: "both" (differentiable), "left" (at a cap:
        the left derivative; the right one is 0), "right" (at a floor: the right derivative), "none"
        (beyond a cap or below a floor: 0; a GGGI ratio beyond its benchmark; an input of a WEI or
        GGPI held at 0 by another zero term). A seat share given
        for one sex only is one input (the other is 100 minus it); population by sex moves the
        EDEPs of the GEM and IDG through the population shares. ``frame.attrs["notes"]`` names
        units without gradients (an input not in the data, such as income by sex estimated from
        the total).

    Raises
    ------
    UnknownKeyError
        An index not in the index table.

    Examples
    --------
    >>> import gendex
    >>> hdr = gendex.read_hdr("data/undp/HDR25_Composite_indices_complete_time_series.csv")
    >>> e = gendex.elasticities("gii", hdr.filter(regions="IDN", periods=2023))
    >>> e.loc[e["indicator"] == "maternal_mortality", "side"].tolist()
    ['both']
    >>> bool((e.loc[e["indicator"] == "labour_force_participation", "gradient"].iloc[0]) < 0)
    True
    """
    core = _resolve(index, edition, {})
    rows, notes = _core.elasticities(index, _dataset(data)._core, core, on_invalid)
    rows["index"] = [index] * len(rows["region"])
    frame = frames.columns_frame(rows, ELASTICITY_COLUMNS)
    frame.attrs["notes"] = _notes(notes)
    frame.attrs["edition"] = core.id
    return frame
