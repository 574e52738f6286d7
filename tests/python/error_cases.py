# ruff: noqa: E501 - the messages are pinned verbatim, however long
"""The registry of the errors a user can get: each case is an input and the exact message it gives.

``tests/python/test_error_cases.py`` runs every case through the public API and checks the message;
``tools/errors_page.py`` writes ``docs/errors.md`` from this list. A case runs in an empty folder
holding ``files``: ``code`` (Python, with ``gendex``, ``micro``, ``pd``, ``np`` and the helpers
below in scope) must raise ``error`` with ``message``; a CLI case runs ``gendex <argv>`` and must
exit with ``exit_code`` and print ``gendex: <message>`` as the last line of stderr.
"""

from __future__ import annotations

import contextlib
import io
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional, Union

#: Groups in the order docs/errors.md lists them, with their headings.
GROUPS = {
    "csv": "CSV readers (gendex.read_csv, read_hdr, read_bps_table, read_regions)",
    "frame": "DataFrames (gendex.Dataset.from_frame)",
    "office": "Office tables (gendex.read_table)",
    "archive": "Archives and pickles (Dataset.from_archive, gendex.load)",
    "compute": "Indices and editions (gendex.compute, gendex.edition)",
    "micro": "Survey microdata (gendex.micro)",
    "cli": "Command line (gendex ...)",
}

HEADER = "region,period,sex,indicator,value\n"


@dataclass(frozen=True)
class ErrorCase:
    group: str
    title: str
    message: str
    code: str = ""
    argv: tuple[str, ...] = ()
    error: str = "InputError"
    exit_code: Optional[int] = None
    files: dict[str, Union[str, bytes]] = field(default_factory=dict)


