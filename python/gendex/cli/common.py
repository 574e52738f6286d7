"""What every ``gendex`` command shares: input options, region names, outputs, printed tables, words.

Exit codes of the command line: 0 success, 2 bad input (a message on stderr
naming the file, line, column or cell and the reason), 1 anything else.
Nothing is written when a command fails.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Optional, TextIO, Union

import pandas as pd

import gendex
from gendex import Dataset, RegionHierarchy, _core
from gendex import indices as _indices
from gendex._common import LANGUAGES, write_files
from gendex._regions import bundled_regions_for
from gendex.frames import CONTRACT_COLUMNS
from gendex.indices import DEFAULT_EDITION

#: Languages of printed labels and of ``--header-lang``.
#: Input formats of ``--input-format``.
INPUT_FORMATS = ("tidy", "hdr-wide", "bps-table", "sdmx-csv", "table")


class CliError(Exception):
    """Bad input found by the command line itself (exit code 2, the message on stderr)."""


class UsageError(Exception):
    """A command line argparse cannot parse (exit code 2)."""

    def __init__(self, parser: argparse.ArgumentParser, message: str) -> None:
        super().__init__(message)
        self.parser = parser
        self.message = message


class Parser(argparse.ArgumentParser):
    """An ArgumentParser that raises :class:`UsageError` instead of exiting, so ``main`` returns 2."""

    def error(self, message: str) -> Any:  # argparse declares NoReturn; raising keeps that promise
        raise UsageError(self, message)


def comma_list(text: str) -> list[str]:
    """``"a, b,,c"`` -> ``["a", "b", "c"]`` (for ``--show``, ``--expected``, ``--indicators``, ``--index``)."""
    return [part.strip() for part in text.split(",") if part.strip()]


def count_type(text: str) -> int:
    """A whole number of rows, 1 or more (``--top``)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value}: must be 1 or more")
    return value


def period_type(text: str) -> int:
    """A year for ``--period``."""
    try:
        year = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a year, e.g. 2023") from None
    return year


# ------------------------------------------------------------------ defaults

# Every fact about an index comes from the core's index table (gendex._core.index_info).


def default_edition(index: str) -> str:
    """The edition an index uses when ``--edition`` is not given: BPS indices "bps", UNDP ones the newest HDR."""
    return _indices.default_edition(index)


def parity_indices() -> list[str]:
    """The indices whose components ``gendex priorities`` can set at parity (gdi, gii, ipg, ikg)."""
    return [name for name in _core.index_names() if _indices.index_facts(name).has_parity]


def display_order(index: str) -> str:
    """How a printed table sorts the index, best first: "highest_first", "lowest_first" or "nearest_one_first"."""
    return _indices.index_facts(index).display_order


def edition_with_overrides(edition_id: str, sets: Sequence[str]) -> gendex.Edition:
    """The edition of ``--edition`` with the ``--set NAME=VALUE`` overrides (id "<edition>+custom")."""
    base = gendex.edition(edition_id)
    if not sets:
        return base
    overrides: dict[str, float] = {}
    for text in sets:
        name, eq, number = text.partition("=")
        if not eq or not name:
            raise CliError(f"--set '{text}': expected NAME=VALUE, e.g. gii_parliament_floor=0.1")
        try:
            overrides[name.strip()] = float(number)
        except ValueError:
            raise CliError(f"--set '{text}': '{number}' is not a number") from None
    return gendex.custom_edition(base, overrides)


def add_edition_options(parser: argparse.ArgumentParser, example: str) -> None:
    """``--edition`` and ``--set``."""
    ids = ", ".join(_core.edition_ids())
    parser.add_argument(
        "--edition",
        "-e",
        metavar="ID",
        help=f"Methodology edition: {ids} (default: bps for ipm, ipg, idg and ikg, wef2023 for gggi, "
        f"paths-to-equal-2023 for wei and ggpi, {DEFAULT_EDITION} for the UNDP indices; 'gendex editions "
        "--show ID' lists its constants)",
    )
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        dest="sets",
        help=f"Change one constant of the edition for this run (repeatable), e.g. {example}",
    )


def add_lang_option(
    parser: argparse.ArgumentParser, default: str = "en", what: str = "Labels of the printed tables"
) -> None:
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=default,
        help=f"{what}: en (English) or id (Bahasa Indonesia); default {default}",
    )


