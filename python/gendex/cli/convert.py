"""``gendex convert``: any input gendex reads, written as the tidy CSV of the data contract."""

from __future__ import annotations

import argparse
from typing import Any

from .common import (
    CliError,
    add_header_lang_option,
    add_input_options,
    check_output,
    messages,
    read_input,
    write_dataset,
)

HELP = "Convert an input file to the tidy CSV of the data contract"
DESCRIPTION = """\
Convert an input (UNDP's HDR file, a BPS IPG/IDG table, office tables) to the tidy CSV
gendex reads back: one row per region, year, sex and indicator
(region,period,sex,indicator,value,...). '--output -' writes it to standard output.
"""


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "convert", help=HELP, description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    add_input_options(parser)
    parser.add_argument(
        "--output", "-o", required=True, metavar="FILE", help="Tidy CSV to write ('-': standard output)"
    )
    add_header_lang_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    check_output(args.output)
    out = messages(args.output)
    data = read_input(args)
    if len(data.dataset) == 0:
        raise CliError(f"{data.path}: no observations to convert")
    write_dataset(data.dataset, args.output, args.header_lang, data.hierarchy)
    out.write(f"wrote {len(data.dataset)} observations to {args.output}\n")
    return 0