CASES: list[ErrorCase] = [
    ErrorCase(
        "csv",
        "Empty file",
        "in.csv: file is empty (expected a header row)",
        code='gendex.read_csv("in.csv")',
        files={"in.csv": ""},
    ),
    ErrorCase(
        "csv", "File that does not exist", "nope.csv: cannot open file for reading", code='gendex.read_csv("nope.csv")'
    ),
    ErrorCase(
        "csv",
        "Missing required column",
        "in.csv: line 1: missing required column 'sex'",
        code='gendex.read_csv("in.csv")',
        files={"in.csv": "region,period,indicator,value\nA,2020,hdi,0.5\n"},
    ),
    ErrorCase(
        "csv",
        "Unknown column",
        "in.csv: line 1, column 'note': unknown column (expected region, period, sex, indicator, value and optionally age_group, se, unit, source)",
        code='gendex.read_csv("in.csv")',
        files={"in.csv": "region,period,sex,indicator,value,note\nA,2020,T,hdi,0.5,x\n"},
    ),
    ErrorCase(
        "csv",
        "Unknown sex code",
        "in.csv: line 2, column 'sex': unknown sex code 'X' (use female/male/total, F/M/T or P/L)",
        code='gendex.read_csv("in.csv")',
        files={"in.csv": HEADER + "A,2020,X,life_expectancy,70\n"},
    ),
    ErrorCase(
        "csv",
        "Unknown indicator",
        "in.csv: line 2, column 'indicator': unknown indicator 'life_exp' (register it first, or use one of the data-contract ids)",
        error="UnknownKeyError",
        code='gendex.read_csv("in.csv")',
        files={"in.csv": HEADER + "A,2020,F,life_exp,70\n"},
    ),
    ErrorCase(
        "csv",
        "Duplicate key",
        "in.csv: line 3: duplicate key (region 'A', period 2020, sex female, indicator 'life_expectancy'), first given at in.csv: line 2",
        code='gendex.read_csv("in.csv")',
        files={"in.csv": HEADER + "A,2020,F,life_expectancy,70\nA,2020,female,life_expectancy,71\n"},
    ),
    ErrorCase(
        "csv",
        "Value outside the indicator's valid range",
        "in.csv: line 2, column 'value': value 170 is outside the valid range [0, 120] of 'life_expectancy' (region 'A', period 2020, sex female, indicator 'life_expectancy')",
        code='gendex.read_csv("in.csv")',
        files={"in.csv": HEADER + "A,2020,F,life_expectancy,170\n"},
    ),
    ErrorCase(
        "csv",
        "Sex not allowed for the indicator",
        "in.csv: line 2, column 'sex': indicator 'maternal_mortality' is female_only and cannot have sex 'male' (region 'A', period 2020, sex male, indicator 'maternal_mortality')",
        code='gendex.read_csv("in.csv")',
        files={"in.csv": HEADER + "A,2020,M,maternal_mortality,10\n"},
    ),
    ErrorCase(
        "csv",
        "Non-numeric value",
        "in.csv: line 2, column 'value': non-numeric value 'high'",
        code='gendex.read_csv("in.csv")',
        files={"in.csv": HEADER + "A,2020,F,life_expectancy,high\n"},
    ),
    ErrorCase(
        "csv",
        "Number beyond the range of a double",
        "in.csv: line 2, column 'value': value '1e309' is outside the range of a double-precision number (about 2.2e-308 to 1.8e308 in size)",
        code='gendex.read_csv("in.csv")',
        files={"in.csv": HEADER + "A,2020,total,population,1e309\n"},
    ),
    ErrorCase(
        "csv",
        "Period outside the years",
        "in.csv: line 2, column 'period': period -2021 is not a year between 1000 and 9999",
        code='gendex.read_csv("in.csv")',
        files={"in.csv": HEADER + "A,-2021,total,population,1\n"},
    ),
    ErrorCase(
        "csv",
        "Control character in a key",
        "in.csv: line 2, column 'region': region 'A\\x00B' contains the control character 0x00 at position 2",
        code='gendex.read_csv("in.csv")',
        files={"in.csv": (HEADER + "A\x00B,2020,total,population,1\n").encode()},
    ),
    ErrorCase(
        "csv",
        "File mixing UTF-8 and another encoding",
        "in.csv: line 3: the file mixes UTF-8 with another encoding: invalid UTF-8 byte 0xE9 at offset 65 after valid UTF-8 text; save it as UTF-8",
        code='gendex.read_csv("in.csv")',
        files={
            "in.csv": HEADER.encode() + "Côte,2020,total,population,1\n".encode() + b"X\xe9,2020,total,population,2\n"
        },
    ),
    ErrorCase(
        "csv",
        "Period that is not a year",
        "in.csv: line 2, column 'period': period '20x0' is not an integer year",
        code='gendex.read_csv("in.csv")',
        files={"in.csv": HEADER + "A,20x0,F,life_expectancy,70\n"},
    ),
    ErrorCase(
        "csv",
        "Row with more fields than the header",
        "in.csv: line 2: ragged row: 6 fields, the header has 5",
        code='gendex.read_csv("in.csv")',
        files={"in.csv": HEADER + "A,2020,F,life_expectancy,70,1\n"},
    ),
    ErrorCase(
        "csv",
        "Quote inside an unquoted field",
        "in.csv: line 2: stray quote inside an unquoted field (field 1)",
        code='gendex.read_csv("in.csv")',
        files={"in.csv": HEADER + 'A"B,2020,F,life_expectancy,70\n'},
    ),
    ErrorCase(
        "csv",
        "Quoted field never closed",
        "in.csv: line 2: quoted field is never closed",
        code='gendex.read_csv("in.csv")',
        files={"in.csv": HEADER + '"A,2020,F,life_expectancy,70\n'},
    ),
    ErrorCase(
        "csv",
        "Empty region",
        "in.csv: line 2, column 'region': region is empty",
        code='gendex.read_csv("in.csv")',
        files={"in.csv": HEADER + ",2020,F,life_expectancy,70\n"},
    ),
    ErrorCase(
        "csv",
        "Negative standard error",
        "in.csv: line 2, column 'se': standard error -1 must be a finite number >= 0 (region 'A', period 2020, sex female, indicator 'life_expectancy')",
        code='gendex.read_csv("in.csv")',
        files={"in.csv": "region,period,sex,indicator,value,se\nA,2020,F,life_expectancy,70,-1\n"},
    ),
    ErrorCase(
        "csv",
        "HDR file without the iso3 column",
        "hdr.csv: line 1: missing required column 'iso3'",
        code='gendex.read_hdr("hdr.csv")',
        files={"hdr.csv": "country,hdi_2020\nNorway,0.96\n"},
    ),
    ErrorCase(
        "csv",
        "HDR file with a column twice",
        "hdr.csv: line 2: duplicate key (region 'NOR', period 2020, sex total, indicator 'hdi'), first given at hdr.csv: line 2",
        code='gendex.read_hdr("hdr.csv")',
        files={"hdr.csv": "iso3,country,hdi_2020,hdi_2020\nNOR,Norway,0.96,0.96\n"},
    ),
    ErrorCase(
        "csv",
        "BPS table with an unknown level",
        "t.csv: line 2, column 'level': unknown level 'negara' (indonesia, provinsi or kabkota)",
        code='gendex.read_bps_table("t.csv", INDONESIA)',
        files={"t.csv": "level,province,region,year,ipg\nnegara,,INDONESIA,2020,91.06\n"},
    ),
    ErrorCase(
        "csv",
        "BPS table naming a region the hierarchy does not have",
        "t.csv: line 2, column 'region': region 'ATLANTIS' (provinsi, province '') has no BPS code in the hierarchy",
        error="UnknownKeyError",
        code='gendex.read_bps_table("t.csv", INDONESIA)',
        files={"t.csv": "level,province,region,year,ipg\nprovinsi,,ATLANTIS,2020,91.06\n"},
    ),
    ErrorCase(
        "csv",
        "BPS table without IPG or IDG columns",
        "t.csv: line 1: no IPG or IDG column (uhh_l, ..., ipg; parlemen_p_pct, ..., idg)",
        code='gendex.read_bps_table("t.csv", INDONESIA)',
        files={"t.csv": "level,province,region,year,hdi\nindonesia,,INDONESIA,2020,72\n"},
    ),
    ErrorCase(
        "csv",
        "Region file with an unknown parent",
        "regions.csv: region '62' names an unknown parent '00'",
        error="UnknownKeyError",
        code='gendex.read_regions("regions.csv")',
        files={"regions.csv": "code,name,parent,level\n62,KALIMANTAN TENGAH,00,provinsi\n"},
    ),
    ErrorCase(
        "csv",
        "Region file with an empty code",
        "regions.csv: line 2, column 'code': code is empty",
        code='gendex.read_regions("regions.csv")',
        files={"regions.csv": "code,name,parent,level\n,INDONESIA,,indonesia\n"},
    ),
    ErrorCase(
        "csv",
        "Alias of an unknown region code",
        "aliases.csv: line 2, column 'code': unknown region code '62'",
        error="UnknownKeyError",
        code='gendex.read_regions("regions.csv", "aliases.csv")',
        files={
            "regions.csv": "code,name,parent,level\n00,INDONESIA,,indonesia\n",
            "aliases.csv": "alias,code\nKalteng,62\n",
        },
    ),
    # ------------------------------------------------------------------ DataFrames
    ErrorCase(
        "frame",
        "Missing value",
        "row 0, column 'value': value is not a finite number (region 'A', period 2020, sex female, indicator 'life_expectancy')",
        code='gendex.Dataset.from_frame(frame([("A", 2020, "F", "life_expectancy", float("nan"))]))',
    ),
    ErrorCase(
        "frame",
        "Region codes that are numbers",
        "row 0, column 'region': expected text, got int 3201 (convert the column with .astype(str))",
        code='gendex.Dataset.from_frame(frame([(3201, 2020, "F", "life_expectancy", 70.0)]))',
    ),
    ErrorCase(
        "frame",
        "Period that is not a whole year",
        "row 0, column 'period': period '2020.5' is not an integer year",
        code='gendex.Dataset.from_frame(frame([("A", 2020.5, "F", "life_expectancy", 70.0)]))',
    ),
    ErrorCase(
        "frame",
        "A column twice",
        "column 'value' appears twice in the frame",
        code='df = frame([("A", 2020, "F", "life_expectancy", 70.0)])\n'
        'gendex.Dataset.from_frame(pd.concat([df, df[["value"]]], axis=1))',
    ),
    # ------------------------------------------------------------------ office tables
    ErrorCase(
        "office",
        "No Laki-laki / Perempuan header",
        "t.csv!A1: no header row naming Laki-laki, Perempuan or Jumlah (or L, P, L+P, Total, ...) found",
        error="OfficeTableError",
        code='gendex.read_table("t.csv")',
        files={"t.csv": "Jumlah Penduduk 2022\nKecamatan;Penduduk\nSelat;3\n"},
    ),
    ErrorCase(
        "office",
        "Unreadable number",
        "t.csv!C3: cannot read '12,5,3' as a number (expected e.g. 1.234 or 12,5 or -)",
        error="OfficeTableError",
        code='gendex.read_table("t.csv")',
        files={"t.csv": "Jumlah Penduduk 2022\nKecamatan;L;P\nSelat;1.204;12,5,3\n"},
    ),
    ErrorCase(
        "office",
        "A language other than Indonesian or English",
        "unknown language 'fr' (use en or id)",
        error="UnknownKeyError",
        code='gendex.write_template("form.xlsx", ["population"], ["Selat"], lang="fr")',
    ),
    ErrorCase(
        "office",
        "Numbers without a label",
        "t.csv!A4: a row with numbers but no label (area or category name)",
        error="OfficeTableError",
        code='gendex.read_table("t.csv")',
        files={"t.csv": "Jumlah Penduduk 2022\nKecamatan;L;P\nSelat;1;2\n;1;2\n"},
    ),
    ErrorCase(
        "office",
        "Numbers below the source row",
        "t.csv!B5: a number below the source/footnote row A4: one table per sheet is expected",
        error="OfficeTableError",
        code='gendex.read_table("t.csv")',
        files={"t.csv": "Jumlah Penduduk 2022\nKecamatan;L;P\nSelat;1;2\nSumber: BPS\nTimpah;1;2\n"},
    ),
    ErrorCase(
        "office",
        "A sex column twice",
        "t.csv!D2: a second 'Pria' column (the first is B2): one table of one indicator per sheet is expected",
        error="OfficeTableError",
        code='gendex.read_table("t.csv")',
        files={"t.csv": "Jumlah Penduduk 2022\nKecamatan;L;P;Pria\nSelat;1;2;3\n"},
    ),
    ErrorCase(
        "office",
        "Mapping with an unknown kind",
        "mapping!D2: kind 'orang' is not one of count, share, rate, mean",
        error="OfficeTableError",
        code='gendex.audit_offices([], mapping=pd.DataFrame({"name": ["Jumlah Bidan"], "indicator": ["midwives"], '
        '"unit": ["orang"], "kind": ["orang"]}))',
    ),
    # ------------------------------------------------------------------ archives
    ErrorCase(
        "archive",
        "Not an archive",
        "archive: not a gendex archive (missing GENDEX header)",
        error="ArchiveError",
        code='gendex.Dataset.from_archive(b"hello")',
    ),
    ErrorCase(
        "archive",
        "Truncated archive",
        "archive: truncated or corrupted archive (288 bytes after the header, 295 written)",
        error="ArchiveError",
        code="gendex.Dataset.from_archive(small().to_archive()[:-7])",
    ),
    ErrorCase(
        "archive",
        "Damaged archive (checksum)",
        "archive: corrupted archive (checksum mismatch)",
        error="ArchiveError",
        code="gendex.Dataset.from_archive(flip(small().to_archive(), -20))",
    ),
    ErrorCase(
        "archive",
        "Damaged archive header",
        "archive: corrupted archive (header damaged)",
        error="ArchiveError",
        code='a = small().to_archive()\ngendex.Dataset.from_archive(a.replace(b" 2 ", b" 2x ", 1))',
    ),
    ErrorCase(
        "archive",
        "Archive from a newer gendex",
        "archive: archive envelope version 3 is newer than this gendex reads (2)",
        error="ArchiveError",
        code='a = small().to_archive()\ngendex.Dataset.from_archive(a.replace(b" 2 ", b" 3 ", 1))',
    ),
    ErrorCase(
        "archive",
        "Archive of another kind",
        "archive: archive does not hold a dataset",
        error="ArchiveError",
        code='gendex.Dataset.from_archive(gendex.RegionHierarchy([{"code": "A"}]).to_archive())',
    ),
    ErrorCase(
        "archive",
        "Unknown archive format letter",
        "archive: unknown archive format 'X'",
        error="ArchiveError",
        code='gendex.Dataset.from_archive(b"GENDEXXdataset\\n")',
    ),
    ErrorCase(
        "archive",
        "Damaged archive format byte",
        "archive: unknown archive format byte 0xC2",
        error="ArchiveError",
        code='a = small().to_archive()\ngendex.Dataset.from_archive(a[:6] + b"\\xc2" + a[7:])',
    ),
    ErrorCase(
        "archive",
        "Version-1 archive with a damaged body",
        "archive: corrupted archive (Boost signature damaged or missing)",
        error="ArchiveError",
        code='gendex.Dataset.from_archive(b"GENDEXBdataset\\n" + bytes(40))',
    ),
    ErrorCase(
        "archive",
        "Damaged pickle",
        "pickle: truncated or corrupted archive (288 bytes after the header, 295 written)",
        error="ArchiveError",
        code="gendex.Dataset.__new__(gendex.Dataset).__setstate__(small().to_archive()[:-7])",
    ),
    ErrorCase(
        "archive",
        "Unknown archive format name",
        "unknown archive format 'json' (use binary or text)",
        code='small().to_archive("json")',
    ),
    ErrorCase(
        "archive",
        "Loading a hierarchy archive as a dataset",
        "h.gdx: archive does not hold a dataset",
        error="ArchiveError",
        code='gendex.RegionHierarchy([{"code": "A"}]).save("h.gdx")\ngendex.load("h.gdx")',
    ),
    # ------------------------------------------------------------------ compute
    ErrorCase(
        "compute",
        "Unknown index",
        "unknown index 'ipx'; known indices: hdi, gdi, gii, ihdi, gem, ipm, ipg, idg, ikg, gggi, wei, ggpi",
        error="UnknownKeyError",
        code='gendex.compute("ipx", small())',
    ),
    ErrorCase(
        "compute",
        "Unknown edition",
        "unknown edition 'hdr1999'; known editions: hdr2021-22, hdr2023-24, hdr2025, bps, wef2023, paths-to-equal-2023",
        error="UnknownKeyError",
        code='gendex.compute("hdi", small(), "hdr1999")',
    ),
    ErrorCase(
        "compute",
        "Unknown edition constant",
        "unknown edition constant 'gii_floor'; known constants: life_expectancy_min, life_expectancy_max, expected_schooling_min, expected_schooling_max, mean_schooling_min, mean_schooling_max, gni_per_capita_min, gni_per_capita_max, ppp_base_year, hdi_medium_min, hdi_high_min, hdi_very_high_min, life_expectancy_f_min, life_expectancy_f_max, life_expectancy_m_min, life_expectancy_m_max, gdi_default_wage_ratio, gdi_group1_max, gdi_group2_max, gdi_group3_max, gdi_group4_max, maternal_mortality_min, maternal_mortality_max, gii_component_floor, gii_parliament_floor, gii_parliament_male_complement, rounding_digits, gem_epsilon, gem_parity_share, gem_income_min, gem_income_max, gem_income_log, gem_income_capped, gem_default_wage_ratio, expenditure_min, expenditure_max, bps_index_scale, ikg_health_constant, ikg_mtf_floor, ikg_parliament_floor, idg_income_min, idg_income_max, idg_income_offset, aggregate_schooling_age_min, aggregate_schooling_age_max, aggregate_adult_age_min, survey_schooling_age, survey_labour_age, survey_adolescent_age_min, survey_adolescent_age_max, gggi_parity_benchmark, gggi_sex_ratio_at_birth_benchmark, gggi_healthy_life_benchmark, gggi_min_indicators, gggi_rank_digits, gggi_weight_labour_force, gggi_weight_wage_equality, gggi_weight_earned_income, gggi_weight_managers, gggi_weight_professional, gggi_weight_literacy, gggi_weight_primary, gggi_weight_secondary, gggi_weight_tertiary, gggi_weight_sex_ratio_at_birth, gggi_weight_healthy_life, gggi_weight_parliament, gggi_weight_ministers, gggi_weight_head_of_state, gggi_sd_labour_force, gggi_sd_wage_equality, gggi_sd_earned_income, gggi_sd_managers, gggi_sd_professional, gggi_sd_literacy, gggi_sd_primary, gggi_sd_secondary, gggi_sd_tertiary, gggi_sd_sex_ratio_at_birth, gggi_sd_healthy_life, gggi_sd_parliament, gggi_sd_ministers, gggi_sd_head_of_state, wei_adolescent_birth_max, wei_neet_max, wei_decision_max, wei_violence_max, ggpi_neet_max, twin_lower_middle_min, twin_upper_middle_min, twin_high_min",
        error="UnknownKeyError",
        code='gendex.compute("gii", small(), "hdr2025", gii_floor=0.1)',
    ),
    ErrorCase(
        "compute",
        "Missing input with on_invalid='raise'",
        "region 'A', period 2020: mean_schooling (total) is missing; cannot compute hdi",
        code='ds = frame([("A", 2020, "T", "life_expectancy", 70.0), ("A", 2020, "T", "expected_schooling", 12.0)])\n'
        'gendex.compute("hdi", ds, "hdr2025", on_invalid="raise")',
    ),
    ErrorCase(
        "compute",
        "Unknown on_invalid option",
        "unknown on-invalid policy 'ignore' (use raise or skip)",
        code='gendex.compute("hdi", small(), "hdr2025", on_invalid="ignore")',
    ),
    ErrorCase(
        "compute",
        "Custom edition with a built-in id",
        "custom edition: id 'hdr2021-22' is a built-in edition; choose another id",
        code='gendex.custom_edition("hdr2025", id="hdr2021-22", gii_parliament_floor=0.1)',
    ),
    ErrorCase(
        "compute",
        "Override that is out of bounds",
        "edition 'hdr2025+custom': 'gii_parliament_floor' (-1) must be positive",
        code='gendex.compute("gii", small(), "hdr2025", gii_parliament_floor=-1)',
    ),
    ErrorCase(
        "compute",
        "Goalposts in the wrong order",
        "edition 'hdr2025+custom': 'life_expectancy_min' (90) must be below 'life_expectancy_max' (85)",
        code='gendex.custom_edition("hdr2025", life_expectancy_min=90)',
    ),
    ErrorCase(
        "compute",
        "Rounding to a negative number of digits",
        "round_half_up: digits must be between 0 and 15, got -1",
        code="gendex.round_half_up(1.5, digits=-1)",
    ),
    ErrorCase(
        "compute",
        "Looking up an observation that is not there",
        "no observation for region 'B', period 2020, sex female, indicator 'life_expectancy'",
        error="UnknownKeyError",
        code='small().value("B", 2020, "F", "life_expectancy")',
    ),
    # ------------------------------------------------------------------ survey microdata
    ErrorCase(
        "micro",
        "Weight that is not positive",
        "row 1, column 'w': weight 0 must be a finite number > 0 (drop the row, or put it outside the domain with a row filter)",
        code='micro.Design(survey().assign(w=[1.0, 0.0, 1.0, 1.0]), weight="w")',
    ),
    ErrorCase(
        "micro",
        "Proportion of a variable that is not 0/1",
        "row 1, column 'y': a proportion needs 0 or 1, got 2",
        code='micro.proportion(micro.Design(survey(), weight="w"), "y", by="sex")',
    ),
    ErrorCase(
        "micro",
        "Unknown column",
        "column 'income' is not in the data (columns: sex, w, y, lf, stratum, psu)",
        error="UnknownKeyError",
        code='micro.mean(micro.Design(survey(), weight="w"), "income")',
    ),
    ErrorCase(
        "micro",
        "Missing value in a variable",
        "row 1, column 'y': value nan is not a finite number; rows inside the filter need values (leave rows with missing values out with the row filter)",
        code='micro.mean(micro.Design(survey().assign(y=[1.0, np.nan, 2.0, 3.0]), weight="w"), "y")',
    ),
    ErrorCase(
        "micro",
        "Missing value in a by-column",
        "row 2, column 'sex': missing value",
        code='micro.mean(micro.Design(survey().assign(sex=["F", "M", None, "M"]), weight="w"), "y", by="sex")',
    ),
    ErrorCase(
        "micro",
        "Ratio with a zero denominator in a domain",
        "sex=M: the weighted total of 'lf' is 0, so the ratio is undefined (estimate with empty_domain = no_estimate to get an explicit 'no estimate')",
        code='micro.ratio(micro.Design(survey(), weight="w"), "y", "lf", by="sex")',
    ),
    ErrorCase(
        "micro",
        "Stratum with one PSU",
        "stratum 11010 has only one PSU (PSU 7) and all rows has rows in it; choose lonely_psu = remove, adjust, certainty or average (R: options(survey.lonely.psu = ...))",
        code='micro.mean(micro.Design(survey(), weight="w", strata="stratum", psu="psu"), "y")',
    ),
    ErrorCase(
        "micro",
        "Row filter of the wrong length",
        "'where' has shape (2,), the data has 4 rows",
        code='micro.mean(micro.Design(survey(), weight="w"), "y", where=np.array([True, False]))',
    ),
    ErrorCase(
        "micro",
        "Row filter that is not boolean",
        "'where' must be boolean (e.g. df['age'] >= 15)",
        code='micro.mean(micro.Design(survey(), weight="w"), "y", where=np.array([1, 0, 1, 1]))',
    ),
    ErrorCase(
        "micro",
        "Row filter with other row labels",
        "'where' has an index that differs from the data's (align it, or pass a numpy array)",
        code='s = survey()\nmicro.mean(micro.Design(s, weight="w"), "y", where=pd.Series([True] * 4, index=[9, 8, 7, 6]))',
    ),
    ErrorCase(
        "micro",
        "Survey file of another kind (gendex.dask.read)",
        "survey.xlsx: gendex.dask.read reads .parquet/.pq (or a folder of them), .sav/.zsav, .dta and .csv files",
        code='from gendex import dask as gdask\ngdask.read("survey.xlsx")',
        files={"survey.xlsx": b"PK"},
    ),
    ErrorCase(
        "micro",
        "Column not in a survey file (gendex.dask.read)",
        "s.csv, column 'income': not in the file (columns: w, y)",
        error="UnknownKeyError",
        code='from gendex import dask as gdask\ngdask.read("s.csv", columns=["w", "income"])',
        files={"s.csv": "w,y\n1,2\n"},
    ),
    ErrorCase(
        "micro",
        "Survey file of another kind (micro.scan)",
        "survey.xlsx: gendex.micro.scan reads .parquet/.pq (or a folder of them), .sav/.zsav, .dta and .csv files",
        code='micro.scan("survey.xlsx", weight="w")',
        files={"survey.xlsx": b"PK"},
    ),
    ErrorCase(
        "micro",
        "Bad value in a scanned file, named by its row in the file (micro.scan)",
        "row 2, column 'w': weight -1 must be a finite number > 0 (drop the row, or put it outside the domain with a row filter)",
        code='micro.mean(micro.scan("s.csv", weight="w", chunk_rows=2), "y")',
        files={"s.csv": "w,y\n1,2\n1,3\n-1,4\n"},
    ),
    ErrorCase(
        "micro",
        "Missing value in a by column",
        "row 1, column 'sex': missing value",
        code='micro.mean(micro.Design(survey().assign(sex=["F", None, "M", "M"]), weight="w"), "y", by="sex")',
    ),
    ErrorCase(
        "micro",
        "Argument of the wrong type",
        "mean(): argument 'replicates' must be a non-negative integer, got -5 (int)",
        error="ArgumentTypeError",
        code='micro.mean(micro.Design(survey(), weight="w"), "y", variance="bootstrap", replicates=-5)',
    ),
    ErrorCase(
        "micro",
        "More bootstrap replicates than memory allows",
        "the bootstrap with 4294967295 replicates needs about 68.7 GB (1 domains x 4294967295 replicates x 2 numbers x 8 bytes), more than the 4 GiB gendex allows a replicate run; use at most 268435456 replicates here, or fewer domains",
        code='micro.mean(micro.Design(survey(), weight="w"), "y", variance="bootstrap", replicates=2**32 - 1)',
    ),
    # ------------------------------------------------------------------ command line
    ErrorCase(
        "cli",
        "Unknown command",
        "argument COMMAND: invalid choice: 'frobnicate' (choose from 'audit', 'convert', 'compute', 'priorities', 'analyse', 'editions', 'template', 'report')",
        argv=("frobnicate",),
        exit_code=2,
    ),
    ErrorCase(
        "cli",
        "Input file that does not exist",
        "nope.csv: cannot open file for reading",
        argv=("convert", "--input", "nope.csv", "--output", "out.csv"),
        exit_code=2,
    ),
    ErrorCase(
        "cli",
        "Bad row in the input",
        "bad.csv: line 2, column 'value': value -3 is outside the valid range [0, 120] of 'life_expectancy' (region 'NOR', period 2023, sex total, indicator 'life_expectancy')",
        argv=("convert", "--input", "bad.csv", "--output", "out.csv"),
        exit_code=2,
        files={"bad.csv": HEADER + "NOR,2023,T,life_expectancy,-3\n"},
    ),
    ErrorCase(
        "cli",
        "Unknown edition",
        "unknown edition 'hdr2030'; known editions: hdr2021-22, hdr2023-24, hdr2025, bps, wef2023, paths-to-equal-2023",
        argv=("compute", "hdi", "--input", "in.csv", "--edition", "hdr2030"),
        exit_code=2,
        files={"in.csv": HEADER + "NOR,2023,T,life_expectancy,83\n"},
    ),
    ErrorCase(
        "cli",
        "Constant that is not a number",
        "--set 'gii_parliament_floor=abc': 'abc' is not a number",
        argv=("compute", "gii", "--input", "in.csv", "--edition", "hdr2025", "--set", "gii_parliament_floor=abc"),
        exit_code=2,
        files={"in.csv": HEADER + "NOR,2023,T,life_expectancy,83\n"},
    ),
    ErrorCase(
        "cli",
        "Audit of a file without observations",
        "empty.csv: no observations to audit (the file has no data rows)",
        argv=("audit", "--input", "empty.csv"),
        exit_code=2,
        files={"empty.csv": HEADER},
    ),
    ErrorCase(
        "cli",
        "Missing required option",
        "the following arguments are required: --output/-o",
        argv=("convert", "--input", "in.csv"),
        exit_code=2,
        files={"in.csv": HEADER + "NOR,2023,T,life_expectancy,83\n"},
    ),
]


