"""gendex.dask.read: survey files as dask partitions (issue 12, streaming); their estimates equal the in-memory
ones in test_micro_scan.py, next to micro.scan's."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

pytest.importorskip("dask")
pyreadstat = pytest.importorskip("pyreadstat")

import gendex  # noqa: E402
from gendex import dask as gdask  # noqa: E402


def test_chunks_bound_the_rows_of_a_partition(survey_files: dict[str, Path]) -> None:
    ddf = gdask.read(survey_files["sav"], columns=["weight", "y"], chunk_rows=1200)
    sizes = ddf.map_partitions(len).compute().tolist()
    assert sizes == [1200, 1200, 1200, 1200, 200]
    # A row group larger than chunk_rows is a partition alone, never split or dropped.
    big = gdask.read(survey_files["parquet"], chunk_rows=100).map_partitions(len).compute().tolist()
    assert big == [400] * 12 + [200]


def test_errors_name_the_file_and_the_reason(survey_files: dict[str, Path], tmp_path: Path) -> None:
    with pytest.raises(gendex.InputError, match=r"no such file or folder") as e:
        gdask.read(tmp_path / "missing.sav")
    assert e.value.file == str(tmp_path / "missing.sav")
    with pytest.raises(
        gendex.UnknownKeyError, match=r"survey\.dta, column 'income': not in the file \(columns: weight, stratum"
    ) as k:
        gdask.read(survey_files["dta"], columns=["weight", "income"])
    assert k.value.column == "income" and k.value.file == str(survey_files["dta"])
    with pytest.raises(gendex.UnknownKeyError, match=r"column 'income'"):
        gdask.read(survey_files["parquet"], columns=["income"])
    other = tmp_path / "survey.xlsx"
    other.write_bytes(b"PK")
    with pytest.raises(gendex.InputError, match=r"reads \.parquet/\.pq .*\.sav/\.zsav, \.dta and \.csv"):
        gdask.read(other)
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(b"not parquet at all")
    with pytest.raises(gendex.InputError, match=r"not a readable Parquet file"):
        gdask.read(broken)
    broken_sav = tmp_path / "broken.sav"
    broken_sav.write_bytes(b"$FL2 but not really")
    with pytest.raises(gendex.InputError, match=r"not a readable \.sav file"):
        gdask.read(broken_sav)
    with pytest.raises(gendex.InputError, match=r"chunk_rows must be a whole number >= 1, got 0"):
        gdask.read(survey_files["sav"], chunk_rows=0)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(gendex.InputError, match=r"the folder holds no \.parquet file"):
        gdask.read(empty)


def test_a_bad_row_is_named_by_its_position_in_the_file(file_survey: pd.DataFrame, tmp_path: Path) -> None:
    bad = file_survey.copy()
    bad.loc[3456, "weight"] = -1.0
    path = tmp_path / "bad.sav"
    pyreadstat.write_sav(bad, str(path))
    ddf = gdask.read(path, chunk_rows=1000)
    d = gdask.Design(ddf, weight="weight", strata="stratum", psu="psu", progress=False)
    with pytest.raises(gendex.InputError, match=r"weight -1 must be a finite number > 0") as e:
        gdask.mean(d, "y", progress=False)
    assert e.value.row == 3456
