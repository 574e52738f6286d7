"""``gendex compute INDEX``: an index for every region-year of an input, the latest year printed."""

from __future__ import annotations

import argparse
import math
from collections.abc import Sequence
from typing import Any, Optional

import numpy as np
import pandas as pd

import gendex
from gendex import Dataset, _core
from gendex._index_result import differs_as_printed
from gendex.indices import index_facts

from .common import (
    WORDS,
    CliError,
    Input,
    Table,
    add_edition_options,
    add_header_lang_option,
    add_input_options,
    add_lang_option,
    check_output,
    comma_list,
    count_type,
    dataset_csv,
    default_edition,
    display_order,
    edition_with_overrides,
    indicator_info,
    messages,
    read_input,
    rounded,
    write_outputs,
)

HELP = "Compute an index for every region-year of an input file"
DESCRIPTION = """\
Compute an index (HDI, GDI, GII, IHDI, GEM; BPS IPM, IPG, IDG, IKG) for every region and
year of the input that has all its inputs, and print the latest year, best first. Where
the input also holds the publisher's own figure (the HDR file's GDI, a BPS file's IPG),
it is printed beside the recomputation and differences are flagged.

A region-year with a missing or invalid input is skipped and listed (--report FILE
writes the full list); when no region-year at all can be computed the command says
which inputs are missing and exits with code 2.

Examples:
  gendex compute ipg --input kalteng.csv --lang id --show Kapuas
  gendex compute gdi --input HDR25_Composite_indices_complete_time_series.csv \\
      --input-format hdr-wide --show IDN,MYS --output gdi.csv
"""

#: Rows of the skipped and notes tables printed without ``--report``.
SHOWN = 10
#: Output columns of the printed table at most.
MAX_COLUMNS = 6
REPORT_COLUMNS = "kind,region,period,indicator,sex,problem,message"

_WORDS = {
    "en": {
        "skipped": "Skipped region-periods",
        "notes": "Notes",
        "more": " (first {n} shown; --report FILE writes all)",
        "lists": "skipped region-periods and notes: {file}",
        "compared": "Published {what} in the input: {n} region-periods compared with the recomputation, {k} "
        "differ at {d} decimals{see}",
        "see": " (column 'diff': recomputed - published)",
        "wrote": "wrote {n} observations of {units} region-periods to {file}",
    },
    "id": {
        "skipped": "Wilayah-tahun yang dilewati",
        "notes": "Catatan",
        "more": " ({n} pertama; --report FILE menulis semua)",
        "lists": "wilayah-tahun yang dilewati dan catatan: {file}",
        "compared": "Angka resmi {what} di input: {n} wilayah-tahun dibandingkan dengan hitungan ulang, {k} "
        "berbeda pada {d} desimal{see}",
        "see": " (kolom 'selisih': hitungan ulang - resmi)",
        "summary": "{index} (edisi {edition}): {computed} dari {units} wilayah-tahun dihitung",
        "summary_skipped": ", {n} dilewati",
        "summary_notes": ", {n} catatan",
        "wrote": "{n} observasi dari {units} wilayah-tahun ditulis ke {file}",
    },
}