# ---------------------------------------------------------------------------------------- running a case


def _frame(rows: list[tuple[object, ...]]) -> Any:
    """A tidy frame from (region, period, sex, indicator, value) tuples."""
    import pandas as pd

    return pd.DataFrame(rows, columns=["region", "period", "sex", "indicator", "value"])


def _small() -> Any:
    """A two-row Dataset: life expectancy of women and men in A, 2020."""
    import gendex

    return gendex.Dataset.from_frame(
        _frame([("A", 2020, "F", "life_expectancy", 74.0), ("A", 2020, "M", "life_expectancy", 70.0)])
    )


def _flip(data: bytes, i: int) -> bytes:
    """`data` with one bit of byte `i` flipped."""
    out = bytearray(data)
    out[i] ^= 1
    return bytes(out)


def _survey() -> Any:
    """Four survey rows: two strata of one PSU each, y not 0/1, nobody in the labour force among men."""
    import pandas as pd

    return pd.DataFrame(
        {
            "sex": ["F", "F", "M", "M"],
            "w": [1.0, 2.0, 1.0, 2.0],
            "y": [1.0, 2.0, 3.0, 4.0],
            "lf": [1.0, 1.0, 0.0, 0.0],
            "stratum": [11010, 11010, 11020, 11020],
            "psu": [7, 7, 8, 8],
        }
    )


