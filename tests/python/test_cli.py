"""The gendex command (gendex.cli): every command, its printed tables, exit codes and outputs.

Ported from the C++ command line's tests (tests/cpp/test_cli.cpp, test_cli_compute.cpp and the CLI parts of
test_file.cpp) with the same expected values; the printed tables now have a name column when region names are
known, so rows are read by column instead of by position. Commands run in-process through
``gendex.cli.main(argv)``; a few run as ``python -m gendex.cli`` in a subprocess.
"""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pandas as pd
import pytest
from conftest import DATA, HDR25, HDR_FILES

import gendex
from gendex.cli import COMMANDS, main
from gendex.cli.common import default_edition

KALTENG = DATA / "bps" / "kalteng_2010_2021.csv"
REGIONS = DATA / "bps" / "regions.csv"


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    """Run ``gendex ARGS`` in-process: exit code, stdout, stderr."""
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def table(out: str, title: str, left: int = 2) -> list[dict[str, str]]:
    """The rows of the printed table under the line containing ``title``, as header -> cell.

    The first ``left`` columns are left-aligned (code and name), the others right-aligned under their header, so
    an empty cell is read as "".
    """
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if title in line)
    spans = [(m.start(), m.end(), m.group(0)) for m in re.finditer(r"\S+(?: \S+)*", lines[start + 1])]
    assert set(lines[start + 2]) == {"-"}, out
    rows = []
    for line in lines[start + 3 :]:
        if len(re.split(r"\s{2,}", line.strip())) < 2:
            break
        row = {}
        for j, (begin, end, name) in enumerate(spans):
            if j < left - 1 or j == len(spans) - 1 < left:
                row[name] = line[begin : spans[j + 1][0] if j + 1 < len(spans) else None].strip()
            elif j == left - 1:  # the last left-aligned cell, then the first right-aligned one
                parts = re.split(r"\s{2,}", line[begin : spans[j + 1][1]].strip())
                row[name] = parts[0]
            elif j == left:
                row[name] = parts[1] if len(parts) > 1 else ""
            else:
                row[name] = line[spans[j - 1][1] : end].strip()
        rows.append(row)
    return rows


def words_of(out: str, first: str) -> list[str]:
    """Every printed line starting with ``first``, its words joined by one space."""
    return [" ".join(line.split()) for line in out.splitlines() if line.startswith(first + " ")]


# ------------------------------------------------------------------ commands


def test_help_lists_every_command(capsys):
    code, out, _ = run(capsys, "--help")
    assert code == 0
    for command in ("audit", "convert", "compute", "priorities", "editions", "template", "report"):
        assert re.search(rf"^\s+{command}\s", out, re.M), command
    assert set(COMMANDS) == {"audit", "convert", "compute", "priorities", "analyse", "editions", "template", "report"}
    for command in COMMANDS:
        code, out, _ = run(capsys, command, "--help")
        assert code == 0 and out.startswith(f"usage: gendex {command}"), command
    code, _, err = run(capsys)
    assert code == 2 and "gendex: " in err


def test_python_dash_m_runs_the_command(tmp_path):
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(Path(gendex.__file__).parents[1]), os.environ.get("PYTHONPATH", "")]),
    }
    done = subprocess.run(
        [sys.executable, "-m", "gendex.cli", "--help"], capture_output=True, text=True, env=env, cwd=tmp_path
    )
    assert done.returncode == 0
    assert all(command in done.stdout for command in COMMANDS)
    done = subprocess.run(
        [sys.executable, "-m", "gendex.cli", "frobnicate"], capture_output=True, text=True, env=env, cwd=tmp_path
    )
    assert done.returncode == 2 and "gendex: " in done.stderr


def test_convert_hdr_to_tidy(capsys, tmp_path):
    out_file = tmp_path / "tidy.csv"
    code, out, err = run(capsys, "convert", "--input", HDR25, "--input-format", "hdr-wide", "--output", out_file)
    assert code == 0, err
    assert "wrote 176674 observations" in out
    assert len(gendex.read_csv(out_file)) == 176674


