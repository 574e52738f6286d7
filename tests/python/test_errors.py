"""The exception tree and its messages: same text as the C++ core, names row/line, column, key."""

from __future__ import annotations

import pickle

import numpy as np
import pandas as pd
import pytest
from conftest import tidy

import gendex
from gendex import ArchiveError, GendexError, InputError, UnknownKeyError

HEADER = "region,period,sex,indicator,value\n"


def raised(exc_type, fn, *args, **kwargs) -> str:
    """The message of the exception ``fn`` raises, which must be exactly ``exc_type``."""
    with pytest.raises(exc_type) as e:
        fn(*args, **kwargs)
    assert type(e.value) is exc_type
    return str(e.value)


def test_class_tree():
    assert issubclass(GendexError, Exception)
    assert issubclass(InputError, GendexError) and issubclass(InputError, ValueError)
    assert issubclass(UnknownKeyError, GendexError) and issubclass(UnknownKeyError, KeyError)
    assert issubclass(ArchiveError, InputError) and issubclass(ArchiveError, ValueError)
    assert not issubclass(UnknownKeyError, ValueError) and not issubclass(InputError, KeyError)
    for cls in (GendexError, InputError, UnknownKeyError, ArchiveError):
        assert cls.__module__ == "gendex" and cls.__doc__
        assert cls is getattr(gendex._core, cls.__name__)


def test_str_is_the_plain_message_even_for_key_errors():
    assert str(UnknownKeyError("unknown region code 'X'")) == "unknown region code 'X'"
    assert str(KeyError("x")) == "'x'"  # what the override avoids
    e = pickle.loads(pickle.dumps(UnknownKeyError("m")))
    assert type(e) is UnknownKeyError and str(e) == "m"


def test_bad_sex_code():
    msg = raised(InputError, gendex._core.parse_csv, HEADER + "A,2020,X,life_expectancy,70\n", "in.csv")
    assert msg == "in.csv: line 2, column 'sex': unknown sex code 'X' (use female/male/total, F/M/T or P/L)"
    msg = raised(
        InputError, gendex.Dataset.from_frame, tidy([("A", 2020, "F", "hdi", 0.5), ("A", 2020, "x", "hdi", 0.5)])
    )
    assert msg == "row 1, column 'sex': unknown sex code 'x' (use female/male/total, F/M/T or P/L)"


def test_missing_column():
    assert (
        raised(InputError, gendex._core.parse_csv, "region,period,indicator,value\nA,2020,hdi,1\n", "in.csv")
        == "in.csv: line 1: missing required column 'sex'"
    )
    df = tidy([("A", 2020, "T", "hdi", 0.5)]).drop(columns="value")
    assert raised(InputError, gendex.Dataset.from_frame, df) == "missing required column 'value'"
    df = tidy([("A", 2020, "T", "hdi", 0.5)]).assign(standard_error=0.1)
    assert raised(InputError, gendex.Dataset.from_frame, df) == (
        "unknown column 'standard_error' (expected region, period, sex, indicator, value and optionally "
        "age_group, se, unit, source)"
    )


def test_unknown_indicator_is_a_key_error():
    msg = raised(UnknownKeyError, gendex._core.parse_csv, HEADER + "A,2020,F,life_exp,70\n", "in.csv")
    assert msg == (
        "in.csv: line 2, column 'indicator': unknown indicator 'life_exp' "
        "(register it first, or use one of the data-contract ids)"
    )
    with pytest.raises(KeyError):
        gendex.Dataset.from_frame(tidy([("A", 2020, "F", "life_exp", 70)]))
    with pytest.raises(GendexError):
        gendex.Dataset.from_frame(tidy([("A", 2020, "F", "life_exp", 70)]))
    assert raised(UnknownKeyError, gendex.IndicatorRegistry.standard().__getitem__, "nope") == (
        "unknown indicator 'nope' (register it first, or use one of the data-contract ids)"
    )


