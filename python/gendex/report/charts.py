"""The charts of a report as PNG bytes (matplotlib, Agg backend, no metadata naming a web address)."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Optional

import numpy as np
import pandas as pd

from gendex.indices import round_half_up

from .words import words

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from .numbers import IndexSection, ReportData

FOCUS_COLOUR = "#d95f02"
OTHER_COLOUR = "#7f9fbf"
PARENT_COLOUR = "#333333"


def _figure(width: float, height: float) -> Figure:
    # A bare Figure on the Agg canvas: no pyplot, no GUI backend, nothing left open between reports.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=110, layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def png(fig: Figure, variant: int = 0) -> bytes:
    """The PNG bytes of ``fig``; ``variant`` pads a text chunk (and the resolution) to change the encoding."""
    out = io.BytesIO()
    metadata = {"Software": None, "Comment": " " * (variant % 3)} if variant % 3 else {"Software": None}
    fig.savefig(out, format="png", dpi=110 + variant // 3, metadata=metadata)
    return out.getvalue()


def by_region(data: ReportData, s: IndexSection) -> Optional[Figure]:
    """Horizontal bars of the index for the focus region's peers in the latest period, the focus highlighted."""
    w = words(data.lang)
    table = s.table.dropna(subset=["value"])
    rows = table[table["region"].isin(data.peers)]
    if rows.empty:
        return None
    period = int(rows["period"].max())
    rows = rows[rows["period"] == period].sort_values("value", ascending=not s.ascending)
    fig = _figure(7.5, max(2.4, 0.32 * len(rows) + 1.2))
    ax = fig.subplots()
    values = rows["value"].to_numpy(dtype=np.float64)
    colours = [FOCUS_COLOUR if r == data.focus.code else OTHER_COLOUR for r in rows["region"]]
    ax.barh(list(rows["name"].astype(str)), values, color=colours)
    for y, v in enumerate(values):
        ax.text(v, y, f" {v:.{s.digits}f}", va="center", fontsize=8)
    parent = data.parent.code if data.parent is not None and data.parent.code not in data.peers else None
    if parent is not None:
        mine = table[(table["region"] == parent) & (table["period"] == period)]
        if len(mine):
            ax.axvline(
                float(mine["value"].iloc[0]),
                color=PARENT_COLOUR,
                linestyle="--",
                linewidth=1,
                label=f"{data.name(parent)} {float(mine['value'].iloc[0]):.{s.digits}f}",
            )
            ax.legend(loc="lower right", fontsize=8)
    low = float(np.nanmin(values))
    high = float(np.nanmax(values))
    span = max(high - low, 10.0**-s.digits)
    ax.set_xlim(max(0.0, low - 0.6 * span), high + 0.25 * span)
    ax.set_title(w["by_region"].format(label=s.short, period=period), fontsize=11)
    ax.tick_params(labelsize=8)
    return fig


def trend(data: ReportData, s: IndexSection) -> Optional[Figure]:
    """The focus region's index over the periods: official figures, recomputation and the parent region."""
    w = words(data.lang)
    mine = s.table[s.table["region"] == data.focus.code]
    if mine.dropna(subset=["value"]).empty:
        return None
    fig = _figure(7.5, 3.0)
    ax = fig.subplots()
    periods = mine["period"].to_numpy()
    if mine["official"].notna().any():
        ax.plot(
            periods,
            mine["official"].to_numpy(dtype=np.float64),
            marker="o",
            color=FOCUS_COLOUR,
            label=w["official"].format(publisher=s.publisher),
        )
    if mine["recomputed"].notna().any():
        ax.plot(
            periods,
            round_half_up(mine["recomputed"], s.digits).to_numpy(dtype=np.float64),
            marker="x",
            linestyle=":",
            color="#1b9e77",
            label=w["recomputed"],
        )
    if data.parent is not None:
        parent = s.table[s.table["region"] == data.parent.code]
        if len(parent):
            ax.plot(
                parent["period"].to_numpy(),
                parent["value"].to_numpy(dtype=np.float64),
                color=PARENT_COLOUR,
                linestyle="--",
                linewidth=1,
                label=data.name(data.parent.code),
            )
    ax.set_title(w["trend_title"].format(label=s.short, region=data.name(data.focus.code)), fontsize=11)
    ax.set_xlabel(w["period"])
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    ax.tick_params(labelsize=8)
    return fig


def priorities(data: ReportData, s: IndexSection) -> Optional[Figure]:
    """The focus region's parity gains in its latest period (:func:`gendex.plot.plot_priorities`)."""
    from gendex.plot import plot_priorities

    w = words(data.lang)
    gains = s.gains
    if not len(gains) or not (gains["region"] == data.focus.code).any():
        return None
    period = int(gains.loc[gains["region"] == data.focus.code, "period"].max())
    rows = int(((gains["region"] == data.focus.code) & (gains["period"] == period)).sum())
    fig = _figure(7.5, max(2.2, 0.4 * rows + 1.2))
    ax = fig.subplots()
    plot_priorities(pd.DataFrame(gains), data.focus.code, period=period, ax=ax)
    ax.set_title(
        w["priorities_title"].format(short=s.short, region=data.name(data.focus.code), period=period), fontsize=10
    )
    ax.set_xlabel(w["gain_axis"].format(short=s.short), fontsize=9)
    ax.tick_params(labelsize=8)
    return fig
