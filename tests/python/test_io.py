"""Readers: UNDP HDR wide files, tidy CSV, encodings, region tables."""

from __future__ import annotations

import csv
import os
import stat
import threading

import pandas as pd
import pytest
from conftest import HDR25, HDR_FILES

import gendex


def count_mapped_cells(path) -> tuple[int, int]:
    """(rows, non-empty cells of mapped columns), counted independently of the C++ reader."""
    stems = {c.stem for c in gendex.hdr_columns()}
    # latin-1 maps every byte to one character, so the count ignores the file's real encoding.
    with open(path, newline="", encoding="latin-1") as f:
        reader = csv.reader(f)
        header = next(reader)
        mapped = [len(h) > 5 and h[-5] == "_" and h[-4:].isdigit() and h[:-5] in stems for h in header]
        rows = cells = 0
        for fields in reader:
            assert len(fields) == len(header)
            rows += 1
            cells += sum(1 for m, cell in zip(mapped, fields) if m and cell.strip())
    return rows, cells


@pytest.mark.parametrize("path", HDR_FILES, ids=lambda p: p.name.split("_")[0])
def test_read_hdr_gives_one_row_per_non_empty_mapped_cell(path):
    rows, cells = count_mapped_cells(path)
    assert rows == 206  # 195 countries + 11 aggregates
    assert cells > 150_000
    ds = gendex.read_hdr(path)
    assert len(ds) == cells
    assert len(ds.regions) == 206


def test_hdr_columns_are_the_core_mapping():
    columns = gendex.hdr_columns()
    assert [tuple(c) for c in columns] == gendex._core.hdr_columns()
    by_stem = {c.stem: c for c in columns}
    assert by_stem["gni_pc_f"] == ("gni_pc_f", "gni_per_capita", "female", "")
    assert by_stem["pop_total"].unit == "millions"
    assert len(columns) == 35


def test_read_hdr_maps_published_values(hdr25):
    ds = hdr25
    assert ds.value("NOR", 2023, "total", "hdi") == 0.97
    assert ds.value("NOR", 1990, "T", "hdi") == 0.856
    assert ds.value("NOR", 2023, "female", "maternal_mortality") == 1.663741403
    assert ds.value("NOR", 2023, "total", "population") == 5.519167
    row = ds.row(ds.find("NOR", 2023, "total", "population"))
    assert row.unit == "millions"
    assert row.source == HDR25.name
    assert ds.row(0).source == HDR25.name


def test_read_hdr_regions():
    h = gendex.read_hdr_regions(HDR25)
    assert len(h) == 206
    assert h.by_code("CIV").name == "C\u00f4te d'Ivoire"  # cp1252 in the file, UTF-8 here
    assert h.by_code("CIV").parent == "ZZJ.SSA"
    assert h.by_name("norway").code == "NOR"
    assert h.by_code("ZZK.WORLD").level == "aggregate"
    assert h.parent("ZZK.WORLD") is None


def test_tidy_csv_write_read_is_bit_for_bit(hdr25, tmp_path):
    path = tmp_path / "hdr25.csv"
    hdr25.to_csv(path)
    assert gendex.read_csv(path) == hdr25
    assert path.read_text(encoding="utf-8") == hdr25.to_csv_text()


def test_read_csv_normalises_sex_codes_and_reads_optional_columns(tmp_path):
    path = tmp_path / "in.csv"
    path.write_text(
        "indicator, region ,period,sex,value,se,age_group\n"
        "life_expectancy,IDN,2020,P,73.5,0.1,\n"
        "life_expectancy,IDN,2020,L,69.5,,\n"
        "labour_force_participation,IDN,2020,F,53.1,,15+\n",
        encoding="utf-8",
    )
    ds = gendex.read_csv(str(path))
    assert len(ds) == 3
    assert ds.value("IDN", 2020, "female", "life_expectancy") == 73.5
    assert ds.value("IDN", 2020, "male", "life_expectancy") == 69.5
    assert ds.value("IDN", 2020, "F", "labour_force_participation", "15+") == 53.1
    assert ds.se[0] == 0.1


def test_read_csv_cp1252_and_encoding_argument(tmp_path):
    path = tmp_path / "cp.csv"
    path.write_bytes(b"region,period,sex,indicator,value\nC\xf4te,2020,F,life_expectancy,60\n")
    assert gendex.read_csv(path).regions == ["C\u00f4te"]
    assert gendex.read_csv(path, encoding="cp1252").regions == ["C\u00f4te"]
    with pytest.raises(gendex.InputError, match="invalid UTF-8 byte"):
        gendex.read_csv(path, encoding="utf-8")
    with pytest.raises(gendex.UnknownKeyError) as e:
        gendex.read_csv(path, encoding="latin9")
    assert str(e.value) == "unknown encoding 'latin9' (use auto, utf-8 or cp1252)"


def test_read_csv_with_a_custom_registry(tmp_path):
    path = tmp_path / "own.csv"
    path.write_text("region,period,sex,indicator,value\nIDN,2020,F,village_heads_share,4.5\n", encoding="utf-8")
    with pytest.raises(gendex.UnknownKeyError, match="unknown indicator 'village_heads_share'"):
        gendex.read_csv(path)
    registry = gendex.IndicatorRegistry.standard()
    registry.register("village_heads_share", "Share of village heads", "%", 0, 100, scope="by_sex")
    ds = gendex.read_csv(path, registry=registry)
    assert ds.value("IDN", 2020, "female", "village_heads_share") == 4.5


def _null_device(path) -> bool:
    """A character device with /dev/null's numbers (1, 3) in the test's folder; only root may make one."""
    try:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except PermissionError:
        return False
    return True


def test_writes_keep_device_nodes_fifos_and_permissions(tmp_path):
    """Review H1: Dataset.to_csv, Dataset.save and RegionHierarchy.save replaced any target by a regular file."""
    ds = gendex.Dataset.from_frame(
        pd.DataFrame(
            {
                "region": ["6203"],
                "period": [2021],
                "sex": ["female"],
                "indicator": ["parliament_share"],
                "value": [10.0],
            }
        )
    )
    dev = tmp_path / "fake-null"
    if _null_device(dev):
        ds.to_csv(dev)
        ds.save(dev)
        assert stat.S_ISCHR(os.lstat(dev).st_mode)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    ds.to_csv(fifo)
    reader.join()
    assert received == [b"region,period,sex,indicator,value\n6203,2021,female,parliament_share,10\n"]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    private = tmp_path / "private.csv"
    private.write_text("old\n")
    private.chmod(0o600)
    ds.to_csv(private)
    assert stat.S_IMODE(os.lstat(private).st_mode) == 0o600
    assert private.read_text().startswith("region,period,sex")
