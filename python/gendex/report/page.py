"""The report page: one self-contained, printable HTML file.

No external reference of any kind: CSS in a ``<style>`` element, charts as
base64 PNG data URIs, web addresses of sources written without their scheme,
so the file opens the same offline, in a browser or printed (one section per
page).
"""

from __future__ import annotations

import base64
import html
import re
from typing import TYPE_CHECKING, Any, Optional

import numpy as np
import pandas as pd

from gendex._version import __version__
from gendex.indices import round_half_up

from . import charts
from .numbers import IndexSection, ReportData, Table, index_table, notes_tables, priorities_table
from .words import words

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: Rows of a detail table shown on the page (the workbook has them all).
MAX_ROWS = 40

_STYLE = """
@page { size: A4; margin: 14mm; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #222; margin: 24px auto;
       max-width: 1100px; font-size: 13px; line-height: 1.4; }
h1 { font-size: 22px; margin: 0 0 4px; color: #12355b; }
h2 { font-size: 17px; margin: 0 0 8px; color: #12355b; border-bottom: 2px solid #12355b; padding-bottom: 3px; }
h3 { font-size: 14px; margin: 14px 0 6px; }
p.lead { font-size: 15px; margin: 0 0 12px; }
p.note { color: #555; font-size: 12px; }
section { margin-bottom: 32px; }
table { border-collapse: collapse; margin: 6px 0 14px; font-size: 12px; }
th, td { border: 1px solid #b8c4d0; padding: 3px 7px; vertical-align: top; }
th { background: #dde6f0; text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.focus td { background: #fde3cc; font-weight: bold; }
td.flag { color: #b30000; font-weight: bold; }
img { max-width: 100%; height: auto; display: block; margin: 6px 0 12px; }
.charts { display: flex; flex-wrap: wrap; gap: 12px; align-items: flex-start; }
.charts img { max-width: 540px; }
@media print {
  body { margin: 0; max-width: none; font-size: 11px; }
  section { break-before: page; page-break-before: always; margin: 0; }
  section.first { break-before: auto; page-break-before: auto; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  table, img { break-inside: avoid; page-break-inside: avoid; }
  .charts img { max-width: 48%; }
}
"""

_SCHEME = re.compile(r"(?i)\b(?:https?|ftp)://")
_HTTP = re.compile(r"(?i)http")


def text(value: Any) -> str:
    """Escaped text with no web address scheme and no "http" left in it."""
    escaped = html.escape(_SCHEME.sub("", str(value)))
    return _HTTP.sub(lambda m: m.group(0)[:2] + "&#8203;" + m.group(0)[2:], escaped)


def image(fig: Optional[Figure], alt: str) -> str:
    """An ``<img>`` with the figure as a base64 PNG data URI ("" without a figure)."""
    if fig is None:
        return ""
    for variant in range(12):
        encoded = base64.b64encode(charts.png(fig, variant)).decode("ascii")
        if "http" not in encoded.lower():  # base64 can spell it by chance; another encoding will not
            return f'<img alt="{text(alt)}" src="data:image/png;base64,{encoded}">'
    raise RuntimeError("could not encode a chart without the letters 'http'")  # pragma: no cover


def _number(value: float, decimals: Optional[int], lang: str) -> str:
    if decimals is None:
        shown = f"{value:.0f}" if float(value).is_integer() else f"{value:g}"
    else:
        shown = f"{round_half_up(value, decimals):.{decimals}f}"
    return shown.replace(".", ",") if lang == "id" else shown


def table_html(
    table: Table,
    lang: str,
    focus: str = "",
    code_column: str = "",
    max_rows: int = MAX_ROWS,
    title: Optional[str] = None,
) -> str:
    """A table as HTML; the row whose ``code_column`` equals ``focus`` is highlighted."""
    frame = table.frame
    if frame.empty:
        return ""
    head = "".join(f"<th>{text(c)}</th>" for c in frame.columns)
    body = []
    for r, values in enumerate(frame.head(max_rows).itertuples(index=False, name=None)):
        cells = []
        for name, value in zip(frame.columns, values):
            if value is None or value is pd.NA or (isinstance(value, (float, np.floating)) and np.isnan(value)):
                cells.append("<td></td>")
            elif isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, (bool, np.bool_)):
                cells.append(f'<td class="num">{_number(float(value), table.decimals(r, str(name)), lang)}</td>')
            elif value == words(lang)["yes"]:
                cells.append(f'<td class="flag">{text(value)}</td>')
            else:
                cells.append(f"<td>{text(value)}</td>")
        mark = (
            ' class="focus"'
            if code_column and focus and str(values[list(frame.columns).index(code_column)]) == focus
            else ""
        )
        body.append(f"<tr{mark}>{''.join(cells)}</tr>")
    more = ""
    if len(frame) > max_rows:
        more = f'<p class="note">{text(words(lang)["more_rows"].format(n=len(frame) - max_rows))}</p>'
    caption = f"<h3>{text(title if title is not None else table.title)}</h3>" if (title or table.title) else ""
    return f"{caption}<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>{more}"


