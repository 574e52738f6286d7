"""``gendex template``: the empty data-terpilah form (.xlsx) an office fills."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from typing import Any

import pandas as pd

import gendex

from .common import CliError, check_output, comma_list, period_type, write_output

HELP = "Write the empty data-terpilah form (.xlsx) an office fills in"
DESCRIPTION = """\
Write the Excel form an office (OPD) fills in: a sheet of instructions, then one sheet
per indicator with a row per area and columns Laki-laki, Perempuan and Jumlah (the formula
L + P for counts; for a rate or mean, such as labour_force_participation, the office enters
the published total). 'gendex audit --input FOLDER' reads the filled forms back.

Example:
  gendex template --indicators population,teachers --areas kecamatan.csv --period 2024 \\
      --output formulir.xlsx
"""


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "template", help=HELP, description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--indicators",
        required=True,
        type=comma_list,
        metavar="ID,...",
        help="Indicators of the form, ids or table titles of the mapping, e.g. population,teachers",
    )
    parser.add_argument(
        "--areas",
        required=True,
        metavar="FILE|NAME,...",
        help="The areas, one row each: a CSV with a 'name' column (code,name,parent,level), a text "
        "file of one name a line, or names separated by commas",
    )
    parser.add_argument("--output", "-o", required=True, metavar="FILE", help="The .xlsx form to write")
    parser.add_argument("--period", type=period_type, metavar="YEAR", help="The year, added to every title")
    parser.add_argument(
        "--lang",
        choices=("id", "en"),
        default="id",
        help="Language of the headers and instructions: id (default) or en",
    )
    parser.add_argument(
        "--mapping",
        metavar="FILE",
        help="Indicator mapping CSV (name,indicator,unit,kind); default: the list shipped with gendex",
    )
    parser.set_defaults(run=run)


def area_names(text: str) -> list[str]:
    """Area names from a region CSV, a text file of names, or a comma-separated list."""
    if os.path.isfile(text):
        if text.lower().endswith(".csv"):
            frame = pd.read_csv(text, dtype=str, keep_default_na=False, encoding="utf-8-sig")
            if "name" not in frame.columns:
                raise CliError(f"{text}: no 'name' column (expected code,name,parent,level)")
            return [n for n in frame["name"] if n]
        with open(text, encoding="utf-8-sig") as stream:
            return [line.strip() for line in stream if line.strip()]
    return comma_list(text)


def run(args: argparse.Namespace) -> int:
    check_output(args.output)
    if args.output == "-":
        raise CliError("--output: an .xlsx form needs a file name")
    areas = area_names(args.areas)
    if not args.indicators or not areas:
        raise CliError("a form needs at least one indicator (--indicators) and one area (--areas)")
    with tempfile.TemporaryDirectory() as folder:
        temporary = os.path.join(folder, "form.xlsx")
        gendex.write_template(
            temporary, args.indicators, areas, period=args.period, lang=args.lang, mapping=args.mapping
        )
        with open(temporary, "rb") as stream:
            write_output(args.output, stream.read())
    sys.stdout.write(f"wrote a form of {len(args.indicators)} indicators and {len(areas)} areas to {args.output}\n")
    return 0
