"""``gendex priorities INDEX``: each component of an index set at gender parity alone, ranked by how much closer to
equality it brings the index; what a Pokja PUG prioritises. With ``--step``/``--steps`` each realistic step alone
("+2 points of women's TPAK") instead of parity."""

from __future__ import annotations

import argparse
from typing import Any, Optional

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

Parity is rarely one step away. With --step (repeatable) or --steps FILE each step a
district can take is applied alone instead ("+2 points of women's labour-force
participation", "halve the births before age 20"), the steps ranked by their gain, and
inputs already at a cap or floor of the method (the step moves the input, not the
index) are named.

Examples:
  gendex priorities ipg --input kalteng.csv --lang id --show Kapuas,6213
  gendex priorities ipg --input kalteng.csv --step mean_schooling=add:1 --step expected_schooling=add:1
  gendex priorities ikg --input ikg.csv --steps steps.csv   (columns indicator,op,value[,sex])
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


def _summary(result: gendex.Priorities, lang: str) -> str:
    """The run's one line: the core's (English), or in Indonesian the region-periods ranked."""
    if lang == "en":
        return result.summary
    units = len(result.frame.groupby(["region", "period"])) if len(result.frame) else 0
    return f"{result.index} (edisi {result.edition}): {units} wilayah-tahun diperingkat"


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
    add_step_options(parser)
    add_lang_option(parser, what="Headers and component names of the printed table")
    parser.set_defaults(run=run)


def add_step_options(parser: argparse.ArgumentParser) -> None:
    """--step and --steps (also used by ``gendex analyse priorities``)."""
    parser.add_argument(
        "--step",
        action="append",
        metavar="INDICATOR=OP:VALUE",
        help="A realistic step for women's value, e.g. labour_force_participation=add:2 or "
        "first_birth_before_20=scale:0.5 (op: set, add, scale, close_gap; repeatable; INDICATOR/SEX=... for men)",
    )
    parser.add_argument("--steps", metavar="FILE", help="Steps as a CSV with indicator,op,value and optionally sex")


def _step(text: str) -> dict[str, Any]:
    key, eq, rest = text.partition("=")
    op, colon, value = rest.partition(":")
    indicator, _, sex = key.partition("/")
    try:
        amount = float(value)
    except ValueError:
        amount = float("nan")
    if not eq or not colon or not indicator or amount != amount:
        raise CliError(f"--step '{text}': expected INDICATOR=OP:VALUE, e.g. labour_force_participation=add:2")
    return {"indicator": indicator.strip(), "sex": (sex or "female").strip(), "op": op.strip(), "value": amount}


def read_steps(args: argparse.Namespace) -> Optional[pd.DataFrame]:
    """The steps of --step and --steps as one frame, or None when neither is given."""
    if not args.step and not args.steps:
        return None
    parts = []
    if args.steps:
        try:
            parts.append(pd.read_csv(args.steps, dtype={"indicator": str, "op": str, "sex": str}))
        except OSError:
            raise
        except Exception as error:  # a parse error of pandas
            raise CliError(f"{args.steps}: cannot read the steps ({error})") from None
        if "sex" not in parts[0].columns:
            parts[0]["sex"] = "female"
    if args.step:
        parts.append(pd.DataFrame([_step(t) for t in args.step]))
    return pd.concat(parts, ignore_index=True)


def run(args: argparse.Namespace) -> int:
    check_output(args.output)
    out = messages(args.output)
    edition = edition_with_overrides(args.edition or default_edition(args.index), args.sets)
    data = read_input(args)
    if len(data.dataset) == 0:
        raise CliError(f"{data.path}: no observations to compute {args.index} from")
    show = [data.resolve(s, "--show") for s in args.show or []]
    steps = read_steps(args)
    if steps is not None:
        return _run_steps(args, data, edition, steps, show, out)
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
    out.write(_latest(rows, data, digits, args.top, show, args.lang) + _summary(result, args.lang) + "\n")
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


_STEP_HEADERS = {
    "en": ["region", "name", "rank", "step", "input", "after step", "index", "after", "gain", ""],
    "id": ["kode", "wilayah", "peringkat", "langkah", "nilai", "setelah", "indeks", "setelah", "perbaikan", ""],
}
_STEP_TITLE = {
    "en": "{index} {period}: each step alone, largest gain first",
    "id": "{index} {period}: setiap langkah sendiri, perbaikan terbesar lebih dulu",
}
_AT_CAP = {"en": "at cap", "id": "sudah di batas"}
_OPS = {"set": "=", "add": "+", "scale": "x", "close_gap": "close gap %"}


def _run_steps(
    args: argparse.Namespace, data: Input, edition: gendex.Edition, steps: pd.DataFrame, show: list[str], out: Any
) -> int:
    """``gendex priorities INDEX --step ...``: the steps ranked per region-period; the latest period printed."""
    result = gendex.priorities(args.index, data.dataset, edition, args.on_invalid, steps=steps)
    rows = result.frame
    if len(rows) == 0:
        raise CliError(f"{args.index}: no region-year could be computed ({result.summary})")
    if args.output:
        from .common import frame_csv

        write_output(args.output, frame_csv(rows))
    digits = int(edition["rounding_digits"])
    period = int(rows["period"].max())
    table = Table(_STEP_HEADERS[args.lang], left=4)
    regions: list[str] = []
    for r in rows[rows["period"] == period].to_dict("records"):
        region = str(r["region"])
        wanted = (region in show) if show else (region in regions or len(regions) < args.top)
        if not wanted:
            continue
        if region not in regions:
            regions.append(region)
        label = _core.indicator_label(str(r["component"]), args.lang)
        sex = "" if r["sex"] == "female" else f" ({gendex.sex_label(str(r['sex']), args.lang)})"
        table.add(
            [
                region,
                data.name(region),
                r["rank"],
                f"{label}{sex} {_OPS[str(r['op'])]}{r['amount']:g}",
                f"{r['input']:.6g}",
                f"{r['input_after']:.6g}",
                rounded(r["value"], digits),
                rounded(r["after"], digits),
                rounded(r["gain"], digits + 1),
                _AT_CAP[args.lang] if r["at_cap"] else "",
            ]
        )
    out.write(_STEP_TITLE[args.lang].format(index=args.index, period=period) + "\n")
    out.write(str(table.drop_empty_columns([1, 9])) + _summary(result, args.lang) + "\n")
    if len(result.notes):
        more = _NOTES_MORE[args.lang] if len(result.notes) > 10 else ""
        out.write(f"{len(result.notes)} note(s){more}:\n")
        for n in result.notes.head(10).to_dict("records"):
            out.write(f"  {n['region']} {n['period']}: {n['note']}\n")
    if args.output:
        out.write(f"wrote {len(rows)} rows to {args.output}\n")
    return 0