def test_audit_prints_and_writes_the_report(capsys, tmp_path):
    source = tmp_path / "in.csv"
    source.write_text(
        "region,period,sex,indicator,value\n6203,2021,P,parliament_share,10\n"
        "6203,2021,L,parliament_share,90\n6271,2021,T,parliament_share,100\n"
    )
    code, out, err = run(capsys, "audit", "--input", source, "--output", tmp_path / "audit.csv")
    assert code == 0, err
    # units 2, F and M 1, complement 0, total only 1, one sex 0, missing 0, sum off 0, 50.0 %
    assert words_of(out, "parliament_share") == ["parliament_share 2 1 0 1 0 0 0 50.0"]
    report = (tmp_path / "audit.csv").read_text()
    assert "6271,2021,parliament_share,,total_only,0,0,1,," in report
    assert "6203,2021,parliament_share,,disaggregated,1,1,0,ok,0" in report


def test_audit_covers_every_indicator_of_the_input(capsys, tmp_path):
    """Issue 10 item 7: mean schooling (RLS) sent as totals only was not audited (not marked by-sex)."""
    source = tmp_path / "rls.csv"
    source.write_text(
        "region,period,sex,indicator,value\n6203,2021,total,mean_schooling,8.1\n"
        "6203,2021,female,life_expectancy,72\n6203,2021,male,life_expectancy,68\n"
        "6203,2021,total,ipg,95.3\n"
    )
    code, out, err = run(capsys, "audit", "--input", source)
    assert code == 0, err
    assert "Every audited indicator" not in out
    assert words_of(out, "mean_schooling")[0] == "mean_schooling 1 0 0 1 0 0 0 0.0"
    assert words_of(out, "life_expectancy")[0] == "life_expectancy 1 1 0 0 0 0 0 100.0"
    assert "Not audited (by definition a total or about women only): ipg" in out
    assert table(out, "Not disaggregated by sex (1 region-period-indicators)", left=2) == [  # BPS codes get names
        {"region": "6203", "name": "Kapuas", "period": "2021", "indicator": "mean_schooling", "coverage": "total_only"}
    ]
    # --expected: the indicators that should be there
    code, out, err = run(capsys, "audit", "--input", source, "--expected", "population,life_expectancy", "--lang", "id")
    assert code == 0, err
    assert words_of(out, "population") == ["population 1 0 0 0 0 1 0 0.0"]
    assert "Belum terpilah menurut jenis kelamin (1 wilayah-tahun-indikator)" in out
    # an empty input says so
    empty = tmp_path / "empty.csv"
    empty.write_text("region,period,sex,indicator,value\n")
    code, out, err = run(capsys, "audit", "--input", empty, "--output", tmp_path / "a.csv")
    assert code == 2 and "empty.csv: no observations to audit" in err
    assert not (tmp_path / "a.csv").exists()


def test_bad_input_exits_with_code_2_and_writes_nothing(capsys, tmp_path):
    source = tmp_path / "bad.csv"
    source.write_text("region,period,sex,indicator,value\nIDN,2020,X,hdi,0.7\n")
    out_file = tmp_path / "out.csv"
    code, _, err = run(capsys, "convert", "--input", source, "--output", out_file)
    assert code == 2
    assert "bad.csv: line 2, column 'sex': unknown sex code 'X'" in err
    assert err.startswith("gendex: ")
    assert not out_file.exists()
    assert run(capsys, "convert", "--input", source)[0] == 2  # --output missing
    assert run(capsys, "frobnicate")[0] == 2
    code, out, _ = run(capsys, "audit", "--help")
    assert code == 0 and "--input" in out


# ------------------------------------------------------------------- compute


def test_gdi_of_hdr25_matches_the_published_gdi_column(capsys, tmp_path, hdr25):
    out_file = tmp_path / "x.csv"
    code, out, err = run(
        capsys,
        "compute",
        "gdi",
        "--input",
        HDR25,
        "--input-format",
        "hdr-wide",
        "--edition",
        "hdr2025",
        "--output",
        out_file,
    )
    assert code == 0, err
    assert "gdi (edition hdr2025): 5243 of " in out
    written = gendex.read_csv(out_file)
    frame = hdr25.to_frame()
    published = frame[frame["indicator"] == "gdi"]
    mine = written.to_frame().set_index(["region", "period", "sex", "indicator"])["value"]
    for region, period, value in zip(published["region"], published["period"], published["value"]):
        assert gendex.round_half_up(mine[(region, period, "total", "gdi")], 3) == value, (region, period)
    assert len(published) == 5243
    assert int((written.to_frame()["indicator"] == "gdi").sum()) == 5243
    # full precision: bit for bit the library's values
    assert written == gendex.compute("gdi", hdr25, "hdr2025", "skip").values
    assert written.find("NOR", 2023, "female", "hdi") is not None
    assert written.value("NOR", 2023, "total", "gdi_group") == 1