def _shown(column: pd.Series) -> bool:
    """Whether a column has anything to show (not all empty)."""
    return bool(
        column.map(lambda v: not (v is None or v is pd.NA or v == "" or (isinstance(v, float) and np.isnan(v)))).any()
    )


def _index_section(data: ReportData, s: IndexSection) -> str:
    w = words(data.lang)
    lang = data.lang
    parts = [f"<section><h2>{text(s.label)}</h2>"]
    parts.append(
        '<p class="note">'
        + text(
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
        + "</p>"
    )
    if s.computed == 0:
        parts.append('<p class="note">' + text(w["not_recomputed"].format(short=s.short, missing=s.missing)) + "</p>")
    table = s.table.dropna(subset=["value"])
    peers = table[table["region"].isin(data.peers)]
    if len(peers):
        period = int(peers["period"].max())
        shown = [*data.peers, *([data.parent.code] if data.parent is not None else [])]
        rows = table[(table["period"] == period) & table["region"].isin(shown)]
        rows = rows.sort_values("value", ascending=s.ascending, kind="stable")
        full = index_table(s, lang, rows)
        keep = [c for c in full.frame.columns[:10] if _shown(full.frame[c])]
        latest = Table(f"{s.short} {period}", full.frame[keep], {k: v for k, v in full.digits.items() if k in keep})
        parts.append(table_html(latest, lang, data.focus.code, w["code"]))
    parts.append('<div class="charts">')
    parts.append(image(charts.by_region(data, s), w["by_region"].format(label=s.short, period="")))
    parts.append(
        image(charts.trend(data, s), w["trend_title"].format(label=s.short, region=data.name(data.focus.code)))
    )
    parts.append("</div>")
    mine = s.table[s.table["region"] == data.focus.code]
    if len(mine):
        trend = index_table(s, lang, mine)
        keep = [c for c in trend.frame.columns[2:10] if _shown(trend.frame[c])]
        parts.append(
            table_html(
                Table(
                    f"{w['trend']} {s.short}: {data.name(data.focus.code)}",
                    trend.frame[keep],
                    {k: v for k, v in trend.digits.items() if k in keep},
                ),
                lang,
            )
        )
    if len(s.gains):
        figure = charts.priorities(data, s)
        if figure is not None:
            parts.append(f"<h3>{text(w['priorities'])}</h3>")
            parts.append(image(figure, w["priorities"]))
            g = s.gains[s.gains["region"] == data.focus.code]
            g = g[g["period"] == g["period"].max()]
            gains = priorities_table([s], lang, g)
            keep = list(gains.frame.columns[4:])  # index, code, region and year are in the heading
            parts.append(table_html(Table("", gains.frame[keep], gains.digits), lang, title=""))
    parts.append("</section>")
    return "".join(parts)


def _audit_section(data: ReportData) -> str:
    w = words(data.lang)
    audit = data.audit
    parts = [f"<section><h2>{text(audit.summary.title)}</h2>", table_html(audit.summary, data.lang, title="")]
    if len(audit.detail.frame) and not audit.given:
        parts.append(table_html(audit.detail, data.lang, title=w["audit_gaps"], max_rows=20))
    elif not audit.given:
        parts.append(f"<p>{text(w['audit_no_gaps'])}</p>")
    parts.append("</section>")
    return "".join(parts)


def _notes_section(data: ReportData) -> str:
    w = words(data.lang)
    tables = notes_tables(data)
    method = tables[0].frame.iloc[:, 0]
    items = "".join(f"<li>{text(line)}</li>" for line in method)
    editions = "".join(f"<li>{text(t.title)}</li>" for t in tables[1:])
    return (
        f"<section><h2>{text(w['notes'])}</h2><h3>{text(w['method'])}</h3><ul>{items}</ul>"
        f"<h3>{text(w['edition'])}</h3><ul>{editions}</ul>"
        f'<p class="note">{text(w["generated"].format(version=__version__))}</p></section>'
    )


def render(data: ReportData) -> str:
    """The whole page as a string."""
    w = words(data.lang)
    focus = f"{data.name(data.focus.code)} ({data.focus.code})"
    if data.parent is not None:
        focus += f", {data.name(data.parent.code)}"
    indices = ", ".join(s.short for s in data.sections)
    head = (
        f'<!DOCTYPE html><html lang="{data.lang}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{text(w['title'])}: {text(focus)}</title><style>{_STYLE}</style></head><body>"
    )
    first = (
        f'<section class="first"><h1>{text(w["title"])}</h1>'
        f'<p class="lead">{text(w["subtitle"].format(indices=indices, focus=focus))}</p>'
        f"{table_html(data.summary, data.lang, title=w['summary'])}</section>"
    )
    body = [first, *(_index_section(data, s) for s in data.sections), _audit_section(data), _notes_section(data)]
    page = head + "".join(body) + "</body></html>"
    if _HTTP.search(page):  # pragma: no cover - text() and image() rule it out
        raise RuntimeError("the report page would contain 'http'")
    return page
