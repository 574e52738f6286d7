"""Property tests (hypothesis, derandomized, bounded): scalar = batch, GDI parity, GII monotonicity,
row-order invariance of the survey estimators, archive and pickle round trips."""

from __future__ import annotations

import pickle
from functools import cache

import numpy as np
import pandas as pd
import pytest
from conftest import DATA, HDR25
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gendex
from gendex import micro

COLUMNS = ["region", "period", "sex", "indicator", "value"]
# Deterministic (same examples every run) and bounded, so the file runs in well under 30 s.
FAST = settings(derandomize=True, max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def frame(rows: list[tuple[object, ...]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=COLUMNS)


# ------------------------------------------------------------------ scalar = batch


@cache
def source(name: str) -> pd.DataFrame:
    """The tidy frame of a bundled data set: HDR25, or BPS's IPG and IDG component tables. (The bundled data
    have no inputs for IPM, IDG, IKG and GEM: no totals, purchasing power or IKG components.)"""
    if name == "hdr":
        return gendex.read_hdr(HDR25).to_frame()
    indonesia = gendex.read_indonesia_regions(DATA)
    tables = [
        gendex.read_bps_table(DATA / "bps" / f, indonesia).to_frame()
        for f in ("ipg_components_2010_2021.csv", "idg_components_2010_2021.csv")
    ]
    return pd.concat(tables, ignore_index=True)


@cache
def units(index: str, name: str) -> tuple[dict[tuple[str, int], np.ndarray], list[tuple[str, int]]]:
    """Row positions of every region-period of the source, and the region-periods `index` is computed for."""
    df = source(name)
    rows = {(str(r), int(p)): i for (r, p), i in df.groupby(["region", "period"]).indices.items()}
    done = gendex.compute(index, df).frame
    computed = sorted({(str(r), int(p)) for r, p in zip(done["region"], done["period"])})
    return rows, computed


def values_of(result: pd.DataFrame, region: str, period: int) -> pd.DataFrame:
    """One region-period's results, ranks left out (a rank depends on the others in the batch by definition)."""
    out = result[
        (result["region"] == region) & (result["period"] == period) & ~result["indicator"].str.endswith("_rank")
    ]
    return out.sort_values(["indicator", "sex"])[["indicator", "sex", "value"]].reset_index(drop=True)


@pytest.mark.parametrize(
    "index,name", [("hdi", "hdr"), ("gdi", "hdr"), ("gii", "hdr"), ("ihdi", "hdr"), ("ipg", "bps")]
)
@FAST
@given(data=st.data())
def test_one_region_period_alone_equals_it_inside_a_batch(index: str, name: str, data: st.DataObject) -> None:
    rows, computed = units(index, name)
    picked = data.draw(st.lists(st.sampled_from(computed), min_size=2, max_size=40, unique=True), label="batch")
    df = source(name)
    batch = gendex.compute(index, df.iloc[np.concatenate([rows[u] for u in picked])]).frame
    for region, period in picked[:4]:
        alone = gendex.compute(index, df.iloc[rows[(region, period)]]).frame
        a, b = values_of(alone, region, period), values_of(batch, region, period)
        assert len(a) > 0
        pd.testing.assert_frame_equal(a[["indicator", "sex"]], b[["indicator", "sex"]])
        # bit for bit: the scalar path and the (vectorised) batch path give the same doubles
        assert a["value"].to_numpy().tobytes() == b["value"].to_numpy().tobytes(), (region, period)


# ------------------------------------------------------------------ GDI parity


@pytest.mark.parametrize("edition", ["hdr2021-22", "hdr2023-24", "hdr2025"])
@FAST
@given(
    le=st.floats(25.0, 78.0),
    eys=st.floats(0.5, 20.0),
    mys=st.floats(0.5, 16.0),
    gni=st.floats(150.0, 90000.0),
)
def test_gdi_is_one_when_women_and_men_are_equal_up_to_the_life_expectancy_shift(
    edition: str, le: float, eys: float, mys: float, gni: float
) -> None:
    ed = gendex.edition(edition)
    shift = ed["life_expectancy_f_min"] - ed["life_expectancy_m_min"]
    assert shift == ed["life_expectancy_f_max"] - ed["life_expectancy_m_max"] == 5.0
    rows = []
    for sex, life in (("F", le + shift), ("M", le)):
        rows += [
            ("A", 2020, sex, "life_expectancy", life),
            ("A", 2020, sex, "expected_schooling", eys),
            ("A", 2020, sex, "mean_schooling", mys),
            ("A", 2020, sex, "gni_per_capita", gni),
        ]
    out = gendex.compute("gdi", frame(rows), edition, on_invalid="raise").frame
    gdi = out.loc[out["indicator"] == "gdi", "value"].item()
    assert gdi == pytest.approx(1.0, abs=4e-16)  # (le + 5 - 22.5) and (le - 17.5) may differ in the last bit


# ------------------------------------------------------------------ GII monotonicity

# (indicator, sex, +1 when more of it means a higher GII); parliament's male share is 100 - women's.
GII_DIRECTIONS = [
    ("maternal_mortality", "F", +1),
    ("adolescent_birth_rate", "F", +1),
    ("parliament_share", "F", -1),
    ("secondary_education", "F", -1),
    ("secondary_education", "M", +1),
    ("labour_force_participation", "F", -1),
    ("labour_force_participation", "M", +1),
]


def gii(inputs: dict[tuple[str, str], float], edition: str = "hdr2025") -> float:
    rows = [("A", 2020, sex, ind, v) for (ind, sex), v in inputs.items()]
    out = gendex.compute("gii", frame(rows), edition, on_invalid="raise").frame
    return float(out.loc[out["indicator"] == "gii", "value"].item())


@FAST
@given(
    mmr=st.floats(20.0, 900.0),
    abr=st.floats(2.0, 150.0),
    parliament=st.floats(2.0, 45.0),
    se_f=st.floats(5.0, 80.0),
    se_gap=st.floats(2.0, 20.0),
    lf_f=st.floats(10.0, 70.0),
    lf_gap=st.floats(2.0, 25.0),
    which=st.sampled_from(GII_DIRECTIONS),
    step=st.floats(0.5, 2.0),
)
def test_gii_moves_with_each_input_in_its_direction(
    mmr: float,
    abr: float,
    parliament: float,
    se_f: float,
    se_gap: float,
    lf_f: float,
    lf_gap: float,
    which: tuple[str, str, int],
    step: float,
) -> None:
    # Women behind men in every dimension, away from the floors (10 deaths, 0.1, 0.01 %) and caps (1000, 100 %).
    inputs = {
        ("maternal_mortality", "F"): mmr,
        ("adolescent_birth_rate", "F"): abr,
        ("parliament_share", "F"): parliament,
        ("parliament_share", "M"): 100.0 - parliament,
        ("secondary_education", "F"): se_f,
        ("secondary_education", "M"): se_f + se_gap,
        ("labour_force_participation", "F"): lf_f,
        ("labour_force_participation", "M"): lf_f + lf_gap,
    }
    indicator, sex, direction = which
    more = dict(inputs)
    more[(indicator, sex)] += step
    if indicator == "parliament_share":
        more[("parliament_share", "M")] -= step
    before, after = gii(inputs), gii(more)
    assert (after - before) * direction > 0, (which, before, after)


# ------------------------------------------------------------------ survey estimates: row order


@st.composite
def surveys(draw: st.DrawFn) -> pd.DataFrame:
    n_strata = draw(st.integers(1, 3))
    rows: list[tuple[int, int]] = []
    for s in range(n_strata):
        for p in range(draw(st.integers(2, 4))):
            rows += [(s, 10 * s + p)] * draw(st.integers(1, 5))
    n = len(rows)
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    df = pd.DataFrame(rows, columns=["stratum", "psu"])
    df["w"] = rng.uniform(0.5, 40.0, n)
    df["y"] = rng.normal(10.0, 3.0, n)
    df["z"] = rng.integers(0, 2, n).astype(float)
    df["x"] = rng.uniform(1.0, 5.0, n)
    df["sex"] = np.where(np.arange(n) % 2 == 0, "F", "M")  # both sexes in every stratum's PSUs
    df["region"] = rng.choice(["R1", "R2"], n)
    df.index = pd.Index([f"row{i}" for i in range(n)])
    return df


ESTIMATORS = [
    ("mean", lambda d, by, **kw: micro.mean(d, "y", by=by, **kw)),
    ("total", lambda d, by, **kw: micro.total(d, "y", by=by, **kw)),
    ("proportion", lambda d, by, **kw: micro.proportion(d, "z", by=by, **kw)),
    ("ratio", lambda d, by, **kw: micro.ratio(d, "y", "x", by=by, **kw)),
]


def assert_close(a: pd.DataFrame, b: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(a.drop(columns=["estimate", "se"]), b.drop(columns=["estimate", "se"]))
    for column in ("estimate", "se"):
        np.testing.assert_allclose(a[column].to_numpy(), b[column].to_numpy(), rtol=1e-12, atol=0)


@FAST
@given(df=surveys(), order=st.randoms(use_true_random=False), by=st.sampled_from([None, "sex", ["region", "sex"]]))
def test_survey_estimates_do_not_depend_on_row_order(df: pd.DataFrame, order: object, by: object) -> None:
    perm = list(range(len(df)))
    order.shuffle(perm)  # type: ignore[attr-defined]
    shuffled = df.iloc[perm]
    design = micro.Design(df, weight="w", strata="stratum", psu="psu", lonely_psu="adjust")
    again = micro.Design(shuffled, weight="w", strata="stratum", psu="psu", lonely_psu="adjust")
    for _, estimate in ESTIMATORS:
        assert_close(estimate(design, by), estimate(again, by))  # linearised
        boot = {"variance": "bootstrap", "replicates": 30, "seed": 11}
        assert_close(estimate(design, by, **boot), estimate(again, by, **boot))


# ------------------------------------------------------------------ archive and pickle round trips

INDICATORS = {  # id: (scope's sexes, value range)
    "life_expectancy": ("FMT", 20.0, 90.0),
    "mean_schooling": ("FMT", 0.0, 20.0),
    "gni_per_capita": ("FMT", 100.0, 1e5),
    "population": ("FMT", 0.0, 1e9),
    "maternal_mortality": ("F", 0.0, 2000.0),
    "parliament_share": ("FM", 0.0, 100.0),
}


@st.composite
def datasets(draw: st.DrawFn) -> pd.DataFrame:
    keys = draw(
        st.lists(
            st.tuples(
                st.sampled_from(["IDN", "MYS", "6203", "Côte d'Ivoire"]),
                st.integers(1990, 2030),
                st.sampled_from(sorted(INDICATORS)),
                st.sampled_from("FMT"),
                st.sampled_from(["", "15-24", "25+"]),
            ).filter(lambda k: k[3] in INDICATORS[k[2]][0]),
            min_size=1,
            max_size=30,
            unique_by=lambda k: (k[0], k[1], k[2], k[3], k[4]),
        )
    )
    with_se = draw(st.booleans())
    rows = []
    for region, period, indicator, sex, age in keys:
        _, lo, hi = INDICATORS[indicator]
        rows.append(
            {
                "region": region,
                "period": period,
                "sex": sex,
                "indicator": indicator,
                "value": draw(st.floats(lo, hi, allow_subnormal=False)),
                "age_group": age,
                "se": draw(st.floats(0.0, 10.0)) if with_se else np.nan,
                "unit": draw(st.sampled_from(["", "years", "persons"])),
                "source": draw(st.sampled_from(["", "BPS", "survey, 2023"])),
            }
        )
    df = pd.DataFrame(rows)
    return df if with_se else df.drop(columns="se")


@FAST
@given(df=datasets())
def test_archive_and_pickle_round_trips_give_the_same_dataset(df: pd.DataFrame) -> None:
    ds = gendex.Dataset.from_frame(df)
    for fmt in ("binary", "text"):
        back = gendex.Dataset.from_archive(ds.to_archive(fmt))
        assert back == ds
        pd.testing.assert_frame_equal(back.to_frame(), ds.to_frame())
    assert pickle.loads(pickle.dumps(ds)) == ds
    pd.testing.assert_frame_equal(pickle.loads(pickle.dumps(ds)).to_frame(), ds.to_frame())