def test_compute_prints_the_latest_period_names_and_the_skipped_units(capsys, tmp_path):
    args = ["compute", "gii", "--input", HDR25, "--input-format", "hdr-wide", "--edition", "hdr2025", "--top", "5"]
    code, out, err = run(capsys, *args)
    assert code == 0, err
    assert "Gender Inequality Index, 2023" in out
    rows = table(out, "Gender Inequality Index, 2023")
    # the first row: HDR25's rank 1, Denmark, GII 0.003, beside the file's own 0.003
    row = rows[0]
    assert (row["region"], row["name"], row["gii recomputed"], row["gii_rank"]) == ("DNK", "Denmark", "0.003", "1")
    assert row["gii published"] == "0.003"
    assert list(row)[2:4] == ["gii published", "gii recomputed"]  # the publisher's figure first
    assert len(rows) == 5
    assert (
        "Published gii in the input: 4913 region-periods compared with the recomputation, 0 differ at 3 decimals" in out
    )
    assert "Skipped region-periods (first 10 shown; --report FILE writes all):\n" in out
    assert words_of(out, "AFG")[0] == "AFG Afghanistan 1990 parliament_share (female) is missing"
    # --show picks regions (codes or names, any case); --report takes the lists
    report = tmp_path / "report.csv"
    code, out, err = run(capsys, *args, "--show", "idn,Norway", "--report", report)
    assert code == 0, err
    assert "(2 region-periods" in out
    shown = [r["region"] for r in table(out, "Gender Inequality Index")]
    assert sorted(shown) == ["IDN", "NOR"]
    assert f"skipped region-periods and notes: {report}" in out
    csv = report.read_text()
    assert csv.startswith("kind,region,period,indicator,sex,problem,message\n")
    assert "skipped,AFG,1990,parliament_share,female,missing,parliament_share (female) is missing\n" in csv
    code, _, err = run(capsys, *args, "--show", "Atlantis")
    assert code == 2 and "--show 'Atlantis'" in err


def test_set_overrides_an_edition_constant(capsys, tmp_path):
    out_file = tmp_path / "gii.csv"
    code, _, err = run(
        capsys,
        "compute",
        "gii",
        "--input",
        HDR_FILES[1],
        "--input-format",
        "hdr-wide",
        "--edition",
        "hdr2023-24",
        "--set",
        "gii_parliament_floor=0.1",
        "--output",
        out_file,
    )
    assert code == 0, err
    ds = gendex.read_csv(out_file)
    assert gendex.round_half_up(ds.value("QAT", 2016, "total", "gii"), 3) == 0.515  # published 0.650
    assert ds.row(0).source == "gendex gii, edition hdr2023-24+custom"


def test_compute_bad_input_exits_with_2_and_writes_nothing(capsys, tmp_path):
    out_file = tmp_path / "x.csv"
    common = ["--input", HDR25, "--input-format", "hdr-wide", "--output", out_file]
    code, _, err = run(capsys, "compute", "hdi", *common, "--edition", "hdr2025", "--on-invalid", "raise")
    assert code == 2
    assert "gendex: region 'AND', period 1990: mean_schooling (total) is missing; cannot compute hdi" in err
    assert not out_file.exists()
    code, _, err = run(capsys, "compute", "hdi", *common, "--edition", "hdr2030")
    assert code == 2 and "unknown edition 'hdr2030'; known editions: hdr2021-22" in err
    code, _, err = run(capsys, "compute", "hdi", *common, "--edition", "hdr2025", "--set", "gii_floor=1")
    assert code == 2 and "unknown edition constant 'gii_floor'" in err
    code, _, err = run(capsys, "compute", "hdi", *common, "--edition", "hdr2025", "--set", "gii_parliament_floor=abc")
    assert code == 2 and "'abc' is not a number" in err
    assert run(capsys, "compute", "ipx", *common, "--edition", "hdr2025")[0] == 2
    assert run(capsys, "compute", "hdi", *common, "--edition", "hdr2025", "--on-invalid", "ignore")[0] == 2
    assert not out_file.exists()
    bad = tmp_path / "bad.csv"
    bad.write_text("region,period,sex,indicator,value\nNOR,2023,T,life_expectancy,-3\n")
    code, _, err = run(capsys, "compute", "hdi", "--input", bad, "--edition", "hdr2025", "--output", out_file)
    assert code == 2 and "bad.csv: line 2" in err
    assert not out_file.exists()


