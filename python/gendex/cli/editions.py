"""``gendex editions``: the methodology editions, and every constant of one with its value and source."""

from __future__ import annotations

import argparse
import sys
from typing import Any

import gendex

from .common import Table

HELP = "List the methodology editions, or one edition's constants"
DESCRIPTION = """\
List the methodology editions (which report's goalposts and rules an index uses), or,
with --show ID, every constant of one edition: its value, what it means and where the
value comes from.
"""


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "editions", help=HELP, description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--show", metavar="ID", help="List every constant of this edition with its value, meaning and source"
    )
    parser.set_defaults(run=run)


def _value(kind: str, value: float) -> str:
    if kind != "real":
        return f"{value:.0f}"
    text = repr(float(value))  # the shortest text that reads back to the same number, as C++ to_chars
    return text[:-2] if text.endswith(".0") else text


def run(args: argparse.Namespace) -> int:
    out = sys.stdout
    if not args.show:
        table = Table(["edition", "title"])
        for id in gendex.editions():
            table.add([id, gendex.edition(id).title])
        out.write(f"{table}(gendex editions --show ID lists every constant with its source)\n")
        return 0
    edition = gendex.edition(args.show)
    out.write(f"{edition.id}: {edition.title}\n\n")
    for name, kind, value, source, unit, meaning in edition._core.constants():
        out.write(f"{name} = {_value(kind, value)}{' ' + unit if unit else ''}\n    {meaning}\n    source: {source}\n")
    return 0
