"""``gendex analyse WHAT``: planning analyses over gendex.decompose, scenario, compare_scenario, trend,
priorities with steps, edition_diff, gap_sheet, elasticities, significant_change and rank_probabilities.

``decompose INDEX`` the exact additive parts of an index; ``scenario --edits FILE`` every index on
the edited data against the baseline; ``trend INDEX`` the linear and log-linear trend per region and
the projected year of parity; ``priorities INDEX --step ...`` realistic steps ranked by their gain;
``edition-diff INDEX --new FILE`` revision and method change between two report editions; ``gap``
the Gender Analysis Pathway sheet (xlsx) of one region; ``elasticities INDEX``, ``significance``
and ``ranks INDEX`` the gradients, the significance of a change and the rank probabilities.
"""

from __future__ import annotations

import argparse
from typing import Any, Optional

import pandas as pd

import gendex

from .common import (
    CliError,
    Input,
    add_edition_options,
    add_header_lang_option,
    add_input_options,
    add_lang_option,
    check_output,
    comma_list,
    default_edition,
    edition_with_overrides,
    frame_csv,
    messages,
    people_frame,
    read_input,
    write_output,
)
from .priorities import add_step_options, read_steps

HELP = (
    "Planning analyses: decompose an index, what-if scenarios, trends and the year of parity, realistic steps, "
    "edition diffs, the GAP sheet"
)
DESCRIPTION = """\
Planning analyses (python: gendex.decompose, gendex.scenario, gendex.trend, gendex.priorities(steps=),
gendex.edition_diff, gendex.gap_sheet):
  decompose INDEX   exact additive parts per region and year (gdi, ipg: log ratio of women's and
                    men's dimension indices; gii, ikg: Shapley values of the indicators; gem, idg:
                    components)
  scenario          apply what-if edits (a CSV with region,period,sex,indicator,op,value; op one
                    of set, add, scale, close_gap) and compare every index with the baseline
  trend INDEX       linear and log-linear trend per region and the projected year of parity
  priorities INDEX  each realistic step alone (--step INDICATOR=OP:VALUE, --steps FILE), ranked by
                    its gain towards equality; inputs at a cap or floor of the method named
  edition-diff INDEX
                    the index of every region-year in two report editions (--input the older file,
                    --new the newer, --old-edition/--new-edition their methods) split into data
                    revision and method change; --plot FILE draws it (--show REGION: one region)
  gap               the Gender Analysis Pathway (GAP) sheet of --region: steps 2 (data pembuka
                    wawasan), 8 (data dasar) and 9 (targets closing --target-percent of the gap
                    by --target-year) filled from the data terpilah, as xlsx (--output)
  elasticities INDEX  analytic gradient and elasticity of the index per input, region and year
  significance      whether the change from --earlier FILE to --input FILE (tidy CSVs of one
                    year each, with column se) exceeds its sampling error (z test at --level)
  ranks INDEX       P(rank = k) per region from replicate values (--input: a CSV with one row
                    per replicate and one column per region; --period YEAR labels them)

Examples:
  gendex analyse decompose ikg --input kalteng.csv --output parts.csv
  gendex analyse scenario --input kalteng.csv --edits edits.csv --output compare.csv
  gendex analyse trend ipg --input kalteng.csv --lang id
  gendex analyse priorities ipg --input kalteng.csv --step mean_schooling=add:1 --step expected_schooling=add:1
  gendex analyse edition-diff hdi --input-format hdr-wide --input HDR23-24.csv --old-edition hdr2023-24 \\
      --new HDR25.csv --new-edition hdr2025 --show IDN --plot idn.png
  gendex analyse gap --input kalteng.csv --add kalteng_population.csv --region Kapuas --output gap.xlsx
  gendex analyse elasticities gii --input hdr25.csv --input-format hdr-wide
  gendex analyse significance --earlier ikg_2022.csv --input ikg_2023.csv
  gendex analyse ranks ikg --input ikg_replicates.csv --period 2023
"""
WHATS = ("decompose", "scenario", "trend", "priorities", "edition-diff", "gap", "elasticities", "significance", "ranks")
#: The analyses that name an index.
WITH_INDEX = ("decompose", "trend", "priorities", "edition-diff", "elasticities", "ranks")


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "analyse", help=HELP, description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("what", choices=WHATS, metavar="WHAT", help=", ".join(WHATS))
    parser.add_argument("index", nargs="?", metavar="INDEX", help="The index (" + ", ".join(WITH_INDEX) + ")")
    add_input_options(parser)
    add_edition_options(parser, "ikg_parliament_floor=1")
    parser.add_argument("--edits", metavar="FILE", help="scenario: CSV of edits (region,period,sex,indicator,op,value)")
    parser.add_argument(
        "--parity", type=float, default=None, help="trend: the value of equality (default: the index's own)"
    )
    parser.add_argument(
        "--output", "-o", metavar="FILE", help="Write the whole table as CSV (full precision; '-': standard output)"
    )
    parser.add_argument("--earlier", metavar="FILE", help="significance: the earlier period's tidy CSV (with se)")
    parser.add_argument("--level", type=float, default=0.95, help="significance: the test's level (default 0.95)")
    parser.add_argument("--top", type=int, default=12, metavar="N", help="Rows of the printed table (default 12)")
    add_lang_option(parser, what="Region names, labels and headers of the printed table")
    add_header_lang_option(parser)
    add_step_options(parser)
    diff = parser.add_argument_group("edition-diff")
    diff.add_argument("--new", metavar="FILE", help="The newer edition's file (read as --input is)")
    diff.add_argument("--old-edition", metavar="ID", help="The older edition's method, e.g. hdr2023-24")
    diff.add_argument("--new-edition", metavar="ID", help="The newer edition's method, e.g. hdr2025")
    diff.add_argument("--show", metavar="REGION", help="Only this region (code or name)")
    diff.add_argument("--plot", metavar="FILE", help="Draw the diff into FILE (.png, .svg or .pdf)")
    gap = parser.add_argument_group("gap")
    gap.add_argument("--region", metavar="REGION", help="The region of the GAP sheet (code or name)")
    gap.add_argument(
        "--add", action="append", metavar="FILE", help="Another tidy CSV to add, e.g. the population by sex"
    )
    gap.add_argument("--indicators", type=comma_list, metavar="ID,...", help="The indicators of steps 2 and 8")
    gap.add_argument(
        "--indices",
        type=comma_list,
        default=["ipg", "idg", "ikg"],
        metavar="ID,...",
        help="Indices shown (ipg,idg,ikg)",
    )
    gap.add_argument("--target-percent", type=float, default=50.0, help="Share of the gap a target closes (50)")
    gap.add_argument("--target-year", type=int, default=None, help="Year of the targets (default 5 years on)")
    parser.set_defaults(run=run)