def test_edition_defaults_to_bps_for_bps_indices_and_hdr2025_for_undp_ones(capsys):
    assert default_edition("ipg") == "bps" and default_edition("ikg") == "bps"
    assert default_edition("gii") == "hdr2025" and default_edition("hdi") == "hdr2025"
    code, out, err = run(capsys, "compute", "ipg", "--input", KALTENG, "--top", "1")
    assert code == 0, err
    assert "ipg (edition bps): 166 of 166 region-periods computed" in out
    code, out, err = run(capsys, "compute", "gii", "--input", HDR25, "--input-format", "hdr-wide", "--top", "1")
    assert code == 0, err
    assert "gii (edition hdr2025)" in out


def test_ipg_of_kalimantan_tengah_in_indonesian(capsys, tmp_path):
    """The Pokja PUG's job: IPG of Kalimantan Tengah with BPS's edition, labels in Indonesian."""
    out_file = tmp_path / "ipg.csv"
    code, out, err = run(
        capsys,
        "compute",
        "ipg",
        "--input",
        KALTENG,
        "--edition",
        "bps",
        "--lang",
        "id",
        "--top",
        "3",
        "--show",
        "6203",
        "--output",
        out_file,
    )
    assert code == 0, err
    assert "Indeks Pembangunan Gender (IPG), 2021" in out
    assert "ipm (Perempuan)" in out and "ipm (Laki-laki)" in out
    # Kapuas 2021 from its components: IPG 95.33, IPM_P 68.65, IPM_L 72.02 (2 decimals, as BPS prints);
    # BPS's own IPG (from unrounded components) is 95.32, printed beside it and flagged.
    [kapuas] = table(out, "Indeks Pembangunan Gender (IPG), 2021", left=1)
    assert (kapuas["kode"], kapuas["ipg hitung ulang"], kapuas["ipm (Perempuan)"], kapuas["ipm (Laki-laki)"]) == (
        "6203",
        "95.33",
        "68.65",
        "72.02",
    )
    assert (kapuas["ipg resmi"], kapuas["selisih"]) == ("95.32", "+0.01")
    assert re.search(
        r"Angka resmi ipg di input: 166 wilayah-tahun dibandingkan dengan hitungan ulang, \d+ berbeda "
        r"pada 2 desimal",
        out,
    )
    assert "ipg (edisi bps): 166 dari 166 wilayah-tahun dihitung" in out and "region-periods" not in out
    written = gendex.read_csv(out_file)
    assert written.value("6203", 2021, "total", "ipg") == pytest.approx(95.33, abs=0.005)
    assert run(capsys, "compute", "ipg", "--input", KALTENG, "--edition", "bps", "--lang", "fr")[0] == 2


def test_region_names_from_regions_file_and_show_by_name(capsys, tmp_path):
    code, out, err = run(
        capsys, "compute", "ipg", "--input", KALTENG, "--regions", REGIONS, "--show", "kapuas,Palangka Raya"
    )
    assert code == 0, err
    rows = table(out, "Indeks Pembangunan Gender (BPS), 2021")
    assert {(r["region"], r["name"]) for r in rows} == {
        ("6203", "Kapuas"),
        ("6271", "Kota Palangka Raya"),
    }  # BPS capitals, title-cased
    # --header-lang: an --output for people, headers and labels in Indonesian
    out_file = tmp_path / "ipg_id.csv"
    code, _, err = run(
        capsys, "compute", "ipg", "--input", KALTENG, "--regions", REGIONS, "--output", out_file, "--header-lang", "id"
    )
    assert code == 0, err
    frame = pd.read_csv(out_file, dtype=str, keep_default_na=False)
    assert list(frame.columns[:6]) == [
        "Kode wilayah",
        "Wilayah",
        "Tahun",
        "Kode jenis kelamin",
        "Jenis kelamin",
        "Kode indikator",
    ]
    assert "Indeks Pembangunan Gender (IPG)" in set(frame["Indikator"])
    assert "Perempuan" in set(frame["Jenis kelamin"])


