"""``gendex analyse WHAT``: planning analyses over gendex.decompose, scenario, compare_scenario and trend.

``decompose INDEX`` the exact additive parts of an index; ``scenario --edits FILE`` every index on
the edited data against the baseline; ``trend INDEX`` the linear and log-linear trend per region and
the projected year of parity.
"""

from __future__ import annotations

import argparse
from typing import Any

import pandas as pd

import gendex

from .common import (
    CliError,
    add_edition_options,
    add_input_options,
    check_output,
    default_edition,
    edition_with_overrides,
    frame_csv,
    messages,
    read_input,
    write_output,
)

HELP = "Planning analyses: decompose an index, what-if scenarios, trends and the year of parity"
DESCRIPTION = """\
Planning analyses (python: gendex.decompose, gendex.scenario, gendex.trend):
  decompose INDEX   exact additive parts per region and year (gdi, ipg: log ratio of women's and
                    men's dimension indices; gii, ikg: Shapley values of the indicators; gem, idg:
                    components)
  scenario          apply what-if edits (a CSV with region,period,sex,indicator,op,value; op one
                    of set, add, scale, close_gap) and compare every index with the baseline
  trend INDEX       linear and log-linear trend per region and the projected year of parity

Examples:
  gendex analyse decompose ikg --input kalteng.csv --output parts.csv
  gendex analyse scenario --input kalteng.csv --edits edits.csv --output compare.csv
  gendex analyse trend ipg --input kalteng.csv
"""
WHATS = ("decompose", "scenario", "trend")


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "analyse", help=HELP, description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("what", choices=WHATS, metavar="WHAT", help="decompose, scenario or trend")
    parser.add_argument("index", nargs="?", metavar="INDEX", help="The index (decompose, trend)")
    add_input_options(parser)
    add_edition_options(parser, "ikg_parliament_floor=1")
    parser.add_argument("--edits", metavar="FILE", help="scenario: CSV of edits (region,period,sex,indicator,op,value)")
    parser.add_argument(
        "--parity", type=float, default=None, help="trend: the value of equality (default: the index's own)"
    )
    parser.add_argument(
        "--output", "-o", metavar="FILE", help="Write the whole table as CSV (full precision; '-': standard output)"
    )
    parser.add_argument("--top", type=int, default=12, metavar="N", help="Rows of the printed table (default 12)")
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
    if args.what in ("decompose", "trend"):
        if not args.index:
            raise CliError(f"analyse {args.what}: name the index, e.g. 'gendex analyse {args.what} ipg'")
        if args.index not in gendex.index_names():
            raise CliError(f"unknown index '{args.index}'; known: {', '.join(gendex.index_names())}")
    elif not args.edits:
        raise CliError("analyse scenario: --edits FILE is required")
    data = read_input(args)
    if len(data.dataset) == 0:
        raise CliError(f"{data.path}: no observations")
    if args.what == "decompose":
        edition = edition_with_overrides(args.edition or default_edition(args.index), args.sets)
        table = gendex.decompose(args.index, data.dataset, edition)
    elif args.what == "trend":
        edition = edition_with_overrides(args.edition or default_edition(args.index), args.sets)
        table = gendex.trend(args.index, data.dataset, edition, parity=args.parity)
    else:
        edited = gendex.scenario(data.dataset, _edits(args.edits))
        table = gendex.compare_scenario(data.dataset, edited)
    if len(table) == 0:
        raise CliError(f"analyse {args.what}: nothing could be computed from {data.path}")
    if args.output:
        write_output(args.output, frame_csv(table))
    shown = table.head(args.top).drop(columns=[c for c in ("intercept", "log_intercept") if c in table])
    out.write(shown.to_string(index=False, float_format=lambda v: f"{v:.6g}") + "\n")
    if len(table) > args.top:
        out.write(f"... {len(table) - args.top} more rows\n")
    if args.output:
        out.write(f"wrote {len(table)} rows to {args.output}\n")
    return 0