def add_header_lang_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--header-lang",
        choices=LANGUAGES,
        default=None,
        metavar="{en,id}",
        help="Write --output for people: column headers in English (en) or Indonesian (id), with "
        "region names and indicator and sex labels. Without it --output keeps the column ids "
        "other programs read",
    )


def indicator_info(indicator: str) -> Optional[tuple[str, str]]:
    """(unit, sex scope) of a standard indicator, None when it is not one.

    Read from the core's tuple by position (id, description, unit, min, max, scope, additive, ...): builds add
    fields at the end, which the facade's ``IndicatorInfo`` of an older checkout cannot take.
    """
    registry = _core.IndicatorRegistry.standard()
    if not registry.contains(indicator):
        return None
    info: Sequence[Any] = registry.info(indicator)
    return str(info[2]), str(info[5])


# ------------------------------------------------------------------- input


def add_input_options(parser: argparse.ArgumentParser, office: bool = True) -> None:
    """``--input`` and the options of how to read it."""
    group = parser.add_argument_group("input")
    group.add_argument(
        "--input",
        "-i",
        required=True,
        metavar="FILE",
        help="The data: a CSV file" + (", an .xlsx workbook or a folder of office tables" if office else ""),
    )
    formats = INPUT_FORMATS if office else INPUT_FORMATS[:4]
    group.add_argument(
        "--input-format",
        choices=formats,
        default=None,
        help="tidy: the gendex CSV (region,period,sex,indicator,value); hdr-wide: UNDP's composite "
        "indices file; bps-table: a BPS IPG/IDG table (needs --regions); sdmx-csv: SDMX-CSV 1.0 or 2.x "
        "(the UN SDG database's exchange format; series codes through --series-mapping)"
        + (
            "; table: office tables as BPS prints them (.xlsx or .csv, Laki-laki/Perempuan/"
            "Jumlah columns). Default: table for a folder or .xlsx, else tidy"
            if office
            else ". Default: tidy"
        ),
    )
    group.add_argument(
        "--encoding",
        default="auto",
        choices=("auto", "utf-8", "cp1252"),
        help="Text encoding of a CSV input (default auto: UTF-8, else cp1252)",
    )
    group.add_argument(
        "--series-mapping",
        metavar="FILE",
        help="sdmx-csv: which SDMX series is which indicator, CSV (series,indicator,sex); default: the SDG "
        "starter shipped with gendex (gendex/data/sdmx_series.csv)",
    )
    group.add_argument(
        "--regions",
        metavar="FILE",
        help="Region list CSV (code,name,parent,level), e.g. data/bps/regions.csv: names in the "
        "printed tables, --show and --subtree by name",
    )
    group.add_argument(
        "--region-aliases",
        metavar="FILE",
        help="Other spellings of region names, CSV (alias,code), e.g. data/bps/region_aliases.csv",
    )
    group.add_argument(
        "--subtree",
        metavar="REGION",
        help="Keep only this region (code or name) and the regions below it (needs --regions)",
    )
    if office:
        group.add_argument(
            "--mapping",
            metavar="FILE",
            help="Office tables: which table title is which indicator, CSV (name,indicator,unit,kind);"
            " default: the list shipped with gendex",
        )
        group.add_argument(
            "--areas",
            metavar="FILE",
            help="Office tables: the areas rows name, CSV (code,name,parent,level), e.g. the "
            "kecamatan of your kabupaten",
        )
        group.add_argument(
            "--period",
            type=period_type,
            metavar="YEAR",
            help="Office tables: the year of the data when the titles do not say it",
        )


@dataclass
class Input:
    """A read input: the observations, the regions' names (when known) and where they came from."""

    path: str
    format: str
    dataset: Dataset
    hierarchy: Optional[RegionHierarchy]

    def name(self, code: str) -> str:
        """The region's name, "" when unknown."""
        return region_name(self.hierarchy, code)

    def resolve(self, text: str, option: str) -> str:
        """The region code of a code or name (any case); CliError naming the option when unknown."""
        return resolve_region(text, self.hierarchy, self.dataset.regions, option)


def region_name(hierarchy: Optional[RegionHierarchy], code: str) -> str:
    if hierarchy is None or code not in hierarchy:
        return ""
    return hierarchy.by_code(code).display_name