def test_empty_result_names_the_missing_inputs_and_exits_2(capsys, tmp_path):
    """Issue 11: ipm on by-sex data printed "0 of 0 region-periods computed" and exited 0. It computes every
    sex now (test_ipm_of_inputs_by_sex); an input without any IPM component still exits 2, naming them."""
    out_file = tmp_path / "ipm.csv"
    empowerment = tmp_path / "idg.csv"
    empowerment.write_text(
        "region,period,sex,indicator,value\n62,2020,female,parliament_share,20\n62,2020,total,idg,70\n"
    )
    code, _, err = run(capsys, "compute", "ipm", "--input", empowerment, "--output", out_file)
    assert code == 2
    assert "ipm could not be computed for any region-year" in err
    assert "needs: life_expectancy, expected_schooling, mean_schooling, per_capita_expenditure (total); or " in err
    assert "ipm: no region-period has life_expectancy for total, expected_schooling for total" in err
    assert "Not in the input: life_expectancy (" in err
    assert not out_file.exists()
    # some region-years with inputs, all skipped: the reasons, counted
    source = tmp_path / "gii.csv"
    source.write_text(
        "region,period,sex,indicator,value\nIDN,2020,female,maternal_mortality,170\n"
        "IDN,2021,female,maternal_mortality,160\n"
    )
    code, _, err = run(capsys, "compute", "gii", "--input", source)
    assert code == 2
    assert "(female) missing for 2 region-years" in err


def test_ipm_of_inputs_by_sex(capsys, tmp_path):
    """Issue 11: compute ipm computes the IPM of every sex present; by sex it is the IPM of ipg's output."""
    out_file = tmp_path / "ipm.csv"
    code, out, err = run(capsys, "compute", "ipm", "--input", KALTENG, "--output", out_file)
    assert code == 0, err
    assert "ipm (edition bps): 332 of 332 region-periods computed" in out
    assert len(pd.read_csv(out_file)) == 8 * 166
    ipm = gendex.compute("ipm", gendex.read_csv(KALTENG)).frame
    ipg = gendex.compute("ipg", gendex.read_csv(KALTENG)).frame
    keys = ["region", "period", "sex", "indicator"]
    merged = ipg[ipg.indicator.str.startswith("ipm")].merge(ipm, on=keys, suffixes=("_ipg", "_ipm"))
    assert len(merged) == len(ipm) == 8 * 166
    assert (merged.value_ipg == merged.value_ipm).all()


# ---------------------------------------------------------------- priorities


def test_priorities_of_kapuas_ipg_ranked_and_written(capsys, tmp_path):
    out_file = tmp_path / "priorities.csv"
    code, out, err = run(
        capsys, "priorities", "ipg", "--input", KALTENG, "--edition", "bps", "--show", "6203", "--output", out_file
    )
    assert code == 0, err
    # Kapuas 2021: women's expenditure at men's level would lift the IPG from 95.33 to 98.52;
    # expected schooling, where women are ahead, would lower it.
    kapuas = words_of(out, "6203")
    assert len(kapuas) == 4
    assert kapuas[0] == "6203 Kapuas 1 per_capita_expenditure 95.33 98.52 3.189"  # BPS codes get names
    assert kapuas[3] == "6203 Kapuas 4 expected_schooling 95.33 95.27 -0.058"
    lines = out_file.read_text().splitlines()
    assert lines[0] == "region,period,index,component,value,at_parity,gain,rank"
    assert len(lines) - 1 == 4 * 166  # four components of every region-period with an IPG
    code, out, _ = run(
        capsys, "priorities", "ipg", "--input", KALTENG, "--show", "Kapuas", "--regions", REGIONS, "--lang", "id"
    )
    assert code == 0
    assert "Pengeluaran per Kapita Disesuaikan" in out
    assert words_of(out, "6203")[0].startswith("6203 Kapuas 1 Pengeluaran")
    assert "ipg (edisi bps): 166 wilayah-tahun diperingkat" in out and "region-periods" not in out
    assert run(capsys, "priorities", "hdi", "--input", KALTENG, "--edition", "bps")[0] == 2


# ------------------------------------------------------------------ editions


