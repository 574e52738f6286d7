"""``gendex priorities INDEX``: each component of an index set at gender parity alone, ranked by how much closer to
equality it brings the index; what a Pokja PUG prioritises."""

from __future__ import annotations

import argparse
from typing import Any

import pandas as pd

import gendex
from gendex import _core

from .common import (
    WORDS,
    CliError,
    Input,
    Table,
    add_edition_options,
    add_input_options,
    add_lang_option,
    check_output,
    comma_list,
    count_type,
    default_edition,
    edition_with_overrides,
    messages,
    parity_indices,
    read_input,
    rounded,
    write_output,
)
from .compute import explain_empty

HELP = "Rank the components of an index by the gain from gender parity in each (gdi, gii, ipg, ikg)"
DESCRIPTION = """\
Which gap to close first: for every region and year, each component of the index
(health, education, expenditure or income, parliament, ...) is set to gender parity
alone, everything else as observed, and the components are ranked by how much closer
to equality that brings the index. Rank 1 is the component that drags the index most.
A negative gain means women are ahead in that component.

Example:
  gendex priorities ipg --input kalteng.csv --lang id --show Kapuas,6213
"""
CSV_COLUMNS = ("region", "period", "index", "component", "value", "at_parity", "gain", "rank")
_HEADERS = {
    "en": ["region", "name", "rank", "component", "value", "at parity", "gain"],
    "id": ["kode", "wilayah", "peringkat", "komponen", "nilai", "bila setara", "perbaikan"],
}
_TITLE = {
    "en": "{index} {period}: each component at gender parity alone, largest gain first (rank 1 = the component "
    "that drags the index most)",
    "id": "{index} {period}: komponen yang paling menarik indeks menjauhi kesetaraan (peringkat 1)",
}
_NOTES = {
    "en": "{n} component(s) could not be set at parity{more}:",
    "id": "{n} komponen tidak dapat disetarakan{more}:",
}
_NOTES_MORE = {"en": " (first 10 shown)", "id": " (10 pertama)"}
_NOT_ASSESSED = {"en": "not assessed", "id": "tidak dinilai"}


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "priorities", help=HELP, description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    indices = parity_indices()
    parser.add_argument(
        "index", choices=indices, metavar="INDEX", help=f"Index whose components to rank: {', '.join(indices)}"
    )
    add_input_options(parser)
    add_edition_options(parser, "ikg_parliament_floor=1")
    parser.add_argument(
        "--output",
        "-o",
        metavar="FILE",
        help="Write every region-year's components as CSV (full precision; '-': standard output)",
    )
    parser.add_argument(
        "--header-lang",
        choices=("en", "id"),
        default=None,
        help="Column headers of --output in English (en) or Indonesian (id), with labels",
    )
    parser.add_argument(
        "--on-invalid",
        choices=("raise", "skip"),
        default="skip",
        help="A region-year with a missing or invalid input: skip (the default) or raise",
    )
    parser.add_argument(
        "--top", type=count_type, default=10, metavar="N", help="Regions of the printed table (default 10)"
    )
    parser.add_argument(
        "--show",
        type=comma_list,
        action="extend",
        metavar="REGION,...",
        help="Print these regions (codes or names) of the latest year, e.g. --show 6203,Palangka Raya",
    )
    add_lang_option(parser, what="Headers and component names of the printed table")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    check_output(args.output)
    out = messages(args.output)
    edition = edition_with_overrides(args.edition or default_edition(args.index), args.sets)
    data = read_input(args)
    if len(data.dataset) == 0:
        raise CliError(f"{data.path}: no observations to compute {args.index} from")
    show = [data.resolve(s, "--show") for s in args.show or []]
    result = gendex.priorities(args.index, data.dataset, edition, args.on_invalid)
    rows, notes = result.frame, result.notes
    if len(rows) == 0:
        report = gendex.compute(args.index, data.dataset, edition, "skip").report
        raise CliError(
            explain_empty(args.index, data, report)
            if report.computed == 0
            else f"{args.index}: no region-year could be decomposed ({report.summary})"
        )
    if args.output:
        if args.header_lang:
            from .common import frame_csv, people_frame

            write_output(args.output, frame_csv(people_frame(rows, args.header_lang, data.hierarchy)))
        else:
            write_output(args.output, _csv(rows))
    digits = int(edition["rounding_digits"])
    out.write(_latest(rows, data, digits, args.top, show, args.lang) + result.summary + "\n")
    if len(notes):
        table = Table(
            [
                WORDS[args.lang]["region"],
                WORDS[args.lang]["name"],
                WORDS[args.lang]["period"],
                _NOT_ASSESSED[args.lang],
            ],
            left=2,
        )
        for r in notes.head(10).to_dict("records"):
            table.add([r["region"], data.name(str(r["region"])), r["period"], r["note"]])
        more = _NOTES_MORE[args.lang] if len(notes) > 10 else ""
        out.write(_NOTES[args.lang].format(n=len(notes), more=more) + "\n" + str(table.drop_empty_columns([1])))
    if args.output:
        out.write(f"wrote {len(rows)} rows to {args.output}\n")
    return 0


def _csv(rows: pd.DataFrame) -> str:
    lines = [",".join(CSV_COLUMNS)]
    for r in rows.to_dict("records"):
        region = (
            str(r["region"])
            if not any(c in str(r["region"]) for c in ',"\r\n')
            else '"' + str(r["region"]).replace('"', '""') + '"'
        )
        lines.append(
            f"{region},{r['period']},{r['index']},{r['component']},{r['value']:.17g},"
            f"{r['at_parity']:.17g},{r['gain']:.17g},{r['rank']}"
        )
    return "\n".join(lines) + "\n"


def _latest(rows: pd.DataFrame, data: Input, digits: int, top: int, show: list[str], lang: str) -> str:
    """The latest period's regions (those of ``show``, or the first ``top``), components by rank."""
    period = int(rows["period"].max())
    table = Table(_HEADERS[lang], left=2)
    regions: list[str] = []
    for r in rows[rows["period"] == period].to_dict("records"):
        region = str(r["region"])
        wanted = (region in show) if show else (region in regions or len(regions) < top)
        if not wanted:
            continue
        if region not in regions:
            regions.append(region)
        component = _core.component_label(str(r["component"]), "id") if lang == "id" else str(r["component"])
        table.add(
            [
                region,
                data.name(region),
                r["rank"],
                component,
                rounded(r["value"], digits),
                rounded(r["at_parity"], digits),
                rounded(r["gain"], digits + 1),
            ]
        )
    index = str(rows["index"].iloc[0])
    return _TITLE[lang].format(index=index, period=period) + "\n" + str(table.drop_empty_columns([1]))
