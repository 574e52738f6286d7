"""micro.scan and gendex.dask.read: a survey file read chunk by chunk gives the in-memory estimates (issue 12)."""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from conftest import FILE_COLUMNS

pyreadstat = pytest.importorskip("pyreadstat")
pytest.importorskip("pyarrow")

import gendex  # noqa: E402
from gendex import micro  # noqa: E402

SEX = {1: "female", 2: "male"}


def close(a: pd.Series, b: pd.Series, tol: float = 1e-12) -> bool:
    return all(math.isclose(x, y, rel_tol=tol, abs_tol=0.0) for x, y in zip(a, b))


@pytest.mark.parametrize("engine", ["scan", "dask"])
@pytest.mark.parametrize("kind", ["parquet", "sav", "dta", "csv", "folder"])
def test_every_format_gives_the_in_memory_estimates(
    engine: str, kind: str, survey_files: dict[str, Path], file_survey: pd.DataFrame
) -> None:
    design = {"weight": "weight", "strata": "stratum", "psu": "psu", "progress": False}
    if engine == "scan":
        d: Any = micro.scan(survey_files[kind], chunk_rows=700, **design)
        assert d.partitions == {"parquet": 12, "folder": 6}.get(kind, 8)
    else:
        gdask = pytest.importorskip("gendex.dask")
        ddf = gdask.read(survey_files[kind], columns=FILE_COLUMNS, chunk_rows=700)
        assert list(ddf.columns) == FILE_COLUMNS
        d = gdask.Design(ddf, **design)
        if kind != "csv":  # dask's own CSV reader cuts blocks of about 64 MB
            assert d.partitions == {"parquet": 12, "folder": 6}.get(kind, 8)
    # Parquet: 11 row groups of 400, then 400 + 200 <= 700 (12 chunks); the folder: 1000, 1000, 600 and
    # 1000, 1000, 400 (6); SPSS, Stata and CSV: ceil(5000 / 700) = 8 chunks of at most 700 rows.
    assert d.rows == 5000
    whole = micro.Design(file_survey, weight="weight", strata="stratum", psu="psu")
    for variance in ["linearization", "bootstrap"]:
        a = micro.mean(d, "y", by="sex", where=lambda df: df["age"] >= 15, variance=variance)
        b = micro.mean(whole, "y", by="sex", where=file_survey["age"] >= 15, variance=variance)
        assert a["n"].tolist() == b["n"].tolist()
        assert close(a["estimate"], b["estimate"]) and close(a["se"], b["se"]), (kind, variance)
    t = micro.total(d, "in_lf", by="sex")
    assert close(t["estimate"], micro.total(whole, "in_lf", by="sex")["estimate"])
    columns = {"age": "age", "labour_force": "in_lf", "sex_codes": SEX}
    got = micro.index_inputs(d, 2023, "stratum", "sex", **columns).to_frame()
    want = micro.index_inputs(whole, 2023, "stratum", "sex", **columns).to_frame()
    assert got[["sex", "indicator"]].equals(want[["sex", "indicator"]])
    assert got["region"].astype(float).tolist() == want["region"].astype(float).tolist()  # SPSS: "1.0"
    assert close(got["value"], want["value"]) and close(got["se"], want["se"])


def test_replicate_weights_and_a_where_column(file_survey: pd.DataFrame, tmp_path: Path) -> None:
    df = file_survey.assign(adult=file_survey["age"] >= 15)
    rng = np.random.default_rng(5)
    reps = [f"rw{k}" for k in range(8)]
    for r in reps:
        df[r] = df["weight"] * rng.uniform(0.5, 1.5, len(df))
    path = tmp_path / "reps.parquet"
    df.to_parquet(path, row_group_size=900)
    d = micro.scan(path, weight="weight", replicate_weights=reps, replicate_type="JK1", chunk_rows=1000)
    whole = micro.Design(df, weight="weight", replicate_weights=reps, replicate_type="JK1")
    a = micro.mean(d, "y", by="sex", where="adult")
    b = micro.mean(whole, "y", by="sex", where=df["adult"])
    assert close(a["estimate"], b["estimate"]) and close(a["se"], b["se"])
    assert repr(d) == "<gendex.micro.ScanDesign: 5000 rows in 6 chunks, 0 strata, replicate weights>"
    assert "chunks" in d._repr_html_()


