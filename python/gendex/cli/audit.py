"""``gendex audit``: which indicators are reported for women and men (data terpilah), and what is missing."""

from __future__ import annotations

import argparse
import math
import os
from typing import Any

import pandas as pd

import gendex
from gendex import frames
from gendex.office.audit import audit_frame_in

from .common import (
    CliError,
    Input,
    Table,
    add_input_options,
    add_lang_option,
    check_output,
    comma_list,
    frame_csv,
    indicator_info,
    input_format,
    messages,
    office_areas,
    people_frame,
    read_hierarchy,
    read_input,
    write_output,
)

HELP = "Check which indicators are reported for women and men (data terpilah)"
DESCRIPTION = """\
Check sex disaggregation (data terpilah): for every indicator of the input, how many
region-years give women's and men's values, only a total, one sex, or nothing, and
whether women + men add up to the total.

A CSV file is audited indicator by indicator (all indicators of the file, or those of
--expected). A folder or an .xlsx workbook of office tables (--input-format table) is
audited per file, sheet and indicator, naming the cell of each problem.
"""

#: Rows of the "not disaggregated" table printed (``--output`` writes all).
SHOWN = 40
AUDIT_CSV_COLUMNS = frames.AUDIT_ROW_COLUMNS  # the audit CSV is the audit frame, column for column