def test_editions_lists_editions_and_every_constant_with_its_source(capsys):
    code, out, err = run(capsys, "editions")
    assert code == 0, err
    for id in gendex.editions():
        assert id in out
    code, out, err = run(capsys, "editions", "--show", "hdr2025")
    assert code == 0, err
    assert "gii_parliament_floor = 0.01 percent\n" in out
    assert "ppp_base_year = 2021 year\n" in out
    for name, source in gendex.edition("hdr2025").sources.items():
        assert f"    source: {source}\n" in out, name
    assert run(capsys, "editions", "--show", "nope")[0] == 2


# --------------------------------------------------------------------- files


def _null_device(path: Path) -> bool:
    """A character device with /dev/null's numbers in the test's folder; only root may make one."""
    try:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except PermissionError:
        return False
    return True


def test_output_to_a_device_node_keeps_the_device(capsys, tmp_path):
    dev = tmp_path / "fake-null"
    if not _null_device(dev):
        pytest.skip("mknod needs root")
    code, out, err = run(capsys, "convert", "--input", KALTENG, "--output", dev)
    assert code == 0, err
    assert "wrote 2490 observations" in out
    assert stat.S_ISCHR(os.lstat(dev).st_mode)
    code, _, err = run(capsys, "audit", "--input", KALTENG, "--output", dev)
    assert code == 0, err
    assert stat.S_ISCHR(os.lstat(dev).st_mode)


