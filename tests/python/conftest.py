"""Shared fixtures of the gendex pytest suite: the bundled data files and small hand-made Datasets."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import gendex

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "data"

HDR_FILES = [
    DATA / "undp" / "HDR21-22_Composite_indices_complete_time_series.csv",
    DATA / "undp" / "HDR23-24_Composite_indices_complete_time_series.csv",
    DATA / "undp" / "HDR25_Composite_indices_complete_time_series.csv",
]
HDR25 = HDR_FILES[2]


@pytest.fixture(scope="session")
def hdr25() -> gendex.Dataset:
    """The HDR25 composite-indices file read once per session."""
    return gendex.read_hdr(HDR25)


@pytest.fixture(scope="module")
def indonesia() -> gendex.RegionHierarchy:
    """BPS's region hierarchy of Indonesia, as installed in data/bps."""
    return gendex.read_indonesia_regions(DATA)


@pytest.fixture(scope="module")
def kalteng() -> gendex.Dataset:
    """BPS's IPM/IPG/IDG table of Kalimantan Tengah, 2010-2021 (data/bps)."""
    return gendex.read_csv(DATA / "bps" / "kalteng_2010_2021.csv")


def tidy(rows: list[tuple]) -> pd.DataFrame:
    """A tidy frame from (region, period, sex, indicator, value) tuples."""
    return pd.DataFrame(rows, columns=["region", "period", "sex", "indicator", "value"])


@pytest.fixture
def small() -> gendex.Dataset:
    """Six rows using every optional column somewhere."""
    df = pd.DataFrame(
        {
            "region": ["IDN", "IDN", "IDN", "MYS", "MYS", "IDN"],
            "period": [2020, 2020, 2020, 2020, 2021, 2021],
            "sex": ["female", "male", "total", "F", "M", "P"],
            "indicator": ["life_expectancy"] * 5 + ["labour_force_participation"],
            "value": [73.5, 69.5, 71.5, 77.25, 72.0, 53.1],
            "age_group": ["", "", "", "", "", "15+"],
            "se": [0.1, float("nan"), 0.05, float("nan"), float("nan"), 0.4],
            "unit": ["years", "years", "years", "", "", "%"],
            "source": ["BPS", "BPS", "BPS", "DOSM", "DOSM", "Sakernas"],
        }
    )
    return gendex.Dataset.from_frame(df)


#: The columns of data/bps/ikg_published.csv that hold the IKG's inputs: column -> (sex, indicator).
IKG_PUBLISHED_COLUMNS = {
    "mtf_pct": ("F", "births_outside_facility"),
    "mhpk20_pct": ("F", "first_birth_before_20"),
    "parlemen_p_pct": ("F", "parliament_share"),
    "parlemen_l_pct": ("M", "parliament_share"),
    "sma_p_pct": ("F", "upper_secondary_education"),
    "sma_l_pct": ("M", "upper_secondary_education"),
    "tpak_p_pct": ("F", "labour_force_participation"),
    "tpak_l_pct": ("M", "labour_force_participation"),
}


def central_differences(index: str, data: gendex.Dataset, edition: str, indicator: str, sex: str, eps: float = 1e-6):
    """d index / d input by central differences, the input scaled by 1 -/+ eps in every unit at once."""
    frame = data.to_frame()
    rows = (frame.indicator == indicator) & (frame.sex == sex)
    base = frame.loc[rows, "value"].to_numpy()
    top = gendex.IndicatorRegistry.standard()[indicator].max
    results = []
    for sign in (-1.0, 1.0):
        f = frame.copy()
        f.loc[rows, "value"] = np.minimum(base * (1 + sign * eps), top)  # a share stays <= 100 (left out below)
        wide = gendex.compute(index, gendex.Dataset.from_frame(f), edition).frame
        results.append(wide[(wide.indicator == index) & (wide.sex == "total")].set_index(["region", "period"])["value"])
    step = frame.loc[rows].assign(step=2 * eps * base).set_index(["region", "period"])["step"]
    return ((results[1] - results[0]) / step).dropna()


def compare_with_differences(index: str, data: gendex.Dataset, edition: str, keep: tuple[str, ...] = ()) -> int:
    """Every differentiable (side both) gradient against central differences, 1e-6 relative.

    A unit within the step of a kink (a cap, a floor, a share at 0 or 100) is not differentiable
    over the step; those are at most 2 % of a column and off by more than 1e-2. The step is 1e-5 of
    the input: an input of elasticity 5e-5 (men's income in the GEM of a country where women earn
    little) moves the index by 1e-14 over a step of 1e-6, where the rounding of the index alone
    is 1e-6 of the difference. ``keep``: indicators the index reads besides its inputs (flags).
    Returns how many gradients matched.
    """
    e = gendex.elasticities(index, data, edition)
    assert len(e) > 0, index
    data = data.filter(indicators=sorted(set(e["indicator"]) | set(keep)))  # the inputs only: faster differences
    checked = 0
    for (indicator, sex), part in e.groupby(["indicator", "sex"]):
        part = part[part["side"] == "both"].set_index(["region", "period"])
        fd = central_differences(index, data, edition, indicator, sex, eps=1e-5)
        both = part.join(fd.rename("fd"), how="inner")
        top = gendex.IndicatorRegistry.standard()[indicator].max
        inside = both[(both["value"] < top * (1 - 1e-4)) & (both["value"] > 0)]
        scale = np.maximum(inside["gradient"].abs(), 1e-9)
        relative = (inside["gradient"] - inside["fd"]).abs() / scale
        smooth = relative[relative < 1e-2]
        assert len(smooth) >= 0.98 * len(relative), (index, indicator, sex)
        if len(smooth):
            assert float(smooth.max()) <= 1e-6, (index, indicator, sex, float(smooth.max()))
        checked += len(smooth)
    return checked


FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "micro" / "survey.csv"
FILE_COLUMNS = ["weight", "stratum", "psu", "sex", "age", "y", "in_lf"]


@pytest.fixture(scope="session")
def file_survey() -> pd.DataFrame:
    """The survey fixture's columns a file test reads, numbers as doubles."""
    df = pd.read_csv(FIXTURE)[FILE_COLUMNS]
    for c in ["weight", "y", "in_lf"]:  # SPSS and Stata store numbers as doubles: keep the frame alike
        df[c] = df[c].astype(np.float64)
    return df


@pytest.fixture(scope="session")
def survey_files(file_survey: pd.DataFrame, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The survey fixture as Parquet (row groups of 400), SPSS, Stata, CSV and a folder of two Parquet files."""
    pyreadstat = pytest.importorskip("pyreadstat")
    folder = tmp_path_factory.mktemp("files")
    out = {
        "parquet": folder / "survey.parquet",
        "sav": folder / "survey.sav",
        "dta": folder / "survey.dta",
        "csv": folder / "survey.csv",
    }
    file_survey.to_parquet(out["parquet"], row_group_size=400)
    pyreadstat.write_sav(file_survey, str(out["sav"]))
    pyreadstat.write_dta(file_survey, str(out["dta"]))
    file_survey.to_csv(out["csv"], index=False)
    parts = folder / "parts"
    parts.mkdir()
    file_survey.iloc[:2600].to_parquet(parts / "a.parquet", row_group_size=1000)
    file_survey.iloc[2600:].to_parquet(parts / "b.parquet", row_group_size=1000)
    out["folder"] = parts
    return out
