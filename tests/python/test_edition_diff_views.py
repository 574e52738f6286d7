"""The edition diff as a plot (gendex.plot.plot_edition_diff) and from the CLI (gendex analyse edition-diff)."""

from __future__ import annotations

import matplotlib
import numpy as np
import pandas as pd
import pytest
from conftest import HDR_FILES

import gendex
import gendex.plot
from gendex.cli import main

matplotlib.use("Agg")

OLD, NEW = HDR_FILES[1], HDR_FILES[2]  # HDR 2023-24, HDR 2025


@pytest.fixture(scope="module")
def indonesia() -> pd.DataFrame:
    old = gendex.read_hdr(OLD).filter(regions="IDN")
    new = gendex.read_hdr(NEW).filter(regions="IDN")
    return gendex.edition_diff("hdi", (old, "hdr2023-24"), (new, "hdr2025"))


def test_plot_one_region_over_its_years(indonesia):
    fig = gendex.plot.plot_edition_diff(indonesia, "IDN")
    ax = fig.axes[0]
    assert ax.get_title() == "IDN: hdi, hdr2023-24 -> hdr2025"
    # Two bars a year (revision, method), 1990-2022 in both files.
    assert len(ax.patches) == 2 * len(indonesia) == 2 * 33
    revision = [p.get_width() for p in ax.patches[: len(indonesia)]]
    assert np.allclose(revision, indonesia.sort_values("period")["revision"], rtol=0, atol=0)
    # The method is the same in both editions: every method bar is 0 wide.
    assert all(p.get_width() == 0.0 for p in ax.patches[len(indonesia) :])
    # 2022: +0.013227 of data revision (the acceptance test in test_planning.py writes the parts out).
    assert revision[-1] == pytest.approx(0.013226769929490234, abs=1e-12)
    assert ax.get_yticklabels()[-1].get_text() == "2022"


def test_plot_one_year_across_regions_and_a_method_change():
    old = gendex.read_hdr(HDR_FILES[0])
    new = gendex.read_hdr(HDR_FILES[1])
    diff = gendex.edition_diff("gii", (old, "hdr2021-22"), (new, "hdr2023-24"))
    fig = gendex.plot.plot_edition_diff(diff, period=2021, top=5)
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    chosen = diff[diff["period"] == 2021].assign(size=lambda d: (d["new_value"] - d["old_value"]).abs())
    assert labels[::-1] == chosen.nlargest(5, "size")["region"].tolist()  # largest on top
    assert ax.get_title() == "2021: gii, hdr2021-22 -> hdr2023-24"
    with pytest.raises(gendex.InputError, match="no rows for region 'XXX'"):
        gendex.plot.plot_edition_diff(diff, "XXX")
    with pytest.raises(gendex.InputError, match="no rows for period 1800"):
        gendex.plot.plot_edition_diff(diff, period=1800)


def test_cli_edition_diff(tmp_path, capsys):
    out, png = tmp_path / "diff.csv", tmp_path / "idn.png"
    args = ["analyse", "edition-diff", "hdi", "--input-format", "hdr-wide", "--input", str(OLD)]
    args += ["--old-edition", "hdr2023-24", "--new", str(NEW), "--new-edition", "hdr2025"]
    code = main([*args, "--show", "Indonesia", "--plot", str(png), "--output", str(out)])
    assert code == 0, capsys.readouterr().err
    table = pd.read_csv(out).set_index("period")
    assert set(table["region"]) == {"IDN"}
    assert table.loc[2022, "old_value"] == pytest.approx(0.7125612324160966, abs=1e-12)
    assert table.loc[2022, "new_value"] == pytest.approx(0.7257880023455868, abs=1e-12)
    assert table.loc[2022, "method"] == 0.0
    assert png.stat().st_size > 1000 and png.read_bytes()[:4] == b"\x89PNG"
    assert main(args[:7]) == 2  # the older file alone
    assert "--new FILE, --old-edition ID and --new-edition ID are required" in capsys.readouterr().err
