"""Shared fixtures of the gendex pytest suite: the bundled data files and small hand-made Datasets."""

from __future__ import annotations

from pathlib import Path

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
