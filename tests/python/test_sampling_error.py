"""Significance of a change and rank probabilities (gendex._sampling_error): hand-computed cases and a
survey example against brute-force replicates (each replicate recomputed as a weighted full sample)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import gendex

micro = pytest.importorskip("gendex.micro")
import test_micro_indices  # noqa: E402 - after the skip
from test_micro_indices import BOOT, COLUMNS, GIVEN  # noqa: E402

#: The survey of test_micro_indices (the R reference survey with births columns), shared.
survey_frame = pytest.fixture(scope="module", name="survey_frame")(test_micro_indices.survey.__wrapped__)


def index_rows(period: int, values: list[float], ses: list[float]) -> pd.DataFrame:
    return pd.DataFrame(
        {"region": ["A", "B", "C"], "period": period, "sex": "total", "indicator": "gii", "value": values, "se": ses}
    )


def test_significance_by_hand():
    # A: 0.400 -> 0.350, se = sqrt(0.03^2 + 0.04^2) = 0.05, z = -0.05/0.05 = -1,
    #    p = 2 (1 - Phi(1)) = erfc(1/sqrt 2) = 0.3173105: not significant at 95 % (z* = 1.959964).
    # B: 0.300 -> 0.200, se = sqrt(0.012^2 + 0.016^2) = 0.02, z = -5, p = 5.733e-7: significant.
    # C: 0.250 -> 0.250: z = 0, p = 1.
    t = gendex.significant_change(
        index_rows(2022, [0.40, 0.30, 0.25], [0.03, 0.012, 0.01]),
        index_rows(2023, [0.35, 0.20, 0.25], [0.04, 0.016, 0.01]),
    ).set_index("region")
    assert list(t.columns) == list(gendex._sampling_error.SIGNIFICANCE_COLUMNS[1:])
    assert t.loc["A", "se"] == pytest.approx(0.05, rel=1e-14)
    assert t.loc["A", "statistic"] == pytest.approx(-1.0, rel=1e-12)
    assert t.loc["A", "p_value"] == pytest.approx(0.31731050786291415, rel=1e-12)
    assert t.loc["B", "statistic"] == pytest.approx(-5.0, rel=1e-12)
    assert t.loc["B", "p_value"] == pytest.approx(5.733031437583878e-07, rel=1e-9)
    assert t.loc["C", "statistic"] == 0.0 and t.loc["C", "p_value"] == 1.0
    assert t["critical"].iloc[0] == pytest.approx(1.959963984540054, rel=1e-14)
    assert t["significant"].tolist() == [False, True, False]
    # At 60 % (z* = 0.841621) A's change of one se is significant.
    assert gendex.significant_change(
        index_rows(2022, [0.40, 0.30, 0.25], [0.03, 0.012, 0.01]),
        index_rows(2023, [0.35, 0.20, 0.25], [0.04, 0.016, 0.01]),
        level=0.6,
    )["significant"].tolist() == [True, True, False]


def test_significance_errors():
    earlier = index_rows(2022, [0.40, 0.30, 0.25], [0.03, 0.012, np.nan])
    later = index_rows(2023, [0.35, 0.20, 0.25], [0.04, 0.016, 0.01])
    with pytest.raises(gendex.InputError, match=r"earlier row region 'C', indicator 'gii' \(total\) has no standard"):
        gendex.significant_change(earlier, later)
    with pytest.raises(gendex.InputError, match="must hold one period"):
        gendex.significant_change(pd.concat([later, later.assign(period=2024)]), later)
    with pytest.raises(gendex.InputError, match="level must be between 0 and 1"):
        gendex.significant_change(later, later, level=1.5)
    with pytest.raises(gendex.InputError, match="Datasets carry no replicates"):
        gendex.significant_change(later, later, assumption="same_replicates")


def brute_force(survey_frame: pd.DataFrame, index: str, period: int) -> pd.DataFrame:
    """The index per region on every bootstrap replicate, each a weighted full sample: replicate x region."""
    values = []
    for col in BOOT:
        rep = survey_frame[survey_frame[col] > 0]
        point = micro.index_uncertainty(
            micro.Design(rep, weight=col),
            index,
            GIVEN,
            period,
            "region",
            "sex",
            replicates=2,
            empty="no_estimate",
            **COLUMNS,
        ).frame
        values.append(point[(point["indicator"] == index) & (point["sex"] == "total")].set_index("region")["estimate"])
    return pd.DataFrame(values).reset_index(drop=True)


@pytest.fixture(scope="module")
def two_periods(survey_frame):
    """The survey (2022) and a later panel wave (2023: the same PSUs and bootstrap weights, other LFP)."""
    survey = survey_frame
    later = survey.assign(in_lf=survey["in_lf"].where(survey["age"] % 3 != 0, 1 - survey["in_lf"]))
    results = []
    for frame, period in ((survey, 2022), (later, 2023)):
        d = micro.Design(frame, weight="weight", replicate_weights=BOOT, replicate_type="bootstrap")
        results.append(micro.index_uncertainty(d, "gii", GIVEN, period, "region", "sex", **COLUMNS))
    return survey, later, results[0], results[1]


def test_significance_of_a_survey_change_against_brute_force_replicates(two_periods):
    survey_a, survey_b, a, b = two_periods
    t = gendex.significant_change(a, b, assumption="same_replicates")
    t = t[(t["indicator"] == "gii") & (t["sex"] == "total")].set_index("region")
    # Brute force: the replicate differences' bootstrap variance, sum (d - mean d)^2 / (R - 1).
    diff = brute_force(survey_b, "gii", 2023) - brute_force(survey_a, "gii", 2022)
    se = np.sqrt(((diff - diff.mean()) ** 2).sum() / (len(BOOT) - 1))
    np.testing.assert_allclose(t["se"], se.loc[t.index], rtol=1e-10)
    z = t["change"] / se.loc[t.index]
    np.testing.assert_allclose(t["statistic"], z, rtol=1e-10)
    assert (t["significant"] == (z.abs() > 1.959963984540054)).all()
    # The survey example has both outcomes.
    assert t["significant"].any() and not t["significant"].all()
    p = np.array([math.erfc(abs(v) / math.sqrt(2)) for v in z])
    np.testing.assert_allclose(t["p_value"], p, rtol=1e-9)
    # Independent samples: se = sqrt(se_a^2 + se_b^2).
    ind = gendex.significant_change(a, b)
    ind = ind[(ind["indicator"] == "gii") & (ind["sex"] == "total")]
    fa, fb = (r.frame[(r.frame["indicator"] == "gii") & (r.frame["sex"] == "total")] for r in (a, b))
    np.testing.assert_allclose(ind["se"], np.hypot(fa["se"], fb["se"]), rtol=1e-14)


def test_rank_probabilities_by_hand():
    # Five replicates, GII (lower is better): ranks A 1,1,2,1; B 2,3,1,2; C 3,2,3,3 (replicate 5
    # ties A and B at 0.33: both rank 1, C 3). Frequencies over 5: A 1: 4/5, 2: 1/5; B 1: 2/5,
    # 2: 2/5, 3: 1/5; C 2: 1/5, 3: 4/5.
    reps = pd.DataFrame(
        {"A": [0.30, 0.31, 0.36, 0.32, 0.33], "B": [0.35, 0.40, 0.33, 0.34, 0.33], "C": [0.41, 0.39, 0.42, 0.45, 0.5]}
    )
    p = gendex.rank_probabilities(reps, "gii", 2023, estimates=[0.32, 0.35, 0.42])
    got = {(r, int(k)): float(v) for r, k, v in zip(p["region"], p["rank"], p["probability"])}
    assert got == {
        ("A", 1): 0.8,
        ("A", 2): 0.2,
        ("B", 1): 0.4,
        ("B", 2): 0.4,
        ("B", 3): 0.2,
        ("C", 2): 0.2,
        ("C", 3): 0.8,
    }
    assert p.groupby("region")["probability"].sum().tolist() == pytest.approx([1.0, 1.0, 1.0], abs=1e-15)
    assert p.set_index("region")["estimate_rank"].groupby(level=0).first().tolist() == [1, 2, 3]
    # Higher is better for the IPG: the order reverses. GDI: nearest 1 first.
    q = gendex.rank_probabilities(reps * 300, "ipg")
    assert q[(q["region"] == "C") & (q["rank"] == 1)]["probability"].item() == 0.8
    gdi = gendex.rank_probabilities(pd.DataFrame({"A": [0.98], "B": [1.01], "C": [1.05]}), "gdi")
    assert gdi.set_index("region")["rank"].to_dict() == {"A": 2, "B": 1, "C": 3}
    # A replicate without a region's value is left out, and counted.
    holes = reps.copy()
    holes.loc[4, "B"] = np.nan
    h = gendex.rank_probabilities(holes, "gii")
    assert h.attrs["replicates_dropped"] == 1
    assert h[(h["region"] == "A") & (h["rank"] == 1)]["probability"].item() == 0.75
    with pytest.raises(gendex.InputError, match="needs index="):
        gendex.rank_probabilities(reps)


def test_rank_probabilities_of_a_survey_against_brute_force_replicates(two_periods):
    survey_a, _, a, b = two_periods
    p = gendex.rank_probabilities([a, b])
    assert sorted(p["period"].unique()) == [2022, 2023]
    one = p[p["period"] == 2022]
    # Brute force: every replicate recomputed, ranked with pandas (lowest GII first, ties "min");
    # a replicate where a region has no GII (no sampled woman of an age group) is left out.
    values = brute_force(survey_a, "gii", 2022)
    complete = values.dropna()
    assert gendex.rank_probabilities(a).attrs["replicates_dropped"] == len(values) - len(complete)
    assert len(complete) >= 10
    ranks = complete.rank(axis=1, method="min").astype(int)
    expected = {
        (region, int(k)): n / len(complete) for region in ranks.columns for k, n in ranks[region].value_counts().items()
    }
    got = {(r, int(k)): float(v) for r, k, v in zip(one["region"], one["rank"], one["probability"])}
    assert got == pytest.approx(expected, rel=1e-15)
    # Some rank is uncertain: a region with more than one rank of positive probability.
    assert (one.groupby("region").size() > 1).any()
    point = a.frame[(a.frame["indicator"] == "gii") & (a.frame["sex"] == "total")]
    expected_point = point.set_index("region")["estimate"].rank(method="min").astype(int)
    assert one.groupby("region")["estimate_rank"].first().to_dict() == expected_point.to_dict()


def test_rank_interval_plot():
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    import gendex.plot

    reps = pd.DataFrame({"A": [0.30, 0.31, 0.36, 0.32], "B": [0.35, 0.40, 0.33, 0.34], "C": [0.41, 0.39, 0.42, 0.45]})
    p = gendex.rank_probabilities(reps, "gii", 2023, estimates=[0.32, 0.35, 0.42])
    fig = gendex.plot.plot_rank_intervals(p, level=0.5)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["A", "B", "C"]
    # At 50 %: quantiles 0.25 and 0.75 of each rank distribution. A: P(1) = 3/4 -> [1, 1];
    # B: P(1) = 1/4, P(2) = 1/2, P(3) = 1/4 -> [1, 2] (cumulative 0.25 reaches 0.25 at rank 1).
    lines = [line.get_xdata() for line in ax.get_lines() if line.get_linestyle() == "-"]
    assert [list(map(float, x)) for x in lines] == [[1.0, 1.0], [1.0, 2.0], [2.0, 3.0]]
    with pytest.raises(gendex.InputError, match="no rows for period 2020"):
        gendex.plot.plot_rank_intervals(p, period=2020)


def test_cli_significance_and_ranks(capsys, tmp_path):
    from gendex.cli import main

    earlier, later = tmp_path / "earlier.csv", tmp_path / "later.csv"
    index_rows(2022, [0.40, 0.30, 0.25], [0.03, 0.012, 0.01]).to_csv(earlier, index=False)
    index_rows(2023, [0.35, 0.20, 0.25], [0.04, 0.016, 0.01]).to_csv(later, index=False)
    out_csv = tmp_path / "test.csv"
    assert main(["analyse", "significance", "--earlier", str(earlier), "--input", str(later), "-o", str(out_csv)]) == 0
    table = pd.read_csv(out_csv)
    assert table["significant"].tolist() == [False, True, False]
    assert table["statistic"].round(12).tolist() == [-1.0, -5.0, 0.0]
    assert main(["analyse", "significance", "--input", str(later)]) == 2
    assert "--earlier FILE is required" in capsys.readouterr().err
    # Ranks from a CSV of replicate values (a 'replicate' label column is not a region).
    reps = tmp_path / "reps.csv"
    pd.DataFrame({"replicate": [1, 2, 3, 4], "A": [0.30, 0.31, 0.36, 0.32], "B": [0.35, 0.40, 0.33, 0.34]}).to_csv(
        reps, index=False
    )
    ranks_csv = tmp_path / "ranks.csv"
    assert main(["analyse", "ranks", "gii", "--input", str(reps), "--period", "2023", "-o", str(ranks_csv)]) == 0
    ranks = pd.read_csv(ranks_csv)
    # A first in replicates 1, 2 and 4: 3/4.
    assert ranks[(ranks["region"] == "A") & (ranks["rank"] == 1)]["probability"].item() == 0.75
    assert set(ranks["period"]) == {2023}