def test_duplicate_key():
    text = HEADER + "A,2020,F,life_expectancy,70\nA,2020,female,life_expectancy,71\n"
    assert raised(InputError, gendex._core.parse_csv, text, "in.csv") == (
        "in.csv: line 3: duplicate key (region 'A', period 2020, sex female, indicator 'life_expectancy'), "
        "first given at in.csv: line 2"
    )
    df = tidy(
        [
            ("A", 2020, "F", "life_expectancy", 70),
            ("B", 2020, "F", "life_expectancy", 70),
            ("A", 2020, "P", "life_expectancy", 71),
        ]
    )
    assert raised(InputError, gendex.Dataset.from_frame, df) == (
        "row 2: duplicate key (region 'A', period 2020, sex female, indicator 'life_expectancy'), first given at row 0"
    )


def test_out_of_range_and_scope():
    assert raised(InputError, gendex._core.parse_csv, HEADER + "A,2020,F,life_expectancy,170\n", "in.csv") == (
        "in.csv: line 2, column 'value': value 170 is outside the valid range [0, 120] of 'life_expectancy' "
        "(region 'A', period 2020, sex female, indicator 'life_expectancy')"
    )
    df = tidy([("A", 2020, "M", "maternal_mortality", 10.0)])
    assert raised(InputError, gendex.Dataset.from_frame, df) == (
        "row 0, column 'sex': indicator 'maternal_mortality' is female_only and cannot have sex 'male' "
        "(region 'A', period 2020, sex male, indicator 'maternal_mortality')"
    )


