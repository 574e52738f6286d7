"""``gendex convert``: any input gendex reads, written as the tidy CSV of the data contract or as SDMX-CSV."""

from __future__ import annotations

import argparse
from typing import Any

from gendex._sdmx import format_sdmx_csv

from .common import (
    CliError,
    add_header_lang_option,
    add_input_options,
    check_output,
    messages,
    read_input,
    write_dataset,
    write_output,
)

HELP = "Convert an input file to the tidy CSV of the data contract"
DESCRIPTION = """\
Convert an input (UNDP's HDR file, a BPS IPG/IDG table, office tables) to the tidy CSV
gendex reads back: one row per region, year, sex and indicator
(region,period,sex,indicator,value,...), or with --output-format sdmx-csv SDMX-CSV 1.0
(DATAFLOW,SERIES,REF_AREA,SEX,TIME_PERIOD,OBS_VALUE,...; series codes through --series-mapping).
'--output -' writes it to standard output.
"""


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "convert", help=HELP, description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    add_input_options(parser)
    parser.add_argument(
        "--output", "-o", required=True, metavar="FILE", help="Tidy CSV to write ('-': standard output)"
    )
    parser.add_argument(
        "--output-format",
        choices=("tidy", "sdmx-csv"),
        default="tidy",
        help="tidy: the gendex CSV (default); sdmx-csv: SDMX-CSV 1.0 (needs --dataflow)",
    )
    parser.add_argument(
        "--dataflow",
        metavar="ID",
        help="sdmx-csv output: the DATAFLOW column, agency:id(version), e.g. UNSD:DF_SDG_GLH(1.0)",
    )
    add_header_lang_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    check_output(args.output)
    sdmx = args.output_format == "sdmx-csv"
    if sdmx and not args.dataflow:
        raise CliError("--output-format sdmx-csv needs --dataflow (e.g. UNSD:DF_SDG_GLH(1.0))")
    if sdmx and args.header_lang:
        raise CliError("--header-lang writes a table for people; SDMX-CSV has fixed column names")
    if args.dataflow and not sdmx:
        raise CliError("--dataflow is for --output-format sdmx-csv")
    out = messages(args.output)
    data = read_input(args)
    if len(data.dataset) == 0:
        raise CliError(f"{data.path}: no observations to convert")
    if sdmx:
        write_output(args.output, format_sdmx_csv(data.dataset, args.dataflow, args.series_mapping))
    else:
        write_dataset(data.dataset, args.output, args.header_lang, data.hierarchy)
    out.write(f"wrote {len(data.dataset)} observations to {args.output}\n")
    return 0