def _edits(path: str) -> pd.DataFrame:
    try:
        return pd.read_csv(path, dtype={"region": str, "sex": str, "indicator": str, "op": str}, keep_default_na=True)
    except OSError:
        raise
    except Exception as error:  # a parse error of pandas
        raise CliError(f"{path}: cannot read the edits ({error})") from None


def run(args: argparse.Namespace) -> int:
    check_output(args.output)
    out = messages(args.output)
    if args.what in WITH_INDEX:
        if not args.index:
            raise CliError(f"analyse {args.what}: name the index, e.g. 'gendex analyse {args.what} ipg'")
        if args.index not in gendex.index_names():
            raise CliError(f"unknown index '{args.index}'; known: {', '.join(gendex.index_names())}")
    elif args.what == "scenario" and not args.edits:
        raise CliError("analyse scenario: --edits FILE is required")
    elif args.what == "significance" and not args.earlier:
        raise CliError("analyse significance: --earlier FILE is required")
    if args.what == "ranks":
        return _write(args, out, gendex.rank_probabilities(_replicates(args.input), args.index, args.period), None)
    if args.what == "gap":
        return _gap(args, out)
    data = read_input(args)
    if len(data.dataset) == 0:
        raise CliError(f"{data.path}: no observations")
    if args.what == "decompose":
        edition = edition_with_overrides(args.edition or default_edition(args.index), args.sets)
        table = gendex.decompose(args.index, data.dataset, edition)
    elif args.what == "trend":
        edition = edition_with_overrides(args.edition or default_edition(args.index), args.sets)
        table = gendex.trend(args.index, data.dataset, edition, parity=args.parity)
    elif args.what == "priorities":
        steps = read_steps(args)
        if steps is None:
            raise CliError("analyse priorities: give the steps, --step INDICATOR=OP:VALUE or --steps FILE")
        edition = edition_with_overrides(args.edition or default_edition(args.index), args.sets)
        result = gendex.priorities(args.index, data.dataset, edition, steps=steps)
        table = result.frame
        for n in result.notes.head(args.top).to_dict("records"):
            out.write(f"note: {n['region']} {n['period']}: {n['note']}\n")
    elif args.what == "edition-diff":
        table = _edition_diff(args, data)
    elif args.what == "elasticities":
        edition = edition_with_overrides(args.edition or default_edition(args.index), args.sets)
        table = gendex.elasticities(args.index, data.dataset, edition)
    elif args.what == "significance":
        table = gendex.significant_change(gendex.read_csv(args.earlier), data.dataset, level=args.level)
    else:
        edited = gendex.scenario(data.dataset, _edits(args.edits))
        table = gendex.compare_scenario(data.dataset, edited)
    if len(table) == 0:
        raise CliError(f"analyse {args.what}: nothing could be computed from {data.path}")
    return _write(args, out, table, data.hierarchy)