def test_errors_name_the_file_the_row_and_the_column(
    survey_files: dict[str, Path], file_survey: pd.DataFrame, tmp_path: Path
) -> None:
    with pytest.raises(gendex.InputError, match=r"no such file or folder") as e:
        micro.scan(tmp_path / "missing.parquet", weight="weight")
    assert e.value.file == str(tmp_path / "missing.parquet")
    other = tmp_path / "survey.xlsx"
    other.write_bytes(b"PK")
    with pytest.raises(gendex.InputError, match=r"gendex\.micro\.scan reads \.parquet/\.pq"):
        micro.scan(other, weight="weight")
    with pytest.raises(gendex.UnknownKeyError, match=r"column 'income': not in the file"):
        micro.scan(survey_files["sav"], weight="weight", columns=["weight", "income"])
    d = micro.scan(survey_files["dta"], weight="weight", strata="stratum", psu="psu", progress=False)
    with pytest.raises(
        gendex.UnknownKeyError, match=r"survey\.dta, column 'income': not in the file \(columns: weight,"
    ):
        micro.mean(d, "income")
    with pytest.raises(gendex.UnknownKeyError, match=r"survey\.dta, column 'w': not in the file") as e:
        micro.scan(survey_files["dta"], weight="w")
    assert e.value.file == str(survey_files["dta"]) and e.value.column == "w"
    with pytest.raises(gendex.InputError, match=r"replicate weights of partitioned data must be column names"):
        micro.scan(survey_files["dta"], weight="weight", replicate_weights=np.ones((5000, 3)))
    with pytest.raises(gendex.InputError, match=r"'where' of a partitioned design must be a boolean column name"):
        micro.mean(d, "y", where=file_survey["age"] >= 15)
    bad = file_survey.copy()
    bad.loc[3456, "weight"] = -1.0
    path = tmp_path / "bad.parquet"
    bad.to_parquet(path, row_group_size=1000)
    scanned = micro.scan(path, weight="weight", strata="stratum", psu="psu")
    with pytest.raises(gendex.InputError, match=r"weight -1 must be a finite number > 0") as e:
        micro.mean(scanned, "y")
    assert e.value.row == 3456  # its position in the file, not in its chunk (3456 - 3000)