def add_parser(commands: Any) -> None:
    names = _core.index_names()
    parser = commands.add_parser(
        "compute", help=HELP, description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("index", choices=names, metavar="INDEX", help=f"Index to compute: {', '.join(names)}")
    add_input_options(parser)
    add_edition_options(parser, "gii_parliament_floor=0.1")
    parser.add_argument(
        "--output", "-o", metavar="FILE", help="Write every result as a tidy CSV (full precision; '-': standard output)"
    )
    add_header_lang_option(parser)
    parser.add_argument(
        "--on-invalid",
        choices=("raise", "skip"),
        default="skip",
        help="A region-year with a missing or invalid input: skip (leave it out and list it; the "
        "default, as whole HDR files lack some inputs for many years) or raise (stop with "
        "exit code 2, naming it)",
    )
    parser.add_argument("--report", metavar="FILE", help="Write every skipped region-year and every note as CSV")
    parser.add_argument(
        "--top", type=count_type, default=20, metavar="N", help="Rows of the printed table (default 20)"
    )
    add_lang_option(parser)
    parser.add_argument(
        "--show",
        type=comma_list,
        action="extend",
        metavar="REGION,...",
        help="Print these regions (codes or names) of the latest year, e.g. --show IDN,Malaysia or "
        "--show Kapuas (also with --output; ranks stay among all regions)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    check_output(args.output)
    check_output(args.report, "--report")
    out = messages(args.output, args.report)
    edition = edition_with_overrides(args.edition or default_edition(args.index), args.sets)
    data = read_input(args)
    if len(data.dataset) == 0:
        raise CliError(f"{data.path}: no observations to compute {args.index} from")
    show = [data.resolve(s, "--show") for s in args.show or []]
    result = gendex.compute(args.index, data.dataset, edition, args.on_invalid)
    if result.report.computed == 0:
        raise CliError(explain_empty(args.index, data, result.report))
    outputs = [(args.output, dataset_csv(result.values, args.header_lang, data.hierarchy))] if args.output else []
    outputs += [(args.report, report_csv(result.report))] if args.report else []
    write_outputs(outputs)  # both or neither
    digits = int(edition["rounding_digits"])
    if not args.output or show:
        out.write(latest_table(args.index, result.values, data, digits, args.top, show, args.lang) + "\n")
    if args.output:
        wrote = _WORDS[args.lang]["wrote"]
        out.write(wrote.format(n=len(result.values), units=result.report.computed, file=args.output) + "\n")
    out.write(short_report(result.report, args.report, data, args.lang))
    return 0


# ------------------------------------------------------------ printed table


def column_title(indicator: str, sex: str, lang: str) -> str:
    """ "hdi (female)", in Indonesian "ipm (Perempuan)"; the id alone for the total."""
    if sex == "total":
        return indicator
    return f"{indicator} ({_core.sex_label(sex, 'id') if lang == 'id' else sex})"


def cell(indicator: str, value: float, digits: int) -> str:
    """Ranks and groups as integers, other values rounded half up to the edition's digits."""
    if math.isnan(value):
        return ""
    info = indicator_info(indicator)
    return rounded(value, 0 if info is not None and info[0] in ("rank", "group") else digits)


def published(dataset: Dataset, indicator: str, sex: str) -> dict[tuple[str, int], float]:
    """The input's own values of an output (the publisher's figure), by region and period."""
    rows = dataset.filter(indicators=indicator, sexes=sex)
    if len(rows) == 0:
        return {}
    frame = rows.to_frame()
    frame = frame[frame["age_group"] == ""]
    return {(str(r), int(p)): float(v) for r, p, v in zip(frame["region"], frame["period"], frame["value"])}


def _differs(computed: float, given: float, digits: int) -> bool:
    return bool(differs_as_printed([computed], [given], digits)[0])


def latest_table(
    index: str, values: Dataset, data: Input, digits: int, top: int, only: Sequence[str] = (), lang: str = "en"
) -> str:
    """The latest period's regions (those of ``only`` when given), best first, ``top`` rows, with the published
    figure beside the headline where the input has one."""
    facts = index_facts(index)
    title, outputs = facts.title, list(facts.outputs)
    _, regions, periods, matrix, present = _core.align(values._core, outputs)
    if len(regions) == 0:
        return "(no region-period could be computed)\n"
    latest = int(periods.max())
    in_latest = periods == latest
    columns = [j for j in range(len(outputs)) if bool(present[in_latest, j].any())][:MAX_COLUMNS]
    units = [u for u in range(len(regions)) if in_latest[u] and (not only or regions[u] in only)]
    headline = matrix[:, 0]
    order = display_order(index)

    def key(u: int) -> float:
        v = float(headline[u])
        if math.isnan(v):
            return math.inf
        return -v if order == "highest_first" else v if order == "lowest_first" else abs(v - 1.0)

    units.sort(key=key)
    indicator, sex = outputs[0]
    given = published(data.dataset, indicator, sex)
    compared = [u for u in range(len(regions)) if (regions[u], int(periods[u])) in given and present[u, 0]]
    differing = [u for u in compared if _differs(float(headline[u]), given[(regions[u], int(periods[u]))], digits)]
    beside = any((regions[u], latest) in given for u in units)
    words = WORDS[lang]
    header = [words["region"], words["name"]]
    for j in columns:
        title_j = column_title(*outputs[j], lang)
        if j == 0 and beside:  # the publisher's figure first, the recomputation beside it
            header += [f"{title_j} {words['published']}", f"{title_j} {words['recomputed']}", words["diff"]]
        else:
            header.append(title_j)
    table = Table(header, left=2)
    for u in units[:top]:
        row = [regions[u], data.name(regions[u])]
        for j in columns:
            value = cell(outputs[j][0], float(matrix[u, j]), digits)
            if j == 0 and beside:
                official = given.get((regions[u], latest), np.nan)
                differ = not math.isnan(official) and present[u, 0] and _differs(float(headline[u]), official, digits)
                gap = float(gendex.round_half_up(float(headline[u]), digits)) - official
                row += [cell(indicator, official, digits), value, f"{gap:+.{digits}f}" if differ else ""]
            else:
                row.append(value)
        table.add(row)
    shown = table.drop_empty_columns([1, 4] if beside else [1])
    if lang == "id":
        head = f"{_core.indicator_label(index, 'id')}, {latest} ({len(units)} wilayah"
        if len(units) > top:
            head += f", {top} pertama; --output menulis semua"
        head += f", {digits} desimal; presisi penuh di --output)\n"
    else:
        head = f"{title}, {latest} ({len(units)} region-periods"
        if len(units) > top:
            head += f", first {top} shown; --output writes all"
        head += f", values at {digits} decimals; full precision in --output)\n"
    text = head + str(shown)
    if compared:
        text += (
            _WORDS[lang]["compared"].format(
                what=column_title(indicator, sex, lang),
                n=len(compared),
                k=len(differing),
                d=digits,
                see=_WORDS[lang]["see"] if beside and differing else "",
            )
            + "\n"
        )
    return text


# ------------------------------------------------------------------ reports


def _csv_field(text: str) -> str:
    if not any(c in text for c in ',"\r\n'):
        return text
    return '"' + text.replace('"', '""') + '"'


def report_csv(report: gendex.ComputeReport) -> str:
    """Every skipped region-period and note: kind,region,period,indicator,sex,problem,message."""
    skipped = [
        ["skipped", s["region"], s["period"], s["indicator"], s["sex"], s["problem"], s["reason"]]
        for s in report.skipped.to_dict("records")
    ]
    notes = [["note", n["region"], n["period"], "", "", "", n["note"]] for n in report.notes.to_dict("records")]
    lines = [REPORT_COLUMNS] + [",".join(_csv_field(str(c)) for c in row) for row in skipped + notes]
    return "\n".join(lines) + "\n"


def short_report(report: gendex.ComputeReport, report_file: Optional[str], data: Input, lang: str = "en") -> str:
    """The summary line and the first skipped region-periods and notes (all of them with ``--report``)."""
    words, table_words = _WORDS[lang], WORDS[lang]
    if lang == "en":  # the core's own line (ComputeReport::summary)
        out = report.summary + "\n"
    else:
        out = words["summary"].format(
            index=report.index, edition=report.edition, computed=report.computed, units=report.units
        )
        out += words["summary_skipped"].format(n=len(report.skipped)) if len(report.skipped) else ""
        out += (words["summary_notes"].format(n=len(report.notes)) if len(report.notes) else "") + "\n"
    if report_file:
        if len(report.skipped) or len(report.notes):
            out += words["lists"].format(file=report_file) + "\n"
        return out
    for frame, title, column, text in (
        (report.skipped, words["skipped"], "reason", table_words["reason"]),
        (report.notes, words["notes"], "note", table_words["note"]),
    ):
        if not len(frame):
            continue
        more = words["more"].format(n=SHOWN) if len(frame) > SHOWN else ""
        table = Table([table_words["region"], table_words["name"], table_words["period"], text], left=2)
        for r in frame.head(SHOWN).to_dict("records"):
            table.add([r["region"], data.name(str(r["region"])), r["period"], r[column]])
        out += f"{title}{more}:\n{table.drop_empty_columns([1])}"
    return out


def explain_empty(index: str, data: Input, report: gendex.ComputeReport) -> str:
    """Why no region-period was computed: the inputs the index needs that the data lacks, by name."""
    needs = index_facts(index).inputs
    head = f"{index} could not be computed for any region-year of {data.path}.\n  {index} needs: {needs}."
    if len(report.skipped):
        counts = report.skipped.groupby(["indicator", "sex", "problem"], sort=False).size()
        counts = counts.sort_values(ascending=False, kind="stable")
        reasons = [
            f"{key[0]} ({key[1]}) {str(key[2]).replace('_', ' ')} for {n} region-years"
            for key, n in zip(counts.head(5).index, counts.head(5))
        ]
        return head + "\n  Skipped: " + "; ".join(reasons) + " (--report FILE lists every one)"
    frame = data.dataset.to_frame()
    sexes = frame.groupby("indicator", sort=False)["sex"].unique()
    wanted = [w for w in index_facts(index).indicators() if indicator_info(w) is not None]
    missing = [f"{w} ({_core.indicator_label(w, 'en')})" for w in wanted if w not in sexes.index]
    present = [f"{w} ({', '.join(_sorted_sexes(sexes[w]))})" for w in wanted if w in sexes.index]
    out = head + "".join(f"\n  {sentence}." for sentence in report.missing)
    if missing:
        out += "\n  Not in the input: " + "; ".join(missing) + "."
    if present:
        out += "\n  In the input only as: " + "; ".join(present) + "."
    return out


def _sorted_sexes(sexes: Any) -> list[str]:
    order = {"female": 0, "male": 1, "total": 2}
    return sorted((str(s) for s in pd.unique(sexes)), key=lambda s: order.get(s, 3))