def _indonesia() -> Any:
    """Indonesia with one province."""
    import gendex

    return gendex.RegionHierarchy(
        [
            {"code": "00", "name": "INDONESIA", "level": "indonesia"},
            {"code": "62", "name": "KALIMANTAN TENGAH", "parent": "00", "level": "provinsi"},
        ]
    )


def run_case(case: ErrorCase, folder: Path) -> tuple[str, str]:
    """Run `case` in `folder` (its files written there, the working directory meanwhile): the name of the
    exception (or "exit N" for a CLI case) and its message (for the CLI, stderr's last line after "gendex: ")."""
    import numpy as np
    import pandas as pd

    import gendex
    import gendex.cli
    from gendex import micro

    for name, contents in case.files.items():
        target = folder / name
        if isinstance(contents, bytes):
            target.write_bytes(contents)
        else:
            target.write_bytes(contents.encode())
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        if case.argv:
            err, out = io.StringIO(), io.StringIO()
            with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
                code = gendex.cli.main(list(case.argv))
            lines = [line for line in err.getvalue().splitlines() if line.strip()]
            last = lines[-1] if lines else ""
            return f"exit {code}", last.removeprefix("gendex: ")
        scope: dict[str, Any] = {
            "gendex": gendex,
            "micro": micro,
            "pd": pd,
            "np": np,
            "frame": _frame,
            "small": _small,
            "flip": _flip,
            "survey": _survey,
            "INDONESIA": _indonesia(),
        }
        try:
            exec(case.code, scope)
        except Exception as e:  # the point is to see what it raises
            return type(e).__name__, str(e)
        return "no error", ""
    finally:
        os.chdir(cwd)


def expected(case: ErrorCase) -> tuple[str, str]:
    """What `run_case` must give for `case`."""
    return (f"exit {case.exit_code}" if case.argv else case.error), case.message