def test_empty_file(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    assert raised(InputError, gendex.read_csv, path) == f"{path}: file is empty (expected a header row)"
    assert raised(InputError, gendex.read_hdr, path) == f"{path}: file is empty (expected a header row)"
    missing = tmp_path / "nope.csv"
    assert raised(InputError, gendex.read_csv, missing) == f"{missing}: cannot open file for reading"


def test_truncated_or_foreign_archive(small, tmp_path):
    data = small.to_archive()
    msg = raised(ArchiveError, gendex.Dataset.from_archive, data[: len(data) // 2])
    assert msg.startswith("archive: truncated or corrupted archive")
    assert raised(ArchiveError, gendex.Dataset.from_archive, b"hello") == (
        "archive: not a gendex archive (missing GENDEX header)"
    )
    unpickled = gendex.Dataset.__new__(gendex.Dataset)  # what pickle.loads does with a damaged state
    with pytest.raises(ValueError) as e:  # an ArchiveError is an InputError is a ValueError
        unpickled.__setstate__(data[:-7])
    assert type(e.value) is ArchiveError and str(e.value).startswith("pickle: ")
    path = tmp_path / "cut.gdx"
    path.write_bytes(data[:-7])
    assert raised(ArchiveError, gendex.load, path).startswith(f"{path}: ")
    hierarchy = gendex.RegionHierarchy([{"code": "A"}])
    path = tmp_path / "h.gdx"
    hierarchy.save(path)
    assert raised(ArchiveError, gendex.load, path) == f"{path}: archive does not hold a dataset"


def test_frame_rows_and_columns_are_named():
    good = tidy([("A", 2020, "F", "life_expectancy", 70.0), ("B", 2020, "F", "life_expectancy", 71.0)])
    cases = [
        (
            good.assign(value=[70, np.nan]),
            (
                "row 1, column 'value': value is not a finite number "
                "(region 'B', period 2020, sex female, indicator 'life_expectancy')"
            ),
        ),
        (good.assign(value=[70, "high"]), "row 1, column 'value': non-numeric value 'high'"),
        (good.assign(period=[2020, 2020.5]), "row 1, column 'period': period '2020.5' is not an integer year"),
        (good.assign(period=[np.nan, 2020]), "row 0, column 'period': period is missing"),
        (good.assign(period=["2020", "2021"]), "row 0, column 'period': period '2020' is not an integer year"),
        (good.assign(period=[2020, 2**40]), f"row 1, column 'period': period {2**40} is not a 32-bit integer year"),
        (good.assign(region=["A", None]), "row 1, column 'region': region is missing"),
        (good.assign(region=["A", ""]), "row 1, column 'region': region is empty"),
        (
            good.assign(region=[3201, 3202]),
            "row 0, column 'region': expected text, got int 3201 (convert the column with .astype(str))",
        ),
        (
            good.assign(se=[0.1, -1.0]),
            (
                "row 1, column 'se': standard error -1 must be a finite number >= 0 "
                "(region 'B', period 2020, sex female, indicator 'life_expectancy')"
            ),
        ),
        (good.assign(sex=["F", None]), "row 1, column 'sex': sex is missing"),
    ]
    for df, message in cases:
        assert raised(InputError, gendex.Dataset.from_frame, df) == message
    with pytest.raises(TypeError):
        gendex.Dataset.from_frame([("A", 2020, "F", "hdi", 0.5)])
    duplicated = pd.concat([good, good[["value"]]], axis=1)
    assert raised(InputError, gendex.Dataset.from_frame, duplicated) == "column 'value' appears twice in the frame"


def test_registry_errors():
    registry = gendex.IndicatorRegistry.standard()
    assert raised(InputError, registry.register, "hdi", "again", "index", 0, 1) == (
        "indicator 'hdi' is already registered"
    )
    assert raised(InputError, registry.register, "y", "y", "", 2, 1).startswith("indicator 'y': valid range min 2")
    assert raised(InputError, registry.register, "y", "y", "", scope="both") == (
        "unknown sex scope 'both' (use any, by_sex, female_only or total_only)"
    )


def test_save_format_and_hierarchy_errors(small, tmp_path):
    assert raised(InputError, small.save, tmp_path / "x", format="json") == (
        "unknown archive format 'json' (use binary or text)"
    )
    assert raised(UnknownKeyError, gendex.RegionHierarchy, [{"code": "A", "parent": "B"}]) == (
        "region 'A' names an unknown parent 'B'"
    )
    assert raised(InputError, gendex.RegionHierarchy, [{"code": "A"}, {"code": "A"}]) == (
        "region code 'A' appears twice"
    )
    assert raised(
        InputError, gendex.RegionHierarchy, [{"code": "A", "parent": "B"}, {"code": "B", "parent": "A"}]
    ).endswith("(cycle in parents)")


def test_errors_carry_their_location_and_key_as_attributes():
    """Issue 11: errors raised in C++ reach Python with their fields, so no front end parses the message."""
    with pytest.raises(InputError) as e:
        gendex._core.parse_csv(HEADER + "A,2020,X,life_expectancy,70\n", "in.csv")
    err = e.value
    assert (err.file, err.line, err.row, err.column, err.key) == ("in.csv", 2, None, "sex", None)
    assert str(err) == f"in.csv: line 2, column 'sex': {err.reason}" and err.reason.startswith("unknown sex code 'X'")
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is InputError and str(back) == str(err)
    assert (back.file, back.line, back.column, back.reason) == (err.file, err.line, err.column, err.reason)
    # Rows of an in-memory table: a row, no file or line.
    df = tidy([("A", 2020, "F", "hdi", 0.5), ("A", 2020, "M", "hdi", 0.5)]).assign(se=[0.1, -1.0])
    with pytest.raises(InputError) as e:
        gendex.Dataset.from_frame(df)
    assert (e.value.file, e.value.line, e.value.row, e.value.column) == (None, None, 1, "se")
    # The name looked up.
    with pytest.raises(UnknownKeyError) as k:
        gendex._core.parse_csv(HEADER + "A,2020,F,life_exp,70\n", "in.csv")
    assert (k.value.key, k.value.column, k.value.line) == ("life_exp", "indicator", 2)
    with pytest.raises(UnknownKeyError) as k:
        gendex._core.edition("hdr1990")
    assert k.value.key == "hdr1990" and k.value.file is None
    with pytest.raises(UnknownKeyError) as k:
        gendex.compute("xyz", df.iloc[:1])
    assert k.value.key == "xyz"
    # Raised by the facade: the same attributes, made by the core's formatter.
    made = gendex._core.located_error("InputError", "a proportion needs 0 or 1, got 2", row=7, column="y")
    assert type(made) is InputError and str(made) == "row 7, column 'y': a proportion needs 0 or 1, got 2"
    assert (made.row, made.column, made.reason) == (7, "y", "a proportion needs 0 or 1, got 2")
    plain = InputError("just a message")
    assert (plain.file, plain.line, plain.row, plain.column, plain.key, plain.reason) == (None,) * 6