def resolve_region(text: str, hierarchy: Optional[RegionHierarchy], codes: Iterable[str], option: str) -> str:
    """A code or a name, compared ignoring case, to a region code."""
    wanted = text.strip()
    known = list(codes) + ([r.code for r in hierarchy.regions] if hierarchy is not None else [])
    for code in known:
        if code.casefold() == wanted.casefold():
            return code
    if hierarchy is not None:
        try:
            return hierarchy.by_name(wanted).code
        except gendex.UnknownKeyError as error:
            from gendex.office.areas import AreaIndex  # names with or without "Kab."/"Kota", as offices write them

            index = AreaIndex.build(hierarchy)
            candidates = index.candidates(wanted)
            if len(candidates) == 1:
                return candidates[0]
            if candidates:
                names = ", ".join(f"{index.name(c)} ({c})" for c in candidates)
                raise CliError(f"{option} '{text}': several regions have this name: {names}; give the code") from None
            raise CliError(f"{option} '{text}': {error}") from None
    raise CliError(f"{option} '{text}': no region with this code in the input (pass --regions FILE to use names)")


def input_format(args: argparse.Namespace) -> str:
    if args.input_format:
        return str(args.input_format)
    path = str(args.input)
    if hasattr(args, "areas") and (os.path.isdir(path) or path.lower().endswith(".xlsx")):
        return "table"
    return "tidy"


def read_hierarchy(args: argparse.Namespace) -> Optional[RegionHierarchy]:
    if args.region_aliases and not args.regions:
        raise CliError("--region-aliases needs --regions")
    if not args.regions:
        return None
    return gendex.read_regions(args.regions, args.region_aliases or None, args.encoding)


def read_input(args: argparse.Namespace) -> Input:
    """Read ``--input`` as ``--input-format`` says, with the hierarchy of ``--regions`` (or the HDR file's names)."""
    path, fmt = str(args.input), input_format(args)
    hierarchy = read_hierarchy(args)
    if fmt != "table" and os.path.isdir(path):
        raise CliError(f"{path}: is a folder; a folder of office tables needs --input-format table")
    if fmt == "hdr-wide":
        dataset = gendex.read_hdr(path, encoding=args.encoding)
        if hierarchy is None:
            hierarchy = gendex.read_hdr_regions(path, args.encoding)
    elif fmt == "bps-table":
        if hierarchy is None:
            raise CliError("--input-format bps-table needs --regions (and usually --region-aliases)")
        core, repeats = _core.read_bps_table(path, hierarchy._core)
        dataset = Dataset._wrap(core)
        if repeats:
            print(
                f"gendex: {path}: {len(repeats)} rows repeat an earlier region-year with identical values; each is "
                "kept once",
                file=sys.stderr,
            )
    elif fmt == "sdmx-csv":
        dataset = gendex.read_sdmx_csv(path, args.series_mapping, encoding=args.encoding)
    elif fmt == "table":
        dataset = office_dataset(args, hierarchy)
    else:
        dataset = gendex.read_csv(path, encoding=args.encoding)
        if hierarchy is None:
            hierarchy = bundled_regions_for(dataset.regions)
    if args.subtree:
        if hierarchy is None:
            raise CliError("--subtree needs --regions")
        top = resolve_region(args.subtree, hierarchy, [], "--subtree")
        dataset = dataset.filter(regions=subtree(hierarchy, top))
    return Input(path, fmt, dataset, hierarchy)


def subtree(hierarchy: RegionHierarchy, code: str) -> list[str]:
    """``code`` and every region below it."""
    out, todo = [], [code]
    while todo:
        current = todo.pop()
        out.append(current)
        todo += hierarchy.children(current)
    return out


def office_areas(args: argparse.Namespace, hierarchy: Optional[RegionHierarchy]) -> Optional[list[Any]]:
    """``areas=`` of the office readers: the ``--regions`` hierarchy and the ``--areas`` file."""
    parts: list[Any] = [p for p in (hierarchy, getattr(args, "areas", None)) if p is not None]
    return parts or None