def test_output_dash_writes_to_standard_output_and_messages_to_stderr(tmp_path):
    source = tmp_path / "in.csv"
    source.write_text("region,period,sex,indicator,value\n6203,2021,female,parliament_share,10\n")
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(Path(gendex.__file__).parents[1]), os.environ.get("PYTHONPATH", "")]),
    }
    done = subprocess.run(
        [sys.executable, "-m", "gendex.cli", "convert", "--input", str(source), "--output", "-"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "region,period,sex,indicator,value\n6203,2021,female,parliament_share,10\n"
    assert "wrote 1 observations to -" in done.stderr
    assert not (tmp_path / "-").exists()


def test_outputs_keep_fifos_links_and_permissions(capsys, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    code, _, err = run(capsys, "priorities", "ipg", "--input", KALTENG, "--output", fifo)
    if code != 0:  # the command never opened the pipe: release the reader
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
    reader.join(timeout=30)
    assert code == 0, err
    assert received[0].startswith(b"region,period,index,component,value,at_parity,gain,rank\n")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    private = tmp_path / "private.csv"
    private.write_text("old\n")
    private.chmod(0o600)
    (tmp_path / "link.csv").symlink_to("private.csv")
    assert run(capsys, "audit", "--input", KALTENG, "--output", tmp_path / "link.csv")[0] == 0
    assert (tmp_path / "link.csv").is_symlink()
    assert stat.S_IMODE(os.lstat(private).st_mode) == 0o600
    assert private.read_text().startswith("region,period,indicator,")
    (tmp_path / "dangling.csv").symlink_to("nowhere.csv")
    code, _, err = run(capsys, "audit", "--input", KALTENG, "--output", tmp_path / "dangling.csv")
    assert code == 2 and "symbolic link to a file that does not exist" in err
    code, _, err = run(capsys, "audit", "--input", KALTENG, "--output", tmp_path)
    assert code == 2 and "is a folder" in err
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


# ------------------------------------------------------------- office tables


def _offices(folder: Path) -> Path:
    folder.mkdir()
    (folder / "disdik.csv").write_text(
        "Jumlah Guru menurut Jenjang Pendidikan 2023\nJenjang;L;P;Jumlah\nSD;120;310;430\nSMP;85;90;170\n"
    )
    (folder / "dukcapil.csv").write_text(
        "Jumlah Penduduk menurut Jenis Kelamin 2023\n"
        "Kecamatan;Laki-laki;Perempuan;Jumlah\nSelat;1.204;1.310;2.514\n"
        "Kapuas Hilir;1.000;1.100;2.100\nSumber: Dukcapil\n"
    )
    (folder / "dinsos.csv").write_text("Jumlah Penerima Bantuan 2023\nKecamatan;Jumlah\nSelat;300\n")
    return folder


def test_audit_of_a_folder_of_office_tables(capsys, tmp_path):
    folder = _offices(tmp_path / "masuk")
    out_file = tmp_path / "audit.csv"
    code, out, err = run(capsys, "audit", "--input", folder, "--expected", "teachers,pupils", "--output", out_file)
    assert code == 0, err
    # Three files: the expected indicator nobody sent (a row without a file) is not a fourth file, but is
    # one of the four indicators (teachers, population, the unmapped bantuan table's, pupils).
    assert "Sex-disaggregated data audit: 3 files, 3 tables, 4 indicators." in out
    rows = table(out, "Per file, sheet and indicator", left=6)
    assert {(r["file"], r["status"]) for r in rows} >= {
        ("disdik.csv", "disaggregated"),
        ("disdik.csv", "sum_mismatch"),
        ("dinsos.csv", "totals_only"),
    }
    frame = pd.read_csv(out_file, dtype=str, keep_default_na=False)
    assert list(frame.columns) == ["file", "sheet", "indicator", "status", "cell", "detail"]
    mismatch = frame[frame["status"] == "sum_mismatch"].iloc[0]
    assert (mismatch["file"], mismatch["cell"]) == ("disdik.csv", "D4")
    assert "no office sent pupils" in set(frame["detail"])
    code, out, _ = run(capsys, "audit", "--input", folder, "--lang", "id")
    assert code == 0 and "Audit data terpilah: 3 berkas" in out
    # input it cannot read: exit 2
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "x.csv").write_text("nothing here\n1;2\n")
    code, _, err = run(capsys, "audit", "--input", broken, "--output", tmp_path / "b.csv")
    assert code == 2 and "x.csv" in err
    assert not (tmp_path / "b.csv").exists()
    assert run(capsys, "audit", "--input", tmp_path / "nowhere", "--input-format", "table")[0] == 2


def test_template_then_convert_office_tables(capsys, tmp_path):
    form = tmp_path / "form.xlsx"
    code, out, err = run(
        capsys,
        "template",
        "--indicators",
        "population,teachers",
        "--areas",
        "Selat,Kapuas Hilir",
        "--period",
        "2024",
        "--output",
        form,
    )
    assert code == 0, err
    assert "wrote a form of 2 indicators and 2 areas" in out
    from openpyxl import load_workbook

    book = load_workbook(form)
    assert book.sheetnames == ["Petunjuk", "population", "teachers"]
    assert book["population"]["A4"].value == "Selat"
    code, _, err = run(
        capsys, "template", "--indicators", "no_such_thing", "--areas", "Selat", "--output", tmp_path / "bad.xlsx"
    )
    assert code == 2 and "no_such_thing" in err
    assert not (tmp_path / "bad.xlsx").exists()
    folder = _offices(tmp_path / "masuk")
    out_file = tmp_path / "tidy.csv"
    code, out, err = run(capsys, "convert", "--input", folder, "--output", out_file)
    assert code == 0, err
    ds = gendex.read_csv(out_file)
    assert ds.value("Selat", 2023, "female", "population") == 1310
    assert "disdik.csv: 'teachers' is not an indicator gendex computes with; left out" in err


# -------------------------------------------------------------------- report


def test_report_writes_the_workbook_and_the_page(capsys, tmp_path):
    code, out, err = run(
        capsys,
        "report",
        "--input",
        KALTENG,
        "--regions",
        REGIONS,
        "--focus",
        "Kapuas",
        "--index",
        "ipg,idg",
        "--output",
        tmp_path / "r",
    )
    assert code == 0, err
    assert out == f"wrote {tmp_path / 'r' / 'report.xlsx'}\nwrote {tmp_path / 'r' / 'report.html'}\n"
    assert (tmp_path / "r" / "report.xlsx").stat().st_size > 0
    assert "Kapuas" in (tmp_path / "r" / "report.html").read_text(encoding="utf-8").title()
    code, _, err = run(capsys, "report", "--input", KALTENG, "--regions", REGIONS, "--focus", "Atlantis")
    assert code == 2 and "Atlantis" in err


def test_bps_codes_get_their_names_without_regions(capsys):
    """BPS's hierarchy is installed with gendex: a tidy file of BPS codes prints names, and --show takes one."""
    assert gendex.read_indonesia_regions().by_name("Kapuas").code == "6203"
    code, out, err = run(capsys, "compute", "ipg", "--input", KALTENG, "--show", "Kapuas")
    assert code == 0, err
    [kapuas] = table(out, "Indeks Pembangunan Gender (BPS), 2021")
    assert (kapuas["region"], kapuas["name"], kapuas["ipg recomputed"]) == ("6203", "Kapuas", "95.33")
