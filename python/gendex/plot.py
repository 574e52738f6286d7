"""matplotlib views of gendex results (matplotlib is installed with gendex).

matplotlib is imported when a function is called, so ``import gendex`` never
needs it. Every function draws into ``ax`` (a new figure's axes when None) and
returns the axes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

import numpy as np
import pandas as pd

from . import _core

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from . import AuditReport

__all__ = [
    "plot_coverage",
    "plot_decomposition",
    "plot_edition_diff",
    "plot_parity",
    "plot_priorities",
    "plot_rank_intervals",
    "plot_scenario",
    "plot_trend",
]

# Coverage categories of an audit summary, in stacking order, with their colours.
_COVERAGE = (
    ("disaggregated", "#1b9e77"),
    ("complement", "#66a61e"),
    ("partial", "#e6ab02"),
    ("total_only", "#d95f02"),
    ("missing", "#bbbbbb"),
)


def _axes(ax: Optional[Axes], rows: int) -> Axes:
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=(7, max(2.5, 0.28 * rows + 1)))
    return ax


def plot_parity(
    df: pd.DataFrame,
    indicator: Optional[str] = None,
    period: Optional[int] = None,
    metric: str = "adjusted_gpi",
    ax: Optional[Axes] = None,
    **bar: Any,
) -> Axes:
    """Horizontal bars of a parity metric per region, with the parity line.

    ``df`` is a frame of :func:`gendex.parity`. ``indicator`` may be omitted
    when the frame holds one; ``period`` defaults to the latest period of
    that indicator. ``metric`` is "adjusted_gpi", "ratio" (parity at 1) or
    "difference" (parity at 0). Extra keyword arguments go to ``ax.barh``.

    Parameters
    ----------
    df : pandas.DataFrame
        A frame of :func:`gendex.parity`.
    indicator : str, optional
        The indicator to draw; may be omitted when ``df`` holds one.
    period : int, optional
        The period to draw; by default the indicator's latest.
    metric : {"adjusted_gpi", "ratio", "difference"}, default "adjusted_gpi"
        The column to draw.
    ax : matplotlib.axes.Axes, optional
        Where to draw; by default a new figure sized to the regions.
    **bar
        Passed to ``ax.barh``.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on.

    Raises
    ------
    InputError
        An unknown ``metric``, ``indicator`` omitted while ``df`` holds several,
        or nothing to draw for ``indicator`` and ``period``.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import gendex
    >>> from gendex.plot import plot_parity
    >>> kalteng = gendex.read_csv("data/bps/kalteng_2010_2021.csv")
    >>> ax = plot_parity(gendex.parity(kalteng, "life_expectancy"))
    >>> ax.get_title()
    'life_expectancy, 2021'
    """
    if metric not in ("adjusted_gpi", "ratio", "difference"):
        raise _core.InputError(f"unknown metric '{metric}' (use adjusted_gpi, ratio or difference)")
    indicators = list(pd.unique(df["indicator"]))
    if indicator is None:
        if len(indicators) != 1:
            raise _core.InputError(
                f"the frame holds {len(indicators)} indicators ({', '.join(indicators)}); choose one with indicator="
            )
        indicator = indicators[0]
    rows = df[df["indicator"] == indicator]
    if rows.empty:
        raise _core.InputError(f"no parity rows for indicator '{indicator}'")
    if period is None:
        period = int(rows["period"].max())
    rows = rows[rows["period"] == period].sort_values(metric)
    if rows.empty:
        raise _core.InputError(f"no parity rows for indicator '{indicator}' in period {period}")
    ax = _axes(ax, len(rows))
    ax.barh(rows["region"].astype(str), rows[metric].to_numpy(dtype=np.float64), **bar)
    ax.axvline(0.0 if metric == "difference" else 1.0, color="black", linewidth=1)
    ax.set_xlabel(f"{metric} (female vs male)")
    ax.set_title(f"{indicator}, {period}")
    return ax


def plot_coverage(report: AuditReport | pd.DataFrame, by: str = "indicator", ax: Optional[Axes] = None) -> Axes:
    """Stacked horizontal bars of audit coverage in percent of units, per indicator or level.

    ``report`` is the :class:`gendex.AuditReport` of :func:`gendex.audit`
    (``by`` = "indicator" or "level" picks the summary) or one of its
    summary frames.

    Parameters
    ----------
    report : AuditReport or pandas.DataFrame
        An audit report, or one of its summary frames (``by_indicator``,
        ``by_level``).
    by : {"indicator", "level"}, default "indicator"
        Which summary of an :class:`gendex.AuditReport` to draw.
    ax : matplotlib.axes.Axes, optional
        Where to draw; by default a new figure sized to the rows.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on: one bar per indicator or level, split into
        disaggregated, complement, partial, total only and missing.

    Raises
    ------
    InputError
        An unknown ``by``.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import gendex
    >>> from gendex.plot import plot_coverage
    >>> kalteng = gendex.read_csv("data/bps/kalteng_2010_2021.csv")
    >>> ax = plot_coverage(gendex.audit(kalteng))
    >>> ax.get_xlabel()
    '% of region-periods'
    """
    if isinstance(report, pd.DataFrame):
        summary = report
    elif by in ("indicator", "level"):
        summary = report.by_indicator if by == "indicator" else report.by_level
    else:
        raise _core.InputError(f"unknown summary '{by}' (use indicator or level)")
    summary = summary[summary["units"] > 0]
    ax = _axes(ax, len(summary))
    labels = summary["key"].astype(str)
    units = summary["units"].to_numpy(dtype=np.float64)
    left = np.zeros(len(summary))
    for column, colour in _COVERAGE:
        share = 100.0 * summary[column].to_numpy(dtype=np.float64) / units
        ax.barh(labels, share, left=left, color=colour, label=column.replace("_", " "))
        left += share
    ax.set_xlim(0, 100)
    ax.set_xlabel("% of region-periods")
    ax.legend(loc="lower right", fontsize="small")
    return ax


def plot_priorities(
    gains: pd.DataFrame, region: Any, period: Optional[int] = None, ax: Optional[Axes] = None, **bar: Any
) -> Axes:
    """Horizontal bars of the parity gains of one region's components, largest on top.

    ``gains`` is a frame of :func:`gendex.priorities` (with or without ``steps``); ``period`` defaults
    to the region's latest. Bars right of the zero line are gains towards
    equality (the top one drags the index most); bars left of it are
    components where women are ahead. Labels use ``component_label`` when the
    frame has it (``lang=``). Extra keyword arguments go to ``ax.barh``.

    Parameters
    ----------
    gains : pandas.DataFrame
        The ``frame`` of :func:`gendex.priorities`.
    region : str
        The region code.
    period : int, optional
        The period to draw; by default the region's latest.
    ax : matplotlib.axes.Axes, optional
        Where to draw; by default a new figure sized to the components.
    **bar
        Passed to ``ax.barh``.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on.

    Raises
    ------
    InputError
        When ``gains`` has no rows for ``region`` (and ``period``).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import gendex
    >>> from gendex.plot import plot_priorities
    >>> kalteng = gendex.read_csv("data/bps/kalteng_2010_2021.csv")
    >>> ax = plot_priorities(gendex.priorities("ipg", kalteng).frame, "6203")
    >>> ax.get_title()
    '6203, 2021: ipg 95.326'
    """
    rows = gains[gains["region"].astype(str) == str(region)]
    if rows.empty:
        raise _core.InputError(f"no parity gains for region '{region}'")
    if period is None:
        period = int(rows["period"].max())
    rows = rows[rows["period"] == period]
    if rows.empty:
        raise _core.InputError(f"no parity gains for region '{region}' in period {period}")
    rows = rows.sort_values("rank", ascending=False)  # rank 1 drawn last: on top
    labels = rows["component_label"] if "component_label" in rows.columns else rows["component"]
    ax = _axes(ax, len(rows))
    gain = rows["gain"].to_numpy(dtype=np.float64)
    colours = bar.pop("color", ["#d95f02" if g > 0 else "#1b9e77" for g in gain])
    ax.barh(labels.astype(str), gain, color=colours, **bar)
    ax.axvline(0.0, color="black", linewidth=1)
    index = str(rows["index"].iloc[0])
    steps = "after" in rows.columns  # gendex.priorities(steps=...): the user's steps, not parity
    ax.set_xlabel(
        f"{index} gain of each step alone" if steps else f"{index} gain if the component alone were at gender parity"
    )
    ax.set_title(f"{region}, {period}: {index} {rows['value'].iloc[0]:.3f}")
    return ax


def _figure(rows: int) -> tuple[Figure, Axes]:
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, max(2.5, 0.32 * rows + 1.2)))
    return fig, ax


def plot_decomposition(parts: pd.DataFrame, period: Optional[int] = None, regions: Any = None) -> Figure:
    """Stacked bars of an exact decomposition per region: each component's contribution.

    Parameters
    ----------
    parts : pandas.DataFrame
        A frame of :func:`gendex.decompose`.
    period : int, optional
        The period drawn; default the latest.
    regions : str or list of str, optional
        The regions drawn; default all of that period.

    Returns
    -------
    matplotlib.figure.Figure
        One bar per region, contributions stacked left (negative) and right (positive) of zero, a
        dot at what they add to (ln GDI, ln(IPG/100), the GII, ...).

    Examples
    --------
    >>> import gendex, gendex.plot
    >>> kalteng = gendex.read_csv("data/bps/kalteng_2010_2021.csv").filter(regions=["6203", "6271"])
    >>> fig = gendex.plot.plot_decomposition(gendex.decompose("ipg", kalteng))
    >>> len(fig.axes[0].patches)
    6
    """
    if parts.empty:
        raise _core.InputError("plot_decomposition: the decomposition has no rows")
    chosen = int(parts["period"].max()) if period is None else int(period)
    rows = parts[parts["period"] == chosen]
    if regions is not None:
        wanted = [str(r) for r in ([regions] if isinstance(regions, str) else regions)]
        rows = rows[rows["region"].astype(str).isin(wanted)]
    if rows.empty:
        raise _core.InputError(f"plot_decomposition: no rows for period {chosen} and the regions asked")
    names = list(pd.unique(rows["region"].astype(str)))
    fig, ax = _figure(len(names))
    positive = np.zeros(len(names))
    negative = np.zeros(len(names))
    position = {r: k for k, r in enumerate(names)}
    for component in pd.unique(rows["component"]):
        part = rows[rows["component"] == component]
        values = np.zeros(len(names))
        for r, v in zip(part["region"].astype(str), part["contribution"]):
            values[position[r]] = float(v)
        left = np.where(values >= 0, positive, negative)
        ax.barh(names, values, left=left, label=str(component))
        positive += np.where(values >= 0, values, 0.0)
        negative += np.where(values < 0, values, 0.0)
    totals = rows.groupby(rows["region"].astype(str), sort=False)["total"].first().reindex(names)
    ax.plot(totals.to_numpy(dtype=float), names, "k|", markersize=14, label="sum")
    ax.axvline(0.0, color="black", linewidth=1)
    form = str(rows["form"].iloc[0])
    index = str(rows["index"].iloc[0])
    what = {"log_ratio": f"ln {index}" if index != "ipg" else "ln(ipg/100)", "shapley": index, "component": index}
    ax.set_xlabel(f"contribution to {what.get(form, index)} ({form})")
    ax.set_title(f"{index} {chosen}: exact decomposition")
    ax.legend(loc="best", fontsize="small")
    return fig


def plot_trend(result: Any, trends: pd.DataFrame, region: Any) -> Figure:
    """An index over the periods of one region, its linear trend and the projected year of parity.

    Parameters
    ----------
    result : IndexResult
        The index computed over the periods (:func:`gendex.compute`).
    trends : pandas.DataFrame
        A frame of :func:`gendex.trend` of the same index.
    region : str
        The region drawn.

    Returns
    -------
    matplotlib.figure.Figure
        The observed values, the fitted line extended to the parity year (when reached), the parity
        line and the parity year marked.

    Examples
    --------
    >>> import gendex, gendex.plot
    >>> kapuas = gendex.read_csv("data/bps/kalteng_2010_2021.csv").filter(regions="6203")
    >>> fig = gendex.plot.plot_trend(gendex.ipg(kapuas), gendex.trend("ipg", kapuas), "6203")
    >>> fig.axes[0].get_ylabel()
    'ipg'
    """
    row = trends[trends["region"].astype(str) == str(region)]
    if row.empty:
        raise _core.InputError(f"plot_trend: no trend for region '{region}'")
    t = row.iloc[0]
    index = str(t["index"])
    frame = result.frame
    series = frame[(frame["region"].astype(str) == str(region)) & (frame["indicator"] == index)]
    series = series[series["sex"] == "total"].sort_values("period")
    fig, ax = _figure(8)
    ax.plot(series["period"], series["value"], "o", label=f"{index}")
    end = float(t["parity_year"]) if np.isfinite(t["parity_year"]) else float(t["last_period"])
    years = np.linspace(float(t["first_period"]), max(end, float(t["last_period"])), 50)
    ax.plot(years, t["intercept"] + t["slope"] * years, "-", label=f"linear trend ({t['slope']:+.3g} a year)")
    ax.axhline(float(t["parity"]), color="grey", linestyle="--", linewidth=1, label=f"parity {t['parity']:g}")
    if np.isfinite(t["parity_year"]):
        ax.axvline(float(t["parity_year"]), color="#d95f02", linestyle=":", label=f"parity in {t['parity_year']:.1f}")
        title = f"{region}: {index} reaches parity in {t['parity_year']:.1f} at the current pace"
    else:
        title = f"{region}: {index}, parity not reached at the current pace"
    ax.set_title(title)
    ax.set_xlabel("year")
    ax.set_ylabel(index)
    ax.legend(loc="best", fontsize="small")
    return fig


def plot_scenario(comparison: pd.DataFrame, index: str, period: Optional[int] = None) -> Figure:
    """Baseline against scenario of one index per region, as paired bars.

    Parameters
    ----------
    comparison : pandas.DataFrame
        A frame of :func:`gendex.compare_scenario`.
    index : str
        The index drawn.
    period : int, optional
        The period drawn; default the latest.

    Returns
    -------
    matplotlib.figure.Figure
        Two bars per region (baseline, scenario) with the change written beside them.

    Examples
    --------
    >>> import gendex, gendex.plot, pandas as pd
    >>> kapuas = gendex.read_csv("data/bps/kalteng_2010_2021.csv").filter(regions="6203", periods=2021)
    >>> edits = pd.DataFrame({"region": ["6203"], "period": [2021], "sex": ["female"],
    ...                       "indicator": ["mean_schooling"], "op": ["add"], "value": [1.0]})
    >>> table = gendex.compare_scenario(kapuas, gendex.scenario(kapuas, edits))
    >>> len(gendex.plot.plot_scenario(table, "ipg").axes[0].patches)
    2
    """
    rows = comparison[comparison["index"] == index]
    if rows.empty:
        raise _core.InputError(f"plot_scenario: no rows of index '{index}'")
    chosen = int(rows["period"].max()) if period is None else int(period)
    rows = rows[rows["period"] == chosen]
    if rows.empty:
        raise _core.InputError(f"plot_scenario: no rows of index '{index}' in period {chosen}")
    names = rows["region"].astype(str).tolist()
    fig, ax = _figure(2 * len(names))
    y = np.arange(len(names))
    ax.barh(y + 0.2, rows["baseline"].to_numpy(dtype=float), height=0.4, label="baseline", color="#bbbbbb")
    ax.barh(y - 0.2, rows["scenario"].to_numpy(dtype=float), height=0.4, label="scenario", color="#1b9e77")
    for k, (value, change) in enumerate(zip(rows["scenario"], rows["change"])):
        if np.isfinite(value) and np.isfinite(change):
            ax.annotate(
                f"{change:+.3g}",
                (float(value), k - 0.2),
                xytext=(3, 0),
                textcoords="offset points",
                va="center",
                fontsize="small",
            )
    ax.set_yticks(y, names)
    ax.set_xlabel(index)
    ax.set_title(f"{index} {chosen}: scenario against baseline")
    ax.legend(loc="best", fontsize="small")
    return fig


def plot_edition_diff(diff: pd.DataFrame, region: Any = None, period: Optional[int] = None, top: int = 20) -> Figure:
    """What changed between two report editions: data revision and method change, stacked.

    Parameters
    ----------
    diff : pandas.DataFrame
        A frame of :func:`gendex.edition_diff`.
    region : str, optional
        One region drawn over its periods (one bar a period).
    period : int, optional
        Without ``region``: the period drawn across regions (default the latest), the ``top``
        regions with the largest difference.
    top : int
        Without ``region``: how many regions.

    Returns
    -------
    matplotlib.figure.Figure
        One bar per period (or region): revision and method stacked from zero (each on its side of
        it), a dot at their sum, the difference new_value - old_value.

    Raises
    ------
    InputError
        No rows for ``region`` or ``period``.

    Examples
    --------
    >>> import gendex, gendex.plot
    >>> old = gendex.read_hdr("data/undp/HDR23-24_Composite_indices_complete_time_series.csv")
    >>> new = gendex.read_hdr("data/undp/HDR25_Composite_indices_complete_time_series.csv")
    >>> diff = gendex.edition_diff("hdi", (old.filter(regions="IDN"), "hdr2023-24"),
    ...                            (new.filter(regions="IDN"), "hdr2025"))
    >>> fig = gendex.plot.plot_edition_diff(diff, "IDN")
    >>> fig.axes[0].get_title()
    'IDN: hdi, hdr2023-24 -> hdr2025'
    """
    if diff.empty:
        raise _core.InputError("plot_edition_diff: the edition diff has no rows")
    if region is not None:
        rows = diff[diff["region"].astype(str) == str(region)].sort_values("period")
        if rows.empty:
            raise _core.InputError(f"plot_edition_diff: no rows for region '{region}'")
        labels = rows["period"].astype(str).tolist()
        where = str(region)
    else:
        chosen = int(diff["period"].max()) if period is None else int(period)
        rows = diff[diff["period"] == chosen]
        if rows.empty:
            raise _core.InputError(f"plot_edition_diff: no rows for period {chosen}")
        order = (rows["new_value"] - rows["old_value"]).abs().sort_values(ascending=False).index[: int(top)]
        rows = rows.loc[order[::-1]]
        labels = rows["region"].astype(str).tolist()
        where = str(chosen)
    fig, ax = _figure(len(labels))
    revision = rows["revision"].to_numpy(dtype=np.float64)
    method = rows["method"].to_numpy(dtype=np.float64)
    ax.barh(labels, revision, color="#7570b3", label="data revision")
    # Method stacked on revision when both push the same way, else from zero on its own side.
    ax.barh(
        labels,
        method,
        left=np.where(np.sign(method) == np.sign(revision), revision, 0.0),
        color="#e7298a",
        label="method change",
    )
    difference = (rows["new_value"] - rows["old_value"]).to_numpy(dtype=np.float64)
    ax.plot(difference, labels, "k|", markersize=14, label="difference")
    ax.axvline(0.0, color="black", linewidth=1)
    editions = diff.attrs.get("editions", ("old", "new"))
    index = str(diff.attrs.get("index", "index"))
    ax.set_xlabel(f"change of {index} ({editions[1]} less {editions[0]})")
    ax.set_title(f"{where}: {index}, {editions[0]} -> {editions[1]}")
    ax.legend(loc="best", fontsize="small")
    return fig


def plot_rank_intervals(probabilities: pd.DataFrame, period: Optional[int] = None, level: float = 0.9) -> Figure:
    """Each region's rank interval from its rank probabilities, best first.

    Parameters
    ----------
    probabilities : pandas.DataFrame
        A frame of :func:`gendex.rank_probabilities`.
    period : int, optional
        The period drawn; default the latest (or the only one, when it has none).
    level : float
        The probability the interval holds: from the rank below which (1 - level)/2 of the
        replicates fall to the one above which (1 - level)/2 do.

    Returns
    -------
    matplotlib.figure.Figure
        One line per region from the lower to the upper rank, dots sized by P(rank = k), a cross at
        the rank of the full-sample values; regions sorted by that rank (or the most likely one).

    Examples
    --------
    >>> import gendex, gendex.plot, pandas as pd
    >>> reps = pd.DataFrame({"A": [0.30, 0.31, 0.36, 0.32], "B": [0.35, 0.40, 0.33, 0.34],
    ...                      "C": [0.41, 0.39, 0.42, 0.45]})
    >>> p = gendex.rank_probabilities(reps, "ikg", 2023, estimates=[0.32, 0.35, 0.42])
    >>> fig = gendex.plot.plot_rank_intervals(p)
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
    ['A', 'B', 'C']
    """
    if probabilities.empty:
        raise _core.InputError("plot_rank_intervals: the rank probabilities have no rows")
    if not 0.0 < level < 1.0:
        raise _core.InputError(f"plot_rank_intervals: level must be between 0 and 1, got {level}")
    rows = probabilities
    if rows["period"].notna().any():
        chosen = int(rows["period"].max()) if period is None else int(period)
        rows = rows[rows["period"] == chosen]
        if rows.empty:
            raise _core.InputError(f"plot_rank_intervals: no rows for period {chosen}")
        title = f"rank intervals, {chosen} ({level:.0%})"
    else:
        title = f"rank intervals ({level:.0%})"
    tail = (1.0 - level) / 2.0
    summary = []
    for region, part in rows.groupby(rows["region"].astype(str), sort=False):
        part = part.sort_values("rank")
        cumulative = part["probability"].cumsum().to_numpy()
        ranks = part["rank"].to_numpy(dtype=float)
        lower = ranks[int(np.searchsorted(cumulative, tail - 1e-12, side="right"))]
        upper = ranks[min(int(np.searchsorted(cumulative, 1.0 - tail - 1e-12)), len(ranks) - 1)]
        point = part["estimate_rank"].iloc[0]
        mode = ranks[int(np.argmax(part["probability"].to_numpy()))]
        key = float(point) if pd.notna(point) else mode
        summary.append((key, region, lower, upper, point, part))
    summary.sort(key=lambda s: (s[0], s[1]))
    fig, ax = _figure(len(summary))
    for y, (_, _, lower, upper, point, part) in enumerate(summary):
        ax.plot([lower, upper], [y, y], "-", color="#1b9e77", linewidth=2)
        sizes = 200 * part["probability"].to_numpy(dtype=float)
        ax.scatter(part["rank"].to_numpy(dtype=float), np.full(len(part), y), s=sizes, color="#1b9e77", alpha=0.5)
        if pd.notna(point):
            ax.plot([float(point)], [y], "kx")
    ax.set_yticks(range(len(summary)), [s[1] for s in summary])
    ax.invert_yaxis()
    ax.set_xlabel("rank (1 = best); dots: P(rank = k); x: rank of the estimates")
    ax.set_title(title)
    return fig
