"""Regression tests of the reliability review's low defects (../shared/reviews/reliability-review-63e2b5c.md):
each failed on 63e2b5c and passes now."""

from __future__ import annotations

import os
import stat

import pandas as pd
import pytest
from conftest import DATA

import gendex
from gendex.cli import main

KALTENG = DATA / "bps" / "kalteng_2010_2021.csv"
HEADER = "region,period,sex,indicator,value\n"


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_l1_a_nul_byte_is_named_whole_and_utf16_files_are_read(tmp_path):
    nul = tmp_path / "nul.csv"
    nul.write_bytes((HEADER + "A\x00B,2020,total,population,1\n").encode())
    with pytest.raises(gendex.InputError) as error:
        gendex.read_csv(nul)
    # At 63e2b5c the message stopped at the NUL ("... region 'A").
    assert str(error.value).endswith(r"region 'A\x00B' contains the control character 0x00 at position 2")
    for encoding in ("utf-16", "utf-16-be", "utf-32"):
        path = tmp_path / f"{encoding}.csv"
        bom = {"utf-16": b"", "utf-16-be": b"\xfe\xff", "utf-32": b""}[encoding]
        path.write_bytes(bom + (HEADER + "Côte d'Ivoire,2020,total,population,1.5\n").encode(encoding))
        frame = gendex.read_csv(path).to_frame()  # Excel's "Unicode text" is UTF-16 LE with a BOM
        assert frame["region"].tolist() == ["Côte d'Ivoire"] and frame["value"].tolist() == [1.5], encoding


def test_l3_compute_writes_neither_output_when_the_report_cannot_be_written(capsys, tmp_path):
    output = tmp_path / "ipg.csv"
    output.write_text("the previous results\n")
    report = tmp_path / "missing-folder" / "report.csv"
    code, _, err = run(capsys, "compute", "ipg", "--input", KALTENG, "--output", output, "--report", report)
    assert code == 2 and "report.csv" in err
    assert output.read_text() == "the previous results\n"  # at 63e2b5c --output was already replaced
    # A report path that is a folder is found only when writing: still nothing written, no temporary file left.
    folder = tmp_path / "a-folder"
    folder.mkdir()
    code, _, err = run(capsys, "compute", "ipg", "--input", KALTENG, "--output", output, "--report", folder)
    assert code == 2 and "is a folder" in err
    assert output.read_text() == "the previous results\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-folder", "ipg.csv"]
    # Both written when both can be.
    code, _, err = run(capsys, "compute", "ipg", "--input", KALTENG, "--output", output, "--report", tmp_path / "r.csv")
    assert code == 0, err
    assert output.read_text().startswith("region,period,sex,indicator,value")


def test_l3_the_core_writes_several_files_all_or_none(tmp_path):
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text("old a")
    first.chmod(0o640)
    with pytest.raises(gendex.InputError, match="is a folder"):
        gendex._core.write_files([(str(first), b"new a"), (str(tmp_path), b"new b")])
    assert first.read_text() == "old a" and not second.exists()
    gendex._core.write_files([(str(first), b"new a"), (str(second), b"new b")])
    assert first.read_text() == "new a" and second.read_text() == "new b"
    assert stat.S_IMODE(os.stat(first).st_mode) == 0o640  # the replaced file keeps its permissions
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt"]


def test_l4_a_file_mixing_utf8_and_cp1252_is_refused_with_the_line(tmp_path):
    path = tmp_path / "mixed.csv"
    path.write_bytes(HEADER.encode() + "Côte,2020,total,population,1\n".encode() + b"X\xe9,2020,total,population,2\n")
    # At 63e2b5c the whole file was decoded as cp1252, and its valid UTF-8 became mojibake.
    with pytest.raises(gendex.InputError, match=r"mixed.csv: line 3: the file mixes UTF-8 with another encoding"):
        gendex.read_csv(path)
    cp1252 = tmp_path / "cp1252.csv"
    cp1252.write_bytes(HEADER.encode() + "Côte,2020,total,population,1\n".encode("cp1252"))
    assert gendex.read_csv(cp1252).regions == ["Côte"]  # one encoding throughout is still recognised


def test_l5_control_characters_in_keys_are_refused_by_every_way_in(tmp_path):
    frame = pd.DataFrame(
        {"region": ["A\x01"], "period": [2020], "sex": ["total"], "indicator": ["population"], "value": [1.0]}
    )
    with pytest.raises(gendex.InputError, match=r"region 'A\\x01' contains the control character 0x01"):
        gendex.Dataset.from_frame(frame)
    with pytest.raises(gendex.InputError, match=r"source 'x\\x1By' contains the control character 0x1B"):
        gendex.Dataset.from_frame(frame.assign(region="A", source="x\x1by"))
    path = tmp_path / "ctl.csv"
    path.write_text(HEADER + "A\x07,2020,total,population,1\n")
    with pytest.raises(gendex.InputError, match=r"ctl.csv: line 2, column 'region'"):
        gendex.read_csv(path)


def test_l7_a_number_beyond_a_double_is_not_called_non_numeric(tmp_path):
    for text in ("1e309", "-1e309", "1e-400"):
        path = tmp_path / "big.csv"
        path.write_text(HEADER + f"A,2020,total,population,{text}\n")
        with pytest.raises(gendex.InputError, match=rf"value '{text}' is outside the range of a double"):
            gendex.read_csv(path)
    path.write_text(HEADER + "A,2020,total,population,abc\n")
    with pytest.raises(gendex.InputError, match="non-numeric value 'abc'"):
        gendex.read_csv(path)


def test_l8_top_must_be_one_or_more(capsys):
    for top in ("-1", "0", "x"):
        code, _, err = run(capsys, "compute", "ipg", "--input", KALTENG, "--top", top)
        assert code == 2 and "--top" in err, top  # at 63e2b5c -1 wrapped to "all"


def test_l9_periods_are_years(tmp_path):
    for period in (-2021, 0, 99, 10000):
        frame = pd.DataFrame(
            {"region": ["A"], "period": [period], "sex": ["total"], "indicator": ["population"], "value": [1.0]}
        )
        with pytest.raises(gendex.InputError, match=rf"period {period} is not a year between 1000 and 9999"):
            gendex.Dataset.from_frame(frame)
        path = tmp_path / "p.csv"
        path.write_text(HEADER + f"A,{period},total,population,1\n")
        with pytest.raises(gendex.InputError, match=r"p.csv: line 2, column 'period'"):
            gendex.read_csv(path)