_WORDS: dict[str, dict[str, Any]] = {
    "en": {
        "summary": [
            "indicator",
            "units",
            "F and M",
            "complement",
            "total only",
            "one sex",
            "missing",
            "sum off",
            "% disaggregated",
        ],
        "title": "Sex-disaggregation coverage (data terpilah) by indicator",
        "legend": "(complement: one sex of a share of a whole, the other implied as 100 - value; sum off: F + M "
        "differs from the total or from 100)",
        "all": "Every audited indicator is reported for women and men.",
        "gaps": "Not disaggregated by sex ({n} region-period-indicators{more})",
        "more": ", first {shown} shown; --output writes all",
        "skipped": "Not audited (by definition a total or about women only): {ids}",
        "offices": "Per file, sheet and indicator ({n} rows{more})",
    },
    "id": {
        "summary": [
            "indikator",
            "unit",
            "L dan P",
            "komplemen",
            "hanya jumlah",
            "satu jenis kelamin",
            "tidak ada",
            "jumlah beda",
            "% terpilah",
        ],
        "title": "Keterpilahan data menurut jenis kelamin (data terpilah), per indikator",
        "legend": "(komplemen: satu jenis kelamin dari suatu bagian, yang lain 100 - nilai; jumlah beda: L + P "
        "tidak sama dengan jumlah atau 100)",
        "all": "Semua indikator yang diperiksa tersedia untuk perempuan dan laki-laki.",
        "gaps": "Belum terpilah menurut jenis kelamin ({n} wilayah-tahun-indikator{more})",
        "more": ", {shown} pertama; --output menulis semua",
        "skipped": "Tidak diperiksa (menurut definisinya jumlah atau khusus perempuan): {ids}",
        "offices": "Per berkas, lembar dan indikator ({n} baris{more})",
    },
}
_GAP_HEADERS = {
    "en": ["region", "name", "period", "indicator", "age group", "coverage"],
    "id": ["kode", "wilayah", "tahun", "indikator", "kelompok umur", "keterpilahan"],
}
_OFFICE_HEADERS = {
    "en": ["file", "sheet", "indicator", "status", "cell", "detail"],
    "id": ["berkas", "lembar", "indikator", "status", "sel", "rincian"],
}


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "audit", help=HELP, description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    add_input_options(parser)
    parser.add_argument(
        "--expected",
        type=comma_list,
        metavar="ID,ID,...",
        help="Indicators that should be there, e.g. population,parliament_share: one missing for a "
        "region-year is reported. Default: every indicator of the input",
    )
    parser.add_argument(
        "--output",
        "-o",
        metavar="FILE",
        help="Write the full report as CSV (office tables: file,sheet,indicator,status,cell,detail)",
    )
    add_lang_option(parser)
    parser.add_argument(
        "--header-lang",
        choices=("en", "id"),
        default=None,
        help="Column headers of --output in English (en) or Indonesian (id), with labels",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    check_output(args.output)
    out = messages(args.output)
    if input_format(args) == "table":
        return _run_offices(args, out)
    data = read_input(args)
    if len(data.dataset) == 0:
        raise CliError(f"{data.path}: no observations to audit (the file has no data rows)")
    if args.expected is not None:
        expected, skipped = args.expected, []
    else:  # every indicator of the data, but indices and women-only indicators are not "by sex" by definition
        expected = [
            i
            for i in data.dataset.indicators
            if (indicator_info(i) or ("", "any"))[1] not in ("total_only", "female_only")
        ]
        skipped = [i for i in data.dataset.indicators if i not in expected]
        if not expected:
            raise CliError(
                f"{data.path}: only indices and women-only indicators ({', '.join(skipped)}); nothing to "
                "audit by sex (name them with --expected to audit them anyway)"
            )
    report = gendex.audit(data.dataset, expected_indicators=expected, hierarchy=data.hierarchy)
    out.write(_printed(report, data, args.lang, skipped))
    if args.output:
        frame = _audit_frame(report.rows)
        write_output(
            args.output,
            frame_csv(people_frame(frame, args.header_lang, data.hierarchy)) if args.header_lang else _audit_csv(frame),
        )
    return 0


def _printed(report: gendex.AuditReport, data: Input, lang: str, skipped: list[str]) -> str:
    words: dict[str, Any] = _WORDS[lang]
    summary = Table(words["summary"])
    for s in report.by_indicator.to_dict("records"):
        summary.add(
            [
                s["key"],
                s["units"],
                s["disaggregated"],
                s["complement"],
                s["total_only"],
                s["partial"],
                s["missing"],
                s["sum_mismatch"],
                f"{math.floor(float(s['percent_disaggregated']) * 10) / 10:.1f}",
            ]
        )  # 99.98 is not 100.0
    text = f"{words['title']}\n{summary}{words['legend']}\n"
    if skipped:
        text += words["skipped"].format(ids=", ".join(skipped)) + "\n"
    text += "\n"
    rows = report.rows[~report.rows["coverage"].isin(["disaggregated", "complement"])]
    if len(rows) == 0:
        return text + str(words["all"]) + "\n"
    gaps = Table(_GAP_HEADERS[lang], left=2)
    for r in rows.head(SHOWN).to_dict("records"):
        gaps.add([r["region"], data.name(str(r["region"])), r["period"], r["indicator"], r["age_group"], r["coverage"]])
    more = words["more"].format(shown=SHOWN) if len(rows) > SHOWN else ""
    return text + str(words["gaps"]).format(n=len(rows), more=more) + "\n" + str(gaps.drop_empty_columns([1, 4]))


def _audit_frame(rows: pd.DataFrame) -> pd.DataFrame:
    frame = rows[list(AUDIT_CSV_COLUMNS)].copy()
    for column in ("has_female", "has_male", "has_total"):
        frame[column] = frame[column].astype(int)
    return frame


def _audit_csv(frame: pd.DataFrame) -> str:
    """The report as the C++ command wrote it: flags 1/0, sum_gap at full precision, "" when not checked."""
    lines = [",".join(AUDIT_CSV_COLUMNS)]
    for r in frame.to_dict("records"):
        gap = "" if r["sum_check"] == "" or math.isnan(r["sum_gap"]) else f"{r['sum_gap']:.17g}"
        cells = [r[c] for c in AUDIT_CSV_COLUMNS[:-1]] + [gap]
        lines.append(",".join(_csv_field(str(c)) for c in cells))
    return "\n".join(lines) + "\n"


def _csv_field(text: str) -> str:
    if not any(c in text for c in ',"\r\n'):
        return text
    return '"' + text.replace('"', '""') + '"'


def _run_offices(args: argparse.Namespace, out: Any) -> int:
    """The audit of office tables: a folder, a workbook or a CSV table."""
    path = str(args.input)
    if not os.path.exists(path):
        raise CliError(f"{path}: no such file or folder")
    from gendex.office.audit import office_files

    output = os.path.realpath(args.output) if args.output and args.output != "-" else None
    files = [f for f in office_files(path) if os.path.realpath(f) != output]  # not last run's report
    if not files:
        raise CliError(f"{path}: no .xlsx or .csv file in this folder")
    hierarchy = read_hierarchy(args)
    result = gendex.audit_offices(
        files, mapping=args.mapping, areas=office_areas(args, hierarchy), expected=args.expected
    )
    frame = result.frame
    if not result.tables:
        unreadable = frame[frame["status"] == "unreadable"]
        if len(unreadable):
            first = unreadable.iloc[0]
            where = "!".join(p for p in (first["file"], first["sheet"], first["cell"]) if p)
            raise CliError(
                f"{where}: {first['detail']}"
                + (f" (and {len(unreadable) - 1} more files or sheets cannot be read)" if len(unreadable) > 1 else "")
            )
        raise CliError(f"{path}: no table found")
    words = _WORDS[args.lang]
    table = Table(_OFFICE_HEADERS[args.lang], left=6)
    for r in audit_frame_in(frame, args.lang).head(SHOWN).itertuples(index=False):
        table.add(list(r))
    more = words["more"].format(shown=SHOWN) if len(frame) > SHOWN else ""
    out.write(result.summary(args.lang) + "\n\n" + words["offices"].format(n=len(frame), more=more) + "\n" + str(table))
    if args.output:
        rows = audit_frame_in(frame, args.header_lang or "en")
        write_output(args.output, frame_csv(people_frame(rows, args.header_lang) if args.header_lang else rows))
    return 0
