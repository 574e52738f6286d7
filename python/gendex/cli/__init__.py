"""The ``gendex`` command: sex-disaggregated data and gender indices from the command line.

``pip install .`` installs it (``[project.scripts] gendex = "gendex.cli:main"``);
``python -m gendex.cli`` runs the same. Every command works over the Python API
notebooks use (:mod:`gendex`, :mod:`gendex.office`)::

    gendex audit      --input FILE|FOLDER [--expected ID,...] [--output FILE]
    gendex convert    --input FILE --output tidy.csv
    gendex compute    INDEX --input FILE [--edition ID] [--show REGION,...] [--output FILE]
    gendex priorities INDEX --input FILE [--show REGION,...] [--output FILE]
    gendex analyse    decompose|trend INDEX --input FILE [--output FILE]
    gendex analyse    scenario --input FILE --edits FILE [--output FILE]
    gendex editions   [--show ID]
    gendex template   --indicators ID,... --areas FILE --output form.xlsx
    gendex report     --input FILE --focus REGION --output FOLDER

Exit codes: 0 success, 2 bad input (``gendex: <message>`` on stderr, naming
the file, line, column or cell and the reason), 1 anything else. Nothing is
written when a command fails.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Optional

from gendex import GendexError

from . import analyse, audit, compute, convert, editions, priorities, report, template
from .common import CliError, Parser, UsageError

__all__ = ["COMMANDS", "build_parser", "main"]

#: The commands, in the order ``gendex --help`` lists them.
COMMANDS = ("audit", "convert", "compute", "priorities", "analyse", "editions", "template", "report")

DESCRIPTION = """\
gendex: sex-disaggregated data (data terpilah) and gender development and empowerment
indices (UNDP HDI, GDI, GII, IHDI, GEM; BPS IPM, IPG, IDG, IKG; WEF GGGI; UNDP/UN Women WEI, GGPI).

Run 'gendex COMMAND --help' for the options of a command.
"""
EPILOG = """\
exit codes: 0 done, 2 bad input (the message names the file, line, column or cell),
1 anything else. Nothing is written when a command fails.
"""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every command."""
    parser = Parser(
        prog="gendex", description=DESCRIPTION, epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", dest="command", required=True)
    for module in (audit, convert, compute, priorities, analyse, editions, template, report):
        module.add_parser(commands)
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the ``gendex`` command with ``argv`` (default ``sys.argv[1:]``).

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments after the program name.

    Returns
    -------
    int
        The exit code: 0 success, 2 bad input (message on stderr), 1 unexpected error.
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except UsageError as error:
        error.parser.print_usage(sys.stderr)
        print(f"gendex: {error.message}", file=sys.stderr)
        return 2
    except SystemExit as done:  # --help
        return done.code if isinstance(done.code, int) else 0
    try:
        code: int = args.run(args)
        return code
    except (GendexError, CliError) as error:
        print(f"gendex: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        print(f"gendex: {where}{error.strerror or error}", file=sys.stderr)
        return 2
    except Exception as error:
        print(f"gendex: internal error: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    finally:
        sys.stdout.flush()