def office_dataset(args: argparse.Namespace, hierarchy: Optional[RegionHierarchy]) -> Dataset:
    """The area rows of every office table of a file or folder as a Dataset.

    Tables of an indicator gendex does not know, category rows (jenjang, golongan) and empty cells are left out,
    each said on stderr; a table without a year needs ``--period``.
    """
    from gendex.office.audit import office_files

    path = str(args.input)
    if not os.path.exists(path):
        raise CliError(f"{path}: no such file or folder")
    files = office_files(path)
    if not files:
        raise CliError(f"{path}: no .xlsx or .csv file in this folder")
    parts, left_out = [], []
    for file in files:
        for table in gendex.read_tables(
            file, mapping=getattr(args, "mapping", None), period=args.period, areas=office_areas(args, hierarchy)
        ):
            where = "!".join(p for p in (table.file, table.sheet) if p)
            if indicator_info(table.indicator) is None:
                left_out.append(f"{where}: '{table.indicator}' is not an indicator gendex computes with; left out")
                continue
            if table.period is None:
                raise CliError(f"{where}: the title gives no year; pass --period YEAR")
            frame = table.frame
            categories = int((frame["category"] != "").sum())
            if categories:
                left_out.append(f"{where}: {categories} cells of category rows (not areas) left out")
            parts.append(frame[(frame["category"] == "") & frame["value"].notna()])
    for note in left_out:
        print(f"gendex: {note}", file=sys.stderr)
    if not parts:
        return Dataset()
    frame = pd.concat(parts, ignore_index=True)
    keys = ["region", "period", "sex", "indicator", "age_group"]
    repeated = frame[frame.duplicated(keys, keep=False)]
    if len(repeated):
        first = repeated.iloc[0]
        cells = ", ".join(repeated.loc[(repeated[keys] == first[keys]).all(axis=1), "source"])
        raise CliError(
            f"{first['region']} {first['period']} {first['indicator']} ({first['sex']}) is given twice: {cells}"
        )
    frame = frame.assign(period=frame["period"].astype("int64"))
    return Dataset.from_frame(frame[list(CONTRACT_COLUMNS)])


# ------------------------------------------------------------------ output


def messages(*outputs: Optional[str]) -> TextIO:
    """Where messages for people go: stderr when data goes to standard output (``--output -``)."""
    dashes = [o for o in outputs if o == "-"]
    if len(dashes) > 1:
        raise CliError("only one output can be '-' (standard output)")
    return sys.stderr if dashes else sys.stdout


def check_output(path: Optional[str], option: str = "--output") -> None:
    """Refuse a target that cannot be written before anything is computed or written."""
    if path is None or path == "-":
        return
    if os.path.islink(path) and not os.path.exists(path):
        raise CliError(f"{path}: is a symbolic link to a file that does not exist")
    if os.path.isdir(path):
        raise CliError(f"{path}: is a folder, not a file ({option})")
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise CliError(f"{path}: cannot open file for writing (No such file or directory)")


def write_output(path: str, data: Union[str, bytes]) -> None:
    """Write ``data`` to ``path`` with the core's io::write_file: "-" is standard output; a regular file is
    replaced atomically and keeps its permissions; a link's target is written; a device or FIFO is written in
    place, never replaced."""
    write_outputs([(path, data)])


def write_outputs(outputs: Sequence[tuple[str, Union[str, bytes]]]) -> None:
    """Write every output of a command, all or none (the core's io::write_files): an output that cannot be
    written leaves the others as they were."""
    for path, _ in outputs:
        check_output(path)
    sys.stdout.flush()  # what was printed before comes first on a shared standard output
    write_files(outputs)


def dataset_csv(
    dataset: Dataset, header_lang: Optional[str] = None, hierarchy: Optional[RegionHierarchy] = None
) -> str:
    """The tidy CSV of the data contract (full precision), or with ``header_lang`` a table for people."""
    if header_lang is not None:
        return frame_csv(people_frame(dataset.to_frame(), header_lang, hierarchy))
    return dataset.to_csv_text()


def write_dataset(
    dataset: Dataset, path: str, header_lang: Optional[str] = None, hierarchy: Optional[RegionHierarchy] = None
) -> None:
    """Write :func:`dataset_csv` to ``path``."""
    write_output(path, dataset_csv(dataset, header_lang, hierarchy))


def frame_csv(frame: pd.DataFrame) -> str:
    """CSV text of a frame, numbers at full precision (``%.17g``)."""
    text: str = frame.to_csv(index=False, lineterminator="\n", float_format="%.17g")
    return text