def _replicates(path: str) -> pd.DataFrame:
    """Replicate values: one row per replicate, one column per region (a 'replicate' column is its label)."""
    try:
        frame = pd.read_csv(path)
    except OSError:
        raise
    except Exception as error:  # a parse error of pandas
        raise CliError(f"{path}: cannot read the replicate values ({error})") from None
    frame = frame.drop(columns=[c for c in ("replicate",) if c in frame])
    if frame.empty:
        raise CliError(f"{path}: no replicate values")
    return frame


def _write(args: argparse.Namespace, out: Any, table: pd.DataFrame, hierarchy: Optional[gendex.RegionHierarchy]) -> int:
    """--output (column ids, or for people with --header-lang), then the first --top rows for people in --lang."""
    if args.output:
        written = table if args.header_lang is None else people_frame(table, args.header_lang, hierarchy)
        write_output(args.output, frame_csv(written))
    shown = table.head(args.top).drop(columns=[c for c in ("intercept", "log_intercept") if c in table])
    shown = people_frame(shown, args.lang, hierarchy)
    out.write(shown.to_string(index=False, float_format=lambda v: f"{v:.6g}") + "\n")
    if len(table) > args.top:
        out.write(f"... {len(table) - args.top} more rows\n")
    if args.output:
        out.write(f"wrote {len(table)} rows to {args.output}\n")
    return 0


def _edition_diff(args: argparse.Namespace, data: Input) -> pd.DataFrame:
    """``analyse edition-diff``: --input (older) against --new, each under its edition; --plot draws it."""
    if not args.new or not args.old_edition or not args.new_edition:
        raise CliError("analyse edition-diff: --new FILE, --old-edition ID and --new-edition ID are required")
    newer = read_input(argparse.Namespace(**{**vars(args), "input": args.new}))
    old, new = data.dataset, newer.dataset
    region = None
    if args.show:
        region = data.resolve(args.show, "--show")
        old, new = old.filter(regions=region), new.filter(regions=region)
    table = gendex.edition_diff(args.index, (old, args.old_edition), (new, args.new_edition))
    if args.plot and len(table):
        import matplotlib

        matplotlib.use("Agg")
        from gendex.plot import plot_edition_diff

        fig = plot_edition_diff(table, region)
        fig.savefig(args.plot, bbox_inches="tight")
    return table


def _gap(args: argparse.Namespace, out: Any) -> int:
    """``analyse gap``: the GAP sheet of --region as xlsx."""
    if not args.region:
        raise CliError("analyse gap: --region REGION is required")
    if not args.output or args.output == "-" or not args.output.lower().endswith(".xlsx"):
        raise CliError("analyse gap: --output FILE.xlsx is required (the sheet is a workbook)")
    data = read_input(args)
    dataset = data.dataset
    for path in args.add or []:
        dataset = dataset.concat(gendex.read_csv(path, encoding=args.encoding))
    region = data.resolve(args.region, "--region")
    sheet = gendex.gap_sheet(
        dataset,
        region,
        args.indicators,
        indices=tuple(args.indices),
        target_percent=args.target_percent,
        target_year=args.target_year,
        regions=data.hierarchy,
    )
    sheet.to_excel(args.output)
    for text in sheet.frame["step8"]:
        out.write(text + "\n")
    for note in sheet.notes:
        out.write(f"not shown: {note}\n")
    out.write(f"wrote the GAP sheet of {sheet.name} ({len(sheet.frame)} indicators) to {args.output}\n")
    return 0
