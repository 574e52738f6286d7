"""gendex.plot draws what it is given (Agg backend, no display)."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
from conftest import tidy

import gendex

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from gendex.plot import plot_coverage, plot_parity, plot_priorities  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_import_gendex_does_not_import_matplotlib():
    code = "import sys, gendex, gendex.plot; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_plot_parity_bars_the_latest_period():
    ds = gendex.Dataset.from_frame(
        tidy(
            [
                ("A", 2019, "F", "life_expectancy", 70.0),
                ("A", 2019, "M", "life_expectancy", 70.0),
                ("A", 2020, "F", "life_expectancy", 75.0),
                ("A", 2020, "M", "life_expectancy", 70.0),
                ("B", 2020, "F", "life_expectancy", 60.0),
                ("B", 2020, "M", "life_expectancy", 80.0),
            ]
        )
    )
    df = gendex.parity(ds, "life_expectancy")
    ax = plot_parity(df)
    widths = sorted(p.get_width() for p in ax.patches)
    assert widths == [0.75, 2 - 70 / 75]
    assert ax.get_title() == "life_expectancy, 2020"
    ax = plot_parity(df, period=2019, metric="difference")
    assert [p.get_width() for p in ax.patches] == [0.0]
    with pytest.raises(gendex.InputError, match="unknown metric"):  # a GendexError, and a ValueError
        plot_parity(df, metric="gap")


def test_plot_parity_needs_an_indicator_when_several(hdr25):
    df = gendex.parity(hdr25.filter(periods=2023), ["life_expectancy", "mean_schooling"])
    with pytest.raises(gendex.InputError, match="holds 2 indicators"):
        plot_parity(df)
    _, ax = plt.subplots()
    assert plot_parity(df, indicator="mean_schooling", ax=ax) is ax
    assert len(ax.patches) == len(df[df["indicator"] == "mean_schooling"])


def test_plot_coverage_stacks_to_100_percent():
    ds = gendex.Dataset.from_frame(
        tidy(
            [
                ("A", 2020, "F", "labour_force_participation", 50.0),
                ("A", 2020, "M", "labour_force_participation", 80.0),
                ("B", 2020, "T", "labour_force_participation", 65.0),
                ("C", 2020, "F", "labour_force_participation", 45.0),
                ("D", 2020, "T", "population", 1.0),
            ]
        )
    )
    report = gendex.audit(ds, ["labour_force_participation"])
    ax = plot_coverage(report)
    # One bar per category: disaggregated, complement (none: LFPR is not a share of a whole),
    # partial, total only, missing (D), each a quarter.
    assert [p.get_width() for p in ax.patches] == [25.0, 0.0, 25.0, 25.0, 25.0]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "disaggregated",
        "complement",
        "partial",
        "total only",
        "missing",
    ]
    ax = plot_coverage(report.by_level)
    assert np.isclose(sum(p.get_width() for p in ax.patches), 100.0)
    with pytest.raises(gendex.InputError, match="unknown summary"):
        plot_coverage(report, by="region")


def test_plot_priorities_puts_the_largest_gain_on_top():
    rows = [
        ("A", 2022, "F", "maternal_mortality", 200.0),
        ("A", 2022, "F", "adolescent_birth_rate", 50.0),
        ("A", 2022, "F", "parliament_share", 20.0),
        ("A", 2022, "M", "parliament_share", 80.0),
        ("A", 2022, "F", "secondary_education", 70.0),
        ("A", 2022, "M", "secondary_education", 60.0),
        ("A", 2022, "F", "labour_force_participation", 45.0),
        ("A", 2022, "M", "labour_force_participation", 75.0),
    ]
    gains = gendex.priorities("gii", tidy(rows), lang="en").frame
    ax = plot_priorities(gains, "A")
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[-1] == "Reproductive health"  # rank 1, drawn last: the top bar
    widths = {t.get_text(): p.get_width() for t, p in zip(ax.get_yticklabels(), ax.patches)}
    ranked = gains.set_index("component_label")["gain"]
    for label, width in widths.items():
        assert width == ranked[label]
    assert ax.get_title().startswith("A, 2022: gii ")
    with pytest.raises(gendex.InputError, match="no parity gains for region 'B'"):
        plot_priorities(gains, "B")