#: Column headers of ``--header-lang`` outputs.
HEADERS = {
    "en": {
        "region": "Region code",
        "region_name": "Region",
        "period": "Year",
        "sex": "Sex code",
        "sex_label": "Sex",
        "indicator": "Indicator code",
        "indicator_label": "Indicator",
        "value": "Value",
        "age_group": "Age group",
        "se": "Standard error",
        "unit": "Unit",
        "source": "Source",
        "index": "Index",
        "component": "Component code",
        "component_label": "Component",
        "at_parity": "Value at parity",
        "gain": "Gain",
        "rank": "Rank",
        "coverage": "Coverage",
        "has_female": "Women reported",
        "has_male": "Men reported",
        "has_total": "Total reported",
        "sum_check": "Sum check",
        "sum_gap": "Sum gap",
        "kind": "Kind",
        "problem": "Problem",
        "message": "Message",
        "file": "File",
        "sheet": "Sheet",
        "status": "Status",
        "cell": "Cell",
        "detail": "Detail",
        # The tables of gendex analyse (_planning.py and _sampling_error.py name their columns).
        "form": "Form",
        "contribution": "Contribution",
        "total": "Total",
        "op": "Operation",
        "baseline": "Baseline",
        "scenario": "Scenario",
        "change": "Change",
        "old_value": "Older edition",
        "new_value": "Newer edition",
        "difference": "Difference",
        "revision": "Data revision",
        "method": "Method change",
        "gradient": "Gradient",
        "elasticity": "Elasticity",
        "side": "Side",
        "periods": "Years",
        "first_period": "First year",
        "last_period": "Last year",
        "last_value": "Last value",
        "slope": "Slope",
        "log_slope": "Log slope",
        "intercept": "Intercept",
        "log_intercept": "Log intercept",
        "parity": "Value at equality",
        "parity_year": "Year of equality",
        "parity_year_log": "Year of equality (log)",
        "parity_note": "Note on equality",
        "earlier": "Earlier",
        "later": "Later",
        "statistic": "Test statistic",
        "p_value": "p-value",
        "level": "Confidence level",
        "critical": "Critical value",
        "significant": "Significant",
        "probability": "Probability",
        "estimate_rank": "Rank of the estimate",
    },
    "id": {
        "region": "Kode wilayah",
        "region_name": "Wilayah",
        "period": "Tahun",
        "sex": "Kode jenis kelamin",
        "sex_label": "Jenis kelamin",
        "indicator": "Kode indikator",
        "indicator_label": "Indikator",
        "value": "Nilai",
        "age_group": "Kelompok umur",
        "se": "Galat baku",
        "unit": "Satuan",
        "source": "Sumber",
        "index": "Indeks",
        "component": "Kode komponen",
        "component_label": "Komponen",
        "at_parity": "Nilai bila setara",
        "gain": "Perbaikan",
        "rank": "Peringkat",
        "coverage": "Keterpilahan",
        "has_female": "Ada perempuan",
        "has_male": "Ada laki-laki",
        "has_total": "Ada jumlah",
        "sum_check": "Cek jumlah",
        "sum_gap": "Selisih jumlah",
        "kind": "Jenis",
        "problem": "Masalah",
        "message": "Pesan",
        "file": "Berkas",
        "sheet": "Lembar",
        "status": "Status",
        "cell": "Sel",
        "detail": "Rincian",
        "form": "Bentuk",
        "contribution": "Kontribusi",
        "total": "Total",
        "op": "Operasi",
        "baseline": "Nilai dasar",
        "scenario": "Skenario",
        "change": "Perubahan",
        "old_value": "Edisi lama",
        "new_value": "Edisi baru",
        "difference": "Selisih",
        "revision": "Revisi data",
        "method": "Perubahan metode",
        "gradient": "Gradien",
        "elasticity": "Elastisitas",
        "side": "Sisi",
        "periods": "Jumlah tahun",
        "first_period": "Tahun pertama",
        "last_period": "Tahun terakhir",
        "last_value": "Nilai terakhir",
        "slope": "Kemiringan",
        "log_slope": "Kemiringan log",
        "intercept": "Intersep",
        "log_intercept": "Intersep log",
        "parity": "Nilai setara",
        "parity_year": "Tahun setara",
        "parity_year_log": "Tahun setara (log)",
        "parity_note": "Catatan kesetaraan",
        "earlier": "Sebelumnya",
        "later": "Sesudahnya",
        "statistic": "Statistik uji",
        "p_value": "Nilai p",
        "level": "Tingkat kepercayaan",
        "critical": "Nilai kritis",
        "significant": "Signifikan",
        "probability": "Peluang",
        "estimate_rank": "Peringkat estimasi",
    },
}