def test_scan_needs_no_dask(survey_files: dict[str, Path]) -> None:
    code = (
        "import sys\n"
        "from gendex import micro\n"
        f"d = micro.scan({str(survey_files['parquet'])!r}, weight='weight', strata='stratum', psu='psu')\n"
        "print(round(float(micro.mean(d, 'y')['estimate'].iloc[0]), 4))\n"
        "print(sorted(m for m in sys.modules if m == 'dask' or m.startswith('dask.')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split("\n")
    assert out[1] == "[]", out


def test_an_empty_chunk_adds_nothing(file_survey: pd.DataFrame, tmp_path: Path) -> None:
    # A Parquet file whose first row group is empty (a chunk alone: the next does not fit with it), and a
    # dask frame whose first partition is empty: the index inputs equal the in-memory ones (an empty
    # chunk's accumulator held no variables and could not be merged).
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pandas(file_survey, preserve_index=False)
    path = tmp_path / "gap.parquet"
    with pq.ParquetWriter(path, table.schema) as writer:
        for part in (table.slice(0, 0), table.slice(0, 2500), table.slice(2500)):
            writer.write_table(part)
    columns = {"age": "age", "labour_force": "in_lf", "sex_codes": SEX}
    whole = micro.Design(file_survey, weight="weight", strata="stratum", psu="psu")
    want = micro.index_inputs(whole, 2023, "stratum", "sex", **columns).to_frame()
    designs: list[Any] = [micro.scan(path, weight="weight", strata="stratum", psu="psu", chunk_rows=2000)]
    assert designs[0].partitions == 3
    dd = pytest.importorskip("dask.dataframe")
    gdask = pytest.importorskip("gendex.dask")
    ddf = dd.concat([dd.from_pandas(file_survey.iloc[:0], npartitions=1), dd.from_pandas(file_survey, npartitions=2)])
    designs.append(gdask.Design(ddf, weight="weight", strata="stratum", psu="psu", progress=False))
    for d in designs:
        got = micro.index_inputs(d, 2023, "stratum", "sex", **columns).to_frame()
        assert close(got["value"], want["value"]) and close(got["se"], want["se"])
        m = micro.mean(d, "y", by="sex")
        assert close(m["se"], micro.mean(whole, "y", by="sex")["se"])


def test_a_pyarrow_dataset_is_read_as_record_batches(file_survey: pd.DataFrame, tmp_path: Path) -> None:
    # A Hive-partitioned folder (one folder per stratum), as a pyarrow dataset: its record batches are
    # joined into chunks of at most chunk_rows rows, and give the in-memory estimates. The partition
    # column comes back as a dictionary (categorical) column, coded by its categories.
    import pyarrow.dataset as pads

    folder = tmp_path / "hive"
    file_survey.to_parquet(folder, partition_cols=["stratum"])
    dataset = pads.dataset(folder, partitioning="hive")
    d = micro.scan(dataset, weight="weight", strata="stratum", psu="psu", chunk_rows=1500, progress=False)
    assert d.rows == 5000 and d.partitions >= 4  # 10 partition files of about 500 rows, joined up to 1500
    whole = micro.Design(file_survey, weight="weight", strata="stratum", psu="psu")
    a = micro.mean(d, "y", by="sex", where=lambda df: df["age"] >= 15)
    b = micro.mean(whole, "y", by="sex", where=file_survey["age"] >= 15)
    assert a["n"].tolist() == b["n"].tolist()
    assert close(a["estimate"], b["estimate"]) and close(a["se"], b["se"])
    with pytest.raises(gendex.UnknownKeyError, match=r"column 'income': not in the file"):
        micro.scan(dataset, weight="weight", columns=["income"])
    gdask = pytest.importorskip("gendex.dask")
    with pytest.raises(gendex.InputError, match=r"gendex\.dask\.read takes a file or folder"):
        gdask.read(dataset)


# ------------------------------------------------------------ reading the next chunk ahead


def test_read_ahead_gives_the_chunks_in_order_and_raises_a_reading_error_where_it_came():
    from gendex._file_chunks import read_ahead

    def chunks(fail_at=None):
        for k in range(5):
            if k == fail_at:
                raise gendex.InputError(f"chunk {k}: not a readable row group")
            yield pd.DataFrame({"k": [k, k]})

    got = [int(f["k"].iloc[0]) for f in read_ahead(chunks())]
    assert got == [0, 1, 2, 3, 4]
    seen = []
    with pytest.raises(gendex.InputError, match="chunk 3: not a readable row group"):
        seen.extend(int(f["k"].iloc[0]) for f in read_ahead(chunks(fail_at=3)))
    assert seen == [0, 1, 2]  # the chunks before the error, then the error itself


def test_read_ahead_stops_its_reader_and_closes_the_source_when_the_caller_stops():
    import threading

    from gendex._file_chunks import read_ahead

    read, closed = [], threading.Event()

    def chunks():
        try:
            for k in range(100):
                read.append(k)
                yield pd.DataFrame({"k": [k]})
        finally:
            closed.set()

    ahead = read_ahead(chunks())
    assert int(next(ahead)["k"].iloc[0]) == 0
    ahead.close()  # the caller stops (an error in its pass, Ctrl-C): the helper is joined here
    assert closed.is_set()
    assert len(read) <= 3  # the caller's chunk, one ready, one being read: not the whole file
    assert not any(t.name == "gendex-read-ahead" for t in threading.enumerate())
