"""``gendex report``: the gender report of a district or province (Excel and HTML), by ``gendex.report``."""

from __future__ import annotations

import argparse
import sys
from typing import Any

import gendex

from .common import CliError, add_input_options, comma_list, read_input

HELP = "Write the gender report (Excel and HTML) of IPG, IDG and IKG for a region"
DESCRIPTION = """\
Write the report a Pokja PUG hands out: the indices (default IPG, IDG and IKG) of every
region, the focus region against the others, in Indonesian or English, as an Excel
workbook and an HTML page in the --output folder.

Example:
  gendex report --input kalteng.csv --regions data/bps/regions.csv --focus Kapuas \\
      --lang id --output laporan/
"""


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "report", help=HELP, description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    add_input_options(parser)
    parser.add_argument(
        "--index",
        type=comma_list,
        default=["ipg", "idg", "ikg"],
        metavar="ID,...",
        help="Indices of the report (default ipg,idg,ikg)",
    )
    parser.add_argument(
        "--edition",
        "-e",
        metavar="ID",
        help="Methodology edition (default: bps for the BPS indices; 'gendex editions' lists them)",
    )
    parser.add_argument(
        "--focus", metavar="REGION", help="The region the report is about: a code or a name, e.g. 6203 or Kapuas"
    )
    parser.add_argument("--lang", choices=("id", "en"), default="id", help="Language of the report: id (default) or en")
    parser.add_argument(
        "--output", "-o", default="report", metavar="FOLDER", help="Folder to write the report into (default: report)"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    data = read_input(args)
    if len(data.dataset) == 0:
        raise CliError(f"{data.path}: no observations to report on")
    focus = data.resolve(args.focus, "--focus") if args.focus else None
    result = gendex.report(
        data.dataset,
        index=tuple(args.index),
        edition=args.edition,
        regions=data.hierarchy,
        focus=focus,
        lang=args.lang,
        output=args.output,
        audit=None,
    )
    sys.stdout.write(f"wrote {result.workbook}\nwrote {result.page}\n")
    return 0