def people_frame(frame: pd.DataFrame, lang: str, hierarchy: Optional[RegionHierarchy] = None) -> pd.DataFrame:
    """A frame for people: region names, indicator, sex and component labels in ``lang``, headers in ``lang``."""
    out = frame.copy()
    if "region" in out.columns and hierarchy is not None:
        out.insert(
            list(out.columns).index("region") + 1,
            "region_name",
            [region_name(hierarchy, str(code)) for code in out["region"]],
        )
    for column, label in (
        ("indicator", _core.indicator_label),
        ("sex", _core.sex_label),
        ("component", _core.component_label),
    ):
        if column in out.columns:
            labels = {value: _label(label, str(value), lang) for value in out[column].unique()}
            out.insert(list(out.columns).index(column) + 1, f"{column}_label", out[column].map(labels))
    return out.rename(columns=HEADERS[lang])


def _label(label: Callable[[str, str], str], key: str, lang: str) -> str:
    """A label, or "" for an empty key or one gendex has no label for (an office table's own indicator)."""
    if not key:
        return ""
    try:
        return label(key, lang)
    except gendex.GendexError:
        return ""


# ------------------------------------------------------------------ tables


def number(value: float, digits: int) -> str:
    """Fixed-point text with ``digits`` decimals ("%.17g" for 17 and more); "" for NaN."""
    if math.isnan(value):
        return ""
    if digits >= 17:
        return f"{value:.17g}"
    return f"{value:.{digits}f}"


def rounded(value: float, digits: int) -> str:
    """``value`` rounded half up (as UNDP and BPS print) to ``digits`` decimals; "" for NaN."""
    if math.isnan(value):
        return ""
    return number(float(gendex.round_half_up(value, digits)), digits)


class Table:
    """A plain-text table: columns padded to their widest cell, the first ``left`` columns left-aligned and the
    rest right-aligned, a line of dashes under the header."""

    def __init__(self, header: Sequence[str], left: int = 1) -> None:
        self.rows: list[list[str]] = [list(header)]
        self.left = left

    def add(self, row: Sequence[Any]) -> None:
        self.rows.append([str(cell) for cell in row])

    def __len__(self) -> int:
        return len(self.rows) - 1

    def drop_empty_columns(self, columns: Iterable[int]) -> Table:
        """This table without those of ``columns`` whose cells are all empty (e.g. names when none is known)."""
        empty = {j for j in columns if all(not row[j] for row in self.rows[1:])}
        out = Table([], self.left - len({j for j in empty if j < self.left}))
        out.rows = [[cell for j, cell in enumerate(row) if j not in empty] for row in self.rows]
        return out

    def __str__(self) -> str:
        width = [max(len(row[j]) if j < len(row) else 0 for row in self.rows) for j in range(len(self.rows[0]))]
        lines = []
        for i, row in enumerate(self.rows):
            cells = [row[j] if j < len(row) else "" for j in range(len(width))]
            lines.append(
                "  ".join(
                    cell.ljust(width[j]) if j < self.left else cell.rjust(width[j]) for j, cell in enumerate(cells)
                ).rstrip()
            )
            if i == 0:
                lines.append("-" * (sum(width) + 2 * (len(width) - 1)))
        return "\n".join(lines) + "\n"


def with_names(header: Sequence[str], lang: str) -> list[str]:
    """A header with a region-name column after the code column."""
    return [header[0], WORDS[lang]["name"], *header[1:]]


#: Words of the printed tables.
WORDS = {
    "en": {
        "region": "region",
        "name": "name",
        "period": "period",
        "reason": "reason",
        "note": "note",
        "indicator": "indicator",
        "age group": "age group",
        "coverage": "coverage",
        "published": "published",
        "recomputed": "recomputed",
        "diff": "diff",
    },
    "id": {
        "region": "kode",
        "name": "wilayah",
        "period": "tahun",
        "reason": "alasan",
        "note": "catatan",
        "indicator": "indikator",
        "age group": "kelompok umur",
        "coverage": "keterpilahan",
        "published": "resmi",
        "recomputed": "hitung ulang",
        "diff": "selisih",
    },
}
